/**
 * Namespaces of the installation-wide claims (event store reservations) that several capabilities
 * make: a standalone account and a created one compete for the same account ids and emails.
 */
export const ACCOUNT_ID_NAMESPACE = 'account-id';
/** Emails are claimed lower-cased: they compare case-blind. */
export const ACCOUNT_EMAIL_NAMESPACE = 'account-email';
