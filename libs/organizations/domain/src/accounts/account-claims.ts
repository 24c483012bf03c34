import { ACCOUNT_EMAIL_NAMESPACE, ACCOUNT_ID_NAMESPACE } from '@orgs/shared/kernel';
import { MEMBERSHIP_NAMESPACE } from '../organization';

export { ACCOUNT_EMAIL_NAMESPACE, ACCOUNT_ID_NAMESPACE };

export interface AccountClaim {
  namespace: string;
  value: string;
}

interface EventLike {
  type: string;
  data: unknown;
}

const membershipOf = (accountId: string): AccountClaim => ({ namespace: MEMBERSHIP_NAMESPACE, value: accountId });

/** A created account claims its id, its email (lower-cased: emails compare case-blind) and its membership. */
export function accountClaims(events: EventLike[]): AccountClaim[] {
  return events.flatMap((event) => {
    if (event.type !== 'MemberAccountCreated') return [];
    const { accountId, email } = event.data as { accountId: string; email: string };
    return [
      { namespace: ACCOUNT_ID_NAMESPACE, value: accountId },
      { namespace: ACCOUNT_EMAIL_NAMESPACE, value: email.toLowerCase() },
      membershipOf(accountId),
    ];
  });
}

/** A departing account gives up its membership; its id and email stay taken forever (AWS never reuses them). */
export function accountReleases(events: EventLike[]): AccountClaim[] {
  return events.flatMap((event) =>
    event.type === 'AccountDepartedOrganization' ? [membershipOf((event.data as { accountId: string }).accountId)] : [],
  );
}
