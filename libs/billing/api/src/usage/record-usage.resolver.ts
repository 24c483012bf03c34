import { Args, Mutation, Resolver } from '@nestjs/graphql';
import { invalidInput } from '@orgs/shared/kernel';
import { CurrentPrincipal, Writes, type Principal } from '@orgs/shared/nest';
import { GRAPHQL_USAGE_FIELDS, MAX_RECORDS_PER_CALL } from '@orgs/billing/domain';
import { BillingScope } from '../billing-scope.service';
import { UsageIngestion } from './usage-ingestion.service';
import { RecordUsageInput, RecordUsageResponse } from './usage.types';

/** recordUsage: up to 1,000 records per call, one batch, recorded whole or not at all. */
@Resolver()
export class RecordUsageResolver {
  constructor(
    private readonly scope: BillingScope,
    private readonly ingestion: UsageIngestion,
  ) {}

  @Writes()
  @Mutation(() => RecordUsageResponse)
  async recordUsage(@CurrentPrincipal() principal: Principal, @Args('input') input: RecordUsageInput): Promise<RecordUsageResponse> {
    if (input.records.length === 0) throw invalidInput('INPUT_REQUIRED', 'records: at least one usage record.');
    if (input.records.length > MAX_RECORDS_PER_CALL) throw invalidInput('MAX_VALUE_EXCEEDED', `records: at most ${MAX_RECORDS_PER_CALL} per call; upload larger batches to POST /billing/usage.`);
    await this.scope.managementAccount(principal, 'record usage');
    const records = input.records.map((r, i) => ({
      line: i + 1,
      input: { ...r, tags: Object.fromEntries((r.tags ?? []).map((t) => [t.key, t.value])) },
    }));
    return this.ingestion.ingest(principal, { batchId: input.batchId, source: 'GRAPHQL', fieldNames: GRAPHQL_USAGE_FIELDS, records });
  }
}
