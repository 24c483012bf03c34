import fc from 'fast-check';
import { compilePolicy, type CompiledPolicy } from './compile';
import { evaluate } from './evaluate';
import type { PolicyLevel } from './evaluation-types';
import { parseIamPolicy } from './parse-iam';
import { requestContext } from './request-context';

/**
 * Properties of the evaluation that hold for any policies (issue 5's "must show"): a Deny never
 * lets more through, an Allow taken away never lets more through, and order never matters.
 */
interface Statement {
  Effect: 'Allow' | 'Deny';
  Action?: string[];
  NotAction?: string[];
  Resource: string[];
  Condition?: object;
}

const actionPattern = fc.constantFrom('*', 's3:*', 's3:Get*', 'ec2:*', 'iam:*Role*', '?3:GetObject', 'ec2:RunInstances', 'sqs:SendMessage');
const resourcePattern = fc.constantFrom('*', 'arn:aws:s3:::data/*', 'arn:aws:s3:::logs/*', 'arn:aws:ec2:*:*:instance/*', 'arn:aws:iam::*:role/platform-*');
const condition = fc.constantFrom<object | undefined>(
  undefined,
  { StringEquals: { 'aws:RequestedRegion': ['eu-west-1', 'eu-north-1'] } },
  { StringNotEquals: { 'aws:RequestedRegion': 'us-east-1' } },
  { BoolIfExists: { 'aws:MultiFactorAuthPresent': 'false' } },
  { 'ForAnyValue:StringEquals': { 'aws:TagKeys': ['Owner'] } },
  { 'ForAllValues:StringLike': { 'aws:TagKeys': ['Cost*', 'Env'] } },
  { Null: { 'aws:PrincipalTag/team': 'true' } },
  { NumericLessThan: { 's3:max-keys': 100 } },
  { IpAddress: { 'aws:SourceIp': '10.0.0.0/8' } },
);
const statement: fc.Arbitrary<Statement> = fc
  .record({ effect: fc.constantFrom<'Allow' | 'Deny'>('Allow', 'Deny'), negate: fc.boolean(), actions: fc.array(actionPattern, { minLength: 1, maxLength: 3 }), resources: fc.array(resourcePattern, { minLength: 1, maxLength: 2 }), condition })
  .map(({ effect, negate, actions, resources, condition: c }) => ({ Effect: effect, [negate ? 'NotAction' : 'Action']: actions, Resource: resources, ...(c ? { Condition: c } : {}) }));
const policy = fc.array(statement, { minLength: 1, maxLength: 3 });
const chain = fc.array(fc.array(policy, { minLength: 1, maxLength: 3 }), { minLength: 1, maxLength: 4 });

const request = fc.record({
  action: fc.constantFrom('s3:GetObject', 's3:PutObject', 'ec2:RunInstances', 'iam:CreateRole', 'sqs:SendMessage', 'S3:getobject'),
  resource: fc.constantFrom('arn:aws:s3:::data/a', 'arn:aws:s3:::logs/b', 'arn:aws:ec2:eu-west-1:444455556666:instance/i-1', 'arn:aws:iam::444455556666:role/platform-x', '*'),
  region: fc.constantFrom('eu-west-1', 'us-east-1'),
  mfa: fc.constantFrom<boolean | undefined>(true, false, undefined),
  tagKeys: fc.constantFrom<string[] | undefined>(undefined, [], ['Owner'], ['CostCenter', 'Env']),
  sourceIp: fc.constantFrom('10.1.2.3', '198.51.100.20'),
});

let counter = 0;
const compile = (statements: Statement[]): CompiledPolicy => {
  const id = `p-${counter++}`;
  return compilePolicy(id, id, parseIamPolicy(JSON.stringify({ Version: '2012-10-17', Statement: statements }), 'SERVICE_CONTROL_POLICY'));
};
const levels = (spec: Statement[][][]): PolicyLevel[] => spec.map((policies, i) => ({ targetId: `level-${i}`, targetType: i === 0 ? 'ROOT' : 'ORGANIZATIONAL_UNIT', policies: policies.map(compile) }));
const IDENTITY = [compile([{ Effect: 'Allow', Action: ['*'], Resource: ['*'] }])];

type Request = typeof request extends fc.Arbitrary<infer T> ? T : never;

function decide(spec: Statement[][][], r: Request) {
  const context = requestContext({ 'aws:RequestedRegion': r.region, 'aws:MultiFactorAuthPresent': r.mfa, 'aws:TagKeys': r.tagKeys, 'aws:SourceIp': r.sourceIp });
  const evaluated = { action: r.action, resource: r.resource, principal: { kind: 'ROLE' as const, arn: 'arn:aws:iam::444455556666:role/Builder', accountId: '444455556666' }, context };
  return evaluate({ request: evaluated, serviceControlPolicies: levels(spec), identityPolicies: IDENTITY, sameAccount: true }).decision;
}

const settings = { numRuns: 400 };

describe('evaluation properties', () => {
  it('adding a Deny statement anywhere never turns a denied request into an allowed one', () => {
    fc.assert(
      fc.property(chain, request, statement, fc.nat(), fc.nat(), (spec, r, added, levelPick, policyPick) => {
        const deny = { ...added, Effect: 'Deny' as const };
        const level = levelPick % spec.length;
        const withDeny = spec.map((policies, i) => (i === level ? policies.map((p, j) => (j === policyPick % policies.length ? [...p, deny] : p)) : policies));
        if (decide(spec, r) !== 'ALLOWED') expect(decide(withDeny, r)).not.toBe('ALLOWED');
      }),
      settings,
    );
  });

  it('removing an Allow statement never turns a denied request into an allowed one', () => {
    fc.assert(
      fc.property(chain, request, fc.nat(), fc.nat(), fc.nat(), (spec, r, levelPick, policyPick, statementPick) => {
        const level = levelPick % spec.length;
        const policyIndex = policyPick % spec[level].length;
        const target = spec[level][policyIndex];
        const allows = target.map((s, i) => [s, i] as const).filter(([s]) => s.Effect === 'Allow');
        if (allows.length === 0 || target.length === 1) return;
        const drop = allows[statementPick % allows.length][1];
        const without = spec.map((policies, i) => (i === level ? policies.map((p, j) => (j === policyIndex ? p.filter((_, k) => k !== drop) : p)) : policies));
        if (decide(spec, r) !== 'ALLOWED') expect(decide(without, r)).not.toBe('ALLOWED');
      }),
      settings,
    );
  });

  it('the decision does not depend on the order of policies or of statements', () => {
    fc.assert(
      fc.property(chain, request, fc.integer(), (spec, r, seed) => {
        const shuffled = spec.map((policies, i) => rotate(policies.map((p, j) => rotate(p, seed + i + j)), seed + i));
        expect(decide(shuffled, r)).toBe(decide(spec, r));
      }),
      settings,
    );
  });
});

/** A deterministic reordering: rotate then reverse by the seed's parity. */
function rotate<T>(items: T[], seed: number): T[] {
  const k = Math.abs(seed) % items.length;
  const rotated = [...items.slice(k), ...items.slice(0, k)];
  return seed % 2 === 0 ? rotated.reverse() : rotated;
}
