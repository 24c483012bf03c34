import { readInput, writeOutput } from './shapes';

const reasonOf = (work: () => unknown) => {
  try {
    work();
    return 'accepted';
  } catch (error) {
    const e = error as { reason?: string; type?: string };
    return e.reason ?? e.type;
  }
};

describe('input from the AWS model', () => {
  it('turns PascalCase members into the GraphQL edge\'s names, ignoring unknown and null members', () => {
    expect(readInput('ListChildrenRequest', { ParentId: 'r-abcd', ChildType: 'ACCOUNT', MaxResults: 5, Extra: 1, NextToken: null })).toEqual({
      parentId: 'r-abcd',
      childType: 'ACCOUNT',
      maxResults: 5,
    });
    expect(readInput('TagResourceRequest', { ResourceId: 'r-abcd', Tags: [{ Key: 'k', Value: 'v' }] })).toEqual({ resourceId: 'r-abcd', tags: [{ key: 'k', value: 'v' }] });
  });

  it('refuses with the AWS reasons', () => {
    expect(reasonOf(() => readInput('ListChildrenRequest', { ChildType: 'ACCOUNT' }))).toBe('INPUT_REQUIRED');
    expect(reasonOf(() => readInput('ListChildrenRequest', { ParentId: 'x-abcd', ChildType: 'ACCOUNT' }))).toBe('INVALID_PATTERN');
    expect(reasonOf(() => readInput('ListChildrenRequest', { ParentId: 'r-abcd', ChildType: 'ROOT' }))).toBe('INVALID_ENUM');
    expect(reasonOf(() => readInput('ListChildrenRequest', { ParentId: 'r-abcd', ChildType: 'ACCOUNT', MaxResults: 0 }))).toBe('MIN_VALUE_EXCEEDED');
    expect(reasonOf(() => readInput('CreateOrganizationalUnitRequest', { ParentId: 'r-abcd', Name: 'n'.repeat(129) }))).toBe('MAX_LENGTH_EXCEEDED');
    expect(reasonOf(() => readInput('UntagResourceRequest', { ResourceId: 'r-abcd', TagKeys: [] }))).toBe('accepted');
  });

  it('anchors every alternative of a pattern (ids-and-arns.md)', () => {
    expect(reasonOf(() => readInput('ListParentsRequest', { ChildId: 'garbage111122223333garbage' }))).toBe('INVALID_PATTERN');
  });

  it('refuses the wrong JSON type as SerializationException', () => {
    expect(reasonOf(() => readInput('ListChildrenRequest', { ParentId: 'r-abcd', ChildType: 'ACCOUNT', MaxResults: '5' }))).toBe('SerializationException');
    expect(reasonOf(() => readInput('ListChildrenRequest', []))).toBe('SerializationException');
  });
});

describe('output to the AWS model', () => {
  it('keeps only the shape\'s members, leaves out nulls and sends timestamps as epoch seconds', () => {
    const status = { id: 'car-12345678', accountName: 'A', state: 'IN_PROGRESS', requestedTimestamp: new Date('2026-12-03T12:00:00.250Z'), completedTimestamp: null, consistencyToken: '1.2' };
    expect(writeOutput('DescribeCreateAccountStatusResponse', { createAccountStatus: status })).toEqual({
      CreateAccountStatus: { Id: 'car-12345678', AccountName: 'A', State: 'IN_PROGRESS', RequestedTimestamp: 1796299200.25 },
    });
  });
});
