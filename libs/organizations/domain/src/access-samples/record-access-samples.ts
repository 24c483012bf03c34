import { invalidInput, OrgsError } from '@orgs/shared/kernel';
import { principalFromArn } from '@orgs/shared/policy-engine';
import { requireAccount } from '../accounts/account-rules';
import { requireManagementAccount, type OrganizationCommandOf } from '../command';
import type { OrganizationState } from '../state';
import type { AccessSampleDeleted, AccessSampleRequest, AccessSamplesRecorded } from './access-sample-events';

/** previewPolicyChange replays every sample: these bounds keep one preview well under a second. */
export const MAX_SAMPLES_PER_CALL = 100;
export const MAX_SAMPLES_PER_ORGANIZATION = 1_000;

export type RecordAccessSamples = OrganizationCommandOf<'RecordAccessSamples', { samples: { sampleId: string; name?: string; request: AccessSampleRequest }[] }>;
export type DeleteAccessSample = OrganizationCommandOf<'DeleteAccessSample', { sampleId: string }>;

const ACTION = /^(\*|[a-z0-9-]+:[A-Za-z0-9*?_-]+)$/i;

function requireValidRequest(state: OrganizationState, request: AccessSampleRequest, index: number): void {
  const where = `samples[${index}]`;
  requireAccount(state, request.accountId);
  if (!ACTION.test(request.action)) throw invalidInput('INVALID_PATTERN', `${where}.action must be "service:Action".`);
  if (request.resource.length === 0) throw invalidInput('INPUT_REQUIRED', `${where}.resource is required ("*" for any).`);
  if (request.principalArn !== undefined && !principalFromArn(request.principalArn)) {
    throw invalidInput('INVALID_PRINCIPAL', `${where}.principalArn ${request.principalArn} is not an IAM user, role, session, root or service principal.`);
  }
}

/** The management account keeps a set of requests that every preview of a policy change replays by default. */
export function recordAccessSamples(command: RecordAccessSamples, state: OrganizationState): AccessSamplesRecorded[] {
  requireManagementAccount(state, command.actingAccountId);
  const { samples } = command.data;
  if (samples.length === 0) throw invalidInput('MIN_LENGTH_EXCEEDED', 'Give at least one sample.');
  if (samples.length > MAX_SAMPLES_PER_CALL) throw invalidInput('MAX_LENGTH_EXCEEDED', `At most ${MAX_SAMPLES_PER_CALL} samples per call.`);
  const kept = Object.keys(state.accessSamples).length;
  if (kept + samples.length > MAX_SAMPLES_PER_ORGANIZATION) {
    throw invalidInput('MAX_VALUE_EXCEEDED', `An organization keeps at most ${MAX_SAMPLES_PER_ORGANIZATION} samples (${kept} now): delete some first.`);
  }
  samples.forEach((sample, i) => requireValidRequest(state, sample.request, i));
  const records = samples.map((s, i) => ({ id: s.sampleId, name: s.name ?? `sample-${kept + i + 1}`, request: s.request, recordedAt: command.at }));
  return [{ type: 'AccessSamplesRecorded', data: { organizationId: state.organizationId as string, samples: records, recordedAt: command.at } }];
}

export function deleteAccessSample(command: DeleteAccessSample, state: OrganizationState): AccessSampleDeleted[] {
  requireManagementAccount(state, command.actingAccountId);
  if (!Object.hasOwn(state.accessSamples, command.data.sampleId)) throw new OrgsError('AccessSampleNotFoundException', `No access sample with the id ${command.data.sampleId}.`);
  return [{ type: 'AccessSampleDeleted', data: { organizationId: state.organizationId as string, sampleId: command.data.sampleId, deletedAt: command.at } }];
}
