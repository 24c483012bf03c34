import { constraintViolation, OrgsError } from '@orgs/shared/kernel';
import type { Page, PageRequest } from '@orgs/shared/nest';
import { Prisma, queryAsTenant, type PrismaClient, type TenantReadModels } from '@orgs/shared/read-models';
import { readPage } from '../organizational-units/read-page';
import type { EnabledServicePrincipal, IamRole, ServiceLinkedRoleFailure, ServiceLinkedRolePropagation } from './trusted-access.types';

/** The caller's organization, as every trusted-access read is scoped. */
export interface OrganizationScope {
  db: TenantReadModels;
  tenantId: string;
  organizationId: string;
}

const where = (scope: OrganizationScope) => ({ tenantId: scope.tenantId, organizationId: scope.organizationId });

/** Oldest first, as AWS lists them. */
export function listEnabledServices(scope: OrganizationScope, page: PageRequest): Promise<Page<EnabledServicePrincipal>> {
  return readPage(page, scope.tenantId, async (skip, take) => {
    const rows = await scope.db.serviceAccess.findMany({ where: { ...where(scope), status: 'ENABLED' }, orderBy: [{ enabledAt: 'asc' }, { servicePrincipal: 'asc' }], skip, take });
    return rows.map((r) => ({ servicePrincipal: r.servicePrincipal, dateEnabled: r.enabledAt }));
  });
}

interface Counts {
  pending: number;
  created: number;
  failed: number;
  deleted: number;
}

/**
 * Counts one service's account roles by status, over the organization's current members only (a
 * departed account keeps its roles, but they are no longer the organization's work). "deleted"
 * counts roles that existed and went after access was disabled. Membership is a correlated lookup
 * by primary key, one per role, whatever the statistics say: right after 10,000 roles are written,
 * before autoanalyze, a join was planned as a nested loop over the organization's accounts per role.
 */
async function countRoles(prisma: PrismaClient, scope: OrganizationScope, servicePrincipal: string, disabledAt: Date | null): Promise<Counts> {
  const [row] = await queryAsTenant<Counts>(
    prisma,
    scope.tenantId,
    Prisma.sql`SELECT count(*) FILTER (WHERE r.status = 'PENDING')::int AS pending, count(*) FILTER (WHERE r.status = 'CREATED')::int AS created,
                      count(*) FILTER (WHERE r.status = 'FAILED')::int AS failed,
                      count(*) FILTER (WHERE r.status = 'DELETED' AND r.created_at IS NOT NULL AND r.updated_at >= ${disabledAt}::timestamptz)::int AS deleted
                 FROM iam_roles r
                WHERE r.tenant_id = ${scope.tenantId}::uuid AND r.organization_id = ${scope.organizationId} AND r.service_principal = ${servicePrincipal}
                  AND (SELECT a.organization_id FROM accounts a WHERE a.id = r.account_id AND a.tenant_id = r.tenant_id) = r.organization_id`,
  );
  return row;
}

async function firstFailures(scope: OrganizationScope, servicePrincipal: string): Promise<ServiceLinkedRoleFailure[]> {
  const rows = await scope.db.iamRole.findMany({ where: { ...where(scope), servicePrincipal, status: 'FAILED' }, orderBy: { accountId: 'asc' }, take: 20 });
  return rows.map((r) => ({ accountId: r.accountId, roleName: r.roleName, reason: r.failureReason ?? '', message: r.failureMessage ?? '' }));
}

export async function propagationOf(prisma: PrismaClient, scope: OrganizationScope, servicePrincipal: string): Promise<ServiceLinkedRolePropagation> {
  const access = await scope.db.serviceAccess.findFirst({ where: { ...where(scope), servicePrincipal } });
  if (!access) throw constraintViolation('SERVICE_ACCESS_NOT_ENABLED', `Trusted access for ${servicePrincipal} was never enabled in this organization.`);
  const counts = await countRoles(prisma, scope, servicePrincipal, access.disabledAt);
  const enabled = access.status === 'ENABLED';
  const [total, done] = enabled ? [counts.pending + counts.created + counts.failed, counts.created + counts.failed] : [counts.created + counts.deleted, counts.deleted];
  return {
    servicePrincipal,
    accessStatus: access.status,
    operation: enabled ? 'CREATE' : 'DELETE',
    state: done < total ? 'IN_PROGRESS' : 'COMPLETED',
    total,
    done,
    ...counts,
    dateEnabled: access.enabledAt,
    dateDisabled: access.disabledAt,
    failures: await firstFailures(scope, servicePrincipal),
  };
}

export async function requireAccountInOrganization(scope: OrganizationScope, accountId: string): Promise<void> {
  if ((await scope.db.account.count({ where: { ...where(scope), id: accountId } })) === 0) {
    throw new OrgsError('AccountNotFoundException', `We can't find an account with the ID ${accountId} in this organization.`);
  }
}

/** The account's roles that this organization manages, ordered by path then name. */
export function rolesForAccount(scope: OrganizationScope, accountId: string, page: PageRequest): Promise<Page<IamRole>> {
  return readPage(page, scope.tenantId, async (skip, take) => {
    const rows = await scope.db.iamRole.findMany({ where: { ...where(scope), accountId }, orderBy: [{ path: 'asc' }, { roleName: 'asc' }], skip, take });
    return rows.map(({ roleName, path, arn, kind, servicePrincipal, trustedPrincipal, status, failureReason, failureMessage, createdAt, updatedAt }) => ({
      roleName,
      path,
      arn,
      kind,
      servicePrincipal,
      trustedPrincipal,
      status,
      failureReason,
      failureMessage,
      createDate: createdAt,
      updatedAt,
    }));
  });
}

/**
 * For the access simulator: whether `roleArn` is a service-linked role this service created in
 * `accountId` and has not deleted. Service-linked roles are exempt from SCPs (trusted-access.md 2).
 */
export async function isServiceLinkedRole(db: TenantReadModels, tenantId: string, accountId: string, roleArn: string): Promise<boolean> {
  return (await db.iamRole.count({ where: { tenantId, accountId, arn: roleArn, kind: 'SERVICE_LINKED_ROLE', status: 'CREATED' } })) > 0;
}
