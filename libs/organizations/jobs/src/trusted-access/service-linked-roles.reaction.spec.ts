import type { RecordedEvent } from '@orgs/shared/event-store';
import { propagationChunkSize, serviceLinkedRoleJobsFor } from './service-linked-roles.reaction';

const recorded = (type: string, transactionId = 7n, position = 42n): RecordedEvent => ({
  position,
  transactionId,
  tenantId: 'tenant-a',
  streamId: 'organization-o-a1b2c3d4e5',
  streamVersion: 3,
  type,
  schemaVersion: 1,
  data: {},
  metadata: { actingAccountId: '111122223333' },
  recordedAt: new Date('2026-11-23T00:00:00.000Z'),
});

describe('the service-linked role propagation\'s jobs', () => {
  it('gives all the events of one transaction one job (500 accounts appended together are one propagation)', () => {
    const [first] = serviceLinkedRoleJobsFor(recorded('MemberAccountCreated', 7n, 42n));
    const [second] = serviceLinkedRoleJobsFor(recorded('MemberAccountCreated', 7n, 43n));
    expect(first.id).toBe('tenant-a.organization-o-a1b2c3d4e5.7');
    expect(second.id).toBe(first.id);
    expect(serviceLinkedRoleJobsFor(recorded('MemberAccountCreated', 8n))[0].id).not.toBe(first.id);
  });

  it.each([
    ['AWSServiceAccessEnabled', false],
    ['AWSServiceAccessDisabled', false],
    ['MemberAccountCreated', true],
    ['InvitedAccountJoined', true],
  ])('starts a job for %s (joining: %s)', (type, joining) => {
    expect(serviceLinkedRoleJobsFor(recorded(type))).toEqual([
      {
        id: 'tenant-a.organization-o-a1b2c3d4e5.7',
        data: { tenantId: 'tenant-a', streamId: 'organization-o-a1b2c3d4e5', actingAccountId: '111122223333', causedBy: '42', joining },
      },
    ]);
  });

  it('starts none for the propagation\'s own events or anything else', () => {
    for (const type of ['ServiceLinkedRolesCreated', 'ServiceLinkedRolesDeleted', 'AccountMoved']) expect(serviceLinkedRoleJobsFor(recorded(type))).toEqual([]);
  });

  it('takes its chunk size from SERVICE_LINKED_ROLE_CHUNK_SIZE, 1,000 by default', () => {
    const saved = process.env.SERVICE_LINKED_ROLE_CHUNK_SIZE;
    try {
      delete process.env.SERVICE_LINKED_ROLE_CHUNK_SIZE;
      expect(propagationChunkSize()).toBe(1_000);
      process.env.SERVICE_LINKED_ROLE_CHUNK_SIZE = '25';
      expect(propagationChunkSize()).toBe(25);
      process.env.SERVICE_LINKED_ROLE_CHUNK_SIZE = 'lots';
      expect(propagationChunkSize()).toBe(1_000);
    } finally {
      if (saved === undefined) delete process.env.SERVICE_LINKED_ROLE_CHUNK_SIZE;
      else process.env.SERVICE_LINKED_ROLE_CHUNK_SIZE = saved;
    }
  });
});
