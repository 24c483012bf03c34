import pino from 'pino';

/** Structured JSON logs, one object per line. */
export function createLogger(name: string, level = process.env.LOG_LEVEL ?? 'info') {
  return pino({ name, level });
}
export type Logger = ReturnType<typeof createLogger>;
