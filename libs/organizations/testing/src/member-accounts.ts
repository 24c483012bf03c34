/**
 * Member accounts appended straight into the event store, as the accounts capability records a
 * finished creation (MemberAccountCreated, with the id, email and membership claims that
 * CompleteAccountCreation makes): CreateAccount is asynchronous and allows five at a time, far too
 * slow for thousands. The projection then builds their read models as for real ones. Shared by
 * bench:fanout and the tests that need a big organization.
 */
import type { Pool } from 'pg';
import { EventStore } from '@orgs/shared/event-store';
import { accountArn, newAccountId, newCreateAccountRequestId } from '@orgs/shared/kernel';
import { accountClaims, iamRoleArn, iamRootPrincipal, organizationStreamId, type MemberAccountCreatedData } from '@orgs/organizations/domain';

export interface SeedTarget {
  tenantId: string;
  organizationId: string;
  managementAccountId: string;
  rootId: string;
}

function memberAccountCreated(target: SeedTarget, accountId: string, index: number, at: string) {
  const management = target.managementAccountId;
  const data: MemberAccountCreatedData = {
    organizationId: target.organizationId,
    requestId: newCreateAccountRequestId(),
    accountId,
    arn: accountArn(management, target.organizationId, accountId),
    name: `Account ${index}`,
    email: `account-${index}-${accountId}@seed.example.com`,
    parentId: target.rootId,
    path: `${target.organizationId}/${target.rootId}/${accountId}/`,
    joinedMethod: 'CREATED',
    joinedAt: at,
    iamUserAccessToBilling: 'ALLOW',
    accessRole: { roleName: 'OrganizationAccountAccessRole', arn: iamRoleArn(accountId, 'OrganizationAccountAccessRole'), trustedPrincipal: iamRootPrincipal(management) },
  };
  return { type: 'MemberAccountCreated' as const, data };
}

/** Appends `count` accounts under the root, `perAppend` to a transaction; returns their ids. */
export async function appendMemberAccounts(pool: Pool, target: SeedTarget, count: number, perAppend = 500): Promise<string[]> {
  const store = new EventStore(pool);
  const ids: string[] = [];
  const taken = new Set<string>();
  for (let first = 0; first < count; first += perAppend) {
    const at = new Date().toISOString();
    const events = [];
    for (let index = first; index < Math.min(count, first + perAppend); index++) {
      let accountId = newAccountId();
      while (taken.has(accountId) || accountId === target.managementAccountId) accountId = newAccountId();
      taken.add(accountId);
      ids.push(accountId);
      events.push(memberAccountCreated(target, accountId, index, at));
    }
    await store.append({
      tenantId: target.tenantId,
      streamId: organizationStreamId(target.organizationId),
      expectedVersion: 'any',
      events,
      metadata: { correlationId: 'seed-member-accounts', principal: 'seed', actingAccountId: target.managementAccountId },
      reservations: accountClaims(events),
    });
  }
  return ids;
}
