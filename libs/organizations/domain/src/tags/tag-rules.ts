import { assertValidInput, constraintViolation, invalidInput } from '@orgs/shared/kernel';
import { MAX_TAGS_PER_RESOURCE } from '../quotas';

/** An AWS tag (`Tag` in the model): both members required, the value may be empty. */
export interface Tag {
  key: string;
  value: string;
}

/** `aws:` keys are AWS's own system tags. Compared case-insensitively, as IAM does (unverified for Organizations). */
const isSystemKey = (key: string) => key.toLowerCase().startsWith('aws:');

export function assertValidTagKey(key: unknown, field: string): asserts key is string {
  assertValidInput('TagKey', field, key);
  if (isSystemKey(key as string)) {
    throw invalidInput('INVALID_SYSTEM_TAGS_PARAMETER', `${field}: keys starting with "aws:" are reserved for AWS.`);
  }
}

/**
 * The rules every `Tags` input follows, wherever it comes in (TagResource, CreateOrganizationalUnit,
 * CreateAccount, InviteAccountToOrganization): each key and value against the model's shapes, no
 * system keys, no key twice, at most 50. Any bad tag refuses the whole request.
 */
export function assertValidTags(tags: readonly Tag[] | null | undefined, field = 'tags'): void {
  if (tags === undefined || tags === null) return;
  tags.forEach((tag, i) => {
    assertValidTagKey(tag?.key, `${field}[${i}].key`);
    assertValidInput('TagValue', `${field}[${i}].value`, tag.value);
  });
  const keys = new Set(tags.map((tag) => tag.key));
  if (keys.size !== tags.length) throw invalidInput('DUPLICATE_TAG_KEY', `${field} names the same key more than once.`);
  assertTagLimit({}, tags);
}

/** UntagResource's `TagKeys`: the same key rules; naming a key twice is harmless. */
export function assertValidTagKeys(keys: readonly string[] | null | undefined, field = 'tagKeys'): void {
  if (keys === undefined || keys === null) throw invalidInput('INPUT_REQUIRED', `${field} is required.`);
  keys.forEach((key, i) => assertValidTagKey(key, `${field}[${i}]`));
}

/** A resource carries at most 50 tags once these are added (a key it has already is replaced, not added). */
export function assertTagLimit(current: Readonly<Record<string, string>>, tags: readonly Tag[]): void {
  const keys = new Set([...Object.keys(current), ...tags.map((tag) => tag.key)]);
  if (keys.size > MAX_TAGS_PER_RESOURCE) {
    throw constraintViolation('MAX_TAG_LIMIT_EXCEEDED', `A resource can have at most ${MAX_TAGS_PER_RESOURCE} tags.`);
  }
}
