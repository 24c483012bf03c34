/** The projection billing's read models follow the log in (libs/billing/projection); readers wait on its checkpoint. */
export const BILLING_PROJECTION = 'billing';
