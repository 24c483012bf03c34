import type { RecordedEvent } from '@orgs/shared/event-store';
import { accountClosureDelayMs, accountClosureJobsFor } from './account-closure.reaction';
import { accountCreationJobsFor } from './account-creation.reaction';

const recorded = (type: string, data: object): RecordedEvent => ({
  position: 42n,
  transactionId: 7n,
  tenantId: 'tenant-a',
  streamId: 'organization-o-a1b2c3d4e5',
  streamVersion: 3,
  type,
  schemaVersion: 1,
  data,
  metadata: { actingAccountId: '111122223333' },
  recordedAt: new Date('2026-11-23T00:00:00.000Z'),
});

describe('the account reactions\' jobs', () => {
  it('gives a CreateAccount request one job, with an id derived from the request (the same on a replay)', () => {
    const event = recorded('CreateAccountRequested', { requestId: 'car-abc12345' });
    expect(accountCreationJobsFor(event)).toEqual([
      {
        id: 'tenant-a.car-abc12345',
        data: { tenantId: 'tenant-a', streamId: 'organization-o-a1b2c3d4e5', actingAccountId: '111122223333', causedBy: '42', requestId: 'car-abc12345' },
      },
    ]);
    expect(accountCreationJobsFor(event)).toEqual(accountCreationJobsFor(event));
  });

  it('gives a closure one job due the closure delay after the request', () => {
    const [job] = accountClosureJobsFor(recorded('CloseAccountRequested', { accountId: '444455556666', requestedAt: '2026-11-23T00:00:00.000Z' }), 60_000);
    expect(job).toMatchObject({ id: 'tenant-a.444455556666.42', data: { accountId: '444455556666' }, runAt: new Date('2026-11-23T00:01:00.000Z') });
  });

  it('starts no job for other events', () => {
    expect(accountCreationJobsFor(recorded('AccountMoved', {}))).toEqual([]);
    expect(accountClosureJobsFor(recorded('AccountClosed', {}))).toEqual([]);
  });

  it('takes the closure delay from ACCOUNT_CLOSURE_DELAY_MS, 60 s by default', () => {
    const saved = process.env.ACCOUNT_CLOSURE_DELAY_MS;
    try {
      delete process.env.ACCOUNT_CLOSURE_DELAY_MS;
      expect(accountClosureDelayMs()).toBe(60_000);
      process.env.ACCOUNT_CLOSURE_DELAY_MS = '1500';
      expect(accountClosureDelayMs()).toBe(1_500);
      process.env.ACCOUNT_CLOSURE_DELAY_MS = 'soon';
      expect(accountClosureDelayMs()).toBe(60_000);
    } finally {
      if (saved === undefined) delete process.env.ACCOUNT_CLOSURE_DELAY_MS;
      else process.env.ACCOUNT_CLOSURE_DELAY_MS = saved;
    }
  });
});
