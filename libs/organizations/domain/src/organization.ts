import { assertUnreachable, type Decider, type EventUpcaster } from '@orgs/shared/kernel';
import {
  ACCESS_SAMPLE_COMMANDS,
  ACCESS_SAMPLE_EVENTS,
  decideAccessSamples,
  evolveAccessSamples,
  type AccessSampleCommand,
  type AccessSampleEvent,
} from './access-samples/access-samples';
import {
  ACCOUNT_COMMANDS,
  ACCOUNT_EVENTS,
  decideAccounts,
  evolveAccounts,
  type AccountCommand,
  type AccountEvent,
} from './accounts/accounts';
import {
  decideHandshakes,
  evolveHandshakes,
  HANDSHAKE_COMMANDS,
  HANDSHAKE_EVENTS,
  type HandshakeCommand,
  type HandshakeEvent,
} from './handshakes/handshakes';
import {
  decideOrganizationLifecycle,
  evolveOrganizationLifecycle,
  ORGANIZATION_LIFECYCLE_COMMANDS,
  ORGANIZATION_LIFECYCLE_EVENTS,
  type OrganizationLifecycleCommand,
  type OrganizationLifecycleEvent,
} from './organization-lifecycle/organization-lifecycle';
import {
  decideOrganizationalUnits,
  evolveOrganizationalUnits,
  ORGANIZATIONAL_UNIT_COMMANDS,
  ORGANIZATIONAL_UNIT_EVENTS,
  type OrganizationalUnitCommand,
  type OrganizationalUnitEvent,
} from './organizational-units/organizational-units';
import { decidePolicies, evolvePolicies, POLICY_COMMANDS, POLICY_EVENTS, type PolicyCommand, type PolicyEvent } from './policies/policies';
import { initialOrganizationState, type OrganizationState } from './state';
import { decideTags, evolveTags, TAG_COMMANDS, TAG_EVENT_UPCASTERS, TAG_EVENTS, type TagCommand, type TagEvent } from './tags/tags';
import {
  DELEGATED_ADMINISTRATOR_COMMANDS,
  DELEGATED_ADMINISTRATOR_EVENTS,
  decideDelegatedAdministrators,
  evolveDelegatedAdministrators,
  type DelegatedAdministratorCommand,
  type DelegatedAdministratorEvent,
} from './delegated-administrators/delegated-administrators';
import {
  decideTrustedAccess,
  evolveTrustedAccess,
  TRUSTED_ACCESS_COMMANDS,
  TRUSTED_ACCESS_EVENTS,
  type TrustedAccessCommand,
  type TrustedAccessEvent,
} from './trusted-access/trusted-access';

export type OrganizationCommand =
  | OrganizationLifecycleCommand
  | OrganizationalUnitCommand
  | AccountCommand
  | HandshakeCommand
  | TagCommand
  | PolicyCommand
  | TrustedAccessCommand
  | DelegatedAdministratorCommand
  | AccessSampleCommand;

export type OrganizationEvent =
  | OrganizationLifecycleEvent
  | OrganizationalUnitEvent
  | AccountEvent
  | HandshakeEvent
  | TagEvent
  | PolicyEvent
  | TrustedAccessEvent
  | DelegatedAdministratorEvent
  | AccessSampleEvent;

export const organizationStreamId = (organizationId: string) => `organization-${organizationId}`;

/** Claimed by an account while it belongs to an organization: an account is in at most one. */
export const MEMBERSHIP_NAMESPACE = 'organization-membership';

const is = <T extends { type: string }>(types: Set<string>, value: { type: string }): value is T => types.has(value.type);

/**
 * The organization aggregate, composed from one decider per capability. Each capability decides
 * its own commands against the whole state and evolves only its own section of it.
 */
