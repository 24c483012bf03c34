import { OrganizationsClient, type OrganizationsClientConfig } from '@aws-sdk/client-organizations';
import type { E2eService } from './e2e-service';

export interface AccessKeyPair {
  accessKeyId: string;
  secretAccessKey: string;
}

/** An SDK client of the service's wire API; `lastPosition` is the x-orgs-position of its last answer. */
export interface WireClient {
  client: OrganizationsClient;
  lastPosition(): string | undefined;
  /** Sent as x-orgs-min-position (signed like every header) on the following requests. */
  readAfter(position: string | undefined): void;
}

export function wireClient(baseUrl: string, credentials: AccessKeyPair, config: Partial<OrganizationsClientConfig> = {}): WireClient {
  const client = new OrganizationsClient({ endpoint: baseUrl, region: 'us-east-1', credentials, maxAttempts: 1, ...config });
  let position: string | undefined;
  let minPosition: string | undefined;
  client.middlewareStack.add(
    (next) => async (args) => {
      const request = args.request as { headers: Record<string, string> };
      if (minPosition) request.headers['x-orgs-min-position'] = minPosition;
      const result = await next(args);
      position = (result.response as { headers: Record<string, string> }).headers['x-orgs-position'];
      return result;
    },
    { step: 'build', name: 'orgsPosition' },
  );
  return { client, lastPosition: () => position, readAfter: (p) => (minPosition = p) };
}

/** An access key of `accountId`, created over GraphQL with `apiKey`. */
export async function createAccessKey(e2e: E2eService, apiKey: string, accountId: string, role: 'ADMIN' | 'READ_ONLY' = 'ADMIN'): Promise<AccessKeyPair> {
  const { createAccessKey } = await e2e.ok<{ createAccessKey: { accessKey: { accessKeyId: string }; secretAccessKey: string } }>(
    'mutation($a: String!, $r: ApiKeyRole!) { createAccessKey(input: { accountId: $a, role: $r }) { accessKey { accessKeyId } secretAccessKey } }',
    apiKey,
    { a: accountId, r: role },
  );
  return { accessKeyId: createAccessKey.accessKey.accessKeyId, secretAccessKey: createAccessKey.secretAccessKey };
}

/** The AWS exception an SDK call failed with: its name (the body's __type) and reason. */
export async function refusal(call: Promise<unknown>): Promise<{ name: string; reason?: string; status?: number }> {
  try {
    await call;
  } catch (error) {
    const e = error as { name: string; Reason?: string; $metadata?: { httpStatusCode?: number } };
    return { name: e.name, reason: e.Reason, status: e.$metadata?.httpStatusCode };
  }
  throw new Error('The call succeeded; a refusal was expected');
}
