import type { OrganizationState } from '../state';
import { SERVICE_LINKED_ROLE_PATH_PREFIX } from './service-catalogue';

/** `arn:aws:iam::<account>:role/aws-service-role/<principal>/<name>` (trusted-access.md 2). */
export const iamRoleArnWithPath = (accountId: string, path: string, roleName: string) => `arn:aws:iam::${accountId}:role${path}${roleName}`;

/**
 * Whether `roleArn` is a service-linked role the organization created in `accountId` (and has not
 * deleted). Service-linked roles are exempt from SCPs: the access simulator asks this.
 */
export function isServiceLinkedRoleOf(state: OrganizationState, accountId: string, roleArn: string): boolean {
  const match = /^arn:aws:iam::(\d{12}):role(\/.*\/)([^/]+)$/.exec(roleArn);
  if (!match || match[1] !== accountId || !match[2].startsWith(SERVICE_LINKED_ROLE_PATH_PREFIX)) return false;
  const known = state.trustedAccess.knownRoles[match[3]];
  return known?.path === match[2] && state.trustedAccess.serviceLinkedRoles[accountId]?.[match[3]] === 'CREATED';
}
