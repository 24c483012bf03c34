import { Inject } from '@nestjs/common';
import { Query, Resolver } from '@nestjs/graphql';
import type { PublicEventCatalogue } from '@orgs/shared/kernel';
import { PUBLIC_EVENT_CATALOGUE } from './tokens';
import { WebhookEventType } from './webhooks.types';

/** The public catalogue: what can be subscribed to, each type's payload schema and an example body. */
@Resolver()
export class WebhookEventTypesResolver {
  constructor(@Inject(PUBLIC_EVENT_CATALOGUE) private readonly catalogue: PublicEventCatalogue) {}

  @Query(() => [WebhookEventType])
  webhookEventTypes(): WebhookEventType[] {
    return this.catalogue.types.map((t) => ({
      type: t.type,
      version: t.version,
      description: t.description,
      schema: JSON.stringify(t.schema),
      example: JSON.stringify({ type: t.type, timestamp: '2026-01-01T12:00:00.000Z', data: t.example }),
    }));
  }
}
