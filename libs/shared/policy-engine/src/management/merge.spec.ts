import { parseManagementPolicy } from './validate-management';
import { effectivePolicy } from './merge';
import type { PolicyType } from '@orgs/shared/kernel';

/** management-policies.md 5: the eleven worked merges, each policy validated as CreatePolicy would. */
const p = (type: PolicyType) => (json: object) => parseManagementPolicy(JSON.stringify(json), type);
const tag = p('TAG_POLICY');
const m1Root = tag({ tags: { costcenter: { tag_key: { '@@assign': 'CostCenter' }, tag_value: { '@@assign': ['cc-100', 'cc-200'] } } } });
const m2Workloads = tag({ tags: { costcenter: { tag_value: { '@@append': ['cc-300'] } } } });

describe('effective management policies: the reference\'s worked merges', () => {
  it('M1: @@assign replaces inherited values', () => {
    const workloads = tag({ tags: { costcenter: { tag_value: { '@@assign': ['cc-900'] }, enforced_for: { '@@assign': ['ec2:instance'] } } } });
    expect(effectivePolicy([[m1Root], [workloads], []])).toEqual({ tags: { costcenter: { tag_key: 'CostCenter', tag_value: ['cc-900'], enforced_for: ['ec2:instance'] } } });
  });

  it('M2: @@append extends', () => {
    expect(effectivePolicy([[m1Root], [m2Workloads], []])).toEqual({ tags: { costcenter: { tag_key: 'CostCenter', tag_value: ['cc-100', 'cc-200', 'cc-300'] } } });
  });

  it('M3: @@remove at the account, a value never there changing nothing; the sibling account is unaffected', () => {
    const account = tag({ tags: { costcenter: { tag_value: { '@@remove': ['cc-100', 'cc-999'] } } } });
    expect(effectivePolicy([[m1Root], [m2Workloads], [account]])).toEqual({ tags: { costcenter: { tag_key: 'CostCenter', tag_value: ['cc-200', 'cc-300'] } } });
    expect(effectivePolicy([[m1Root], [m2Workloads], [], []])).toEqual({ tags: { costcenter: { tag_key: 'CostCenter', tag_value: ['cc-100', 'cc-200', 'cc-300'] } } });
  });

  it('M4: @@none locks the key capitalization only', () => {
    const root = tag({ tags: { env: { tag_key: { '@@operators_allowed_for_child_policies': ['@@none'], '@@assign': 'Env' }, tag_value: { '@@assign': ['prod', 'test'] } } } });
    const workloads = tag({ tags: { env: { tag_key: { '@@assign': 'ENV' }, tag_value: { '@@assign': ['prod', 'test', 'perf'] } } } });
    expect(effectivePolicy([[root], [workloads], []])).toEqual({ tags: { env: { tag_key: 'Env', tag_value: ['prod', 'test', 'perf'] } } });
  });

  it('M5: only @@append allowed', () => {
    const root = tag({ tags: { team: { tag_key: { '@@assign': 'Team' }, tag_value: { '@@operators_allowed_for_child_policies': ['@@append'], '@@assign': ['alpha', 'beta'] } } } });
    const workloads = tag({ tags: { team: { tag_value: { '@@assign': ['gamma'] } } } });
    const prod = tag({ tags: { team: { tag_value: { '@@append': ['delta'] } } } });
    expect(effectivePolicy([[root], [workloads], [prod], []])).toEqual({ tags: { team: { tag_key: 'Team', tag_value: ['alpha', 'beta', 'delta'] } } });
    expect(effectivePolicy([[root], [workloads], []])).toEqual({ tags: { team: { tag_key: 'Team', tag_value: ['alpha', 'beta'] } } });
  });

  it('M6: two policies on one node intersect their child controls', () => {
    const first = tag({ tags: { app: { tag_value: { '@@operators_allowed_for_child_policies': ['@@append'], '@@assign': ['web'] } } } });
    const second = tag({ tags: { app: { tag_value: { '@@operators_allowed_for_child_policies': ['@@append', '@@remove'] } } } });
    const workloads = tag({ tags: { app: { tag_value: { '@@remove': ['web'], '@@append': ['batch'] } } } });
    expect(effectivePolicy([[first, second], [workloads], []])).toEqual({ tags: { app: { tag_value: ['web', 'batch'] } } });
  });

  it('M7: of two policies on one node the first attached @@assign wins; both appends apply in attach order', () => {
    const upper = tag({ tags: { owner: { tag_key: { '@@assign': 'OWNER' }, tag_value: { '@@append': ['sre'] } } } });
    const title = tag({ tags: { owner: { tag_key: { '@@assign': 'Owner' }, tag_value: { '@@append': ['dba'] } } } });
    expect(effectivePolicy([[], [upper, title], []])).toEqual({ tags: { owner: { tag_key: 'OWNER', tag_value: ['sre', 'dba'] } } });
    expect(effectivePolicy([[], [title, upper], []])).toEqual({ tags: { owner: { tag_key: 'Owner', tag_value: ['dba', 'sre'] } } });
  });

  it('M8: AI opt-out, a locked default beside free per-service entries', () => {
    const ai = p('AISERVICES_OPT_OUT_POLICY');
    const root = ai({ services: { default: { '@@operators_allowed_for_child_policies': ['@@none'], opt_out_policy: { '@@operators_allowed_for_child_policies': ['@@none'], '@@assign': 'optOut' } } } });
    const a7777 = ai({ services: { lex: { opt_out_policy: { '@@assign': 'optIn' } } } });
    const a4444 = ai({ services: { default: { opt_out_policy: { '@@assign': 'optIn' } } } });
    expect(effectivePolicy([[root], [], [a7777]])).toEqual({ services: { default: { opt_out_policy: 'optOut' }, lex: { opt_out_policy: 'optIn' } } });
    expect(effectivePolicy([[root], [], [], [a4444]])).toEqual({ services: { default: { opt_out_policy: 'optOut' } } });
  });

  it('M9: backup regions appended, schedule overridden', () => {
    const backup = p('BACKUP_POLICY');
    const root = backup({
      plans: {
        nightly: {
          regions: { '@@assign': ['eu-west-1'] },
          rules: { daily: { schedule_expression: { '@@assign': 'cron(0 2 ? * * *)' }, target_backup_vault_name: { '@@assign': 'central' }, lifecycle: { delete_after_days: { '@@assign': '35' } } } },
          selections: { tags: { backup: { iam_role_arn: { '@@assign': 'arn:aws:iam::$account:role/backup-runner' }, tag_key: { '@@assign': 'backup' }, tag_value: { '@@assign': ['nightly'] } } } },
        },
      },
    });
    const workloads = backup({ plans: { nightly: { regions: { '@@append': ['eu-central-1'] } } } });
    const prod = backup({ plans: { nightly: { rules: { daily: { schedule_expression: { '@@assign': 'cron(0 4 ? * * *)' } } } } } });
    expect(effectivePolicy([[root], [workloads], [prod], []])).toEqual({
      plans: {
        nightly: {
          regions: ['eu-west-1', 'eu-central-1'],
          rules: { daily: { schedule_expression: 'cron(0 4 ? * * *)', target_backup_vault_name: 'central', lifecycle: { delete_after_days: '35' } } },
          selections: { tags: { backup: { iam_role_arn: 'arn:aws:iam::$account:role/backup-runner', tag_key: 'backup', tag_value: ['nightly'] } } },
        },
      },
    });
  });

  it('M10: a lock set at an OU binds only the accounts below it', () => {
    const root = tag({ tags: { tier: { tag_key: { '@@assign': 'Tier' }, tag_value: { '@@assign': ['gold', 'silver', 'bronze'] } } } });
    const prod = tag({ tags: { tier: { tag_value: { '@@operators_allowed_for_child_policies': ['@@none'], '@@assign': ['gold'] } } } });
    const account = tag({ tags: { tier: { tag_value: { '@@append': ['silver'] } } } });
    expect(effectivePolicy([[root], [], [prod], [account]])).toEqual({ tags: { tier: { tag_key: 'Tier', tag_value: ['gold'] } } });
    expect(effectivePolicy([[root], [], []])).toEqual({ tags: { tier: { tag_key: 'Tier', tag_value: ['gold', 'silver', 'bronze'] } } });
  });

  it('M11: enforced_for built up and trimmed', () => {
    const root = tag({ tags: { project: { tag_key: { '@@assign': 'Project' }, enforced_for: { '@@assign': ['ec2:instance', 'ec2:volume'] } } } });
    const workloads = tag({ tags: { project: { enforced_for: { '@@append': ['secretsmanager:secret'] } } } });
    const account = tag({ tags: { project: { enforced_for: { '@@remove': ['ec2:volume'] } } } });
    expect(effectivePolicy([[root], [workloads], [account]])).toEqual({ tags: { project: { tag_key: 'Project', enforced_for: ['ec2:instance', 'secretsmanager:secret'] } } });
  });

  it('merges policy keys written in two cases into one lower-case entry (T4)', () => {
    const root = tag({ tags: { Environment: { tag_value: { '@@assign': ['prod', 'dev'] } } } });
    expect(effectivePolicy([[root], []])).toEqual({ tags: { environment: { tag_value: ['prod', 'dev'] } } });
  });

  it.each<[PolicyType, object, object]>([
    ['CHATBOT_POLICY', { chatbot: { platforms: { slack: { client: { '@@assign': 'enabled' } } }, default: { client: { '@@assign': 'disabled' } } } }, { chatbot: { platforms: { slack: { client: { '@@assign': 'disabled' } } } } }],
    ['DECLARATIVE_POLICY_EC2', { ec2_attributes: { serial_console_access: { status: { '@@assign': 'disabled' } } } }, { ec2_attributes: { serial_console_access: { status: { '@@assign': 'enabled' } } } }],
  ])('%s: a child\'s @@assign wins over the root\'s', (type, root, child) => {
    const merged = effectivePolicy([[p(type)(root)], [p(type)(child)]]);
    expect(JSON.stringify(merged)).toContain(type === 'CHATBOT_POLICY' ? '"slack":{"client":"disabled"}' : '"status":"enabled"');
  });
});
