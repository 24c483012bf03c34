import { HandshakesResolver } from '@orgs/organizations/api';
import { served, type OperationTable } from '../operation';

/** Invitations and their answers (EnableAllFeatures is in organization.ts). */
export const HANDSHAKE_OPERATIONS: OperationTable = {
  InviteAccountToOrganization: served(HandshakesResolver, 'inviteAccountToOrganization')((i) => [{ target: i.target, notes: i.notes, tags: i.tags }]),
  AcceptHandshake: served(HandshakesResolver, 'acceptHandshake')((i) => [{ handshakeId: i.handshakeId }]),
  DeclineHandshake: served(HandshakesResolver, 'declineHandshake')((i) => [{ handshakeId: i.handshakeId }]),
  CancelHandshake: served(HandshakesResolver, 'cancelHandshake')((i) => [{ handshakeId: i.handshakeId }]),
  DescribeHandshake: served(HandshakesResolver, 'describeHandshake')((i, t) => [i.handshakeId, t]),
  ListHandshakesForOrganization: served(HandshakesResolver, 'listHandshakesForOrganization')((i, t) => [i.filter, i.maxResults, i.nextToken, t]),
  ListHandshakesForAccount: served(HandshakesResolver, 'listHandshakesForAccount')((i, t) => [i.filter, i.maxResults, i.nextToken, t]),
};
