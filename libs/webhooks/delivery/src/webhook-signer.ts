import { createHmac } from 'node:crypto';
import type { SecretBox } from './secret-box';

export interface EndpointSecrets {
  encryptedSecret: string;
  previousEncryptedSecret: string | null;
  previousValidUntil: Date | null;
}

const SECRET_PREFIX = 'whsec_';

/**
 * Standard Webhooks signatures: `v1,<base64 HMAC-SHA256>` of `id.timestamp.body`, with the secret
 * rotated out also signing (space-separated) until its validity ends. The HMAC is node:crypto's:
 * the same bytes as the standardwebhooks package's (webhook-signer.spec.ts checks with its verify),
 * whose pure-JS SHA-256 cost a twentieth of the worker's CPU per delivery. Decrypted keys are
 * kept in memory by ciphertext, so each secret is opened once.
 */
export class WebhookSigner {
  private readonly opened = new Map<string, Buffer>();

  constructor(private readonly box: SecretBox) {}

  headers(messageId: string, at: Date, body: string, secrets: EndpointSecrets): Record<string, string> {
    const timestamp = Math.floor(at.getTime() / 1000).toString();
    const signed = `${messageId}.${timestamp}.${body}`;
    let signature = this.sign(secrets.encryptedSecret, signed);
    if (secrets.previousEncryptedSecret && secrets.previousValidUntil && secrets.previousValidUntil.getTime() > at.getTime()) {
      signature += ` ${this.sign(secrets.previousEncryptedSecret, signed)}`;
    }
    return { 'webhook-id': messageId, 'webhook-timestamp': timestamp, 'webhook-signature': signature };
  }

  private sign(encrypted: string, signed: string): string {
    return `v1,${createHmac('sha256', this.key(encrypted)).update(signed, 'utf8').digest('base64')}`;
  }

  private key(encrypted: string): Buffer {
    let key = this.opened.get(encrypted);
    if (!key) {
      if (this.opened.size > 10_000) this.opened.clear();
      const secret = this.box.open(encrypted);
      key = Buffer.from(secret.startsWith(SECRET_PREFIX) ? secret.slice(SECRET_PREFIX.length) : secret, 'base64');
      this.opened.set(encrypted, key);
    }
    return key;
  }
}
