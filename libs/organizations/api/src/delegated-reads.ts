import { accountArn, organizationalUnitArn } from '@orgs/shared/kernel';
import { awsManagedPolicy } from '@orgs/shared/policy-engine';
import type { CallersOrganization, DelegatedReadRequest } from './organization-reads.service';

// What a read acts on, as the delegation policy judges it (OrganizationReads.organizationReader's
// `request`): the ARN of the root, OU, account or policy it names, with its condition keys.

/** A root, OU or account of the caller's organization, by the ARN a delegation policy names it with. */
export function resourceArnOf({ organization, root }: CallersOrganization, resourceId: string): string {
  if (resourceId === root.id) return root.arn;
  const arnOf = resourceId.startsWith('ou-') ? organizationalUnitArn : accountArn;
  return arnOf(organization.masterAccountId, organization.id, resourceId);
}

/** A read about one root, OU or account, with the request's condition keys. */
export const onResource =
  (resourceId: string, context?: DelegatedReadRequest['context']) =>
  (caller: CallersOrganization): DelegatedReadRequest => ({ resources: [resourceArnOf(caller, resourceId)], context });

/** A read about one policy: its ARN and `organizations:PolicyType`; a policy the organization does not have is judged as `*`. */
export const onPolicy =
  (policyId: string) =>
  async ({ db, organization }: CallersOrganization): Promise<DelegatedReadRequest> => {
    const policy =
      awsManagedPolicy(policyId) ??
      (await db.policy.findFirst({ where: { tenantId: organization.tenantId, organizationId: organization.id, id: policyId }, select: { arn: true, type: true } }));
    return { resources: [policy?.arn ?? '*'], context: { 'organizations:PolicyType': policy?.type } };
  };

/** ListTagsForResource names a root, OU, account or policy. */
export const onTaggable = (resourceId: string) => (resourceId.startsWith('p-') ? onPolicy(resourceId) : onResource(resourceId));
