import type { PolicyType } from '@orgs/shared/kernel';
import { validatePolicyContent } from '../validate-content';

/** management-policies.md 6: each type's valid example, and every invalid one with the element the message must name. */
const valid: [PolicyType, object][] = [
  ['TAG_POLICY', { tags: { datatier: { tag_key: { '@@assign': 'DataTier' }, tag_value: { '@@assign': ['public', 'internal', 'secret-*'] }, enforced_for: { '@@assign': ['s3:bucket', 'dynamodb:ALL_SUPPORTED'] }, report_required_tag_for: { '@@assign': ['s3:bucket'] } } } }],
  ['BACKUP_POLICY', { plans: { 'weekly-db': { regions: { '@@assign': ['eu-west-1'] }, rules: { sunday: { schedule_expression: { '@@assign': 'cron(0 3 ? * SUN *)' }, target_backup_vault_name: { '@@assign': 'db-vault' }, lifecycle: { delete_after_days: { '@@assign': '90' } } } }, selections: { tags: { dbs: { iam_role_arn: { '@@assign': 'arn:aws:iam::$account:role/backup-runner' }, tag_key: { '@@assign': 'backup-tier' }, tag_value: { '@@assign': ['weekly'] } } } } } } }],
  ['AISERVICES_OPT_OUT_POLICY', { services: { default: { opt_out_policy: { '@@assign': 'optOut' } }, transcribe: { opt_out_policy: { '@@assign': 'optIn' } } } }],
  ['CHATBOT_POLICY', { chatbot: { platforms: { slack: { client: { '@@assign': 'enabled' }, workspaces: { '@@assign': ['T0EXAMPLE1'] }, default: { supported_channel_types: { '@@assign': ['private'] }, supported_role_settings: { '@@assign': ['channel_role'] } } }, chime: { client: { '@@assign': 'disabled' } } }, default: { client: { '@@assign': 'disabled' } } } }],
  ['DECLARATIVE_POLICY_EC2', { ec2_attributes: { exception_message: { '@@assign': 'Blocked by platform policy.' }, serial_console_access: { status: { '@@assign': 'disabled' } }, instance_metadata_defaults: { http_tokens: { '@@assign': 'required' }, http_put_response_hop_limit: { '@@assign': '2' } } } }],
  ['SECURITYHUB_POLICY', { securityhub: { enable_in_regions: { '@@append': ['eu-west-1'] } } }],
];

