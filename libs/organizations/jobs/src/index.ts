import type { Reaction } from '@orgs/shared/queue';
import { accountClosureReaction } from './account-closure.reaction';
import { accountCreationReaction } from './account-creation.reaction';
import { handshakeExpiryReaction } from './handshakes/handshake-expiry.reaction';
import { serviceLinkedRolesReaction } from './trusted-access/service-linked-roles.reaction';

export * from './account-creation.reaction';
export * from './account-closure.reaction';
export * from './handshakes/handshake-expiry.reaction';
export * from './organization-job';
export * from './tenant-quotas';
export * from './trusted-access/service-linked-roles.reaction';
export * from './trusted-access/propagation-metrics';

/** The organization's long work: the worker registers these as its `reactions`. */
export const organizationReactions: Reaction[] = [accountCreationReaction, accountClosureReaction, handshakeExpiryReaction, serviceLinkedRolesReaction];
