import { Prisma, type ReadModelTransaction } from '@orgs/shared/read-models';
import { sql, type SqlText } from '@orgs/shared/projector';
import type { MemberAccountCreatedData, ServiceLinkedRoleFailure } from '@orgs/organizations/domain';

/** One role of one service in one organization, as the propagation's events name it. */
export interface RoleOfService {
  organizationId: string;
  servicePrincipal: string;
  roleName: string;
  rolePrincipal: string;
  path: string;
}

const COLUMNS = Prisma.sql`(tenant_id, account_id, path, role_name, organization_id, kind, arn, service_principal, trusted_principal,
  status, failure_reason, failure_message, created_at, updated_at)`;
const KEY = Prisma.sql`(tenant_id, account_id, path, role_name)`;
const arnOf = (accountId: Prisma.Sql, role: RoleOfService) => Prisma.sql`'arn:aws:iam::' || ${accountId} || ':role' || ${role.path} || ${role.roleName}`;

/**
 * Every account of the organization gets the role PENDING, in one statement (10,000 accounts are
 * one INSERT ... SELECT, not 10,000). The accounts table is read in the same projection, so it
 * holds exactly the members at this point of the log. A role still CREATED (access enabled again
 * before its deletion) stays CREATED.
 */
export async function markPending(tx: ReadModelTransaction, tenantId: string, role: RoleOfService, at: string): Promise<void> {
  await tx.$executeRaw`
    INSERT INTO iam_roles ${COLUMNS}
    SELECT a.tenant_id, a.id, ${role.path}, ${role.roleName}, ${role.organizationId}, 'SERVICE_LINKED_ROLE', ${arnOf(Prisma.sql`a.id`, role)},
           ${role.servicePrincipal}, ${role.rolePrincipal}, 'PENDING', NULL, NULL, NULL, ${at}::timestamptz
      FROM accounts a WHERE a.tenant_id = ${tenantId}::uuid AND a.organization_id = ${role.organizationId}
    ON CONFLICT ${KEY} DO UPDATE SET status = 'PENDING', organization_id = excluded.organization_id, service_principal = excluded.service_principal,
           failure_reason = NULL, failure_message = NULL, created_at = NULL, updated_at = excluded.updated_at
     WHERE iam_roles.status <> 'CREATED'`;
}

/** A chunk of accounts got the role: one statement whatever the chunk's size. */
export async function markCreated(tx: ReadModelTransaction, tenantId: string, role: RoleOfService, accountIds: string[], at: string): Promise<void> {
  await tx.$executeRaw`
    INSERT INTO iam_roles ${COLUMNS}
    SELECT ${tenantId}::uuid, id, ${role.path}, ${role.roleName}, ${role.organizationId}, 'SERVICE_LINKED_ROLE', ${arnOf(Prisma.sql`id`, role)},
           ${role.servicePrincipal}, ${role.rolePrincipal}, 'CREATED', NULL, NULL, ${at}::timestamptz, ${at}::timestamptz
      FROM unnest(${accountIds}::text[]) AS id
    ON CONFLICT ${KEY} DO UPDATE SET status = 'CREATED', organization_id = excluded.organization_id, service_principal = excluded.service_principal,
           failure_reason = NULL, failure_message = NULL, created_at = excluded.created_at, updated_at = excluded.updated_at`;
}

export async function markFailed(tx: ReadModelTransaction, tenantId: string, role: RoleOfService, failures: ServiceLinkedRoleFailure[], at: string): Promise<void> {
  const [ids, reasons, messages] = [failures.map((f) => f.accountId), failures.map((f) => f.reason), failures.map((f) => f.message)];
  await tx.$executeRaw`
    INSERT INTO iam_roles ${COLUMNS}
    SELECT ${tenantId}::uuid, f.id, ${role.path}, ${role.roleName}, ${role.organizationId}, 'SERVICE_LINKED_ROLE', ${arnOf(Prisma.sql`f.id`, role)},
           ${role.servicePrincipal}, ${role.rolePrincipal}, 'FAILED', f.reason, f.message, NULL, ${at}::timestamptz
      FROM unnest(${ids}::text[], ${reasons}::text[], ${messages}::text[]) AS f(id, reason, message)
    ON CONFLICT ${KEY} DO UPDATE SET status = 'FAILED', organization_id = excluded.organization_id, service_principal = excluded.service_principal,
           failure_reason = excluded.failure_reason, failure_message = excluded.failure_message, updated_at = excluded.updated_at`;
}

export async function markDeleted(tx: ReadModelTransaction, tenantId: string, role: RoleOfService, accountIds: string[], at: string): Promise<void> {
  await tx.$executeRaw`
    UPDATE iam_roles SET status = 'DELETED', updated_at = ${at}::timestamptz
     WHERE tenant_id = ${tenantId}::uuid AND account_id = ANY(${accountIds}::text[]) AND path = ${role.path} AND role_name = ${role.roleName}`;
}

/** Roles never made (PENDING, FAILED) go with the service's access at once; made ones wait for the propagation to delete them. */
export async function dropUnmade(tx: ReadModelTransaction, tenantId: string, organizationId: string, servicePrincipal: string, at: string): Promise<void> {
  await tx.$executeRaw`
    UPDATE iam_roles SET status = 'DELETED', updated_at = ${at}::timestamptz
     WHERE tenant_id = ${tenantId}::uuid AND organization_id = ${organizationId} AND service_principal = ${servicePrincipal}
       AND status IN ('PENDING', 'FAILED')`;
}

/** The cross-account role CreateAccount made in the new account (at path `/`), trusted by the management account. */
/** The access role a created account comes with: one row, written into the batch (every account creation passes here). */
export function accessRoleStatement(tenantId: string, data: MemberAccountCreatedData): SqlText {
  const { accessRole } = data;
  return sql`INSERT INTO iam_roles (tenant_id, account_id, path, role_name, organization_id, kind, arn, trusted_principal, status, created_at, updated_at)
    VALUES (${tenantId}::uuid, ${data.accountId}, '/', ${accessRole.roleName}, ${data.organizationId}, 'ACCESS_ROLE', ${accessRole.arn},
      ${accessRole.trustedPrincipal}, 'CREATED', ${data.joinedAt}::timestamptz, ${data.joinedAt}::timestamptz)
    ON CONFLICT (tenant_id, account_id, path, role_name) DO NOTHING`;
}
