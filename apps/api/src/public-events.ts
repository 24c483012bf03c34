import { composePublicEvents } from '@orgs/shared/kernel';
import { ORGANIZATION_PUBLIC_EVENTS } from '@orgs/organizations/domain';
import { WEBHOOK_PUBLIC_EVENTS } from '@orgs/webhooks/domain';

/** What webhooks publish: each capability's public events (the worker composes the same list). */
export const PUBLIC_EVENTS = composePublicEvents([ORGANIZATION_PUBLIC_EVENTS, WEBHOOK_PUBLIC_EVENTS]);
