import { Webhook } from 'standardwebhooks';
import type { SecretBox } from './secret-box';

export interface EndpointSecrets {
  encryptedSecret: string;
  previousEncryptedSecret: string | null;
  previousValidUntil: Date | null;
}

/**
 * Standard Webhooks signatures: `v1,<base64 HMAC-SHA256>` of `id.timestamp.body`, with the secret
 * rotated out also signing (space-separated) until its validity ends. Decrypted secrets are kept
 * in memory by ciphertext, so each is opened once.
 */
export class WebhookSigner {
  private readonly opened = new Map<string, Webhook>();

  constructor(private readonly box: SecretBox) {}

  headers(messageId: string, at: Date, body: string, secrets: EndpointSecrets): Record<string, string> {
    const signatures = [this.webhook(secrets.encryptedSecret).sign(messageId, at, body)];
    if (secrets.previousEncryptedSecret && secrets.previousValidUntil && secrets.previousValidUntil.getTime() > at.getTime()) {
      signatures.push(this.webhook(secrets.previousEncryptedSecret).sign(messageId, at, body));
    }
    return { 'webhook-id': messageId, 'webhook-timestamp': Math.floor(at.getTime() / 1000).toString(), 'webhook-signature': signatures.join(' ') };
  }

  private webhook(encrypted: string): Webhook {
    let webhook = this.opened.get(encrypted);
    if (!webhook) {
      if (this.opened.size > 10_000) this.opened.clear();
      webhook = new Webhook(this.box.open(encrypted));
      this.opened.set(encrypted, webhook);
    }
    return webhook;
  }
}
