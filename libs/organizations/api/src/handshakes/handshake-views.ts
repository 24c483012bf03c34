import type { HandshakeRecord, HandshakeResource as DomainResource, OrganizationState } from '@orgs/organizations/domain';
import { handshakeRecord } from '@orgs/organizations/domain';
import type { Handshake, HandshakeParty, HandshakeResource } from './handshake.types';

interface HandshakeRow {
  id: string;
  arn: string;
  action: string;
  state: string;
  requestedAt: Date;
  expiresAt: Date;
  parties: unknown;
  resources: unknown;
}

export function handshakeFromRow(row: HandshakeRow): Handshake {
  return {
    id: row.id,
    arn: row.arn,
    parties: row.parties as HandshakeParty[],
    state: row.state as Handshake['state'],
    requestedTimestamp: row.requestedAt,
    expirationTimestamp: row.expiresAt,
    action: row.action as Handshake['action'],
    resources: row.resources as HandshakeResource[],
  };
}

export function handshakeFromRecord(record: HandshakeRecord): Handshake {
  return {
    id: record.id,
    arn: record.arn,
    parties: record.parties,
    state: record.state,
    requestedTimestamp: new Date(record.requestedAt),
    expirationTimestamp: new Date(record.expiresAt),
    action: record.action,
    resources: record.resources as DomainResource[],
  };
}

/** The handshake as a command left it: the response of the mutation that changed it. */
export function handshakeAfter(state: OrganizationState, handshakeId: string): Handshake {
  const handshake = state.handshakes[handshakeId];
  if (!handshake) throw new Error(`The handshake ${handshakeId} is not in the organization's state`);
  return handshakeFromRecord(handshakeRecord(state, handshake));
}
