import { DEFAULT_QUOTAS, type OrganizationQuotas } from '../quotas';
import type { OrganizationCommand, OrganizationEvent } from '../organization';
import { organizationDecider } from '../organization';
import type { OrganizationState } from '../state';
import { resourceTagged, type Tag } from '../tags/tags';

/** The sample organization of the reference's ids-and-arns.md, for the domain's given/when/then tests. */
export const at = '2026-11-23T00:00:00.000Z';
export const mgmt = '111122223333';
export const member = '444455556666';
export const organizationId = 'o-a1b2c3d4e5';
export const rootId = 'r-k3x9';
export const ouArn = (id: string) => `arn:aws:organizations::${mgmt}:ou/${organizationId}/${id}`;

export const organizationCreated: OrganizationEvent = {
  type: 'OrganizationCreated',
  data: {
    organizationId,
    arn: `arn:aws:organizations::${mgmt}:organization/${organizationId}`,
    featureSet: 'ALL',
    managementAccountId: mgmt,
    managementAccountArn: `arn:aws:organizations::${mgmt}:account/${organizationId}/${mgmt}`,
    managementAccountName: 'Management',
    managementAccountEmail: 'admin@example.com',
    root: { id: rootId, arn: `arn:aws:organizations::${mgmt}:root/${organizationId}/${rootId}`, name: 'Root', policyTypes: [] },
    createdAt: at,
  },
};

/** An OU as CreateOrganizationalUnit records it; `ancestors` are the OUs above it, top first. */
export function ouCreated(id: string, name: string, ancestors: string[] = []): OrganizationEvent {
  const parentId = ancestors.length > 0 ? ancestors[ancestors.length - 1] : rootId;
  return {
    type: 'OrganizationalUnitCreated',
    data: {
      organizationId,
      organizationalUnitId: id,
      arn: ouArn(id),
      name,
      parentId,
      path: [organizationId, rootId, ...ancestors, id].join('/') + '/',
      depth: ancestors.length + 1,
      createdAt: at,
    },
  };
}

export const tagged = (resourceId: string, tags: Tag[]): OrganizationEvent => resourceTagged(resourceId, tags);

export function createOu(
  data: { organizationalUnitId: string; parentId: string; name: string; tags?: Tag[]; quotas?: OrganizationQuotas },
  actingAccountId = mgmt,
): OrganizationCommand {
  return { type: 'CreateOrganizationalUnit', data: { quotas: DEFAULT_QUOTAS, ...data }, actingAccountId, at };
}

/**
 * No account capability exists yet to add members through events, so tests that need a member
 * account (or an account inside an OU) place one in the state directly.
 */
export function withAccount(state: OrganizationState, id: string, parentId: string): OrganizationState {
  const account = { id, name: id, email: `${id}@example.com`, parentId, state: 'ACTIVE' as const, joinedMethod: 'CREATED' as const, joinedAt: at };
  return { ...state, accounts: { ...state.accounts, [id]: account } };
}

export const stateAfter = (events: OrganizationEvent[]) => events.reduce(organizationDecider.evolve, organizationDecider.initialState());

/** Decides against a state that events cannot build yet (see withAccount). */
export const decideOn = (state: OrganizationState, command: OrganizationCommand) => organizationDecider.decide(command, state);

/** What a decision throws, for `expect(...).toMatchObject({ code, reason })`. */
export function refusalOf(decide: () => unknown): unknown {
  try {
    decide();
  } catch (error) {
    return error;
  }
  return undefined;
}
