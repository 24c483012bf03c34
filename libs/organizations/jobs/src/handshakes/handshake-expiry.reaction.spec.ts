import type { RecordedEvent } from '@orgs/shared/event-store';
import { handshakeExpiryJobsFor } from './handshake-expiry.reaction';

const recorded = (type: string, data: unknown): RecordedEvent => ({
  position: 42n,
  transactionId: 7n,
  tenantId: '6f1c2d3e-0000-4000-8000-000000000001',
  streamId: 'organization-o-a1b2c3d4e5',
  streamVersion: 3,
  type,
  schemaVersion: 1,
  data,
  metadata: { actingAccountId: '111122223333' },
  recordedAt: new Date('2026-03-01T10:00:00.000Z'),
});

describe('the handshake expiry reaction', () => {
  it('schedules one job per new handshake at its expiration time, with a job id taken from the handshake', () => {
    const event = recorded('HandshakeCreated', { organizationId: 'o-a1b2c3d4e5', handshake: { id: 'h-3f6c1e0a9b7d4c2e8f5a1b6c0d9e7f24', expiresAt: '2026-03-16T10:00:00.000Z' } });
    expect(handshakeExpiryJobsFor(event)).toEqual([
      {
        id: '6f1c2d3e-0000-4000-8000-000000000001.h-3f6c1e0a9b7d4c2e8f5a1b6c0d9e7f24',
        runAt: new Date('2026-03-16T10:00:00.000Z'),
        data: {
          tenantId: '6f1c2d3e-0000-4000-8000-000000000001',
          streamId: 'organization-o-a1b2c3d4e5',
          actingAccountId: '111122223333',
          causedBy: '42',
          handshakeId: 'h-3f6c1e0a9b7d4c2e8f5a1b6c0d9e7f24',
        },
      },
    ]);
  });

  it('schedules nothing for other events', () => {
    expect(handshakeExpiryJobsFor(recorded('HandshakeAccepted', { handshakeId: 'h-3f6c1e0a9b7d4c2e8f5a1b6c0d9e7f24' }))).toEqual([]);
  });
});
