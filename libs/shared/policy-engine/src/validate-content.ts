import { constraintViolation, type PolicyType } from '@orgs/shared/kernel';
import type { JsonObject } from './document/strict-json';
import type { IamDocument } from './iam/iam-document';
import { parseIamPolicy } from './iam/parse-iam';
import { parseManagementPolicy } from './management/validate-management';
import { POLICY_TYPES } from './policy-types';

export type ParsedPolicyContent = { category: 'AUTHORIZATION'; document: IamDocument } | { category: 'MANAGEMENT'; document: JsonObject };

/**
 * CreatePolicy's and UpdatePolicy's content rules: the type's size limit (every character counts,
 * POLICY_CONTENT_LIMIT_EXCEEDED), then its grammar (MalformedPolicyDocumentException).
 */
export function validatePolicyContent(type: PolicyType, content: string): ParsedPolicyContent {
  const facts = POLICY_TYPES[type];
  if (content.length > facts.maxContentLength) {
    throw constraintViolation('POLICY_CONTENT_LIMIT_EXCEEDED', `A ${type} may hold at most ${facts.maxContentLength} characters; this one has ${content.length}.`);
  }
  if (facts.category === 'MANAGEMENT') return { category: 'MANAGEMENT', document: parseManagementPolicy(content, type) };
  const kind = type === 'SERVICE_CONTROL_POLICY' ? 'SERVICE_CONTROL_POLICY' : 'RESOURCE_CONTROL_POLICY';
  return { category: 'AUTHORIZATION', document: parseIamPolicy(content, kind) };
}
