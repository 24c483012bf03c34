import { Args, Query, Resolver } from '@nestjs/graphql';
import { CurrentPrincipal, encodePageToken, readPageRequest, ReadModels, type Principal } from '@orgs/shared/nest';
import type { TenantReadModels } from '@orgs/shared/read-models';
import { organizationStreamId } from '@orgs/organizations/domain';
import { auditEventView, readAuditPage, validateAuditFilter, type AuditScope } from './audit-query';
import { AuditEventsArgs, AuditEventsResponse } from './audit.types';

/**
 * The audit trail, read straight from the event log (every event carries who caused it).
 * Who sees what: every account sees the events it caused (with any of its keys, ADMIN or
 * READ_ONLY); the management account also sees every event of its organization's stream, whoever
 * caused it. Newest first, like CloudTrail; the page token holds the position to continue below.
 */
@Resolver()
export class AuditResolver {
  constructor(private readonly readModels: ReadModels) {}

  @Query(() => AuditEventsResponse, { description: 'The events the caller caused, and its organization\'s if it is the management account; newest first.' })
  async auditEvents(@CurrentPrincipal() principal: Principal, @Args() args: AuditEventsArgs): Promise<AuditEventsResponse> {
    const filter = args.filter ?? {};
    validateAuditFilter(filter);
    // The token's number is a log position here: continue strictly below it (0: from the newest).
    const { offset, size } = readPageRequest({ maxResults: args.maxResults, nextToken: args.nextToken }, principal.tenantId);
    const db = await this.readModels.forTenant(principal.tenantId, args.consistencyToken);
    const scope = await auditScopeOf(db, principal);
    const rows = await readAuditPage(db, scope, filter, { before: offset > 0 ? BigInt(offset) : null, size });
    const page = rows.slice(0, size);
    const last = page[page.length - 1];
    const nextToken = rows.length > size && last ? encodePageToken(principal.tenantId, Number(last.position)) : null;
    return { auditEvents: page.map(auditEventView), nextToken };
  }
}

async function auditScopeOf(db: TenantReadModels, principal: Principal): Promise<AuditScope> {
  const scope: AuditScope = { tenantId: principal.tenantId, callerAccountId: principal.accountId, managedOrganizationStream: null };
  const account = await db.account.findFirst({ where: { id: principal.accountId, tenantId: principal.tenantId }, select: { organizationId: true } });
  if (!account?.organizationId) return scope;
  const organization = await db.organization.findFirst({
    where: { id: account.organizationId, tenantId: principal.tenantId },
    select: { id: true, masterAccountId: true },
  });
  if (organization?.masterAccountId !== principal.accountId) return scope;
  return { ...scope, managedOrganizationStream: organizationStreamId(organization.id) };
}
