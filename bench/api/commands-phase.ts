/**
 * Throughput of commands over HTTP: 32 clients across 50 organizations, each client cycling
 * through four cheap structure commands that every organization accepts again and again, every
 * one of which appends one event: createOrganizationalUnit (a new name), tagResource on the root
 * (a new value of the client's own key), updateOrganizationalUnit (a new name) and untagResource
 * (that key). Beside it, the baseline: a trivial authenticated query at the same concurrency.
 */
import { BASELINE_RUN_S, BASELINE_WARMUP_S, CLIENTS, COMMANDS_RUN_S, COMMANDS_WARMUP_S } from './config';
import { errorCodeOf, type GraphqlClient, type GraphqlReply } from './http-client';
import { closedLoop, type LoadRun, type Outcome } from './load';
import { createOrganizationalUnit, type BenchOrganization } from './organizations';

export interface CommandTarget extends BenchOrganization {
  /** An OU of the organization that the clients keep renaming. */
  renamedOuId: string;
}

const CREATE_OU = `mutation($p: String!, $n: String!) {
  createOrganizationalUnit(input: { parentId: $p, name: $n }) { organizationalUnit { id } consistencyToken } }`;
const TAG = `mutation($r: String!, $k: String!, $v: String!) {
  tagResource(input: { resourceId: $r, tags: [{ key: $k, value: $v }] }) { consistencyToken } }`;
const RENAME = `mutation($o: String!, $n: String!) {
  updateOrganizationalUnit(input: { organizationalUnitId: $o, name: $n }) { organizationalUnit { id name } consistencyToken } }`;
const UNTAG = `mutation($r: String!, $k: String!) {
  untagResource(input: { resourceId: $r, tagKeys: [$k] }) { consistencyToken } }`;
const DESCRIBE = '{ describeOrganization { organization { id } } }';

export async function prepareCommandTargets(
  client: GraphqlClient,
  organizations: BenchOrganization[],
): Promise<CommandTarget[]> {
  return Promise.all(
    organizations.map(async (organization) => {
      const { organizationalUnit } = await createOrganizationalUnit(
        client,
        organization.apiKey,
        organization.rootId,
        'renamed',
      );
      return { ...organization, renamedOuId: organizationalUnit.id };
    }),
  );
}

function outcomeOf(reply: GraphqlReply<unknown>, kind: string, ok: boolean): Outcome {
  if (reply.status !== 200) return { ms: reply.ms, kind, error: `HTTP ${reply.status}` };
  if (reply.errors) return { ms: reply.ms, kind, error: errorCodeOf(reply.errors) ?? 'GraphQL error' };
  return ok ? { ms: reply.ms, kind } : { ms: reply.ms, kind, error: 'unexpected answer' };
}

/**
 * Client c works on one organization for a cycle of four commands (so its untag finds its tag),
 * then moves CLIENTS organizations on: over time every client visits every organization, and two
 * clients sometimes meet on one, as independent callers do.
 */
function commandMix(client: GraphqlClient, targets: CommandTarget[], run: string) {
  return async (c: number, i: number): Promise<Outcome> => {
    const cycle = Math.floor(i / 4);
    const target = targets[(c + cycle * CLIENTS) % targets.length];
    const key = `bench-client-${c}`;
    const unique = `${run}c${c}-${i}`;
    switch (i % 4) {
      case 0: {
        const reply = await client.call<{ createOrganizationalUnit: { organizationalUnit: { id: string } } }>(
          CREATE_OU,
          { p: target.rootId, n: `ou-${unique}` },
          target.apiKey,
        );
        return outcomeOf(
          reply,
          'createOrganizationalUnit',
          Boolean(reply.data?.createOrganizationalUnit.organizationalUnit.id),
        );
      }
      case 1: {
        const reply = await client.call(TAG, { r: target.rootId, k: key, v: unique }, target.apiKey);
        return outcomeOf(reply, 'tagResource', true);
      }
      case 2: {
        const reply = await client.call<{ updateOrganizationalUnit: { organizationalUnit: { name: string } } }>(
          RENAME,
          { o: target.renamedOuId, n: `renamed-${unique}` },
          target.apiKey,
        );
        return outcomeOf(
          reply,
          'updateOrganizationalUnit',
          reply.data?.updateOrganizationalUnit.organizationalUnit.name === `renamed-${unique}`,
        );
      }
      default: {
        const reply = await client.call(UNTAG, { r: target.rootId, k: key }, target.apiKey);
        return outcomeOf(reply, 'untagResource', true);
      }
    }
  };
}

/** `run`: a prefix of the OU names, for a second run on the same organizations (names must be new). */
export function measureCommands(client: GraphqlClient, targets: CommandTarget[], run = ''): Promise<LoadRun> {
  return closedLoop(CLIENTS, COMMANDS_WARMUP_S, COMMANDS_RUN_S, commandMix(client, targets, run));
}

/** describeOrganization, each request with a random organization's key: auth plus a read-model lookup. */
export function measureBaseline(client: GraphqlClient, organizations: BenchOrganization[]): Promise<LoadRun> {
  return closedLoop(CLIENTS, BASELINE_WARMUP_S, BASELINE_RUN_S, async (c, i) => {
    const organization = organizations[(c * 7 + i) % organizations.length];
    const reply = await client.call<{ describeOrganization: { organization: { id: string } } }>(
      DESCRIBE,
      undefined,
      organization.apiKey,
    );
    return outcomeOf(
      reply,
      'describeOrganization',
      reply.data?.describeOrganization.organization.id === organization.organizationId,
    );
  });
}
