import { assertUnreachable } from '@orgs/shared/kernel';
import type { OrganizationState } from '../state';
import type { AccessSampleEvent } from './access-sample-events';
import { deleteAccessSample, recordAccessSamples, type DeleteAccessSample, type RecordAccessSamples } from './record-access-samples';

export * from './access-sample-events';
export { MAX_SAMPLES_PER_CALL, MAX_SAMPLES_PER_ORGANIZATION, type RecordAccessSamples, type DeleteAccessSample } from './record-access-samples';

export type AccessSampleCommand = RecordAccessSamples | DeleteAccessSample;

export const ACCESS_SAMPLE_COMMANDS = new Set<string>(['RecordAccessSamples', 'DeleteAccessSample'] satisfies AccessSampleCommand['type'][]);
export const ACCESS_SAMPLE_EVENTS = new Set<string>(['AccessSamplesRecorded', 'AccessSampleDeleted'] satisfies AccessSampleEvent['type'][]);

export function decideAccessSamples(command: AccessSampleCommand, state: OrganizationState): AccessSampleEvent[] {
  switch (command.type) {
    case 'RecordAccessSamples':
      return recordAccessSamples(command, state);
    case 'DeleteAccessSample':
      return deleteAccessSample(command, state);
    default:
      return assertUnreachable(command);
  }
}

/** Access samples own the accessSamples section. */
export function evolveAccessSamples(state: OrganizationState, event: AccessSampleEvent): OrganizationState {
  switch (event.type) {
    case 'AccessSamplesRecorded': {
      const added = Object.fromEntries(event.data.samples.map((s) => [s.id, s]));
      return { ...state, accessSamples: { ...state.accessSamples, ...added } };
    }
    case 'AccessSampleDeleted':
      return { ...state, accessSamples: Object.fromEntries(Object.entries(state.accessSamples).filter(([id]) => id !== event.data.sampleId)) };
    default:
      return assertUnreachable(event);
  }
}
