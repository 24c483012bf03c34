import { Controller, Post, Query, Req, UseFilters } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { Readable } from 'node:stream';
import { invalidInput } from '@orgs/shared/kernel';
import { CurrentPrincipal, Writes, type Principal } from '@orgs/shared/nest';
import { BillingScope } from '../billing-scope.service';
import { BillingHttpErrorFilter } from '../http-error.filter';
import { UsageIngestion, type IngestResult } from './usage-ingestion.service';

/**
 * POST /billing/usage?batchId=...: a Cost and Usage Report CSV (Content-Type text/csv), streamed
 * into Postgres as it arrives. Authenticated exactly as GraphQL is (the global auth guard: an
 * ADMIN key of the management account).
 */
@Controller('billing')
@UseFilters(BillingHttpErrorFilter)
export class UsageUploadController {
  constructor(
    private readonly scope: BillingScope,
    private readonly ingestion: UsageIngestion,
  ) {}

  @Writes()
  @Post('usage')
  async upload(@CurrentPrincipal() principal: Principal, @Query('batchId') batchId: string | undefined, @Req() request: FastifyRequest): Promise<IngestResult> {
    if (!batchId) throw invalidInput('INPUT_REQUIRED', 'batchId is required: POST /billing/usage?batchId=...');
    if (!(request.body instanceof Readable)) throw invalidInput('INPUT_REQUIRED', 'Send the report as the body, Content-Type: text/csv.');
    await this.scope.managementAccount(principal, 'record usage');
    return this.ingestion.ingestCsv(principal, batchId, request.body);
  }
}

/** Hands a text/csv body to the route as the raw stream, unbuffered and without a size limit. */
type CsvParser = (request: unknown, payload: Readable, done: (error: Error | null, body?: unknown) => void) => void;
export function acceptCsvBodies(fastify: { addContentTypeParser: (type: string, parser: CsvParser) => void; hasContentTypeParser: (type: string) => boolean }): void {
  if (fastify.hasContentTypeParser('text/csv')) return;
  fastify.addContentTypeParser('text/csv', (_request, payload, done) => done(null, payload));
}
