import { Args, Int, Mutation, Query, Resolver } from '@nestjs/graphql';
import { randomUUID } from 'node:crypto';
import { accessDenied, assertValidInput } from '@orgs/shared/kernel';
import { CurrentPrincipal, encodeConsistencyToken, readPageRequest, Writes, type Principal } from '@orgs/shared/nest';
import type { AccessSampleRecord, AccessSampleRequest, AccessSamplesRecorded } from '@orgs/organizations/domain';
import { OrganizationCommands } from '../organization-commands.service';
import { OrganizationReads } from '../organization-reads.service';
import { readPage } from '../organizational-units/read-page';
import {
  AccessSample,
  AccessSampleInput,
  DeleteAccessSampleInput,
  DeleteAccessSampleResponse,
  ListAccessSamplesResponse,
  RecordAccessSamplesInput,
  RecordAccessSamplesResponse,
} from './access-sample.types';

const token = { nullable: true, type: () => String };

/** The input without its nulls: what the domain keeps. */
function sampleRequestOf(input: AccessSampleInput): AccessSampleRequest {
  const { accountId, action, resource } = input;
  const optional = { region: input.region, principalArn: input.principalArn, resourceAccountId: input.resourceAccountId, context: input.context, principalTags: input.principalTags };
  const present = Object.entries(optional).filter(([, v]) => v != null);
  return { accountId, action, resource, ...Object.fromEntries(present) };
}

export function sampleView(record: Pick<AccessSampleRecord, 'id' | 'name' | 'request'> & { recordedAt: string | Date }): AccessSample {
  const { request } = record;
  return {
    sampleId: record.id,
    name: record.name,
    ...request,
    context: request.context ?? [],
    principalTags: request.principalTags ?? [],
    recordedAt: new Date(record.recordedAt),
  };
}

/** Our own operations: the requests previewPolicyChange replays by default (the management account's). */
@Resolver()
export class AccessSamplesResolver {
  constructor(
    private readonly commands: OrganizationCommands,
    private readonly reads: OrganizationReads,
  ) {}

  @Writes()
  @Mutation(() => RecordAccessSamplesResponse)
  async recordAccessSamples(@CurrentPrincipal() principal: Principal, @Args('input') input: RecordAccessSamplesInput): Promise<RecordAccessSamplesResponse> {
    input.samples.forEach((s) => {
      assertValidInput('AccountId', 'accountId', s.accountId);
      if (s.resourceAccountId != null) assertValidInput('AccountId', 'resourceAccountId', s.resourceAccountId);
    });
    const samples = input.samples.map((s) => ({ sampleId: `as-${randomUUID()}`, name: s.name ?? undefined, request: sampleRequestOf(s) }));
    const result = await this.commands.execute(principal, { type: 'RecordAccessSamples', data: { samples } });
    const recorded = result.events.find((e): e is AccessSamplesRecorded => e.type === 'AccessSamplesRecorded');
    return { samples: (recorded?.data.samples ?? []).map(sampleView), consistencyToken: encodeConsistencyToken(result.checkpoint) };
  }

  @Writes()
  @Mutation(() => DeleteAccessSampleResponse)
  async deleteAccessSample(@CurrentPrincipal() principal: Principal, @Args('input') input: DeleteAccessSampleInput): Promise<DeleteAccessSampleResponse> {
    const result = await this.commands.execute(principal, { type: 'DeleteAccessSample', data: { sampleId: input.sampleId } });
    return { consistencyToken: encodeConsistencyToken(result.checkpoint) };
  }

  /** Oldest first. */
  @Query(() => ListAccessSamplesResponse)
  async listAccessSamples(
    @CurrentPrincipal() principal: Principal,
    @Args('maxResults', { nullable: true, type: () => Int }) maxResults?: number | null,
    @Args('nextToken', token) nextToken?: string | null,
    @Args('consistencyToken', token) consistencyToken?: string | null,
  ): Promise<ListAccessSamplesResponse> {
    readPageRequest({ maxResults, nextToken }, principal.tenantId);
    const { db, organization, isManagementAccount } = await this.reads.callersOrganization(principal, consistencyToken);
    if (!isManagementAccount) throw accessDenied('Only the management account keeps access samples.');
    const page = await readPage({ maxResults, nextToken }, principal.tenantId, (skip, take) =>
      db.accessSample.findMany({ where: { tenantId: principal.tenantId, organizationId: organization.id }, orderBy: [{ recordedAt: 'asc' }, { id: 'asc' }], skip, take }),
    );
    return { samples: page.items.map((row) => sampleView({ ...row, request: row.request as unknown as AccessSampleRequest })), nextToken: page.nextToken };
  }
}
