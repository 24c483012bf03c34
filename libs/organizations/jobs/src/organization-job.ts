import type { RecordedEvent } from '@orgs/shared/event-store';
import { organizationDecider, type OrganizationCommand } from '@orgs/organizations/domain';

/** What every organization job carries from the event that started it: where to decide, and for whom. */
export interface OrganizationJobData {
  tenantId: string;
  streamId: string;
  /** The account whose command started the work (the management account): the job acts for it. */
  actingAccountId: string;
  /** The event's position in the log, for the audit trail. */
  causedBy: string;
}

export function organizationJobData(event: RecordedEvent): OrganizationJobData {
  return {
    tenantId: event.tenantId,
    streamId: event.streamId,
    actingAccountId: event.metadata.actingAccountId ?? '',
    causedBy: event.position.toString(),
  };
}

type WithoutActor<C> = C extends unknown ? Omit<C, 'actingAccountId' | 'at'> : never;

/** A command request for the job's organization, stamped with the time of each attempt. */
export function organizationRequest(job: OrganizationJobData, reaction: string, build: () => WithoutActor<OrganizationCommand>) {
  return {
    tenantId: job.tenantId,
    streamId: job.streamId,
    decider: organizationDecider,
    command: () => ({ ...build(), actingAccountId: job.actingAccountId, at: new Date().toISOString() }) as OrganizationCommand,
    metadata: { principal: `reaction/${reaction}`, actingAccountId: job.actingAccountId, causationId: job.causedBy },
  };
}
