import type { CompiledPolicy } from './compile';
import type { AccessDecision, AuthorizationPolicyType, EvaluationResult, PolicyLevel } from './evaluation-types';
import { simulate, type AccessRequest, type OrganizationView } from './simulate';

/** A proposed change to the organization's SCPs or RCPs: what previewPolicyChange replays requests against. */
export type PolicyChange =
  | { kind: 'ATTACH'; policyType: AuthorizationPolicyType; targetId: string; policy: CompiledPolicy }
  | { kind: 'DETACH'; policyType: AuthorizationPolicyType; targetId: string; policyId: string }
  /** The policy's new document, wherever it is attached. */
  | { kind: 'UPDATE'; policyType: AuthorizationPolicyType; policy: CompiledPolicy };

/** A request to replay, made in `accountId` (a recorded sample, or one given with the preview). */
export interface PreviewRequest {
  accountId: string;
  /** The sample's id or name, or the request's place in the list given. */
  label: string;
  request: AccessRequest;
}

export interface DecisionChange {
  accountId: string;
  label: string;
  before: EvaluationResult;
  after: EvaluationResult;
  /** One sentence: the two decisions, and the after-side explanation. */
  why: string;
}

export interface PolicyChangePreview {
  evaluated: number;
  /** Requests whose decision the change turns around, in the order given. */
  changed: DecisionChange[];
}

function changedLevel(level: PolicyLevel, change: PolicyChange): PolicyLevel {
  switch (change.kind) {
    case 'ATTACH':
      if (level.targetId !== change.targetId || level.policies.some((p) => p.id === change.policy.id)) return level;
      return { ...level, policies: [...level.policies, change.policy] };
    case 'DETACH':
      return level.targetId === change.targetId ? { ...level, policies: level.policies.filter((p) => p.id !== change.policyId) } : level;
    case 'UPDATE':
      return level.policies.some((p) => p.id === change.policy.id) ? { ...level, policies: level.policies.map((p) => (p.id === change.policy.id ? change.policy : p)) } : level;
  }
}

/** The organization as it would be after the change; nothing else about it moves. */
export function withPolicyChange(view: OrganizationView, change: PolicyChange): OrganizationView {
  return {
    organizationId: view.organizationId,
    managementAccountId: view.managementAccountId,
    isMember: (accountId) => view.isMember(accountId),
    chain: (accountId, type) => {
      const levels = view.chain(accountId, type);
      return levels && type === change.policyType ? levels.map((level) => changedLevel(level, change)) : levels;
    },
  };
}

const VERBS: Record<PolicyChange['kind'], string> = { ATTACH: 'Attaching', DETACH: 'Detaching', UPDATE: 'Updating' };
const policyOf = (change: PolicyChange) => (change.kind === 'DETACH' ? change.policyId : change.policy.id);

function why(change: PolicyChange, before: AccessDecision, after: EvaluationResult): string {
  const where = change.kind === 'UPDATE' ? '' : ` ${change.kind === 'ATTACH' ? 'to' : 'from'} ${change.targetId}`;
  return `${VERBS[change.kind]} ${policyOf(change)}${where} turns ${before} into ${after.decision}: ${after.explanation}`;
}

/**
 * Replays each request against the organization before and after the change (Google Cloud's
 * Policy Simulator's idea, for SCPs and RCPs) and keeps those whose decision differs, with both
 * evaluations so each level's allows and denies can be compared.
 */
export function previewPolicyChange(requests: readonly PreviewRequest[], organization: OrganizationView, change: PolicyChange): PolicyChangePreview {
  const changedOrganization = withPolicyChange(organization, change);
  const changed: DecisionChange[] = [];
  for (const { accountId, label, request } of requests) {
    const before = simulate(request, organization);
    const after = simulate(request, changedOrganization);
    if (before.decision !== after.decision) changed.push({ accountId, label, before, after, why: why(change, before.decision, after) });
  }
  return { evaluated: requests.length, changed };
}
