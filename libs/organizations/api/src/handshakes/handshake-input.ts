import { assertValidInput, invalidInput } from '@orgs/shared/kernel';
import { assertValidInvitationTarget, assertValidTags } from '@orgs/organizations/domain';
import { tagsOf } from '../tags/tag.types';
import type { HandshakeFilter, InviteAccountToOrganizationInput } from './handshake.types';

/** Everything an invitation carries, checked against the AWS model before anything is read or appended. */
export function validInvitation(input: InviteAccountToOrganizationInput) {
  assertValidInput('HandshakePartyId', 'target.id', input.target?.id);
  assertValidInvitationTarget(input.target);
  if (input.notes !== undefined && input.notes !== null) assertValidInput('HandshakeNotes', 'notes', input.notes);
  const tags = tagsOf(input.tags);
  assertValidTags(tags);
  return { target: { id: input.target.id, type: input.target.type }, notes: input.notes ?? undefined, tags };
}

export function assertValidHandshakeId(handshakeId: string): void {
  assertValidInput('HandshakeId', 'handshakeId', handshakeId);
}

/** ActionType or ParentHandshakeId, not both (quotas.md section 4). */
export function assertValidHandshakeFilter(filter: HandshakeFilter | null | undefined): void {
  if (!filter) return;
  if (filter.actionType && filter.parentHandshakeId) {
    throw invalidInput('MAX_LIMIT_EXCEEDED_FILTER', 'filter takes actionType or parentHandshakeId, not both.');
  }
  if (filter.parentHandshakeId !== undefined && filter.parentHandshakeId !== null) {
    assertValidInput('HandshakeId', 'filter.parentHandshakeId', filter.parentHandshakeId);
  }
}
