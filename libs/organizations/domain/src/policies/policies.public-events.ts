import { mapPublic, publicEventType, type PublicEventCatalogue } from '@orgs/shared/kernel';
import { EXAMPLE_AT, EXAMPLE_ORGANIZATION, EXAMPLE_OU, F } from '../public-event-fields';
import type { PolicyAttached, PolicyCreated, PolicyDeleted, PolicyDetached, PolicyUpdated } from './policy-events';

const POLICY = 'p-examplepolicy';
const target = { targetId: F.parentId, targetType: F.kind };
const example = { organizationId: EXAMPLE_ORGANIZATION, policyId: POLICY, policyType: 'SERVICE_CONTROL_POLICY' };

const created = publicEventType(
  'organizations.policy.created',
  1,
  'A customer managed policy was created.',
  { organizationId: F.organizationId, policyId: F.policyId, policyType: F.policyType, name: F.name, arn: F.arn, createdAt: F.at },
  { ...example, name: 'DenyLeaveOrganization', arn: `arn:aws:organizations::111122223333:policy/${EXAMPLE_ORGANIZATION}/service_control_policy/${POLICY}`, createdAt: EXAMPLE_AT },
);
const updated = publicEventType(
  'organizations.policy.updated',
  1,
  'A policy\'s name, description or content changed.',
  { organizationId: F.organizationId, policyId: F.policyId, policyType: F.policyType, name: F.name, updatedAt: F.at },
  { ...example, name: 'DenyLeaveOrganization', updatedAt: EXAMPLE_AT },
);
const deleted = publicEventType(
  'organizations.policy.deleted',
  1,
  'A (detached) policy was deleted.',
  { organizationId: F.organizationId, policyId: F.policyId, policyType: F.policyType, deletedAt: F.at },
  { ...example, deletedAt: EXAMPLE_AT },
);
const attached = publicEventType(
  'organizations.policy.attached',
  1,
  'A policy was attached to a root, an OU or an account.',
  { organizationId: F.organizationId, policyId: F.policyId, policyType: F.policyType, ...target, attachedAt: F.at },
  { ...example, targetId: EXAMPLE_OU, targetType: 'ORGANIZATIONAL_UNIT', attachedAt: EXAMPLE_AT },
);
const detached = publicEventType(
  'organizations.policy.detached',
  1,
  'A policy was detached from a root, an OU or an account.',
  { organizationId: F.organizationId, policyId: F.policyId, policyType: F.policyType, ...target, detachedAt: F.at },
  { ...example, targetId: EXAMPLE_OU, targetType: 'ORGANIZATIONAL_UNIT', detachedAt: EXAMPLE_AT },
);

const accountsOf = (t: { targetId: string; targetType: string }) => (t.targetType === 'ACCOUNT' ? [t.targetId] : []);

export const policyPublicEvents: PublicEventCatalogue = {
  types: [created, updated, deleted, attached, detached],
  mappings: [
    mapPublic<PolicyCreated['data']>('PolicyCreated', created, (d) => [
      { organizationId: d.organizationId, accountIds: [], data: { ...d, ...d.policy, policyId: d.policy.id, policyType: d.policy.type } },
    ]),
    mapPublic<PolicyUpdated['data']>('PolicyUpdated', updated, (d) => [
      { organizationId: d.organizationId, accountIds: [], data: { ...d, ...d.policy, policyId: d.policy.id, policyType: d.policy.type } },
    ]),
    mapPublic<PolicyDeleted['data']>('PolicyDeleted', deleted, (d) => [{ organizationId: d.organizationId, accountIds: [], data: d }]),
    mapPublic<PolicyAttached['data']>('PolicyAttached', attached, (d) => [{ organizationId: d.organizationId, accountIds: accountsOf(d), data: d }]),
    mapPublic<PolicyDetached['data']>('PolicyDetached', detached, (d) => [{ organizationId: d.organizationId, accountIds: accountsOf(d), data: d }]),
  ],
};
