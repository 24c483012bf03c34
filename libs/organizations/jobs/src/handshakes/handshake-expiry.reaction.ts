import type { RecordedEvent } from '@orgs/shared/event-store';
import type { Reaction, ReactionContext, ReactionJob } from '@orgs/shared/queue';
import { isDue, isPending, type HandshakeEventOf } from '@orgs/organizations/domain';
import { organizationJobData, organizationRequest, type OrganizationJobData } from '../organization-job';

export const HANDSHAKE_EXPIRY = 'handshake-expiry';

export interface HandshakeExpiryJob extends OrganizationJobData {
  handshakeId: string;
}

/** A job fired before the handshake's expiration (clocks of two machines): BullMQ retries it later. */
class NotDueYet extends Error {
  constructor(handshakeId: string) {
    super(`Handshake ${handshakeId} is not due to expire yet`);
  }
}

/** One delayed job per new handshake, due at its expiration time; the handshake id makes the job id. */
export function handshakeExpiryJobsFor(event: RecordedEvent): ReactionJob<HandshakeExpiryJob>[] {
  if (event.type !== 'HandshakeCreated') return [];
  const { handshake } = event.data as HandshakeEventOf<'HandshakeCreated'>['data'];
  return [{ id: `${event.tenantId}.${handshake.id}`, data: { ...organizationJobData(event), handshakeId: handshake.id }, runAt: new Date(handshake.expiresAt) }];
}

/**
 * Expires the handshake (EXPIRED; its place in the account quota is free again). Idempotent: a
 * handshake answered meanwhile, or expired by an earlier delivery, decides nothing.
 */
export async function expireHandshake(context: ReactionContext, job: HandshakeExpiryJob): Promise<void> {
  const result = await context.commands.handle(organizationRequest(job, HANDSHAKE_EXPIRY, () => ({ type: 'ExpireHandshake', data: { handshakeId: job.handshakeId } })));
  const handshake = result.state.handshakes[job.handshakeId];
  if (handshake && isPending(handshake) && !isDue(handshake, new Date().toISOString())) throw new NotDueYet(job.handshakeId);
}

/** Register in the worker's `reactions` (organizationReactions in libs/organizations/jobs/src/index.ts). */
export const handshakeExpiryReaction: Reaction<HandshakeExpiryJob> = {
  name: HANDSHAKE_EXPIRY,
  eventTypes: new Set(['HandshakeCreated']),
  jobsFor: handshakeExpiryJobsFor,
  run: (job, context) => expireHandshake(context, job),
};
