/**
 * The organization of 10,000 accounts. Its OU tree (5 levels of 3 children: 363 OUs) is made
 * through the API; its accounts are appended straight into the event store as the accounts
 * capability records a finished creation (MemberAccountCreated, with the id, email and membership
 * claims CompleteAccountCreation makes), because CreateAccount is asynchronous and allows five at
 * a time. Each account is placed directly under its parent (as if created and then moved there);
 * the projection then builds the read models as it would for real ones.
 */
import type { Pool } from 'pg';
import { EventStore } from '@orgs/shared/event-store';
import { accountArn, newAccountId, newCreateAccountRequestId } from '@orgs/shared/kernel';
import {
  accountClaims,
  iamRoleArn,
  iamRootPrincipal,
  organizationStreamId,
  type MemberAccountCreatedData,
} from '@orgs/organizations/domain';
import {
  BIG_ACCOUNTS,
  BIG_MAX_ACCOUNTS,
  ROOT_ACCOUNTS,
  SEED_ACCOUNTS_PER_APPEND,
  TREE_BRANCHING,
  TREE_DEPTH,
} from './config';
import type { GraphqlClient } from './http-client';
import { createOrganizationalUnit, type BenchOrganization } from './organizations';

export interface TreeParent {
  id: string;
  path: string;
  depth: number;
}

export interface BigOrganization extends BenchOrganization {
  organizationalUnits: TreeParent[];
  /** Member accounts appended (the management account, under the root too, comes on top). */
  accounts: number;
  seedAppendMs: number;
}

/** AWS quotas are per tenant here: 10,000 accounts need more than the default 10. */
export async function raiseAccountQuota(pool: Pool, tenantId: string): Promise<void> {
  await pool.query(
    `INSERT INTO tenant_quotas (tenant_id, max_accounts) VALUES ($1, $2)
     ON CONFLICT (tenant_id) DO UPDATE SET max_accounts = excluded.max_accounts`,
    [tenantId, BIG_MAX_ACCOUNTS],
  );
}

/** Level by level, one OU at a time (they share one stream: concurrent creations would only retry). */
export async function buildTree(client: GraphqlClient, organization: BenchOrganization): Promise<TreeParent[]> {
  const all: TreeParent[] = [];
  let level: TreeParent[] = [
    { id: organization.rootId, path: `${organization.organizationId}/${organization.rootId}/`, depth: 0 },
  ];
  for (let depth = 1; depth <= TREE_DEPTH; depth++) {
    const next: TreeParent[] = [];
    for (const [p, parent] of level.entries()) {
      for (let i = 0; i < TREE_BRANCHING; i++) {
        const { organizationalUnit } = await createOrganizationalUnit(
          client,
          organization.apiKey,
          parent.id,
          `L${depth}-${p}-${i}`,
        );
        next.push({ id: organizationalUnit.id, path: organizationalUnit.path, depth });
      }
    }
    all.push(...next);
    level = next;
  }
  return all;
}

/** ROOT_ACCOUNTS under the root, the rest spread evenly over the OUs (each well under 1,000). */
function parentOfAccount(index: number, root: TreeParent, organizationalUnits: TreeParent[]): TreeParent {
  return index < ROOT_ACCOUNTS ? root : organizationalUnits[(index - ROOT_ACCOUNTS) % organizationalUnits.length];
}

function memberAccountCreated(
  organization: BenchOrganization,
  parent: TreeParent,
  index: number,
  accountId: string,
  at: string,
) {
  const management = organization.managementAccountId;
  const data: MemberAccountCreatedData = {
    organizationId: organization.organizationId,
    requestId: newCreateAccountRequestId(),
    accountId,
    arn: accountArn(management, organization.organizationId, accountId),
    name: `Account ${index}`,
    email: `account-${index}@big.bench.example.com`,
    parentId: parent.id,
    path: `${parent.path}${accountId}/`,
    joinedMethod: 'CREATED',
    joinedAt: at,
    iamUserAccessToBilling: 'ALLOW',
    accessRole: {
      roleName: 'OrganizationAccountAccessRole',
      arn: iamRoleArn(accountId, 'OrganizationAccountAccessRole'),
      trustedPrincipal: iamRootPrincipal(management),
    },
  };
  return { type: 'MemberAccountCreated' as const, data };
}

/** Appends BIG_ACCOUNTS accounts in batches; returns the milliseconds the appends took. */
export async function seedAccounts(
  pool: Pool,
  organization: BenchOrganization,
  organizationalUnits: TreeParent[],
): Promise<number> {
  const store = new EventStore(pool);
  const root: TreeParent = {
    id: organization.rootId,
    path: `${organization.organizationId}/${organization.rootId}/`,
    depth: 0,
  };
  const ids = new Set<string>();
  const began = performance.now();
  for (let first = 0; first < BIG_ACCOUNTS; first += SEED_ACCOUNTS_PER_APPEND) {
    const at = new Date().toISOString();
    const events = [];
    for (let index = first; index < Math.min(BIG_ACCOUNTS, first + SEED_ACCOUNTS_PER_APPEND); index++) {
      let accountId = newAccountId();
      while (ids.has(accountId)) accountId = newAccountId();
      ids.add(accountId);
      events.push(
        memberAccountCreated(organization, parentOfAccount(index, root, organizationalUnits), index, accountId, at),
      );
    }
    await store.append({
      tenantId: organization.tenantId,
      streamId: organizationStreamId(organization.organizationId),
      expectedVersion: 'any',
      events,
      metadata: { correlationId: 'bench-api-seed', principal: 'bench-api' },
      reservations: accountClaims(events),
    });
  }
  return performance.now() - began;
}
