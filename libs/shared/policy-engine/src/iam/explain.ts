import type { EvaluatedRequest } from './compile';
import type { EvaluationResult, MatchedStatement, PolicySource } from './evaluation-types';

const SOURCE_NAMES: Record<PolicySource, string> = {
  SERVICE_CONTROL_POLICY: 'service control policy',
  RESOURCE_CONTROL_POLICY: 'resource control policy',
  IDENTITY: 'identity-based policy',
  RESOURCE_BASED: 'resource-based policy',
  PERMISSIONS_BOUNDARY: 'permissions boundary',
  SESSION_POLICY: 'session policy',
};

const SHORT: Partial<Record<PolicySource, string>> = { SERVICE_CONTROL_POLICY: 'SCP', RESOURCE_CONTROL_POLICY: 'RCP' };

/** `SCP@ou-k3x9-7fq2m8zd[S-EU]`, `identity-based policy[IdAll]`: the notation of scp-rcp-evaluation.md 2.4. */
export function statementLabel(match: MatchedStatement): string {
  const where = match.targetId ? `${SHORT[match.source] ?? match.source}@${match.targetId}` : SOURCE_NAMES[match.source];
  const statement = match.sid ? `"${match.sid}"` : `Statement[${match.statementIndex}]`;
  return `${where}[${match.policyName} ${statement}]`;
}

type Decided = Pick<EvaluationResult, 'decision' | 'decidedAt'>;
type Found = Pick<EvaluationResult, 'explicitDenies' | 'grants' | 'levels'>;

/** AWS's two wordings (section 10): "with an explicit deny in a ..." and "because no ... allows". */
export function describeDecision(decided: Decided, found: Found, request: EvaluatedRequest): string {
  const what = `${request.action} on ${request.resource}`;
  if (decided.decision === 'EXPLICIT_DENY') {
    return `${what} is denied with an explicit deny in a ${SOURCE_NAMES[decided.decidedAt!.source]}: ${found.explicitDenies.map(statementLabel).join(', ')}.`;
  }
  if (decided.decision === 'IMPLICIT_DENY') {
    const { source, targetId } = decided.decidedAt!;
    const where = targetId ? ` attached to ${targetId}` : '';
    return `${what} is denied because no ${SOURCE_NAMES[source]}${where} allows the ${request.action} action.`;
  }
  const granted = found.grants.filter((g) => g.source === decided.decidedAt?.source).map(statementLabel);
  const gates = found.levels.length > 0 ? ` Every ${found.levels.map((l) => `${SHORT[l.policyType]}@${l.targetId}`).join(', ')} level allows it.` : '';
  return `${what} is allowed by ${granted.length > 0 ? granted.join(', ') : `the ${SOURCE_NAMES[decided.decidedAt!.source]}`}.${gates}`;
}
