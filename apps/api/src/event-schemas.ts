import { EventSchemas } from '@orgs/shared/kernel';
import { ORGANIZATION_EVENT_UPCASTERS } from '@orgs/organizations/domain';

/** Every capability's upcasters: the API decides commands on events in today's shape. */
export const EVENT_SCHEMAS = new EventSchemas([...ORGANIZATION_EVENT_UPCASTERS]);
