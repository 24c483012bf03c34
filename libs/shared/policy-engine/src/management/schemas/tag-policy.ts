import { isObject, type JsonObject } from '../../document/strict-json';
import { container, entries, listSetting, setting, text, type ValueCheck } from '../schema';

/** One `*` at most: `*@example.com` is fine, `*@*.com` is not (management-policies.md 6.1). */
const tagValue: ValueCheck = (value) => {
  if (typeof value !== 'string') return 'must be a string';
  return value.split('*').length > 2 ? 'a value may hold one * wildcard at most' : undefined;
};

/** `service:type` or `service:ALL_SUPPORTED` (the 2022 form `service:*` too); never across services. */
const resourceType: ValueCheck = (value) =>
  typeof value === 'string' && /^[a-z0-9-]+:([A-Za-z0-9-]+|ALL_SUPPORTED|\*)$/.test(value) ? undefined : 'must be "service:resourceType" or "service:ALL_SUPPORTED"';

/** `tag_key` fixes the key's capitalization: it must be the policy key in some case. */
function tagKeyMatchesPolicyKey(node: JsonObject, key: string): string | undefined {
  const tagKey = node.tag_key;
  const assigned = isObject(tagKey) ? tagKey['@@assign'] : undefined;
  if (typeof assigned === 'string' && assigned.toLowerCase() !== key.toLowerCase()) return `tag_key "${assigned}" must equal the policy key "${key}" ignoring case`;
  return undefined;
}

export const TAG_POLICY_SCHEMA = container({
  tags: entries(
    container(
      {
        tag_key: setting(text),
        tag_value: listSetting(tagValue),
        enforced_for: listSetting(resourceType),
        report_required_tag_for: listSetting(resourceType),
      },
      { check: tagKeyMatchesPolicyKey },
    ),
    { entryKey: (key) => (key.length > 128 ? 'a tag key is at most 128 characters' : undefined) },
  ),
});
