import { container, entries, integerText, listSetting, oneOf, setting, text, type ContainerSchema, type ValueCheck } from '../schema';

/** AI opt-out policies know only `@@assign`, and `@@assign` / `@@none` as child controls (6.3). */
const aiControls = ['@@assign', '@@none'];
export const AI_OPT_OUT_POLICY_SCHEMA: ContainerSchema = container({
  services: entries(
    container({ opt_out_policy: setting(oneOf('optOut', 'optIn'), { childControls: aiControls }) }, { required: ['opt_out_policy'], childControls: aiControls }),
    { childControls: aiControls },
  ),
});

const client = setting(oneOf('enabled', 'disabled'));
const roleSettings = listSetting(oneOf('user_role', 'channel_role'));
const slackSettings = container({ supported_channel_types: listSetting(oneOf('public', 'private')), supported_role_settings: roleSettings });

export const CHATBOT_POLICY_SCHEMA: ContainerSchema = container({
  chatbot: container({
    platforms: container({
      slack: container({ client, workspaces: listSetting(text), default: slackSettings, overrides: entries(slackSettings, { maxEntries: 255 }) }),
      microsoft_teams: container({
        client,
        tenants: entries(listSetting(text), { maxEntries: 36 }),
        default: container({ supported_role_settings: roleSettings }),
        overrides: entries(entries(container({ supported_role_settings: roleSettings }))),
      }),
      chime: container({ client }),
    }),
    default: container({ client }),
  }),
});

const enabledDisabled = setting(oneOf('enabled', 'disabled'));
const provider: ValueCheck = (v) => (typeof v === 'string' && /^(\d{12}|amazon|aws_marketplace|aws_backup_vault)$/.test(v) ? undefined : 'must be an account id, "amazon", "aws_marketplace" or "aws_backup_vault"');
const imageName: ValueCheck = (v) => (typeof v === 'string' && v.length >= 1 && v.length <= 128 ? undefined : 'must be 1 to 128 characters');
const productCode: ValueCheck = (v) => (typeof v === 'string' && /^[A-Za-z0-9]{1,25}$/.test(v) ? undefined : 'must be 1 to 25 letters or digits');
const maxDays = setting(integerText(0, 2_147_483_647));

const criteria = container({
  allowed_image_providers: listSetting(provider),
  image_names: listSetting(imageName),
  marketplace_product_codes: listSetting(productCode),
  creation_date_condition: container({ maximum_days_since_created: maxDays }),
  deprecation_time_condition: container({ maximum_days_since_deprecated: maxDays }),
});

export const EC2_POLICY_SCHEMA: ContainerSchema = container({
  ec2_attributes: container({
    exception_message: setting(text),
    vpc_block_public_access: container({
      internet_gateway_block: container({ mode: setting(oneOf('off', 'block_ingress', 'block_bidirectional')), exclusions_allowed: enabledDisabled }),
    }),
    serial_console_access: container({ status: enabledDisabled }),
    image_block_public_access: container({ state: setting(oneOf('unblocked', 'block_new_sharing')) }),
    allowed_images_settings: container({
      state: setting(oneOf('enabled', 'disabled', 'audit_mode')),
      image_criteria: entries(criteria, { entryKey: (key) => (/^criteria_([1-9]|10)$/.test(key) ? undefined : 'criteria are named criteria_1 to criteria_10') }),
    }),
    instance_metadata_defaults: container({
      http_tokens: setting(oneOf('no_preference', 'required', 'optional')),
      http_put_response_hop_limit: setting(integerText(-1, 64)),
      http_endpoint: setting(oneOf('no_preference', 'enabled', 'disabled')),
      instance_metadata_tags: setting(oneOf('no_preference', 'enabled', 'disabled')),
    }),
    snapshot_block_public_access: container({ state: setting(oneOf('block_all_sharing', 'block_new_sharing', 'unblocked')) }),
  }),
});
