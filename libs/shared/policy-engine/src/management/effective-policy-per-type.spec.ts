import type { PolicyType } from '@orgs/shared/kernel';
import { effectivePolicy } from './merge';
import { parseManagementPolicy } from './validate-management';

/**
 * The effective policy of each management type (management-policies.md 6.2-6.5), from the
 * reference's valid examples at the root down through an OU to an account: what a child may add,
 * override, and what a lock set above it keeps. Tag policies: merge.spec.ts (M1-M7, M10, M11).
 */
const p = (type: PolicyType) => (json: object) => parseManagementPolicy(JSON.stringify(json), type);

describe('effective policies per management type', () => {
  const chatbot = p('CHATBOT_POLICY');
  const chatRoot = chatbot({
    chatbot: {
      platforms: {
        slack: {
          client: { '@@operators_allowed_for_child_policies': ['@@none'], '@@assign': 'enabled' },
          workspaces: { '@@assign': ['T0EXAMPLE1'] },
          default: { supported_channel_types: { '@@assign': ['private'] }, supported_role_settings: { '@@assign': ['channel_role'] } },
        },
        chime: { client: { '@@assign': 'disabled' } },
      },
      default: { client: { '@@assign': 'disabled' } },
    },
  });

  it('CHATBOT_POLICY: an OU appends a workspace, an account enables Chime; the locked Slack client stays enabled', () => {
    const ou = chatbot({ chatbot: { platforms: { slack: { workspaces: { '@@append': ['T0EXAMPLE2'] }, client: { '@@assign': 'disabled' } } } } });
    const account = chatbot({ chatbot: { platforms: { chime: { client: { '@@assign': 'enabled' } } } } });
    expect(effectivePolicy([[chatRoot], [ou], [account]])).toEqual({
      chatbot: {
        platforms: {
          slack: { client: 'enabled', workspaces: ['T0EXAMPLE1', 'T0EXAMPLE2'], default: { supported_channel_types: ['private'], supported_role_settings: ['channel_role'] } },
          chime: { client: 'enabled' },
        },
        default: { client: 'disabled' },
      },
    });
  });

  it('CHATBOT_POLICY: a sibling account without policies of its own keeps the root\'s', () => {
    expect(effectivePolicy([[chatRoot], []])).toMatchObject({ chatbot: { platforms: { chime: { client: 'disabled' }, slack: { workspaces: ['T0EXAMPLE1'] } } } });
  });

  const ec2 = p('DECLARATIVE_POLICY_EC2');
  const ec2Root = ec2({
    ec2_attributes: {
      exception_message: { '@@assign': "Blocked by platform policy, see the internal wiki page 'ec2-guardrails'." },
      serial_console_access: { status: { '@@operators_allowed_for_child_policies': ['@@none'], '@@assign': 'disabled' } },
      instance_metadata_defaults: { http_tokens: { '@@assign': 'required' }, http_put_response_hop_limit: { '@@assign': '2' } },
    },
  });

  it('DECLARATIVE_POLICY_EC2: an OU lowers the hop limit and adds snapshot blocking; the locked serial console stays disabled', () => {
    const ou = ec2({ ec2_attributes: { instance_metadata_defaults: { http_put_response_hop_limit: { '@@assign': '1' } }, snapshot_block_public_access: { state: { '@@assign': 'block_all_sharing' } } } });
    const account = ec2({ ec2_attributes: { serial_console_access: { status: { '@@assign': 'enabled' } } } });
    expect(effectivePolicy([[ec2Root], [ou], [account]])).toEqual({
      ec2_attributes: {
        exception_message: "Blocked by platform policy, see the internal wiki page 'ec2-guardrails'.",
        serial_console_access: { status: 'disabled' },
        instance_metadata_defaults: { http_tokens: 'required', http_put_response_hop_limit: '1' },
        snapshot_block_public_access: { state: 'block_all_sharing' },
      },
    });
  });

  it('DECLARATIVE_POLICY_EC2: without the lock the account\'s own setting wins', () => {
    const unlocked = ec2({ ec2_attributes: { serial_console_access: { status: { '@@assign': 'disabled' } } } });
    const account = ec2({ ec2_attributes: { serial_console_access: { status: { '@@assign': 'enabled' } } } });
    expect(effectivePolicy([[unlocked], [], [account]])).toEqual({ ec2_attributes: { serial_console_access: { status: 'enabled' } } });
  });

  const backup = p('BACKUP_POLICY');
  it('BACKUP_POLICY: a plan added at an OU sits beside the root\'s; regions locked to appends keep the root\'s list', () => {
    const plan = (vault: string) => ({ rules: { daily: { schedule_expression: { '@@assign': 'cron(0 5 ? * * *)' }, target_backup_vault_name: { '@@assign': vault } } } });
    const root = backup({ plans: { nightly: { regions: { '@@operators_allowed_for_child_policies': ['@@append'], '@@assign': ['eu-west-1'] }, ...plan('central') } } });
    const ou = backup({ plans: { nightly: { regions: { '@@assign': ['us-east-1'] } }, weekly: { regions: { '@@assign': ['eu-west-1'] }, ...plan('weekly') } } });
    expect(effectivePolicy([[root], [ou], []])).toMatchObject({ plans: { nightly: { regions: ['eu-west-1'] }, weekly: { regions: ['eu-west-1'], rules: { daily: { target_backup_vault_name: 'weekly' } } } } });
  });

  const ai = p('AISERVICES_OPT_OUT_POLICY');
  it('AISERVICES_OPT_OUT_POLICY: an account opts one service in under an unlocked default', () => {
    const root = ai({ services: { default: { opt_out_policy: { '@@assign': 'optOut' } } } });
    const account = ai({ services: { rekognition: { opt_out_policy: { '@@assign': 'optIn' } }, default: { opt_out_policy: { '@@assign': 'optIn' } } } });
    expect(effectivePolicy([[root], [], [account]])).toEqual({ services: { default: { opt_out_policy: 'optIn' }, rekognition: { opt_out_policy: 'optIn' } } });
  });
});
