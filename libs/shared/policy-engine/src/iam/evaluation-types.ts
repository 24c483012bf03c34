import type { CompiledPolicy, EvaluatedRequest } from './compile';

export type AuthorizationPolicyType = 'SERVICE_CONTROL_POLICY' | 'RESOURCE_CONTROL_POLICY';
/** Every kind of policy a decision looks at. */
export type PolicySource = AuthorizationPolicyType | 'IDENTITY' | 'RESOURCE_BASED' | 'PERMISSIONS_BOUNDARY' | 'SESSION_POLICY';
export type AccessDecision = 'ALLOWED' | 'EXPLICIT_DENY' | 'IMPLICIT_DENY';
export type PolicyTargetType = 'ROOT' | 'ORGANIZATIONAL_UNIT' | 'ACCOUNT';

/** A statement that applies to the request, and where it sits. */
export interface MatchedStatement {
  source: PolicySource;
  /** The root, OU or account the policy is attached to (SCPs and RCPs). */
  targetId?: string;
  policyId: string;
  policyName: string;
  statementIndex: number;
  sid?: string;
  effect: 'Allow' | 'Deny';
}

/** One level of a chain: a root, OU or account and the policies of one type attached to it directly. */
export interface PolicyLevel {
  targetId: string;
  targetType: PolicyTargetType;
  policies: readonly CompiledPolicy[];
}

/** What one level of the SCP or RCP chain said about the request. */
export interface LevelOutcome {
  policyType: AuthorizationPolicyType;
  targetId: string;
  targetType: PolicyTargetType;
  allowedBy: MatchedStatement[];
  deniedBy: MatchedStatement[];
  /** At least one Allow here and no Deny. */
  passes: boolean;
}

export interface EvaluationInput {
  request: EvaluatedRequest;
  /** The caller's chain, root first; absent when SCPs do not apply to this request. */
  serviceControlPolicies?: readonly PolicyLevel[];
  /** The resource owner's chain, root first; absent when RCPs do not apply. */
  resourceControlPolicies?: readonly PolicyLevel[];
  identityPolicies?: readonly CompiledPolicy[];
  resourcePolicy?: CompiledPolicy;
  permissionsBoundary?: CompiledPolicy;
  sessionPolicy?: CompiledPolicy;
  /** The principal and the resource belong to one account (scp-rcp-evaluation.md 3.2 and 3.3). */
  sameAccount: boolean;
  /** Why SCPs or RCPs were skipped, for the explanation. */
  exemptions?: readonly string[];
}

export interface EvaluationResult {
  decision: AccessDecision;
  /** The deciding element: the first failing gate, the denying policy type, or the granting one. */
  decidedAt: { source: PolicySource; targetId?: string } | null;
  explanation: string;
  explicitDenies: MatchedStatement[];
  levels: LevelOutcome[];
  /** The Allow statements of identity, resource-based, boundary and session policies that matched. */
  grants: MatchedStatement[];
  exemptions: string[];
}
