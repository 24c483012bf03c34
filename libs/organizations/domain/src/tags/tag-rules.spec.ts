import { assertTagLimit, assertValidTagKeys, assertValidTags, type Tag } from './tag-rules';

const refusalOf = (check: () => void) => {
  try {
    check();
    return 'valid';
  } catch (error) {
    const { code, reason } = error as { code: string; reason?: string };
    return `${code}/${reason}`;
  }
};
const tags = (...pairs: [string, string][]): Tag[] => pairs.map(([key, value]) => ({ key, value }));

describe('assertValidTags (shared by every Tags input)', () => {
  it('accepts letters, digits, spaces and _.:/=+-@ in any script, and an empty value', () => {
    expect(refusalOf(() => assertValidTags(tags(['Team name', 'Web@Ops'], ['キー:1', ''], ['a/b=c+d-e_f.g', 'x'])))).toBe('valid');
  });

  it('accepts no tags at all', () => {
    expect(refusalOf(() => assertValidTags(undefined))).toBe('valid');
    expect(refusalOf(() => assertValidTags([]))).toBe('valid');
  });

  it('refuses an empty key and a key longer than 128', () => {
    expect(refusalOf(() => assertValidTags(tags(['', 'v'])))).toBe('InvalidInputException/MIN_LENGTH_EXCEEDED');
    expect(refusalOf(() => assertValidTags(tags(['k'.repeat(129), 'v'])))).toBe('InvalidInputException/MAX_LENGTH_EXCEEDED');
  });

  it('refuses a value longer than 256, or a missing one', () => {
    expect(refusalOf(() => assertValidTags(tags(['k', 'v'.repeat(257)])))).toBe('InvalidInputException/MAX_LENGTH_EXCEEDED');
    expect(refusalOf(() => assertValidTags([{ key: 'k' } as Tag]))).toBe('InvalidInputException/INPUT_REQUIRED');
  });

  it('refuses characters outside the model pattern', () => {
    expect(refusalOf(() => assertValidTags(tags(['k', 'a;b'])))).toBe('InvalidInputException/INVALID_PATTERN');
    expect(refusalOf(() => assertValidTags(tags(['k*', 'v'])))).toBe('InvalidInputException/INVALID_PATTERN');
  });

  it('refuses system keys, whatever their case', () => {
    expect(refusalOf(() => assertValidTags(tags(['aws:createdBy', 'v'])))).toBe('InvalidInputException/INVALID_SYSTEM_TAGS_PARAMETER');
    expect(refusalOf(() => assertValidTags(tags(['AWS:x', 'v'])))).toBe('InvalidInputException/INVALID_SYSTEM_TAGS_PARAMETER');
  });

  it('refuses a key given twice', () => {
    expect(refusalOf(() => assertValidTags(tags(['k', '1'], ['k', '1'])))).toBe('InvalidInputException/DUPLICATE_TAG_KEY');
  });

  it('accepts 50 tags and refuses 51', () => {
    const many = (n: number) => Array.from({ length: n }, (_, i): Tag => ({ key: `k${i}`, value: 'v' }));
    expect(refusalOf(() => assertValidTags(many(50)))).toBe('valid');
    expect(refusalOf(() => assertValidTags(many(51)))).toBe('ConstraintViolationException/MAX_TAG_LIMIT_EXCEEDED');
  });
});

describe('assertTagLimit', () => {
  const fifty = Object.fromEntries(Array.from({ length: 50 }, (_, i) => [`k${i}`, 'v']));

  it('counts a replaced key once', () => {
    expect(refusalOf(() => assertTagLimit(fifty, tags(['k0', 'new'])))).toBe('valid');
  });

  it('refuses a 51st key', () => {
    expect(refusalOf(() => assertTagLimit(fifty, tags(['k50', 'v'])))).toBe('ConstraintViolationException/MAX_TAG_LIMIT_EXCEEDED');
  });
});

describe('assertValidTagKeys', () => {
  it('refuses a missing list, a system key and a malformed key', () => {
    expect(refusalOf(() => assertValidTagKeys(undefined))).toBe('InvalidInputException/INPUT_REQUIRED');
    expect(refusalOf(() => assertValidTagKeys(['aws:x']))).toBe('InvalidInputException/INVALID_SYSTEM_TAGS_PARAMETER');
    expect(refusalOf(() => assertValidTagKeys(['a;b']))).toBe('InvalidInputException/INVALID_PATTERN');
  });
});