export const organizationDecider: Decider<OrganizationState, OrganizationCommand, OrganizationEvent> = {
  stateVersion: 5,
  initialState: initialOrganizationState,

  decide(command, state): OrganizationEvent[] {
    if (is<OrganizationLifecycleCommand>(ORGANIZATION_LIFECYCLE_COMMANDS, command)) return decideOrganizationLifecycle(command, state);
    if (is<OrganizationalUnitCommand>(ORGANIZATIONAL_UNIT_COMMANDS, command)) return decideOrganizationalUnits(command, state);
    if (is<AccountCommand>(ACCOUNT_COMMANDS, command)) return decideAccounts(command, state);
    if (is<HandshakeCommand>(HANDSHAKE_COMMANDS, command)) return decideHandshakes(command, state);
    if (is<TagCommand>(TAG_COMMANDS, command)) return decideTags(command, state);
    if (is<PolicyCommand>(POLICY_COMMANDS, command)) return decidePolicies(command, state);
    if (is<TrustedAccessCommand>(TRUSTED_ACCESS_COMMANDS, command)) return decideTrustedAccess(command, state);
    if (is<DelegatedAdministratorCommand>(DELEGATED_ADMINISTRATOR_COMMANDS, command)) return decideDelegatedAdministrators(command, state);
    if (is<AccessSampleCommand>(ACCESS_SAMPLE_COMMANDS, command)) return decideAccessSamples(command, state);
    return assertUnreachable(command as never);
  },

  evolve(state, event): OrganizationState {
    if (is<OrganizationLifecycleEvent>(ORGANIZATION_LIFECYCLE_EVENTS, event)) return evolveOrganizationLifecycle(state, event);
    if (is<OrganizationalUnitEvent>(ORGANIZATIONAL_UNIT_EVENTS, event)) return evolveOrganizationalUnits(state, event);
    if (is<AccountEvent>(ACCOUNT_EVENTS, event)) return evolveAccounts(state, event);
    if (is<HandshakeEvent>(HANDSHAKE_EVENTS, event)) return evolveHandshakes(state, event);
    if (is<TagEvent>(TAG_EVENTS, event)) return evolveTags(state, event);
    if (is<PolicyEvent>(POLICY_EVENTS, event)) return evolvePolicies(state, event);
    if (is<TrustedAccessEvent>(TRUSTED_ACCESS_EVENTS, event)) return evolveTrustedAccess(state, event);
    if (is<DelegatedAdministratorEvent>(DELEGATED_ADMINISTRATOR_EVENTS, event)) return evolveDelegatedAdministrators(state, event);
    if (is<AccessSampleEvent>(ACCESS_SAMPLE_EVENTS, event)) return evolveAccessSamples(state, event);
    return assertUnreachable(event as never);
  },
};

/** Every command type has exactly one capability (checked by a unit test). */
export const ORGANIZATION_COMMAND_TYPES = [
  ORGANIZATION_LIFECYCLE_COMMANDS,
  ORGANIZATIONAL_UNIT_COMMANDS,
  ACCOUNT_COMMANDS,
  HANDSHAKE_COMMANDS,
  TAG_COMMANDS,
  POLICY_COMMANDS,
  TRUSTED_ACCESS_COMMANDS,
  DELEGATED_ADMINISTRATOR_COMMANDS,
  ACCESS_SAMPLE_COMMANDS,
];
export const ORGANIZATION_EVENT_TYPES = [
  ORGANIZATION_LIFECYCLE_EVENTS,
  ORGANIZATIONAL_UNIT_EVENTS,
  ACCOUNT_EVENTS,
  HANDSHAKE_EVENTS,
  TAG_EVENTS,
  POLICY_EVENTS,
  TRUSTED_ACCESS_EVENTS,
  DELEGATED_ADMINISTRATOR_EVENTS,
  ACCESS_SAMPLE_EVENTS,
];

/** How the organization's older events are read in today's shape (see EventSchemas). */
export const ORGANIZATION_EVENT_UPCASTERS: EventUpcaster[] = [...TAG_EVENT_UPCASTERS];
