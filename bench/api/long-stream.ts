/**
 * Does command latency grow with the stream? One organization's stream gets 100,000 tag/untag
 * events on its root (the tags capability's own events, appended in batches); then the same
 * command (tagResource on the root) is timed there and in a new organization, alternately, by one
 * client, after an API restart so that neither state is in memory.
 */
import type { Pool } from 'pg';
import { EventStore } from '@orgs/shared/event-store';
import { organizationStreamId, type TagEvent } from '@orgs/organizations/domain';
import {
  LONG_MEASURED_COMMANDS,
  LONG_STREAM_EVENTS,
  LONG_STREAM_EVENTS_PER_APPEND,
  LONG_WARMUP_COMMANDS,
} from './config';
import { errorCodeOf, type GraphqlClient } from './http-client';
import { runOf, type LoadRun, type Outcome } from './load';
import type { BenchOrganization } from './organizations';

const SEED_KEY = 'bench-long-stream';
const TAG = `mutation($r: String!, $v: String!) { tagResource(input: { resourceId: $r, tags: [{ key: "bench-latency", value: $v }] }) { consistencyToken } }`;

/** Tagged, untagged, tagged...: the root's tags stay small, so only the stream's length grows. */
function seedEvent(rootId: string, n: number): TagEvent {
  return n % 2 === 0
    ? { type: 'ResourceTagged', data: { resourceId: rootId, resourceType: 'ROOT', tags: [{ key: SEED_KEY, value: `v${n}` }] } }
    : { type: 'ResourceUntagged', data: { resourceId: rootId, resourceType: 'ROOT', tagKeys: [SEED_KEY] } };
}

/** Appends LONG_STREAM_EVENTS events; returns the milliseconds it took. */
export async function seedLongStream(pool: Pool, organization: BenchOrganization): Promise<number> {
  const store = new EventStore(pool);
  const began = performance.now();
  for (let first = 0; first < LONG_STREAM_EVENTS; first += LONG_STREAM_EVENTS_PER_APPEND) {
    const count = Math.min(LONG_STREAM_EVENTS_PER_APPEND, LONG_STREAM_EVENTS - first);
    await store.append({
      tenantId: organization.tenantId,
      streamId: organizationStreamId(organization.organizationId),
      expectedVersion: 'any',
      events: Array.from({ length: count }, (_, i) => seedEvent(organization.rootId, first + i)),
      metadata: { correlationId: 'bench-api-seed', principal: 'bench-api' },
    });
  }
  return performance.now() - began;
}

let sequence = 0;

/** tagResource on the root with a value never used before, so that every call appends one event. */
export async function tagRoot(
  client: GraphqlClient,
  organization: BenchOrganization,
  timeoutMs?: number,
): Promise<Outcome> {
  const reply = await client.call(TAG, { r: organization.rootId, v: `v${sequence++}` }, organization.apiKey, timeoutMs);
  if (reply.status !== 200 || reply.errors)
    return { ms: reply.ms, error: errorCodeOf(reply.errors) ?? `HTTP ${reply.status}` };
  return { ms: reply.ms };
}

/** One command that must succeed; returns its latency. */
export async function timedTag(
  client: GraphqlClient,
  organization: BenchOrganization,
  timeoutMs?: number,
): Promise<number> {
  const outcome = await tagRoot(client, organization, timeoutMs);
  if (outcome.error) throw new Error(`tagResource on ${organization.label} failed: ${outcome.error}`);
  return outcome.ms;
}

export interface LongVsNew {
  long: LoadRun;
  fresh: LoadRun;
}

/** Alternating long, new, long, new..., one request at a time, so both see the same moments of the machine. */
export async function measureLongVsNew(
  client: GraphqlClient,
  long: BenchOrganization,
  fresh: BenchOrganization,
): Promise<LongVsNew> {
  for (let i = 0; i < LONG_WARMUP_COMMANDS; i++) {
    await timedTag(client, long);
    await timedTag(client, fresh);
  }
  const longOutcomes: Outcome[] = [];
  const freshOutcomes: Outcome[] = [];
  const began = performance.now();
  for (let i = 0; i < LONG_MEASURED_COMMANDS; i++) {
    longOutcomes.push(await tagRoot(client, long));
    freshOutcomes.push(await tagRoot(client, fresh));
  }
  const seconds = (performance.now() - began) / 1000;
  return { long: runOf(longOutcomes, seconds), fresh: runOf(freshOutcomes, seconds) };
}
