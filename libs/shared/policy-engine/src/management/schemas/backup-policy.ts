import { isObject, type JsonObject, type JsonValue } from '../../document/strict-json';
import { bool, container, entries, integerText, listSetting, oneOf, setting, text, type ContainerSchema } from '../schema';

const assigned = (node: JsonValue | undefined): JsonValue | undefined => (isObject(node) ? node['@@assign'] : undefined);
const days = (node: JsonObject, key: string) => {
  const value = assigned(node[key]);
  return value === undefined ? undefined : Number(value);
};

/** Retention must outlast the move to cold storage by 90 days (management-policies.md 6.2). */
function lifecycleRule(node: JsonObject): string | undefined {
  const cold = days(node, 'move_to_cold_storage_after_days');
  const deleteAfter = days(node, 'delete_after_days');
  if (cold !== undefined && deleteAfter !== undefined && deleteAfter < cold + 90) return 'delete_after_days must be at least 90 more than move_to_cold_storage_after_days';
  return undefined;
}

/** Continuous backups keep at most 35 days and never move to cold storage. */
function continuousBackupRule(node: JsonObject): string | undefined {
  if (assigned(node.enable_continuous_backup) !== true || !isObject(node.lifecycle)) return undefined;
  const deleteAfter = days(node.lifecycle, 'delete_after_days');
  if (node.lifecycle.move_to_cold_storage_after_days !== undefined) return 'continuous backups cannot move to cold storage';
  if (deleteAfter !== undefined && deleteAfter > 35) return 'continuous backups are kept at most 35 days';
  return undefined;
}

const dayCount = setting(integerText(1, 36_500));
const lifecycle = container({ move_to_cold_storage_after_days: dayCount, delete_after_days: dayCount }, { check: lifecycleRule });
const tagPair = container({ tag_key: setting(text), tag_value: setting(text) });

const rule = container(
  {
    schedule_expression: setting(text),
    start_backup_window_minutes: setting(integerText(60, 43_200)),
    complete_backup_window_minutes: setting(integerText(60, 43_200)),
    enable_continuous_backup: setting(bool),
    target_backup_vault_name: setting(text),
    recovery_point_tags: entries(tagPair),
    lifecycle,
    copy_actions: entries(container({ target_backup_vault_arn: setting(text), lifecycle }), {
      entryKey: (key) => (key.startsWith('arn:') ? undefined : 'a copy action is named by its destination vault ARN'),
    }),
  },
  { check: continuousBackupRule },
);

const selectionTag = container({ iam_role_arn: setting(text), tag_key: setting(text), tag_value: listSetting(text) });

export const BACKUP_POLICY_SCHEMA: ContainerSchema = container({
  plans: entries(
    container({
      regions: listSetting(text),
      rules: entries(rule),
      selections: container({ tags: entries(selectionTag) }),
      advanced_backup_settings: container({ ec2: container({ windows_vss: setting(oneOf('enabled', 'disabled')) }) }),
      backup_plan_tags: entries(tagPair),
    }),
  ),
});
