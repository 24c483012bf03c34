import { Module, type DynamicModule } from '@nestjs/common';
import type { PublicEventCatalogue } from '@orgs/shared/kernel';
import { loadWebhooksConfig } from '@orgs/webhooks/delivery';
import { PUBLIC_EVENT_CATALOGUE, WEBHOOKS_CONFIG } from './tokens';
import { WebhookDeliveriesResolver } from './webhook-deliveries.resolver';
import { WebhookEndpointsResolver } from './webhook-endpoints.resolver';
import { WebhookEventTypesResolver } from './webhook-event-types.resolver';
import { WebhooksScope } from './webhooks-scope.service';

/** Webhooks: endpoints, the public event catalogue (given by the app: each capability's public events), deliveries. */
@Module({})
export class WebhooksApiModule {
  static forRoot(catalogue: PublicEventCatalogue): DynamicModule {
    return {
      module: WebhooksApiModule,
      providers: [
        { provide: PUBLIC_EVENT_CATALOGUE, useValue: catalogue },
        { provide: WEBHOOKS_CONFIG, useFactory: () => loadWebhooksConfig() },
        WebhooksScope,
        WebhookEndpointsResolver,
        WebhookDeliveriesResolver,
        WebhookEventTypesResolver,
      ],
    };
  }
}
