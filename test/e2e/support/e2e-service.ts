import { Client } from 'pg';
import {
  createTestDatabase,
  freePort,
  startService,
  testRedisPrefix,
  testRedisUrl,
  type ServiceProcess,
  type TestDatabase,
} from '@orgs/shared/testing';
import { graphqlClient, type GraphqlResult } from '../graphql-client';

export interface E2eStartOptions {
  databaseUrl?: (url: string) => string;
}

/**
 * One service started as `npm start` starts it (the launcher: API + worker), on its own database
 * and Redis prefix, driven over HTTP; with the few calls every e2e file needs.
 */
export class E2eService {
  database!: TestDatabase;
  service!: ServiceProcess;
  gql!: ReturnType<typeof graphqlClient>;
  baseUrl!: string;
  /** The demo tenant's API key the launcher printed. */
  demoKey!: string;

  constructor(readonly operatorToken: string) {}

  /**
   * `options.databaseUrl` rewrites the URL the service is given (a fault test points it at a
   * proxy); the test's own `sql` still goes straight to the database.
   */
  async start(env: Record<string, string> = {}, options: E2eStartOptions = {}): Promise<void> {
    this.database = await createTestDatabase();
    const port = await freePort();
    this.service = startService('apps/launcher/src/main.js', {
      DATABASE_URL: options.databaseUrl?.(this.database.url) ?? this.database.url,
      REDIS_URL: testRedisUrl(),
      REDIS_PREFIX: testRedisPrefix(),
      PORT: String(port),
      WORKER_METRICS_PORT: String(await freePort()),
      OPERATOR_TOKEN: this.operatorToken,
      LOG_LEVEL: 'warn',
      ...env,
    });
    this.demoKey = (await this.service.waitForOutput(/Demo API key:\s+(\S+)/, 120_000))[1];
    this.baseUrl = `http://127.0.0.1:${port}`;
    this.gql = graphqlClient(this.baseUrl);
  }

  async stop(): Promise<void> {
    await this.service?.stop();
    await this.database?.drop();
  }

  /** The call's data; any GraphQL error fails the test with the query and the errors. */
  async ok<T>(query: string, key: string, variables?: object): Promise<T> {
    const result = await this.gql<T>(query, { key, variables });
    if (result.errors || !result.data) throw new Error(`${query}: ${JSON.stringify(result.errors)}`);
    return result.data;
  }

  call<T = Record<string, unknown>>(query: string, key: string, variables?: object): Promise<GraphqlResult<T>> {
    return this.gql<T>(query, { key, variables });
  }

  /** A tenant (operator token) with its first account and that account's ADMIN key. */
  async tenant(name: string): Promise<{ tenantId: string; accountId: string; key: string }> {
    const { createTenant } = await this.ok<{ createTenant: { tenant: { id: string }; account: { id: string }; apiKey: string } }>(
      'mutation($name: String!) { createTenant(input: { name: $name }) { tenant { id } account { id } apiKey } }',
      this.operatorToken,
      { name },
    );
    return { tenantId: createTenant.tenant.id, accountId: createTenant.account.id, key: createTenant.apiKey };
  }

  /** A tenant whose first account has created an organization; its root id and the latest token. */
  async organization(name: string) {
    const tenant = await this.tenant(name);
    const { createOrganization } = await this.ok<{ createOrganization: { organization: { id: string }; consistencyToken: string } }>(
      'mutation { createOrganization { organization { id } consistencyToken } }',
      tenant.key,
    );
    const { listRoots } = await this.ok<{ listRoots: { roots: { id: string }[] } }>(
      'query($t: String) { listRoots(consistencyToken: $t) { roots { id } } }',
      tenant.key,
      { t: createOrganization.consistencyToken },
    );
    return { ...tenant, organizationId: createOrganization.organization.id, rootId: listRoots.roots[0].id, token: createOrganization.consistencyToken };
  }

  async sql<Row extends Record<string, unknown> = Record<string, unknown>>(text: string, values: unknown[] = []): Promise<Row[]> {
    const client = new Client({ connectionString: this.database.url });
    await client.connect();
    try {
      return (await client.query(text, values)).rows as Row[];
    } finally {
      await client.end();
    }
  }

  /** Events in the whole log: a refusal must leave it as it was. */
  async eventCount(): Promise<number> {
    return Number((await this.sql<{ n: number }>('SELECT count(*)::int AS n FROM events'))[0].n);
  }
}

export const uniqueEmail = (prefix: string) => `${prefix}-${Math.random().toString(36).slice(2, 10)}@example.com`;

export const codeOf = (result: GraphqlResult) => result.errors?.[0]?.extensions?.code;
export const refusalOf = (result: GraphqlResult) => ({ code: result.errors?.[0]?.extensions?.code, reason: result.errors?.[0]?.extensions?.reason });
