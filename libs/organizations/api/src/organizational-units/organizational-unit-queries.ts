import { OrgsError } from '@orgs/shared/kernel';
import type { PageRequest } from '@orgs/shared/nest';
import type { TenantReadModels } from '@orgs/shared/read-models';
import type { Child, OrganizationalUnit, Parent } from './organizational-unit.types';
import { readPage } from './read-page';

/** The caller's organization as the tree reads see it: every query stays inside it (and its tenant). */
export interface TreeScope {
  db: TenantReadModels;
  tenantId: string;
  organizationId: string;
  rootId: string;
}

const ouView = ({ id, arn, name, path }: OrganizationalUnit): OrganizationalUnit => ({ id, arn, name, path });

export async function describeOrganizationalUnit(scope: TreeScope, id: string): Promise<OrganizationalUnit> {
  const ou = await scope.db.organizationalUnit.findFirst({ where: { tenantId: scope.tenantId, organizationId: scope.organizationId, id } });
  if (!ou) throw new OrgsError('OrganizationalUnitNotFoundException', `We can't find an OU with the ID ${id} in this organization.`);
  return ouView(ou);
}

export async function requireParent(scope: TreeScope, parentId: string): Promise<void> {
  if (parentId === scope.rootId) return;
  const count = await scope.db.organizationalUnit.count({ where: { tenantId: scope.tenantId, organizationId: scope.organizationId, id: parentId } });
  if (count === 0) throw new OrgsError('ParentNotFoundException', `We can't find a root or OU with the ID ${parentId} in this organization.`);
}

/** Ordered by id, so that pages are stable. */
export async function organizationalUnitsForParent(scope: TreeScope, parentId: string, page: PageRequest) {
  await requireParent(scope, parentId);
  return readPage(page, scope.tenantId, async (skip, take) => {
    const where = { tenantId: scope.tenantId, organizationId: scope.organizationId, parentId };
    return (await scope.db.organizationalUnit.findMany({ where, orderBy: { id: 'asc' }, skip, take })).map(ouView);
  });
}

export async function childrenOf(scope: TreeScope, parentId: string, childType: Child['type'], page: PageRequest) {
  await requireParent(scope, parentId);
  const where = { tenantId: scope.tenantId, organizationId: scope.organizationId, parentId };
  const select = { id: true } as const;
  return readPage(page, scope.tenantId, async (skip, take) => {
    const rows =
      childType === 'ACCOUNT'
        ? await scope.db.account.findMany({ where, select, orderBy: { id: 'asc' }, skip, take })
        : await scope.db.organizationalUnit.findMany({ where, select, orderBy: { id: 'asc' }, skip, take });
    return rows.map(({ id }): Child => ({ id, type: childType }));
  });
}

/** The one parent of an account or OU of the organization (AWS returns a list, always of one). */
export async function parentOf(scope: TreeScope, childId: string): Promise<Parent> {
  const where = { tenantId: scope.tenantId, organizationId: scope.organizationId, id: childId };
  const child = /^\d{12}$/.test(childId)
    ? await scope.db.account.findFirst({ where, select: { parentId: true } })
    : await scope.db.organizationalUnit.findFirst({ where, select: { parentId: true } });
  if (!child?.parentId) throw new OrgsError('ChildNotFoundException', `We can't find an account or OU with the ID ${childId} in this organization.`);
  return { id: child.parentId, type: child.parentId.startsWith('r-') ? 'ROOT' : 'ORGANIZATIONAL_UNIT' };
}
