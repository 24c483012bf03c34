import { compilePolicy, FULL_AWS_ACCESS, parseIamPolicy, principalFromArn, simulate, type OrganizationView, type PolicyLevel } from '@orgs/shared/policy-engine';
import { CUSTOM_SCPS_PER_LEVEL, LEVELS, REQUEST, scpFor, summary } from './workload';

const ACCOUNT = '444455556666';
const faa = compilePolicy(FULL_AWS_ACCESS.id, FULL_AWS_ACCESS.name, parseIamPolicy(FULL_AWS_ACCESS.content, 'SERVICE_CONTROL_POLICY'));
/** What simulateAccess assumes when no identity policy is given. */
const allowAll = compilePolicy('identity', 'identity', parseIamPolicy('{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}', 'IDENTITY'));

function view(customPerLevel: number): OrganizationView {
  const levels: PolicyLevel[] = Array.from({ length: LEVELS }, (_, level) => ({
    targetId: level === 0 ? 'r-bench' : level === LEVELS - 1 ? ACCOUNT : `ou-bench-${level}`,
    targetType: level === 0 ? 'ROOT' : level === LEVELS - 1 ? 'ACCOUNT' : 'ORGANIZATIONAL_UNIT',
    policies: [faa, ...Array.from({ length: customPerLevel }, (_, n) => compilePolicy(`p-${level}${n}`, `scp-${level}-${n}`, parseIamPolicy(scpFor(level, n), 'SERVICE_CONTROL_POLICY')))],
  }));
  return { organizationId: 'o-bench', managementAccountId: '111122223333', isMember: () => true, chain: (_, type) => (type === 'SERVICE_CONTROL_POLICY' ? levels : undefined) };
}

/** The engine alone on a compiled chain, as the API's cache holds it; the baseline has FullAWSAccess only. */
export function measureInProcess(iterations: number) {
  const principal = principalFromArn(`arn:aws:iam::${ACCOUNT}:role/Builder`)!;
  const run = (organization: OrganizationView) => {
    const samples: number[] = [];
    for (let i = 0; i < iterations; i++) {
      const began = process.hrtime.bigint();
      const result = simulate({ principal, ...REQUEST, identityPolicies: [allowAll] }, organization);
      samples.push(Number(process.hrtime.bigint() - began) / 1e6);
      if (result.decision !== 'ALLOWED') throw new Error(`unexpected ${result.decision}: ${result.explanation}`);
    }
    return summary(samples.slice(Math.floor(iterations / 10)));
  };
  return { full: run(view(CUSTOM_SCPS_PER_LEVEL)), baseline: run(view(0)) };
}
