import type { RecordedEvent } from '@orgs/shared/event-store';
import type { Reaction, ReactionContext, ReactionJob } from '@orgs/shared/queue';
import { organizationJobData, organizationRequest, type OrganizationJobData } from '../organization-job';
import { countChunk, propagationChunkSeconds } from './propagation-metrics';

export const SERVICE_LINKED_ROLES = 'service-linked-roles';
const DEFAULT_CHUNK_SIZE = 1_000;

/** What changes which roles an account should have: access enabled or disabled, an account joining. */
const JOINS = new Set(['MemberAccountCreated', 'InvitedAccountJoined']);
const TRIGGERS = new Set(['AWSServiceAccessEnabled', 'AWSServiceAccessDisabled', ...JOINS]);

export interface PropagationJob extends OrganizationJobData {
  /** Started by accounts joining: nothing to do in an organization that never enabled trusted access. */
  joining: boolean;
}

/** Account roles per command (one append, one event per service and outcome); SERVICE_LINKED_ROLE_CHUNK_SIZE overrides. */
export function propagationChunkSize(): number {
  const configured = Number(process.env.SERVICE_LINKED_ROLE_CHUNK_SIZE);
  return Number.isInteger(configured) && configured > 0 ? configured : DEFAULT_CHUNK_SIZE;
}

/**
 * One job per organization and transaction: the job brings every account in line with every
 * service, so events appended together (500 accounts in one append) need one job, not 500. The id
 * is derived from the transaction, so a re-dispatched batch enqueues nothing new.
 */
export function serviceLinkedRoleJobsFor(event: RecordedEvent): ReactionJob<PropagationJob>[] {
  if (!TRIGGERS.has(event.type)) return [];
  return [{ id: `${event.tenantId}.${event.streamId}.${event.transactionId}`, data: { ...organizationJobData(event), joining: JOINS.has(event.type) } }];
}

/**
 * Whether the organization's stream ever enabled trusted access. Exact for a join: an enable before
 * the joining event committed before it, and one after it has a job of its own that sees the account.
 * Spares most organizations a state load per account created.
 */
async function everEnabled(context: ReactionContext, job: OrganizationJobData): Promise<boolean> {
  const { rowCount } = await context.pool.query(
    `SELECT 1 FROM events WHERE tenant_id = $1 AND event_type = 'AWSServiceAccessEnabled' AND stream_id = $2 LIMIT 1`,
    [job.tenantId, job.streamId],
  );
  return (rowCount ?? 0) > 0;
}

/**
 * Propagations of one organization run one after another in this process: side by side they would
 * each load its state (a cold load replays the whole stream) only to collide on its stream. Another
 * worker process may still run one at the same time; that is correct, merely wasted.
 */
const running = new Map<string, Promise<unknown>>();
function oneAtATime<T>(key: string, work: () => Promise<T>): Promise<T> {
  const next = (running.get(key) ?? Promise.resolve()).then(work, work);
  const settled = next.catch(() => undefined);
  running.set(key, settled);
  void settled.then(() => running.get(key) === settled && running.delete(key));
  return next;
}

export interface PropagationOutcome {
  chunks: number;
  events: number;
}

/**
 * Propagates chunk after chunk until a chunk decides nothing. Each chunk is decided against the
 * organization's current state and appended with its expected version, so a job run twice, two jobs
 * racing or a job resumed after a crash never create a role twice nor skip an account: what is done
 * is in the state, what is not is decided next. The organization's stream orders every chunk anyway,
 * so one job looping beats parallel chunk jobs that would only collide on it.
 */
export async function propagateServiceLinkedRoles(context: ReactionContext, job: OrganizationJobData, chunkSize = propagationChunkSize()): Promise<PropagationOutcome> {
  const outcome = { chunks: 0, events: 0 };
  for (;;) {
    const stop = propagationChunkSeconds.startTimer();
    const result = await context.commands.handle(
      organizationRequest(job, SERVICE_LINKED_ROLES, () => ({ type: 'PropagateServiceLinkedRoles', data: { maxRoles: chunkSize } })),
    );
    if (result.events.length === 0) break;
    stop();
    countChunk(result.events);
    outcome.chunks += 1;
    outcome.events += result.events.length;
  }
  if (outcome.chunks > 0) context.logger.info({ reaction: SERVICE_LINKED_ROLES, streamId: job.streamId, ...outcome }, 'service-linked roles propagated');
  return outcome;
}

/** Register in the worker's `reactions`. */
export const serviceLinkedRolesReaction: Reaction<PropagationJob> = {
  name: SERVICE_LINKED_ROLES,
  eventTypes: TRIGGERS,
  jobsFor: serviceLinkedRoleJobsFor,
  run: async (job, context) => {
    if (job.joining && !(await everEnabled(context, job))) return;
    await oneAtATime(`${job.tenantId}/${job.streamId}`, () => propagateServiceLinkedRoles(context, job));
  },
  // A worker killed mid-propagation: the job runs again within seconds, and carries on where the state says.
  lockDurationMs: 10_000,
  maxStalledCount: 10,
};
