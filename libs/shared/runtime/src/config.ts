export interface OrgsConfig {
  databaseUrl: string;
  redisUrl: string;
  port: number;
  /** Lets `createTenant` run; generated and printed by the start command when unset. */
  operatorToken: string | undefined;
  /** Prefix of every Redis key this installation writes (queues), so several can share a server. */
  redisPrefix: string;
  logLevel: string;
}

export const DEFAULT_DATABASE_URL = 'postgresql://postgres@127.0.0.1:5432/orgs';
export const DEFAULT_REDIS_URL = 'redis://127.0.0.1:6379';

export function loadConfig(env: NodeJS.ProcessEnv = process.env): OrgsConfig {
  return {
    databaseUrl: env.DATABASE_URL ?? DEFAULT_DATABASE_URL,
    redisUrl: env.REDIS_URL ?? DEFAULT_REDIS_URL,
    port: Number(env.PORT ?? 3000),
    operatorToken: env.OPERATOR_TOKEN || undefined,
    redisPrefix: env.REDIS_PREFIX ?? 'orgs',
    logLevel: env.LOG_LEVEL ?? 'info',
  };
}
