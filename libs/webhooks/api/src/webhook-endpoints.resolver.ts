import { randomBytes } from 'node:crypto';
import { Inject } from '@nestjs/common';
import { Args, Mutation, Query, Resolver } from '@nestjs/graphql';
import { CommandHandler } from '@orgs/shared/command-handling';
import type { PublicEventCatalogue } from '@orgs/shared/kernel';
import { auditMetadataOf, CurrentPrincipal, encodeConsistencyToken, Writes, type Principal } from '@orgs/shared/nest';
import { newWebhookSecret, SecretBox, type WebhooksConfig } from '@orgs/webhooks/delivery';
import { webhookEndpointDecider, webhookEndpointStreamId, type WebhookEndpointCommand, type WebhookEndpointState } from '@orgs/webhooks/domain';
import { PUBLIC_EVENT_CATALOGUE, WEBHOOKS_CONFIG } from './tokens';
import {
  CreateWebhookEndpointInput,
  CreateWebhookEndpointResponse,
  RotateWebhookSecretResponse,
  UpdateWebhookEndpointInput,
  WebhookEndpoint,
  WebhookEndpointResponse,
} from './webhooks.types';
import { WebhooksScope, type EndpointRow } from './webhooks-scope.service';

type CommandData<T extends WebhookEndpointCommand['type']> = Extract<WebhookEndpointCommand, { type: T }>['data'];

/** Endpoints: each is its own stream; only the account that created one manages it. */
@Resolver()
export class WebhookEndpointsResolver {
  private box?: SecretBox;

  constructor(
    private readonly scope: WebhooksScope,
    private readonly commands: CommandHandler,
    @Inject(PUBLIC_EVENT_CATALOGUE) private readonly catalogue: PublicEventCatalogue,
    @Inject(WEBHOOKS_CONFIG) private readonly config: WebhooksConfig,
  ) {}

  @Writes()
  @Mutation(() => CreateWebhookEndpointResponse)
  async createWebhookEndpoint(@CurrentPrincipal() principal: Principal, @Args('input') input: CreateWebhookEndpointInput): Promise<CreateWebhookEndpointResponse> {
    const scope = await this.scope.scopeOf(principal);
    const secret = newWebhookSecret();
    const endpointId = `we-${randomBytes(8).toString('hex')}`;
    const result = await this.run(principal, endpointId, 'CreateWebhookEndpoint', {
      ...this.checks(),
      ...scope,
      endpointId,
      url: input.url,
      description: input.description,
      eventTypes: input.eventTypes ?? null,
      encryptedSecret: this.secrets().seal(secret),
    });
    return { endpoint: toEndpoint(result.state, scope.accountId), secret, consistencyToken: result.token };
  }

  @Writes()
  @Mutation(() => WebhookEndpointResponse)
  async updateWebhookEndpoint(@CurrentPrincipal() principal: Principal, @Args('input') input: UpdateWebhookEndpointInput): Promise<WebhookEndpointResponse> {
    const eventTypes = input.allEventTypes ? null : input.eventTypes;
    const result = await this.run(principal, input.endpointId, 'UpdateWebhookEndpoint', { ...this.checks(), url: input.url, description: input.description, eventTypes });
    return this.response(principal, input.endpointId, result);
  }

  @Writes()
  @Mutation(() => WebhookEndpointResponse)
  async disableWebhookEndpoint(@CurrentPrincipal() principal: Principal, @Args('endpointId') endpointId: string): Promise<WebhookEndpointResponse> {
    return this.response(principal, endpointId, await this.run(principal, endpointId, 'DisableWebhookEndpoint', {}));
  }

  @Writes()
  @Mutation(() => WebhookEndpointResponse)
  async enableWebhookEndpoint(@CurrentPrincipal() principal: Principal, @Args('endpointId') endpointId: string): Promise<WebhookEndpointResponse> {
    return this.response(principal, endpointId, await this.run(principal, endpointId, 'EnableWebhookEndpoint', {}));
  }

  @Writes()
  @Mutation(() => WebhookEndpointResponse)
  async deleteWebhookEndpoint(@CurrentPrincipal() principal: Principal, @Args('endpointId') endpointId: string): Promise<WebhookEndpointResponse> {
    const result = await this.run(principal, endpointId, 'DeleteWebhookEndpoint', {});
    return { endpoint: null, consistencyToken: result.token };
  }

  @Writes()
  @Mutation(() => RotateWebhookSecretResponse)
  async rotateWebhookSecret(@CurrentPrincipal() principal: Principal, @Args('endpointId') endpointId: string): Promise<RotateWebhookSecretResponse> {
    const secret = newWebhookSecret();
    const previousSecretValidUntil = new Date(Date.now() + this.config.previousSecretValidityMs);
    const result = await this.run(principal, endpointId, 'RotateWebhookSecret', {
      encryptedSecret: this.secrets().seal(secret),
      previousValidUntil: previousSecretValidUntil.toISOString(),
    });
    return { secret, previousSecretValidUntil, consistencyToken: result.token };
  }

  @Query(() => [WebhookEndpoint], { description: 'The calling account\'s endpoints (deleted ones left out).' })
  async listWebhookEndpoints(
    @CurrentPrincipal() principal: Principal,
    @Args('consistencyToken', { nullable: true, type: () => String }) consistencyToken?: string | null,
  ): Promise<WebhookEndpoint[]> {
    return (await this.scope.endpoints(principal, consistencyToken)).map(rowToEndpoint);
  }

  private checks() {
    return { allowedHosts: this.config.allowedHosts, knownEventTypes: this.catalogue.types.map((t) => t.type) };
  }

  private secrets(): SecretBox {
    this.box ??= new SecretBox(this.config.secretsKey);
    return this.box;
  }

  private async run<T extends WebhookEndpointCommand['type']>(principal: Principal, endpointId: string, type: T, data: CommandData<T>) {
    const result = await this.commands.handle({
      tenantId: principal.tenantId,
      streamId: webhookEndpointStreamId(endpointId),
      decider: webhookEndpointDecider,
      command: { type, data, actingAccountId: principal.accountId, at: new Date().toISOString() } as WebhookEndpointCommand,
      metadata: auditMetadataOf(principal),
    });
    // Nothing appended (no change): the token of the log as it is is still a valid wait.
    return { state: result.state, token: encodeConsistencyToken(result.checkpoint) };
  }

  private async response(principal: Principal, endpointId: string, result: { state: WebhookEndpointState; token: string }): Promise<WebhookEndpointResponse> {
    const row = await this.scope.ownEndpoint(principal, endpointId, result.token).catch(() => undefined);
    return { endpoint: row ? rowToEndpoint(row) : toEndpoint(result.state, null), consistencyToken: result.token };
  }
}

function toEndpoint(state: WebhookEndpointState, accountId: string | null): WebhookEndpoint {
  const now = new Date();
  return {
    id: state.endpointId as string,
    url: state.url,
    description: state.description,
    eventTypes: state.eventTypes,
    status: state.status,
    disabledReason: null,
    scope: accountId ? 'ACCOUNT' : 'ORGANIZATION',
    ownerAccountId: state.ownerAccountId as string,
    createdAt: now,
    updatedAt: now,
  };
}

export function rowToEndpoint(row: EndpointRow): WebhookEndpoint {
  return {
    id: row.id,
    url: row.url,
    description: row.description,
    eventTypes: row.event_types.length === 0 ? null : row.event_types,
    status: row.status,
    disabledReason: row.disabled_reason,
    scope: row.account_id ? 'ACCOUNT' : 'ORGANIZATION',
    ownerAccountId: row.owner_account_id,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}
