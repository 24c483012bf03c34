import type { RecordedEvent } from '@orgs/shared/event-store';
import type { Reaction, ReactionContext, ReactionJob } from '@orgs/shared/queue';
import type { AccountClosureEvent } from '@orgs/organizations/domain';
import { organizationJobData, organizationRequest, type OrganizationJobData } from './organization-job';

export const ACCOUNT_CLOSURE = 'account-closure';
const DEFAULT_CLOSURE_DELAY_MS = 60_000;

export interface AccountClosureJob extends OrganizationJobData {
  accountId: string;
}

/** How long a closure stays PENDING_CLOSURE before the account is SUSPENDED (AWS: minutes). */
export function accountClosureDelayMs(): number {
  const configured = Number(process.env.ACCOUNT_CLOSURE_DELAY_MS);
  return process.env.ACCOUNT_CLOSURE_DELAY_MS !== undefined && Number.isFinite(configured) && configured >= 0 ? configured : DEFAULT_CLOSURE_DELAY_MS;
}

type CloseAccountRequested = Extract<AccountClosureEvent, { type: 'CloseAccountRequested' }>;

/** One delayed job per closure, due ACCOUNT_CLOSURE_DELAY_MS after the request; the event's position makes its id. */
export function accountClosureJobsFor(event: RecordedEvent, delayMs = accountClosureDelayMs()): ReactionJob<AccountClosureJob>[] {
  if (event.type !== 'CloseAccountRequested') return [];
  const { accountId, requestedAt } = event.data as CloseAccountRequested['data'];
  const runAt = new Date(Date.parse(requestedAt) + delayMs);
  return [{ id: `${event.tenantId}.${accountId}.${event.position}`, data: { ...organizationJobData(event), accountId }, runAt }];
}

/** Suspends the closed account; idempotent, as an account no longer closing decides nothing. */
export async function completeAccountClosure(context: ReactionContext, job: AccountClosureJob): Promise<void> {
  await context.commands.handle(organizationRequest(job, ACCOUNT_CLOSURE, () => ({ type: 'CompleteAccountClosure', data: { accountId: job.accountId } })));
}

/** Register in the worker's `reactions`. */
export const accountClosureReaction: Reaction<AccountClosureJob> = {
  name: ACCOUNT_CLOSURE,
  eventTypes: new Set(['CloseAccountRequested']),
  jobsFor: (event) => accountClosureJobsFor(event),
  run: (job, context) => completeAccountClosure(context, job),
};
