import { OrgsError } from '@orgs/shared/kernel';
import type { TenantReadModels } from '@orgs/shared/read-models';

/** The caller's organization, as the tag reads need it. */
export interface TagScope {
  db: TenantReadModels;
  tenantId: string;
  organizationId: string;
  rootId: string;
}

/** A kind of taggable resource on the read side: which ids it owns, and whether one is in the organization. */
interface TaggableReadModel {
  owns(resourceId: string): boolean;
  exists(scope: TagScope, resourceId: string): Promise<boolean>;
}

const inOrganization = (scope: TagScope, id: string) => ({ tenantId: scope.tenantId, organizationId: scope.organizationId, id });

/** Customer managed policies (`p-...`) carry tags too; AWS managed ones do not. */
const TAGGABLE_READ_MODELS: readonly TaggableReadModel[] = [
  { owns: (id) => id.startsWith('r-'), exists: async (scope, id) => scope.rootId === id },
  { owns: (id) => id.startsWith('ou-'), exists: async (scope, id) => (await scope.db.organizationalUnit.count({ where: inOrganization(scope, id) })) > 0 },
  { owns: (id) => /^\d{12}$/.test(id), exists: async (scope, id) => (await scope.db.account.count({ where: inOrganization(scope, id) })) > 0 },
  { owns: (id) => id.startsWith('p-'), exists: async (scope, id) => (await scope.db.policy.count({ where: inOrganization(scope, id) })) > 0 },
];

export async function requireTaggableResource(scope: TagScope, resourceId: string): Promise<void> {
  const kind = TAGGABLE_READ_MODELS.find((k) => k.owns(resourceId));
  if (!kind || !(await kind.exists(scope, resourceId))) {
    throw new OrgsError('TargetNotFoundException', `We can't find a root, OU, account or policy with the ID ${resourceId} in this organization.`);
  }
}