const invalid: [PolicyType, string, object, string][] = [
  ['TAG_POLICY', 'tag_key differing by more than case', { tags: { datatier: { tag_key: { '@@assign': 'Data-Tier' } } } }, 'tags.datatier: tag_key "Data-Tier" must equal the policy key'],
  ['TAG_POLICY', 'two wildcards in a value', { tags: { owner: { tag_value: { '@@assign': ['*@*.example'] } } } }, 'tags.owner.tag_value.@@assign[0]: a value may hold one * wildcard'],
  ['TAG_POLICY', 'a wildcard across services', { tags: { owner: { enforced_for: { '@@assign': ['*:*'] } } } }, 'tags.owner.enforced_for.@@assign[0]'],
  ['TAG_POLICY', '@@append on a single value', { tags: { owner: { tag_key: { '@@append': 'Owner' } } } }, 'tags.owner.tag_key.@@append: only @@assign may set a single value'],
  ['TAG_POLICY', 'the wrong top-level key', { tag: { owner: { tag_key: { '@@assign': 'Owner' } } } }, 'The top-level element must be "tags"'],
  ['TAG_POLICY', 'an unknown element', { tags: { owner: { tag_colour: { '@@assign': 'x' } } } }, 'tags.owner.tag_colour: not an element'],
  ['TAG_POLICY', 'an unknown operator', { tags: { owner: { tag_key: { '@@replace': 'Owner' } } } }, 'tags.owner.tag_key.@@replace: not an operator'],
  ['TAG_POLICY', '@@all beside another control', { tags: { owner: { tag_key: { '@@operators_allowed_for_child_policies': ['@@all', '@@none'], '@@assign': 'Owner' } } } }, '@@all and @@none stand alone'],
  ['TAG_POLICY', 'one key in two cases', { tags: { owner: {}, Owner: {} } }, 'tags.Owner: appears twice'],
  ['BACKUP_POLICY', 'retention shorter than cold storage + 90 days', { plans: { p: { rules: { r: { lifecycle: { move_to_cold_storage_after_days: { '@@assign': '30' }, delete_after_days: { '@@assign': '60' } } } } } } }, 'plans.p.rules.r.lifecycle: delete_after_days must be at least 90 more'],
  ['BACKUP_POLICY', 'continuous backups kept over 35 days', { plans: { p: { rules: { r: { enable_continuous_backup: { '@@assign': true }, lifecycle: { delete_after_days: { '@@assign': '100' } } } } } } }, 'continuous backups are kept at most 35 days'],
  ['BACKUP_POLICY', 'a copy action not named by an ARN', { plans: { p: { rules: { r: { copy_actions: { secondary: { target_backup_vault_arn: { '@@assign': 'arn:aws:backup:eu-central-1:$account:backup-vault:secondary' } } } } } } } }, 'plans.p.rules.r.copy_actions.secondary: a copy action is named by its destination vault ARN'],
  ['AISERVICES_OPT_OUT_POLICY', 'the wrong capitalization of a value', { services: { lex: { opt_out_policy: { '@@assign': 'OptOut' } } } }, 'services.lex.opt_out_policy.@@assign: must be one of "optOut", "optIn"'],
  ['AISERVICES_OPT_OUT_POLICY', '@@append', { services: { lex: { opt_out_policy: { '@@append': ['optOut'] } } } }, 'services.lex.opt_out_policy.@@append'],
  ['AISERVICES_OPT_OUT_POLICY', 'a key beside opt_out_policy', { services: { lex: { opt_out_policy: { '@@assign': 'optOut' }, region: { '@@assign': 'eu-west-1' } } } }, 'services.lex.region: not an element'],
  ['AISERVICES_OPT_OUT_POLICY', 'opt_out_policy missing', { services: { lex: {} } }, 'services.lex.opt_out_policy: required'],
  ['AISERVICES_OPT_OUT_POLICY', '@@append as a child control', { services: { default: { opt_out_policy: { '@@operators_allowed_for_child_policies': ['@@append'], '@@assign': 'optOut' } } } }, '"@@append" is not one of @@assign, @@none'],
  ['CHATBOT_POLICY', 'a client that is neither enabled nor disabled', { chatbot: { platforms: { slack: { client: { '@@assign': 'on' } } } } }, 'chatbot.platforms.slack.client.@@assign: must be one of "enabled", "disabled"'],
  ['CHATBOT_POLICY', 'a shared channel type', { chatbot: { platforms: { slack: { default: { supported_channel_types: { '@@assign': ['shared'] } } } } } }, 'supported_channel_types.@@assign[0]'],
  ['CHATBOT_POLICY', 'slack at the top level', { slack: {} }, 'The top-level element must be "chatbot"'],
  ['DECLARATIVE_POLICY_EC2', 'a hop limit of 65', { ec2_attributes: { instance_metadata_defaults: { http_put_response_hop_limit: { '@@assign': '65' } } } }, 'http_put_response_hop_limit.@@assign: must be an integer from -1 to 64'],
  ['DECLARATIVE_POLICY_EC2', 'an unknown internet gateway mode', { ec2_attributes: { vpc_block_public_access: { internet_gateway_block: { mode: { '@@assign': 'block_all' } } } } }, 'internet_gateway_block.mode.@@assign'],
  ['DECLARATIVE_POLICY_EC2', 'criteria_11', { ec2_attributes: { allowed_images_settings: { image_criteria: { criteria_11: {} } } } }, 'image_criteria.criteria_11: criteria are named criteria_1 to criteria_10'],
  ['DECLARATIVE_POLICY_EC2', 'ec2 at the top level', { ec2: { serial_console_access: {} } }, 'The top-level element must be "ec2_attributes"'],
];

describe('management policy content', () => {
  it.each(valid)('accepts the reference\'s valid %s', (type, json) => {
    expect(validatePolicyContent(type, JSON.stringify(json)).category).toBe('MANAGEMENT');
  });

  it.each(invalid)('%s: refuses %s, naming the element', (type, _, json, message) => {
    expect(() => validatePolicyContent(type, JSON.stringify(json))).toThrow(expect.objectContaining({ code: 'MalformedPolicyDocumentException', message: expect.stringContaining(message) }));
  });

  it('refuses two "regions" keys in one plan', () => {
    const content = '{"plans":{"p":{"regions":{"@@assign":["eu-west-1"]},"regions":{"@@assign":["eu-north-1"]}}}}';
    expect(() => validatePolicyContent('BACKUP_POLICY', content)).toThrow(expect.objectContaining({ code: 'MalformedPolicyDocumentException', message: expect.stringContaining('plans.p: the key "regions" appears more than once') }));
  });

  it.each<[PolicyType, number]>([
    ['TAG_POLICY', 10_000],
    ['AISERVICES_OPT_OUT_POLICY', 2_500],
  ])('refuses a %s over %i characters with POLICY_CONTENT_LIMIT_EXCEEDED, white space counted', (type, limit) => {
    const body = type === 'TAG_POLICY' ? '{"tags":{}}' : '{"services":{}}';
    expect(validatePolicyContent(type, body.padEnd(limit, ' ')).category).toBe('MANAGEMENT');
    expect(() => validatePolicyContent(type, body.padEnd(limit + 1, ' '))).toThrow(expect.objectContaining({ code: 'ConstraintViolationException', reason: 'POLICY_CONTENT_LIMIT_EXCEEDED' }));
  });
});
