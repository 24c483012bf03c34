import { randomBytes } from 'node:crypto';
import { Webhook } from 'standardwebhooks';
import { newWebhookSecret, SecretBox } from './secret-box';
import { WebhookSigner } from './webhook-signer';

describe('webhook signatures', () => {
  const box = new SecretBox(randomBytes(32).toString('base64'));
  const signer = new WebhookSigner(box);
  const body = JSON.stringify({ type: 'organizations.account.created', timestamp: '2026-12-04T10:00:00.000Z', data: { accountId: '123456789012', name: 'Zoë ✓' } });
  const at = new Date('2026-12-04T10:00:01.250Z');

  it('are what the standardwebhooks package signs, and its verify accepts them', () => {
    const secret = newWebhookSecret();
    const headers = signer.headers('msg_we-1_42', at, body, { encryptedSecret: box.seal(secret), previousEncryptedSecret: null, previousValidUntil: null });
    expect(headers['webhook-signature']).toBe(new Webhook(secret).sign('msg_we-1_42', at, body));
    expect(headers['webhook-timestamp']).toBe('1796378401');
    const verifier = new Webhook(secret);
    jest.useFakeTimers({ now: at, doNotFake: ['nextTick', 'setImmediate'] });
    try {
      expect(verifier.verify(body, headers)).toEqual(JSON.parse(body));
      expect(() => verifier.verify(`${body} `, headers)).toThrow();
    } finally {
      jest.useRealTimers();
    }
  });

  it('a rotated-out secret signs beside the new one until its validity ends', () => {
    const [current, previous] = [newWebhookSecret(), newWebhookSecret()];
    const secrets = (validUntil: Date) => ({ encryptedSecret: box.seal(current), previousEncryptedSecret: box.seal(previous), previousValidUntil: validUntil });
    const both = signer.headers('msg_we-1_43', at, body, secrets(new Date(at.getTime() + 1_000)))['webhook-signature'];
    expect(both).toBe(`${new Webhook(current).sign('msg_we-1_43', at, body)} ${new Webhook(previous).sign('msg_we-1_43', at, body)}`);
    const after = signer.headers('msg_we-1_43', at, body, secrets(new Date(at.getTime() - 1)))['webhook-signature'];
    expect(after).toBe(new Webhook(current).sign('msg_we-1_43', at, body));
  });
});
