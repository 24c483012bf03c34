import type { RecordedEvent } from '@orgs/shared/event-store';
import { newAccountId, OrgsError } from '@orgs/shared/kernel';
import type { Reaction, ReactionContext, ReactionJob } from '@orgs/shared/queue';
import { ACCOUNT_EMAIL_NAMESPACE, accountClaims, type CreateAccountRequestedData } from '@orgs/organizations/domain';
import { organizationJobData, organizationRequest, type OrganizationJobData } from './organization-job';
import { readTenantQuotas } from './tenant-quotas';

export const ACCOUNT_CREATION = 'account-creation';

export interface AccountCreationJob extends OrganizationJobData {
  requestId: string;
}

/** The email belongs to another account of the installation: the request fails rather than retrying. */
class EmailTaken extends OrgsError {
  constructor() {
    super('DuplicateAccountException', 'The email is already used by another account.');
  }
}

/** One job per CreateAccount request, with the request id as its deterministic job id. */
export function accountCreationJobsFor(event: RecordedEvent): ReactionJob<AccountCreationJob>[] {
  if (event.type !== 'CreateAccountRequested') return [];
  const { requestId } = event.data as CreateAccountRequestedData;
  return [{ id: `${event.tenantId}.${requestId}`, data: { ...organizationJobData(event), requestId } }];
}

/**
 * Makes the account of a CreateAccount request: draws an id and decides CompleteAccountCreation,
 * whose append claims the id (a taken one is drawn again), the email and the membership. A taken
 * email ends the request FAILED with EMAIL_ALREADY_EXISTS. Deciding against the current state makes
 * the job idempotent: once the request has ended, a second delivery decides nothing.
 */
export async function completeAccountCreation(context: ReactionContext, job: AccountCreationJob): Promise<void> {
  const quotas = await readTenantQuotas(context.pool, job.tenantId);
  const commands = context.commands;
  try {
    await commands.handle({
      ...organizationRequest(job, ACCOUNT_CREATION, () => ({
        type: 'CompleteAccountCreation',
        data: { requestId: job.requestId, accountId: newAccountId(), quotas },
      })),
      reservations: accountClaims,
      reservationConflict: (namespace) => (namespace === ACCOUNT_EMAIL_NAMESPACE ? new EmailTaken() : undefined),
    });
  } catch (error) {
    if (!(error instanceof EmailTaken)) throw error;
    await commands.handle(
      organizationRequest(job, ACCOUNT_CREATION, () => ({
        type: 'FailAccountCreation',
        data: { requestId: job.requestId, failureReason: 'EMAIL_ALREADY_EXISTS' },
      })),
    );
  }
}

/** Register in the worker's `reactions`. */
export const accountCreationReaction: Reaction<AccountCreationJob> = {
  name: ACCOUNT_CREATION,
  eventTypes: new Set(['CreateAccountRequested']),
  jobsFor: accountCreationJobsFor,
  run: (job, context) => completeAccountCreation(context, job),
};
