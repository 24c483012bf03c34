import type { Pool } from 'pg';
import type { CommandHandler } from '@orgs/shared/command-handling';
import type { Logger } from '@orgs/shared/runtime';
import { webhookEndpointDecider, webhookEndpointStreamId } from '@orgs/webhooks/domain';
import { closeOutboundAgents } from './outbound-http';
import { SecretBox } from './secret-box';
import { WebhookDispatcher } from './webhook-dispatcher';
import { loadWebhooksConfig } from './webhooks-config';
import { WebhookSigner } from './webhook-signer';

export interface WebhookDeliveryDeps {
  databaseUrl: string;
  pool: Pool;
  commands: CommandHandler;
  logger: Logger;
  queuedChannel: string;
  env?: NodeJS.ProcessEnv;
}

/** The worker's webhook delivery; without WEBHOOK_SECRETS_KEY nothing can be signed, so it does not start. */
export async function startWebhookDelivery(deps: WebhookDeliveryDeps): Promise<{ stop(): Promise<void> }> {
  const config = loadWebhooksConfig(deps.env);
  if (!config.secretsKey) {
    deps.logger.warn('WEBHOOK_SECRETS_KEY is not set: webhooks are not delivered');
    return { stop: async () => undefined };
  }
  const dispatcher = new WebhookDispatcher({
    pool: deps.pool,
    databaseUrl: deps.databaseUrl,
    config,
    signer: new WebhookSigner(new SecretBox(config.secretsKey)),
    logger: deps.logger,
    queuedChannel: deps.queuedChannel,
    async disable(delivery, reason, detail) {
      deps.logger.warn({ endpoint: delivery.endpointId, reason, detail }, 'webhook endpoint disabled');
      await deps.commands.handle({
        tenantId: delivery.tenantId,
        streamId: webhookEndpointStreamId(delivery.endpointId),
        decider: webhookEndpointDecider,
        command: { type: 'DisableFailingWebhookEndpoint', data: { reason, detail }, actingAccountId: 'webhook-delivery', at: new Date().toISOString() },
        metadata: { principal: 'webhook-delivery' },
      });
    },
  });
  await dispatcher.start();
  return {
    async stop() {
      await dispatcher.stop();
      closeOutboundAgents();
    },
  };
}
