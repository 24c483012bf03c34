import { assertUnreachable, invalidInput, OrgsError, type Decider } from '@orgs/shared/kernel';
import { assertValidEndpointUrl } from './endpoint-url';
import type { EndpointScope, WebhookEndpointEvent } from './webhook-endpoint-events';

/** One stream per endpoint: its settings change rarely and never depend on another endpoint's. */
export const webhookEndpointStreamId = (endpointId: string) => `webhook-endpoint-${endpointId}`;
export const MAX_DESCRIPTION_LENGTH = 512;

/** Facts the API looks up for the domain: the operator's allowed hosts and the public catalogue. */
interface Checks {
  allowedHosts: string[];
  knownEventTypes: string[];
}
interface Base<Type extends string, Data> {
  type: Type;
  data: Data;
  actingAccountId: string;
  at: string;
}
export type WebhookEndpointCommand =
  | Base<'CreateWebhookEndpoint', Checks & EndpointScope & { endpointId: string; url: string; description?: string; eventTypes?: string[] | null; encryptedSecret: string }>
  | Base<'UpdateWebhookEndpoint', Checks & { url?: string; description?: string; eventTypes?: string[] | null }>
  | Base<'DisableWebhookEndpoint', Record<string, never>>
  | Base<'EnableWebhookEndpoint', Record<string, never>>
  | Base<'DeleteWebhookEndpoint', Record<string, never>>
  | Base<'RotateWebhookSecret', { encryptedSecret: string; previousValidUntil: string }>
  /** The delivery's own: the endpoint answered 410 or the retry schedule ran out. No caller check. */
  | Base<'DisableFailingWebhookEndpoint', { reason: 'GONE' | 'RETRIES_EXHAUSTED'; detail: string }>;

export interface WebhookEndpointState {
  status: 'NONE' | 'ENABLED' | 'DISABLED' | 'DELETED';
  endpointId: string | null;
  ownerAccountId: string | null;
  url: string;
  description: string;
  eventTypes: string[] | null;
  encryptedSecret: string | null;
}

const initial = (): WebhookEndpointState => ({ status: 'NONE', endpointId: null, ownerAccountId: null, url: '', description: '', eventTypes: null, encryptedSecret: null });

export const webhookEndpointNotFound = (id?: string | null) =>
  new OrgsError('WebhookEndpointNotFoundException', `No webhook endpoint ${id ?? ''} belongs to your account.`.replace('  ', ' '));

export const webhookEndpointDecider: Decider<WebhookEndpointState, WebhookEndpointCommand, WebhookEndpointEvent> = {
  stateVersion: 1,
  initialState: initial,
  decide(command, state): WebhookEndpointEvent[] {
    if (command.type === 'CreateWebhookEndpoint') return create(command, state);
    if (command.type === 'DisableFailingWebhookEndpoint') return disableFailing(command, state);
    const endpointId = requireOwnEndpoint(state, command.actingAccountId);
    switch (command.type) {
      case 'UpdateWebhookEndpoint':
        return update(command, state, endpointId);
      case 'DisableWebhookEndpoint':
        return state.status === 'DISABLED' ? [] : [{ type: 'WebhookEndpointDisabled', data: { endpointId, reason: 'REQUESTED', detail: null, disabledAt: command.at } }];
      case 'EnableWebhookEndpoint':
        return state.status === 'ENABLED' ? [] : [{ type: 'WebhookEndpointEnabled', data: { endpointId, enabledAt: command.at } }];
      case 'DeleteWebhookEndpoint':
        return [{ type: 'WebhookEndpointDeleted', data: { endpointId, deletedAt: command.at } }];
      case 'RotateWebhookSecret':
        return [
          {
            type: 'WebhookSecretRotated',
            data: { endpointId, encryptedSecret: command.data.encryptedSecret, previousEncryptedSecret: state.encryptedSecret as string, previousValidUntil: command.data.previousValidUntil, rotatedAt: command.at },
          },
        ];
      default:
        return assertUnreachable(command);
    }
  },
  evolve(state, event): WebhookEndpointState {
    switch (event.type) {
      case 'WebhookEndpointCreated': {
        const { endpointId, ownerAccountId, url, description, eventTypes, encryptedSecret } = event.data;
        return { status: 'ENABLED', endpointId, ownerAccountId, url, description, eventTypes, encryptedSecret };
      }
      case 'WebhookEndpointUpdated':
        return { ...state, url: event.data.url, description: event.data.description, eventTypes: event.data.eventTypes };
      case 'WebhookEndpointDisabled':
        return { ...state, status: 'DISABLED' };
      case 'WebhookEndpointEnabled':
        return { ...state, status: 'ENABLED' };
      case 'WebhookEndpointDeleted':
        return { ...state, status: 'DELETED' };
      case 'WebhookSecretRotated':
        return { ...state, encryptedSecret: event.data.encryptedSecret };
      default:
        return assertUnreachable(event);
    }
  },
};

