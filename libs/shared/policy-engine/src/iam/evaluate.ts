import type { CompiledPolicy, EvaluatedRequest } from './compile';
import { describeDecision } from './explain';
import type { AuthorizationPolicyType, EvaluationInput, EvaluationResult, LevelOutcome, MatchedStatement, PolicyLevel, PolicySource } from './evaluation-types';

interface Scan {
  allows: MatchedStatement[];
  denies: MatchedStatement[];
}

/** Every statement of the policies that applies to the request, split by effect. */
function scan(policies: readonly CompiledPolicy[], source: PolicySource, request: EvaluatedRequest, targetId?: string): Scan {
  const result: Scan = { allows: [], denies: [] };
  for (const policy of policies) {
    for (const statement of policy.statements) {
      if (!statement.appliesTo(request)) continue;
      const match: MatchedStatement = { source, targetId, policyId: policy.id, policyName: policy.name, statementIndex: statement.index, sid: statement.sid, effect: statement.effect };
      (statement.effect === 'Deny' ? result.denies : result.allows).push(match);
    }
  }
  return result;
}

function levelOutcomes(levels: readonly PolicyLevel[] | undefined, policyType: AuthorizationPolicyType, request: EvaluatedRequest): LevelOutcome[] {
  return (levels ?? []).map((level) => {
    const { allows, denies } = scan(level.policies, policyType, request, level.targetId);
    return { policyType, targetId: level.targetId, targetType: level.targetType, allowedBy: allows, deniedBy: denies, passes: allows.length > 0 && denies.length === 0 };
  });
}

const optional = (policy: CompiledPolicy | undefined) => (policy ? [policy] : []);

/**
 * The reference algorithm of scp-rcp-evaluation.md 2.3: any explicit Deny wins; then every RCP
 * level, then every SCP level, root first, must hold a matching Allow; then the IAM grants decide
 * (identity or resource-based in one account, both across accounts, boundary and session policy
 * capping either). Each level's outcome is kept, so the answer explains itself.
 */
export function evaluate(input: EvaluationInput): EvaluationResult {
  const { request } = input;
  const rcp = levelOutcomes(input.resourceControlPolicies, 'RESOURCE_CONTROL_POLICY', request);
  const scp = levelOutcomes(input.serviceControlPolicies, 'SERVICE_CONTROL_POLICY', request);
  const identity = scan(input.identityPolicies ?? [], 'IDENTITY', request);
  const resource = scan(optional(input.resourcePolicy), 'RESOURCE_BASED', request);
  const boundary = scan(optional(input.permissionsBoundary), 'PERMISSIONS_BOUNDARY', request);
  const session = scan(optional(input.sessionPolicy), 'SESSION_POLICY', request);
  const explicitDenies = [...rcp, ...scp].flatMap((level) => level.deniedBy).concat(resource.denies, identity.denies, boundary.denies, session.denies);
  const grants = [...identity.allows, ...resource.allows, ...boundary.allows, ...session.allows];
  const base = { explicitDenies, levels: [...rcp, ...scp], grants, exemptions: [...(input.exemptions ?? [])] };
  const decided = decide(input, { rcp, scp, identity, resource, boundary, session }, explicitDenies);
  return { ...base, ...decided, explanation: describeDecision(decided, base, request) };
}

interface Scans {
  rcp: LevelOutcome[];
  scp: LevelOutcome[];
  identity: Scan;
  resource: Scan;
  boundary: Scan;
  session: Scan;
}

type Decided = Pick<EvaluationResult, 'decision' | 'decidedAt'>;
const implicit = (source: PolicySource, targetId?: string): Decided => ({ decision: 'IMPLICIT_DENY', decidedAt: { source, targetId } });

function decide(input: EvaluationInput, scans: Scans, explicitDenies: MatchedStatement[]): Decided {
  if (explicitDenies.length > 0) {
    const first = explicitDenies[0];
    return { decision: 'EXPLICIT_DENY', decidedAt: { source: first.source, targetId: first.targetId } };
  }
  const gap = [...scans.rcp, ...scans.scp].find((level) => level.allowedBy.length === 0);
  if (gap) return implicit(gap.policyType, gap.targetId);
  return grant(input, scans);
}

/** Steps 4-7: who grants, and what caps the grant. */
function grant(input: EvaluationInput, { identity, resource, boundary, session }: Scans): Decided {
  const { principal } = input.request;
  const boundaryAllows = !input.permissionsBoundary || boundary.allows.length > 0;
  const sessionAllows = !input.sessionPolicy || session.allows.length > 0;
  // The root user needs no identity policy; a service principal has none.
  const identityAllows = principal.kind === 'ROOT' || identity.allows.length > 0;
  const resourceAllows = resource.allows.length > 0;
  if (input.sameAccount && resourceAllows && principal.kind !== 'ROLE') return { decision: 'ALLOWED', decidedAt: { source: 'RESOURCE_BASED' } };
  if (input.sameAccount && resourceAllows) return capped(boundaryAllows, sessionAllows, 'RESOURCE_BASED');
  if (principal.kind !== 'SERVICE' && !identityAllows) return implicit('IDENTITY');
  const capping = capped(boundaryAllows, sessionAllows, 'IDENTITY');
  if (capping.decision !== 'ALLOWED' || input.sameAccount) return capping;
  return resourceAllows ? { decision: 'ALLOWED', decidedAt: { source: 'RESOURCE_BASED' } } : implicit('RESOURCE_BASED');
}

function capped(boundaryAllows: boolean, sessionAllows: boolean, granter: PolicySource): Decided {
  if (!boundaryAllows) return implicit('PERMISSIONS_BOUNDARY');
  if (!sessionAllows) return implicit('SESSION_POLICY');
  return { decision: 'ALLOWED', decidedAt: { source: granter } };
}
