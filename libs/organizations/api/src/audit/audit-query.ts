import { assertValidInput, invalidInput } from '@orgs/shared/kernel';
import { Prisma, type TenantReadModels } from '@orgs/shared/read-models';
import type { AuditEvent, AuditEventsFilter } from './audit.types';

/** Which events a caller may see: the ones it caused, and all of its organization's if it manages one. */
export interface AuditScope {
  tenantId: string;
  callerAccountId: string;
  /** The stream of the organization the caller is the management account of, else null. */
  managedOrganizationStream: string | null;
}

export interface AuditPage {
  /** Only events below this position (the previous page's last); null from the newest. */
  before: bigint | null;
  size: number;
}

interface EventRow {
  position: string;
  event_type: string;
  recorded_at: Date;
  stream_id: string;
  stream_version: number;
  data: unknown;
  metadata: Record<string, string | undefined> | null;
}

const ISO_TIME = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}:\d{2})?)?$/;
const EVENT_TYPE = /^[A-Za-z][A-Za-z0-9]{0,127}$/;

export function validateAuditFilter(filter: AuditEventsFilter): void {
  if (filter.accountId != null) assertValidInput('AccountId', 'accountId', filter.accountId);
  if (filter.eventType != null && !EVENT_TYPE.test(filter.eventType)) throw invalidInput('INVALID_PATTERN', 'eventType must be an event type name such as OrganizationCreated.');
  for (const [name, value] of [['from', filter.from], ['to', filter.to]] as const) {
    if (value != null && (!ISO_TIME.test(value) || Number.isNaN(Date.parse(value)))) throw invalidInput('INVALID_PATTERN', `${name} must be an ISO 8601 time.`);
  }
}

/**
 * The tenant's events the caller may see, newest first, one page (plus one row, to tell whether
 * there is a next). Runs under row-level security (the tenant set in the same transaction) and
 * names the tenant in its WHERE too. Columns are explicit: `transaction_id` is an xid8.
 */
export async function readAuditPage(db: TenantReadModels, scope: AuditScope, filter: AuditEventsFilter, page: AuditPage): Promise<EventRow[]> {
  const where = Prisma.join([...visibleTo(scope), ...matching(filter), ...(page.before === null ? [] : [Prisma.sql`position < ${page.before.toString()}::bigint`])], ' AND ');
  const [, rows] = await db.$transaction([
    db.$executeRaw`SELECT set_config('app.tenant_id', ${scope.tenantId}, true)`,
    db.$queryRaw<EventRow[]>`SELECT position::text AS position, event_type, recorded_at, stream_id, stream_version, data, metadata
      FROM events WHERE ${where} ORDER BY position DESC LIMIT ${page.size + 1}`,
  ]);
  return rows;
}

function visibleTo({ tenantId, callerAccountId, managedOrganizationStream }: AuditScope): Prisma.Sql[] {
  const ownActs = Prisma.sql`metadata->>'actingAccountId' = ${callerAccountId}`;
  const visible = managedOrganizationStream ? Prisma.sql`(stream_id = ${managedOrganizationStream} OR ${ownActs})` : ownActs;
  return [Prisma.sql`tenant_id = ${tenantId}::uuid`, visible];
}

function matching(filter: AuditEventsFilter): Prisma.Sql[] {
  const conditions: Prisma.Sql[] = [];
  if (filter.accountId != null) conditions.push(Prisma.sql`metadata->>'actingAccountId' = ${filter.accountId}`);
  if (filter.eventType != null) conditions.push(Prisma.sql`event_type = ${filter.eventType}`);
  if (filter.from != null) conditions.push(Prisma.sql`recorded_at >= ${filter.from}::timestamptz`);
  if (filter.to != null) conditions.push(Prisma.sql`recorded_at < ${filter.to}::timestamptz`);
  return conditions;
}

export function auditEventView(row: EventRow): AuditEvent {
  const metadata = row.metadata ?? {};
  return {
    eventId: row.position,
    eventType: row.event_type,
    eventTime: new Date(row.recorded_at).toISOString(),
    streamId: row.stream_id,
    streamVersion: row.stream_version,
    actingAccountId: metadata.actingAccountId ?? null,
    principal: metadata.principal ?? null,
    requestId: metadata.requestId ?? null,
    sourceAddress: metadata.sourceAddress ?? null,
    correlationId: metadata.correlationId ?? null,
    data: JSON.stringify(row.data),
  };
}
