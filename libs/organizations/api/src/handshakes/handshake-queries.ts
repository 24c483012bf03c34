import type { Page, PageRequest } from '@orgs/shared/nest';
import type { Prisma, TenantReadModels } from '@orgs/shared/read-models';
import { handshakeNotFound, type HandshakeCaller } from '@orgs/organizations/domain';
import { readPage } from '../organizational-units/read-page';
import type { HandshakeFilter } from './handshake.types';
import { handshakeFromRow } from './handshake-views';
import type { Handshake } from './handshake.types';

/** Answered handshakes stay visible for 30 days after they close, then vanish (quotas.md section 3). */
export const HANDSHAKE_RETENTION_MS = 30 * 86_400_000;

const retained = (now: Date): Prisma.HandshakeWhereInput => ({
  OR: [{ state: { in: ['OPEN', 'REQUESTED'] } }, { updatedAt: { gte: new Date(now.getTime() - HANDSHAKE_RETENTION_MS) } }],
});

const filterWhere = (filter: HandshakeFilter | null | undefined) => ({
  ...(filter?.actionType ? { action: filter.actionType } : {}),
  ...(filter?.parentHandshakeId ? { parentHandshakeId: filter.parentHandshakeId } : {}),
});

/** The account whose key calls, as the tenant's accounts read model has it. */
export async function callerAccount(db: TenantReadModels, tenantId: string, accountId: string): Promise<HandshakeCaller | null> {
  const account = await db.account.findFirst({ where: { tenantId, id: accountId }, select: { name: true, email: true } });
  return account ?? null;
}

/** The recipient's handshakes: those naming its account id, or its email. */
function receivedBy(accountId: string, caller: HandshakeCaller | null) {
  return { OR: [{ targetAccountId: accountId }, ...(caller ? [{ targetEmail: caller.email.toLowerCase() }] : [])] };
}

/**
 * DescribeHandshake: the parties only, that is the organization's management account and the
 * recipient. Anyone else, another tenant included, learns nothing: HandshakeNotFoundException.
 */
export async function describeVisibleHandshake(db: TenantReadModels, tenantId: string, accountId: string, handshakeId: string, now = new Date()): Promise<Handshake> {
  const caller = await callerAccount(db, tenantId, accountId);
  const row = await db.handshake.findFirst({ where: { AND: [{ tenantId, id: handshakeId }, retained(now)] } });
  if (!row) throw handshakeNotFound(handshakeId);
  const received = row.targetAccountId === accountId || (caller !== null && row.targetEmail === caller.email.toLowerCase());
  const sent = !received && (await db.organization.count({ where: { tenantId, id: row.organizationId, masterAccountId: accountId } })) > 0;
  if (!received && !sent) throw handshakeNotFound(handshakeId);
  return handshakeFromRow(row);
}

export async function handshakesForOrganization(db: TenantReadModels, tenantId: string, organizationId: string, filter: HandshakeFilter | null | undefined, page: PageRequest): Promise<Page<Handshake>> {
  const where = { AND: [{ tenantId, organizationId, ...filterWhere(filter) }, retained(new Date())] };
  return pageOfRows(db, tenantId, where, page);
}

export async function handshakesForAccount(db: TenantReadModels, tenantId: string, accountId: string, filter: HandshakeFilter | null | undefined, page: PageRequest): Promise<Page<Handshake>> {
  const caller = await callerAccount(db, tenantId, accountId);
  const where = { AND: [{ tenantId, ...filterWhere(filter) }, receivedBy(accountId, caller), retained(new Date())] };
  return pageOfRows(db, tenantId, where, page);
}

async function pageOfRows(db: TenantReadModels, tenantId: string, where: Prisma.HandshakeWhereInput, page: PageRequest): Promise<Page<Handshake>> {
  const rows = await readPage(page, tenantId, (skip, take) =>
    db.handshake.findMany({ where, orderBy: [{ requestedAt: 'asc' }, { id: 'asc' }], skip, take }),
  );
  return { items: rows.items.map(handshakeFromRow), nextToken: rows.nextToken };
}
