import { evaluateTagCompliance, tagPolicyViolations } from './tag-compliance';

/** tag-policy-compliance.md 7: the worked examples T1-T9. */
const T1 = { tags: { costcenter: { tag_key: 'CostCenter' } } };
const T2 = { tags: { costcenter: { tag_key: 'CostCenter', tag_value: ['cc-100', 'cc-200'] } } };
const T3 = { tags: { owner: { tag_key: 'Owner', tag_value: ['team-*', '*@corp.example'] } } };
const T4 = { tags: { environment: { tag_value: ['prod', 'dev'] } } };
const T8 = { tags: { color: { tag_key: 'Color', tag_value: [], enforced_for: ['dynamodb:table'] } } };
const T9 = { tags: { costcenter: { tag_key: 'CostCenter', report_required_tag_for: ['ec2:instance'] } } };

const verdict = (effective: object, tags: Record<string, string>) => {
  const result = evaluateTagCompliance(tags, effective as never);
  return result && { compliant: result.compliant, keys: result.noncompliantKeys, values: result.keysWithNoncompliantValues };
};

describe('tag policy compliance: the reference\'s worked examples', () => {
  it.each([
    ['T1', T1, { CostCenter: 'cc-100' }, true, [], []],
    ['T1', T1, { costcenter: 'cc-100' }, false, ['costcenter'], ['costcenter']],
    ['T1', T1, { COSTCENTER: '' }, false, ['COSTCENTER'], ['COSTCENTER']],
    ['T1', T1, { Name: 'web-1' }, true, [], []],
    ['T2', T2, { CostCenter: 'cc-200' }, true, [], []],
    ['T2', T2, { CostCenter: 'cc-300' }, false, [], ['CostCenter']],
    ['T2', T2, { CostCenter: 'CC-100' }, false, [], ['CostCenter']],
    ['T2', T2, { CostCenter: '' }, false, [], ['CostCenter']],
    ['T3', T3, { Owner: 'team-data' }, true, [], []],
    ['T3', T3, { Owner: 'alice@corp.example' }, true, [], []],
    ['T3', T3, { Owner: 'data-team' }, false, [], ['Owner']],
    ['T3', T3, { Owner: 'Team-data' }, false, [], ['Owner']],
    ['T4', T4, { environment: 'prod' }, true, [], []],
    ['T4', T4, { Environment: 'prod' }, false, ['Environment'], ['Environment']],
    ['T4', T4, { environment: 'Prod' }, false, [], ['environment']],
    ['T5', T2, { Name: 'build-7' }, true, [], []],
    ['T8', T8, { Color: 'blue' }, false, [], ['Color']],
    ['T8', T8, { color: 'blue' }, false, ['color'], ['color']],
  ])('%s: %j', (_, effective, tags, compliant, keys, values) => {
    expect(verdict(effective, tags)).toEqual({ compliant, keys, values });
  });

  it('T5: a resource never tagged is not evaluated; one whose tags were all removed is compliant', () => {
    expect(evaluateTagCompliance({}, T2 as never, 's3:bucket', false)).toBeNull();
    expect(evaluateTagCompliance({}, T2 as never, 'ec2:instance', true)?.compliant).toBe(true);
  });

  it('T6: enforcement refuses bad tags on enforced types only', () => {
    const T6 = { tags: { costcenter: { ...T2.tags.costcenter, enforced_for: ['secretsmanager:secret'] } } } as never;
    expect(tagPolicyViolations({ CostCenter: 'cc-999' }, T6, 'secretsmanager:secret')).toEqual(['CostCenter']);
    expect(tagPolicyViolations({ costcenter: 'cc-100' }, T6, 'secretsmanager:secret')).toEqual(['costcenter']);
    expect(tagPolicyViolations({}, T6, 'secretsmanager:secret')).toEqual([]);
    expect(tagPolicyViolations({ Project: 'x' }, T6, 'secretsmanager:secret')).toEqual([]);
    expect(tagPolicyViolations({ CostCenter: 'cc-999' }, T6, 'ec2:instance')).toEqual([]);
  });

  it('T8: an empty value list forbids the key, and ALL_SUPPORTED-style types match by service', () => {
    expect(tagPolicyViolations({ Color: 'blue' }, T8 as never, 'dynamodb:table')).toEqual(['Color']);
    expect(tagPolicyViolations({ Color: 'blue' }, { tags: { color: { ...T8.tags.color, enforced_for: ['dynamodb:ALL_SUPPORTED'] } } } as never, 'dynamodb:table')).toEqual(['Color']);
  });

  it('T9: a required key is reported missing; with tag_key only the exact case satisfies it', () => {
    expect(evaluateTagCompliance({ Name: 'web-1' }, T9 as never, 'ec2:instance')).toMatchObject({ compliant: true, missingTagKeys: ['CostCenter'] });
    expect(evaluateTagCompliance({ costcenter: 'cc-1' }, T9 as never, 'ec2:instance')).toMatchObject({ compliant: false, missingTagKeys: ['CostCenter'] });
    expect(evaluateTagCompliance({ Name: 'logs' }, T9 as never, 's3:bucket')).toMatchObject({ missingTagKeys: [] });
  });
});
