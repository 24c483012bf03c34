import { composeProjection } from '@orgs/shared/projector';
import { BILLING_PROJECTION } from '@orgs/billing/domain';
import { billingPeriodHandlers } from './billing-periods.projection';
import { membershipHandlers } from './membership.projection';

export * from './organization-events';

/**
 * Billing's read models follow the log on their own checkpoint: a separate projection, because the
 * organization's read-models projection already handles the same event types (one handler per
 * type there), and so that a slow invoice write never holds up the organization's reads.
 */
export const billingProjection = composeProjection(BILLING_PROJECTION, [membershipHandlers, billingPeriodHandlers]);
