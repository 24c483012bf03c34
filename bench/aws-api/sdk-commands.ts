/**
 * bench:api's command mix driven through the AWS SDK v3 against the wire API: each client cycles
 * CreateOrganizationalUnit (a new name), TagResource on the root (a new value of its own key),
 * UpdateOrganizationalUnit (a new name) and UntagResource (that key), every one appending one event.
 */
import { Agent } from 'node:http';
import { Hash } from '@smithy/hash-node';
import { SignatureV4 } from '@smithy/signature-v4';
import {
  CreateOrganizationalUnitCommand,
  OrganizationsClient,
  TagResourceCommand,
  UntagResourceCommand,
  UpdateOrganizationalUnitCommand,
} from '@aws-sdk/client-organizations';
import type { CommandTarget } from '../api/commands-phase';
import { CLIENTS, COMMANDS_RUN_S, COMMANDS_WARMUP_S } from '../api/config';
import type { GraphqlClient } from '../api/http-client';
import { closedLoop, type LoadRun, type Outcome } from '../api/load';

const REGION = 'us-east-1';

export interface WireTarget extends CommandTarget {
  sdk: OrganizationsClient;
}

/**
 * An ADMIN access key per organization's management account, and an SDK client signing with it,
 * set up as a caller that sends many requests would (the load generator shares the machine's two
 * cores with the service, so what the SDK spends per call lowers what the service can show):
 * - cacheMiddleware: the SDK resolves each command class's middleware stack once per client
 *   instead of on every send (its documented option for this; saves ~0.2 ms of CPU a call here);
 * - signer: one SigV4 signer per client, the SDK's own (@smithy/signature-v4), so its derived
 *   signing key is reused; by default the SDK builds a new signer, and derives the key, per request.
 * - no user-agent middleware: it rebuilds and escapes the User-Agent headers on every send (~0.08 ms
 *   of CPU a call in a micro-benchmark against a bare HTTP server, ~15% of the SDK's cost); the
 *   service reads no User-Agent. (The retry middleware cannot go: the signing step is placed after it.)
 * Every request is still serialized, SigV4-signed and sent over HTTP by the SDK, without retries
 * (maxAttempts 1: a failure must show as an error, not as a slower success).
 */
export async function prepareWireTargets(client: GraphqlClient, endpoint: string, targets: CommandTarget[]): Promise<WireTarget[]> {
  // One keep-alive pool for every SDK client, as large as the load needs (the SDK's default is 50).
  const httpAgent = new Agent({ keepAlive: true, maxSockets: CLIENTS * 2 });
  return Promise.all(
    targets.map(async (target) => {
      const data = await client.must<{ createAccessKey: { accessKey: { accessKeyId: string }; secretAccessKey: string } }>(
        'mutation($a: String!) { createAccessKey(input: { accountId: $a, role: ADMIN }) { accessKey { accessKeyId } secretAccessKey } }',
        { a: target.managementAccountId },
        target.apiKey,
      );
      const credentials = { accessKeyId: data.createAccessKey.accessKey.accessKeyId, secretAccessKey: data.createAccessKey.secretAccessKey };
      const signer = new SignatureV4({ credentials, region: REGION, service: 'organizations', sha256: Hash.bind(null, 'sha256') });
      const sdk = new OrganizationsClient({ endpoint, region: REGION, credentials, signer, cacheMiddleware: true, maxAttempts: 1, requestHandler: { httpAgent } });
      sdk.middlewareStack.remove('getUserAgentMiddleware');
      return { ...target, sdk };
    }),
  );
}

async function timed(kind: string, call: () => Promise<unknown>): Promise<Outcome> {
  const began = performance.now();
  try {
    await call();
    return { ms: performance.now() - began, kind };
  } catch (error) {
    return { ms: performance.now() - began, kind, error: (error as Error).name };
  }
}

function sdkCommandMix(targets: WireTarget[]) {
  return (c: number, i: number): Promise<Outcome> => {
    const cycle = Math.floor(i / 4);
    const target = targets[(c + cycle * CLIENTS) % targets.length];
    const key = `bench-sdk-client-${c}`;
    const unique = `sdk-c${c}-${i}`;
    switch (i % 4) {
      case 0:
        return timed('CreateOrganizationalUnit', () => target.sdk.send(new CreateOrganizationalUnitCommand({ ParentId: target.rootId, Name: `ou-${unique}` })));
      case 1:
        return timed('TagResource', () => target.sdk.send(new TagResourceCommand({ ResourceId: target.rootId, Tags: [{ Key: key, Value: unique }] })));
      case 2:
        return timed('UpdateOrganizationalUnit', () =>
          target.sdk.send(new UpdateOrganizationalUnitCommand({ OrganizationalUnitId: target.renamedOuId, Name: `renamed-${unique}` })),
        );
      default:
        return timed('UntagResource', () => target.sdk.send(new UntagResourceCommand({ ResourceId: target.rootId, TagKeys: [key] })));
    }
  };
}

export function measureSdkCommands(targets: WireTarget[]): Promise<LoadRun> {
  return closedLoop(CLIENTS, COMMANDS_WARMUP_S, COMMANDS_RUN_S, sdkCommandMix(targets));
}
