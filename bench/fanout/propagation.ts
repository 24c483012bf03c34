/** Enabling or disabling a service and following its propagation through the progress query, as a client would. */
import type { GraphqlClient } from '../api/http-client';
import type { BenchOrganization } from '../api/organizations';
import { POLL_MS, PROPAGATION_TIMEOUT_MS } from './config';

export interface Progress {
  state: string;
  total: number;
  done: number;
  failed: number;
}

export interface PropagationRun {
  /** From the mutation being sent to the progress query answering COMPLETED with every account. */
  seconds: number;
  /** How many progress answers showed it under way (neither 0 nor done). */
  inProgressSamples: number;
  last: Progress;
}

const PROGRESS = `query($p: String!, $t: String) { describeServiceLinkedRolePropagation(servicePrincipal: $p, consistencyToken: $t) {
  propagation { state total done failed } } }`;

async function progress(client: GraphqlClient, organization: BenchOrganization, servicePrincipal: string, token: string): Promise<Progress | null> {
  const reply = await client.call<{ describeServiceLinkedRolePropagation: { propagation: Progress } }>(PROGRESS, { p: servicePrincipal, t: token }, organization.apiKey, 120_000);
  if (reply.errors?.[0]?.extensions?.code === 'ConsistencyTimeoutException') return null;
  if (!reply.data) throw new Error(`progress query failed: ${JSON.stringify(reply.errors)}`);
  return reply.data.describeServiceLinkedRolePropagation.propagation;
}

export async function propagate(
  client: GraphqlClient,
  organization: BenchOrganization,
  mutation: 'enableAWSServiceAccess' | 'disableAWSServiceAccess',
  servicePrincipal: string,
  expected: number,
  log: (line: string) => void,
): Promise<PropagationRun> {
  const began = performance.now();
  const data = await client.must<Record<string, { consistencyToken: string }>>(
    `mutation($p: String!) { ${mutation}(input: { servicePrincipal: $p }) { consistencyToken } }`,
    { p: servicePrincipal },
    organization.apiKey,
  );
  const token = data[mutation].consistencyToken;
  log(`  ${mutation} ${servicePrincipal} answered in ${((performance.now() - began) / 1000).toFixed(2)} s`);
  let inProgressSamples = 0;
  for (;;) {
    const asked = performance.now();
    const now = await progress(client, organization, servicePrincipal, token);
    const seconds = (performance.now() - began) / 1000;
    const answeredIn = `${Math.round(performance.now() - asked)} ms`;
    log(`  ${mutation} ${servicePrincipal}: ${now ? `${now.done}/${now.total} (${now.failed} failed)` : 'not projected yet'} at ${seconds.toFixed(1)} s (answered in ${answeredIn})`);
    if (now && now.done > 0 && now.done < now.total) inProgressSamples++;
    if (now?.state === 'COMPLETED' && now.total === expected) return { seconds, inProgressSamples, last: now };
    if (seconds * 1000 > PROPAGATION_TIMEOUT_MS) throw new Error(`${mutation} ${servicePrincipal} did not complete within ${PROPAGATION_TIMEOUT_MS} ms`);
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
}