type CommandOf<T extends WebhookEndpointCommand['type']> = Extract<WebhookEndpointCommand, { type: T }>;

function create(command: CommandOf<'CreateWebhookEndpoint'>, state: WebhookEndpointState): WebhookEndpointEvent[] {
  if (state.status !== 'NONE') throw new OrgsError('ConcurrentModificationException', 'The endpoint id is taken: try again.');
  const { endpointId, url, description = '', eventTypes = null, encryptedSecret, organizationId, accountId, allowedHosts, knownEventTypes } = command.data;
  const settings = validSettings({ url, description, eventTypes }, allowedHosts, knownEventTypes);
  return [
    {
      type: 'WebhookEndpointCreated',
      data: { endpointId, ownerAccountId: command.actingAccountId, organizationId, accountId, ...settings, encryptedSecret, createdAt: command.at },
    },
  ];
}

function update(command: CommandOf<'UpdateWebhookEndpoint'>, state: WebhookEndpointState, endpointId: string): WebhookEndpointEvent[] {
  const { allowedHosts, knownEventTypes } = command.data;
  const next = validSettings(
    { url: command.data.url ?? state.url, description: command.data.description ?? state.description, eventTypes: command.data.eventTypes === undefined ? state.eventTypes : command.data.eventTypes },
    allowedHosts,
    knownEventTypes,
  );
  if (next.url === state.url && next.description === state.description && sameTypes(next.eventTypes, state.eventTypes)) return [];
  return [{ type: 'WebhookEndpointUpdated', data: { endpointId, ...next, updatedAt: command.at } }];
}

function disableFailing(command: CommandOf<'DisableFailingWebhookEndpoint'>, state: WebhookEndpointState): WebhookEndpointEvent[] {
  if (state.status !== 'ENABLED') return [];
  return [{ type: 'WebhookEndpointDisabled', data: { endpointId: state.endpointId as string, reason: command.data.reason, detail: command.data.detail, disabledAt: command.at } }];
}

function requireOwnEndpoint(state: WebhookEndpointState, actingAccountId: string): string {
  if (state.status === 'NONE' || state.status === 'DELETED') throw webhookEndpointNotFound(state.endpointId);
  if (state.ownerAccountId !== actingAccountId) throw webhookEndpointNotFound(state.endpointId);
  return state.endpointId as string;
}

function validSettings(settings: { url: string; description: string; eventTypes: string[] | null }, allowedHosts: string[], knownEventTypes: string[]) {
  assertValidEndpointUrl(settings.url, allowedHosts);
  if (settings.description.length > MAX_DESCRIPTION_LENGTH) throw invalidInput('MAX_LENGTH_EXCEEDED', `The description may have at most ${MAX_DESCRIPTION_LENGTH} characters.`);
  const eventTypes = settings.eventTypes === null ? null : [...new Set(settings.eventTypes)].sort();
  if (eventTypes && eventTypes.length === 0) throw invalidInput('MIN_LENGTH_EXCEEDED', 'eventTypes needs at least one type; omit it for every type.');
  const unknown = eventTypes?.find((t) => !knownEventTypes.includes(t));
  if (unknown) throw invalidInput('INVALID_ENUM', `${unknown} is not an event type of webhookEventTypes.`);
  return { url: settings.url, description: settings.description, eventTypes };
}

const sameTypes = (a: string[] | null, b: string[] | null) => JSON.stringify(a) === JSON.stringify(b);

