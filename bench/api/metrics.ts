/**
 * What the API's /metrics tells the benchmark: projection lag (to wait for seeded events) and the
 * number of SQL statements its read-model client sent (to count round trips per request).
 */
import { PROJECTION_TIMEOUT_MS } from './config';
import type { GraphqlClient } from './http-client';

/** The value of one sample of a Prometheus text exposition, or undefined. */
export function sampleValue(text: string, name: string, labels = ''): number | undefined {
  const prefix = labels ? `${name}{${labels}}` : name;
  for (const line of text.split('\n')) {
    if (line.startsWith(`${prefix} `)) return Number(line.slice(prefix.length + 1));
  }
  return undefined;
}

export async function scrape(client: GraphqlClient): Promise<string> {
  const { status, text } = await client.get('/metrics');
  if (status !== 200) throw new Error(`/metrics answered HTTP ${status}`);
  return text;
}

/** Read-model statements the API has sent (transaction control included) since it started. */
export async function apiStatements(client: GraphqlClient): Promise<number> {
  return sampleValue(await scrape(client), 'orgs_sql_statements_total', 'client="orgs-api"') ?? 0;
}

/** The API's appends and the calls that carried them so far: their ratio is the group commit's batch size. */
export async function apiAppends(client: GraphqlClient): Promise<{ appends: number; calls: number }> {
  const text = await scrape(client);
  return { appends: sampleValue(text, 'orgs_event_appends_total') ?? 0, calls: sampleValue(text, 'orgs_event_append_calls_total') ?? 0 };
}

/** Waits until the read models hold every appended event; returns the milliseconds it took. */
export async function waitForProjection(client: GraphqlClient, what: string): Promise<number> {
  const began = performance.now();
  let lag: number | undefined;
  let reported = began;
  for (;;) {
    lag = sampleValue(await scrape(client), 'orgs_projection_lag_positions', 'projection="read-models"');
    if (lag === 0) return performance.now() - began;
    const now = performance.now();
    if (now - began > PROJECTION_TIMEOUT_MS)
      throw new Error(`projection of ${what} still ${lag} positions behind after ${PROJECTION_TIMEOUT_MS} ms`);
    if (now - reported > 10_000) {
      console.error(`        projecting ${what}: ${lag} positions to go`);
      reported = now;
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/** How many read-model statements one call of `work` makes (the API must be otherwise idle). */
export async function statementsOf(client: GraphqlClient, work: () => Promise<unknown>): Promise<number> {
  const before = await apiStatements(client);
  await work();
  return (await apiStatements(client)) - before;
}
