/** ARNs in AWS's formats. The account field is always the organization's management account. */
const PREFIX = 'arn:aws:organizations::';

export const organizationArn = (managementAccountId: string, organizationId: string) =>
  `${PREFIX}${managementAccountId}:organization/${organizationId}`;

export const rootArn = (managementAccountId: string, organizationId: string, rootId: string) =>
  `${PREFIX}${managementAccountId}:root/${organizationId}/${rootId}`;

export const accountArn = (managementAccountId: string, organizationId: string, accountId: string) =>
  `${PREFIX}${managementAccountId}:account/${organizationId}/${accountId}`;

export const organizationalUnitArn = (managementAccountId: string, organizationId: string, ouId: string) =>
  `${PREFIX}${managementAccountId}:ou/${organizationId}/${ouId}`;

/** The action appears in lower case: `.../handshake/o-.../invite/h-...` (ids-and-arns.md 3.6). */
export const handshakeArn = (managementAccountId: string, organizationId: string, action: string, handshakeId: string) =>
  `${PREFIX}${managementAccountId}:handshake/${organizationId}/${action.toLowerCase()}/${handshakeId}`;
