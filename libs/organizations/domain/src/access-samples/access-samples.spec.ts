import { deciderSpecification } from '@orgs/shared/testing';
import { organizationDecider, type OrganizationEvent } from '../organization';
import { at, command, member, mgmt, organizationId, withMemberInOu } from '../policies/policy-specs.fixtures';
import type { AccessSampleRequest } from './access-sample-events';
import { MAX_SAMPLES_PER_CALL, MAX_SAMPLES_PER_ORGANIZATION } from './record-access-samples';

const spec = deciderSpecification(organizationDecider);
const request: AccessSampleRequest = { accountId: member, action: 'ec2:RunInstances', resource: '*', region: 'eu-west-1' };
const record = (samples: { sampleId: string; name?: string; request: AccessSampleRequest }[], actor = mgmt) => command('RecordAccessSamples', { samples }, actor);
const recorded = (samples: { id: string; name: string; request: AccessSampleRequest }[]): OrganizationEvent => ({
  type: 'AccessSamplesRecorded',
  data: { organizationId, samples: samples.map((s) => ({ ...s, recordedAt: at })), recordedAt: at },
});
const many = (n: number, from = 0) => Array.from({ length: n }, (_, i) => ({ sampleId: `as-${from + i}`, request }));

describe('RecordAccessSamples', () => {
  it('records the samples, naming those without a name by their place', () => {
    spec
      .given(withMemberInOu())
      .when(record([{ sampleId: 'as-1', name: 'deploy', request }, { sampleId: 'as-2', request: { ...request, action: 's3:GetObject' } }]))
      .then([recorded([{ id: 'as-1', name: 'deploy', request }, { id: 'as-2', name: 'sample-2', request: { ...request, action: 's3:GetObject' } }])]);
  });

  it('is for the management account only', () => {
    spec.given(withMemberInOu()).when(record([{ sampleId: 'as-1', request }], member)).thenThrows('AccessDeniedException');
  });

  it('refuses a request made in an account outside the organization', () => {
    spec.given(withMemberInOu()).when(record([{ sampleId: 'as-1', request: { ...request, accountId: '999988887777' } }])).thenThrows('AccountNotFoundException');
  });

  it.each([
    ['an action that is not service:Action', { action: 'RunInstances' }, 'INVALID_PATTERN'],
    ['an empty resource', { resource: '' }, 'INPUT_REQUIRED'],
    ['a principal that is not an IAM ARN', { principalArn: 'alice' }, 'INVALID_PRINCIPAL'],
  ])('refuses %s', (_, change, reason) => {
    spec.given(withMemberInOu()).when(record([{ sampleId: 'as-1', request: { ...request, ...change } }])).thenThrows('InvalidInputException', reason);
  });

  it('refuses an empty list', () => {
    spec.given(withMemberInOu()).when(record([])).thenThrows('InvalidInputException', 'MIN_LENGTH_EXCEEDED');
  });

  it(`refuses more than ${MAX_SAMPLES_PER_CALL} samples in one call`, () => {
    spec.given(withMemberInOu()).when(record(many(MAX_SAMPLES_PER_CALL + 1))).thenThrows('InvalidInputException', 'MAX_LENGTH_EXCEEDED');
  });

  it(`keeps at most ${MAX_SAMPLES_PER_ORGANIZATION} samples per organization`, () => {
    const kept = Array.from({ length: MAX_SAMPLES_PER_ORGANIZATION / MAX_SAMPLES_PER_CALL }, (_, batch) =>
      recorded(many(MAX_SAMPLES_PER_CALL, batch * MAX_SAMPLES_PER_CALL).map((s) => ({ id: s.sampleId, name: s.sampleId, request }))),
    );
    spec.given([...withMemberInOu(), ...kept]).when(record(many(1, 5_000))).thenThrows('InvalidInputException', 'MAX_VALUE_EXCEEDED');
  });

  it('counts deleted samples out of the limit', () => {
    const full = recorded(many(MAX_SAMPLES_PER_CALL).map((s) => ({ id: s.sampleId, name: s.sampleId, request })));
    const deleted: OrganizationEvent = { type: 'AccessSampleDeleted', data: { organizationId, sampleId: 'as-0', deletedAt: at } };
    spec.given([...withMemberInOu(), full, deleted]).when(record([{ sampleId: 'as-x', request }])).then([recorded([{ id: 'as-x', name: `sample-${MAX_SAMPLES_PER_CALL}`, request }])]);
  });
});

describe('DeleteAccessSample', () => {
  const given = [...withMemberInOu(), recorded([{ id: 'as-1', name: 'deploy', request }])];

  it('deletes a recorded sample', () => {
    spec.given(given).when(command('DeleteAccessSample', { sampleId: 'as-1' })).then([{ type: 'AccessSampleDeleted', data: { organizationId, sampleId: 'as-1', deletedAt: at } }]);
  });

  it('refuses an unknown sample', () => {
    spec.given(given).when(command('DeleteAccessSample', { sampleId: 'as-2' })).thenThrows('AccessSampleNotFoundException');
  });

  it('refuses a sample already deleted', () => {
    const deleted: OrganizationEvent = { type: 'AccessSampleDeleted', data: { organizationId, sampleId: 'as-1', deletedAt: at } };
    spec.given([...given, deleted]).when(command('DeleteAccessSample', { sampleId: 'as-1' })).thenThrows('AccessSampleNotFoundException');
  });

  it('is for the management account only', () => {
    spec.given(given).when(command('DeleteAccessSample', { sampleId: 'as-1' }, member)).thenThrows('AccessDeniedException');
  });
});
