/** Who makes a request, as the evaluation rules tell principals apart (scp-rcp-evaluation.md 1). */
export type PrincipalKind = 'USER' | 'ROLE' | 'ROOT' | 'SERVICE_LINKED_ROLE' | 'SERVICE' | 'ANONYMOUS';

export interface RequestPrincipal {
  kind: PrincipalKind;
  /** What `aws:PrincipalArn` holds: for a role session the role's ARN; a service's name for a service principal. */
  arn: string;
  /** The account the principal belongs to (none for services and anonymous callers). */
  accountId?: string;
}

const IAM_ARN = /^arn:aws[a-z-]*:(iam|sts)::(\d{12}):(.+)$/;

/**
 * Reads a principal from an ARN: `:root`, `:user/...`, `:role/...` (service-linked roles live under
 * `role/aws-service-role/`), an `assumed-role` session (counted as its role), or a service name
 * such as `cloudtrail.amazonaws.com`. Undefined when it is none of these.
 */
export function principalFromArn(arn: string): RequestPrincipal | undefined {
  if (arn === '*' || arn === 'anonymous') return { kind: 'ANONYMOUS', arn: '*' };
  if (/^[a-z0-9.-]+\.amazonaws\.com$/.test(arn)) return { kind: 'SERVICE', arn };
  const match = IAM_ARN.exec(arn);
  if (!match) return undefined;
  const [, service, accountId, rest] = match;
  if (service === 'sts') {
    const role = /^assumed-role\/([^/]+)\/.+$/.exec(rest);
    return role ? { kind: 'ROLE', arn: `arn:aws:iam::${accountId}:role/${role[1]}`, accountId } : undefined;
  }
  if (rest === 'root') return { kind: 'ROOT', arn, accountId };
  if (rest.startsWith('user/')) return { kind: 'USER', arn, accountId };
  if (rest.startsWith('role/aws-service-role/')) return { kind: 'SERVICE_LINKED_ROLE', arn, accountId };
  if (rest.startsWith('role/')) return { kind: 'ROLE', arn, accountId };
  return undefined;
}

export const isServiceLinkedRole = (arn: string) => principalFromArn(arn)?.kind === 'SERVICE_LINKED_ROLE';

/**
 * Whether a `Principal` element of a resource-based policy names the caller: `"*"`, its ARN, its
 * account (id or `:root` ARN), or its service name.
 */
export function principalNamed(element: '*' | Readonly<Record<string, readonly string[]>>, principal: RequestPrincipal): boolean {
  if (element === '*') return true;
  const aws = element.AWS ?? [];
  if (aws.includes('*')) return true;
  if (principal.kind === 'SERVICE') return (element.Service ?? []).includes(principal.arn);
  if (!principal.accountId) return false;
  const accountRoot = `arn:aws:iam::${principal.accountId}:root`;
  return aws.some((p) => p === principal.arn || p === principal.accountId || p === accountRoot);
}
