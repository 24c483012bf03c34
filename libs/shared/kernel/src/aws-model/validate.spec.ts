import { assertValidInput } from './validate';

const reasonOf = (shape: string, value: unknown) => {
  try {
    assertValidInput(shape, 'Field', value);
    return 'valid';
  } catch (error) {
    return (error as { reason?: string }).reason;
  }
};

describe('assertValidInput (from the AWS model)', () => {
  it('accepts a 12-digit account id and refuses others', () => {
    expect(reasonOf('AccountId', '111122223333')).toBe('valid');
    expect(reasonOf('AccountId', '11112222333')).toBe('INVALID_PATTERN');
    expect(reasonOf('AccountId', '1111222233334')).toBe('MAX_LENGTH_EXCEEDED');
  });

  it('anchors alternations as a whole, unlike the model text', () => {
    expect(reasonOf('ParentId', 'r-k3x9')).toBe('valid');
    expect(reasonOf('ParentId', 'ou-k3x9-7fq2m8zd')).toBe('valid');
    expect(reasonOf('ParentId', 'r-k3x9junk!')).toBe('INVALID_PATTERN');
    expect(reasonOf('ParentId', 'junk-ou-k3x9-7fq2m8zd')).toBe('INVALID_PATTERN');
  });

  it('checks emails, enums, ranges and required values', () => {
    expect(reasonOf('Email', 'a@b.co')).toBe('valid');
    expect(reasonOf('Email', 'not-an-email')).toBe('INVALID_PATTERN');
    expect(reasonOf('OrganizationFeatureSet', 'SOME')).toBe('INVALID_ENUM');
    expect(reasonOf('MaxResults', 21)).toBe('MAX_VALUE_EXCEEDED');
    expect(reasonOf('MaxResults', undefined)).toBe('INPUT_REQUIRED');
  });
});
