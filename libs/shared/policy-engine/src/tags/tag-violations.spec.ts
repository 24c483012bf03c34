import { parseManagementPolicy } from '../management/validate-management';
import { emptyMergeState, mergeLevel, type MergeState } from '../management/merge';
import type { JsonObject } from '../document/strict-json';
import { findTagPolicyViolations, type TaggedResource } from './tag-violations';

/**
 * Given the tag policies attached in the sample organization (Root > Workloads > Prod > 444455556666,
 * Workloads > 777788889999), when resources carry tags, then the ones that break the effective tag
 * policy of their node are reported with the node that judged them.
 */
const tag = (json: object) => parseManagementPolicy(JSON.stringify(json), 'TAG_POLICY');
const T7_ROOT = tag({ tags: { costcenter: { tag_key: { '@@assign': 'CostCenter' }, tag_value: { '@@assign': ['cc-100', 'cc-200', 'cc-300'] } } } });
const T7_ACCOUNT = tag({ tags: { costcenter: { tag_value: { '@@remove': ['cc-300'] } } } });
const ENV_OU = tag({ tags: { environment: { tag_value: { '@@assign': ['prod', 'dev'] } } } });

const R = 'r-k3x9';
const WORKLOADS = 'ou-k3x9-7fq2m8zd';
const PROD = 'ou-k3x9-p4w1c6ty';

/** What the projection stores: the merge state after every node with tag policies of its own. */
function effectiveOf(attached: Record<string, { chain: string[]; policies: JsonObject[] }>): Map<string, JsonObject> {
  const states = new Map<string, MergeState>();
  for (const [id, node] of Object.entries(attached).sort((a, b) => a[1].chain.length - b[1].chain.length)) {
    const ancestor = node.chain.slice(0, -1).reverse().find((n) => states.has(n));
    states.set(id, mergeLevel(ancestor ? states.get(ancestor)! : emptyMergeState(), node.policies));
  }
  return new Map([...states].map(([id, s]) => [id, s.values]));
}

const t7 = effectiveOf({ [R]: { chain: [R], policies: [T7_ROOT] }, '444455556666': { chain: [R, WORKLOADS, PROD, '444455556666'], policies: [T7_ACCOUNT] } });
const account = (id: string, chain: string[], tags: Record<string, string>): TaggedResource => ({ resourceId: id, resourceType: 'ACCOUNT', chain: [...chain, id], tags });

describe('findTagPolicyViolations', () => {
  it('T7: cc-300 breaks the trimmed policy of 444455556666, not the root\'s policy that 777788889999 inherits', () => {
    const resources = [account('444455556666', [R, WORKLOADS, PROD], { CostCenter: 'cc-300' }), account('777788889999', [R, WORKLOADS], { CostCenter: 'cc-300' })];
    expect(findTagPolicyViolations(resources, t7)).toEqual([
      { resourceId: '444455556666', resourceType: 'ACCOUNT', effectivePolicyTargetId: '444455556666', noncompliantKeys: [], keysWithNoncompliantValues: ['CostCenter'] },
    ]);
  });

  it('reports a key in the wrong case as both a key and a value problem, and ignores keys no policy governs', () => {
    const resources = [account('777788889999', [R, WORKLOADS], { costcenter: 'cc-100', Name: 'anything' })];
    expect(findTagPolicyViolations(resources, t7)).toEqual([
      { resourceId: '777788889999', resourceType: 'ACCOUNT', effectivePolicyTargetId: R, noncompliantKeys: ['costcenter'], keysWithNoncompliantValues: ['costcenter'] },
    ]);
  });

  it('judges an OU by the policy merged down to it, and the root and policies by the root\'s', () => {
    const effective = effectiveOf({ [R]: { chain: [R], policies: [T7_ROOT] }, [WORKLOADS]: { chain: [R, WORKLOADS], policies: [ENV_OU] } });
    const resources: TaggedResource[] = [
      { resourceId: WORKLOADS, resourceType: 'ORGANIZATIONAL_UNIT', chain: [R, WORKLOADS], tags: { environment: 'staging', CostCenter: 'cc-100' } },
      { resourceId: PROD, resourceType: 'ORGANIZATIONAL_UNIT', chain: [R, WORKLOADS, PROD], tags: { Environment: 'prod' } },
      { resourceId: R, resourceType: 'ROOT', chain: [R], tags: { environment: 'staging' } },
      { resourceId: 'p-examplepol', resourceType: 'POLICY', chain: [R], tags: { CostCenter: 'cc-999' } },
    ];
    expect(findTagPolicyViolations(resources, effective).map((v) => [v.resourceId, v.effectivePolicyTargetId, v.noncompliantKeys, v.keysWithNoncompliantValues])).toEqual([
      [WORKLOADS, WORKLOADS, [], ['environment']],
      [PROD, WORKLOADS, ['Environment'], ['Environment']],
      ['p-examplepol', R, [], ['CostCenter']],
    ]);
  });

  it('judges nothing where no tag policy applies, and no resource without tags', () => {
    const prodOnly = effectiveOf({ [PROD]: { chain: [R, WORKLOADS, PROD], policies: [ENV_OU] } });
    const resources = [account('777788889999', [R, WORKLOADS], { environment: 'staging' }), account('444455556666', [R, WORKLOADS, PROD], {})];
    expect(findTagPolicyViolations(resources, prodOnly)).toEqual([]);
  });

  it('T8: an empty list of values forbids the key everywhere below', () => {
    const locked = effectiveOf({ [R]: { chain: [R], policies: [tag({ tags: { color: { tag_key: { '@@assign': 'Color' }, tag_value: { '@@assign': [] } } } })] } });
    expect(findTagPolicyViolations([account('555566667777', [R, 'ou-k3x9-s5b8n2vd'], { Color: 'blue' })], locked)).toMatchObject([{ keysWithNoncompliantValues: ['Color'] }]);
  });
});
