import type { TargetType } from '@orgs/shared/kernel';
import type { OrganizationEvent } from '../organization';

/** FullAWSAccess attached to a new node, as the capabilities that add nodes record it. */
export const fullAccessAttached = (organizationId: string, targetId: string, targetType: TargetType, at: string): OrganizationEvent => ({
  type: 'PolicyAttached',
  data: { organizationId, policyId: 'p-FullAWSAccess', policyType: 'SERVICE_CONTROL_POLICY', targetId, targetType, attachedAt: at },
});
