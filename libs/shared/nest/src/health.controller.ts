import { Controller, Get, Header, Inject } from '@nestjs/common';
import type { Pool } from 'pg';
import { register } from 'prom-client';
import { Public } from './auth/access.decorators';
import { PG_POOL } from './tokens';

@Controller()
export class HealthController {
  constructor(@Inject(PG_POOL) private readonly pool: Pool) {}

  /** Liveness and the database's answer; 503 semantics are left to the caller's probe on `status`. */
  @Public()
  @Get('health')
  async health(): Promise<{ status: 'ok' | 'degraded'; postgres: boolean }> {
    const postgres = await this.pool.query('SELECT 1').then(
      () => true,
      () => false,
    );
    return { status: postgres ? 'ok' : 'degraded', postgres };
  }

  @Public()
  @Get('metrics')
  @Header('Content-Type', register.contentType)
  metrics(): Promise<string> {
    return register.metrics();
  }
}
