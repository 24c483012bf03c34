import { assertValidInput, invalidInput } from '@orgs/shared/kernel';
import { assertValidTags, type Tag } from '../tags/tags';

export const DEFAULT_ACCESS_ROLE_NAME = 'OrganizationAccountAccessRole';

export interface CreateAccountInput {
  email: string;
  accountName: string;
  roleName?: string | null;
  iamUserAccessToBilling?: 'ALLOW' | 'DENY' | null;
  tags?: Tag[] | null;
}

/**
 * Everything CreateAccount refuses before anything is recorded (ids-and-arns.md section 4): the
 * model's shapes, no service-linked role name, and TagResource's rules for the tags (one bad tag
 * refuses the whole request).
 */
export function validateCreateAccountInput(input: CreateAccountInput): void {
  assertValidInput('Email', 'email', input.email);
  assertValidInput('CreateAccountName', 'accountName', input.accountName);
  if (input.roleName !== undefined && input.roleName !== null) {
    assertValidInput('RoleName', 'roleName', input.roleName);
    // Service-linked role names are AWS's own: a customer role may not take one.
    if (input.roleName.startsWith('AWSServiceRoleFor')) throw invalidInput('INVALID_ROLE_NAME', 'roleName may not start with AWSServiceRoleFor.');
  }
  if (input.iamUserAccessToBilling !== undefined && input.iamUserAccessToBilling !== null) {
    assertValidInput('IAMUserAccessToBilling', 'iamUserAccessToBilling', input.iamUserAccessToBilling);
  }
  assertValidTags(input.tags);
}

export const tagsAsRecord = (tags: readonly Tag[]): Record<string, string> => Object.fromEntries(tags.map((t) => [t.key, t.value]));
export const tagsAsList = (tags: Readonly<Record<string, string>>): Tag[] => Object.entries(tags).map(([key, value]) => ({ key, value }));
