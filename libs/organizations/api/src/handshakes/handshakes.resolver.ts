import { Args, Int, Mutation, Query, Resolver } from '@nestjs/graphql';
import { EventStore } from '@orgs/shared/event-store';
import { newHandshakeId, OrgsError } from '@orgs/shared/kernel';
import { CurrentPrincipal, encodeConsistencyToken, readPageRequest, Writes, type Principal } from '@orgs/shared/nest';
import type { OrganizationEvent } from '@orgs/organizations/domain';
import { OrganizationCommands, type OrganizationResult } from '../organization-commands.service';
import { OrganizationReads } from '../organization-reads.service';
import { creatingHandshakes, handshakeStream, joiningByInvitation } from './handshake-commands';
import { assertValidHandshakeFilter, assertValidHandshakeId, validInvitation } from './handshake-input';
import { handshakeLifetimes } from './handshake-lifetimes';
import { callerAccount, describeVisibleHandshake, handshakesForAccount, handshakesForOrganization } from './handshake-queries';
import { handshakeAfter, handshakeFromRecord } from './handshake-views';
import {
  AcceptHandshakeInput,
  AcceptHandshakeResponse,
  CancelHandshakeInput,
  CancelHandshakeResponse,
  DeclineHandshakeInput,
  DeclineHandshakeResponse,
  DescribeHandshakeResponse,
  EnableAllFeaturesResponse,
  HandshakeFilter,
  InviteAccountToOrganizationInput,
  InviteAccountToOrganizationResponse,
  ListHandshakesForAccountResponse,
  ListHandshakesForOrganizationResponse,
  type HandshakeResponse,
} from './handshake.types';

const optional = { nullable: true, type: () => String };

/** Invitations and the all-features approvals: InviteAccountToOrganization, Accept/Decline/CancelHandshake, EnableAllFeatures and the reads. */
@Resolver()
export class HandshakesResolver {
  constructor(
    private readonly commands: OrganizationCommands,
    private readonly reads: OrganizationReads,
    private readonly events: EventStore,
  ) {}

  @Writes()
  @Mutation(() => InviteAccountToOrganizationResponse)
  async inviteAccountToOrganization(@CurrentPrincipal() principal: Principal, @Args('input') input: InviteAccountToOrganizationInput): Promise<HandshakeResponse> {
    const { target, notes, tags } = validInvitation(input);
    const [targetAccount, quotas] = await Promise.all([this.targetAccount(principal, target), this.reads.quotas(principal)]);
    const lifetimes = handshakeLifetimes();
    const result = await this.commands.execute(
      principal,
      () => ({ type: 'InviteAccountToOrganization', data: { handshakeId: newHandshakeId(), target, notes, tags, targetAccount, quotas, lifetimes } }),
      creatingHandshakes,
    );
    return { handshake: handshakeFromRecord(createdHandshake(result.events).handshake), consistencyToken: encodeConsistencyToken(result.checkpoint) };
  }

  @Writes()
  @Mutation(() => AcceptHandshakeResponse)
  async acceptHandshake(@CurrentPrincipal() principal: Principal, @Args('input') input: AcceptHandshakeInput): Promise<HandshakeResponse> {
    const { handshakeId, streamId, caller } = await this.answering(principal, input.handshakeId);
    const result = await this.commands.execute(principal, { type: 'AcceptHandshake', data: { handshakeId, caller } }, joiningByInvitation(streamId));
    return respond(result, handshakeId);
  }

  @Writes()
  @Mutation(() => DeclineHandshakeResponse)
  async declineHandshake(@CurrentPrincipal() principal: Principal, @Args('input') input: DeclineHandshakeInput): Promise<HandshakeResponse> {
    const { handshakeId, streamId, caller } = await this.answering(principal, input.handshakeId);
    const result = await this.commands.execute(principal, { type: 'DeclineHandshake', data: { handshakeId, caller } }, { streamId });
    return respond(result, handshakeId);
  }

  @Writes()
  @Mutation(() => CancelHandshakeResponse)
  async cancelHandshake(@CurrentPrincipal() principal: Principal, @Args('input') input: CancelHandshakeInput): Promise<HandshakeResponse> {
    const { handshakeId, streamId, caller } = await this.answering(principal, input.handshakeId);
    const result = await this.commands.execute(principal, { type: 'CancelHandshake', data: { handshakeId, caller } }, { streamId });
    return respond(result, handshakeId);
  }

  @Writes()
  @Mutation(() => EnableAllFeaturesResponse, { description: 'Returns the ENABLE_ALL_FEATURES handshake the management account accepts once every invited member has approved.' })
  async enableAllFeatures(@CurrentPrincipal() principal: Principal): Promise<HandshakeResponse> {
    const lifetimes = handshakeLifetimes();
    const result = await this.commands.execute(principal, () => ({ type: 'EnableAllFeatures', data: { handshakeId: newHandshakeId(), lifetimes } }), creatingHandshakes);
    const parent = result.events.find((e) => e.type === 'HandshakeCreated' && e.data.handshake.action === 'ENABLE_ALL_FEATURES');
    if (parent?.type !== 'HandshakeCreated') throw notAppended();
    return respond(result, parent.data.handshake.id);
  }

  @Query(() => DescribeHandshakeResponse)
  async describeHandshake(
    @CurrentPrincipal() principal: Principal,
    @Args('handshakeId') handshakeId: string,
    @Args('consistencyToken', optional) consistencyToken?: string | null,
  ): Promise<DescribeHandshakeResponse> {
    assertValidHandshakeId(handshakeId);
    const db = await this.reads.tenant(principal, consistencyToken);
    return { handshake: await describeVisibleHandshake(db, principal.tenantId, principal.accountId, handshakeId) };
  }

  @Query(() => ListHandshakesForOrganizationResponse)
  async listHandshakesForOrganization(
    @CurrentPrincipal() principal: Principal,
    @Args('filter', { nullable: true, type: () => HandshakeFilter }) filter?: HandshakeFilter | null,
    @Args('maxResults', { nullable: true, type: () => Int }) maxResults?: number | null,
    @Args('nextToken', optional) nextToken?: string | null,
    @Args('consistencyToken', optional) consistencyToken?: string | null,
  ): Promise<ListHandshakesForOrganizationResponse> {
    assertValidHandshakeFilter(filter);
    readPageRequest({ maxResults, nextToken }, principal.tenantId);
    const { db, organization } = await this.reads.organizationReader(principal, consistencyToken, 'ListHandshakesForOrganization');
    const page = await handshakesForOrganization(db, principal.tenantId, organization.id, filter, { maxResults, nextToken });
    return { handshakes: page.items, nextToken: page.nextToken };
  }

  /** Any account, members and standalone invitees alike: the handshakes it was sent, by id or by email. */
  @Query(() => ListHandshakesForAccountResponse)
  async listHandshakesForAccount(
    @CurrentPrincipal() principal: Principal,
    @Args('filter', { nullable: true, type: () => HandshakeFilter }) filter?: HandshakeFilter | null,
    @Args('maxResults', { nullable: true, type: () => Int }) maxResults?: number | null,
    @Args('nextToken', optional) nextToken?: string | null,
    @Args('consistencyToken', optional) consistencyToken?: string | null,
  ): Promise<ListHandshakesForAccountResponse> {
    assertValidHandshakeFilter(filter);
    readPageRequest({ maxResults, nextToken }, principal.tenantId);
    const db = await this.reads.tenant(principal, consistencyToken);
    const page = await handshakesForAccount(db, principal.tenantId, principal.accountId, filter, { maxResults, nextToken });
    return { handshakes: page.items, nextToken: page.nextToken };
  }

  /** The tenant's account the target names (by id or by email), for the invitation's rules. */
  private async targetAccount(principal: Principal, target: { id: string; type: string }) {
    const db = await this.reads.tenant(principal);
    const where = target.type === 'ACCOUNT' ? { id: target.id } : { email: { equals: target.id, mode: 'insensitive' as const } };
    return db.account.findFirst({ where: { tenantId: principal.tenantId, ...where }, select: { id: true, email: true } });
  }

  /** A handshake id to answer: valid, found on the write side, with the caller's name and email. */
  private async answering(principal: Principal, handshakeId: string) {
    assertValidHandshakeId(handshakeId);
    const streamId = await handshakeStream(this.events, principal.tenantId, handshakeId);
    const db = await this.reads.tenant(principal);
    return { handshakeId, streamId, caller: await callerAccount(db, principal.tenantId, principal.accountId) };
  }
}

function respond(result: OrganizationResult, handshakeId: string): HandshakeResponse {
  return { handshake: handshakeAfter(result.state, handshakeId), consistencyToken: encodeConsistencyToken(result.checkpoint) };
}

function createdHandshake(events: OrganizationEvent[]) {
  const created = events.find((e) => e.type === 'HandshakeCreated');
  if (created?.type !== 'HandshakeCreated') throw notAppended();
  return created.data;
}

const notAppended = () => new OrgsError('ConcurrentModificationException', 'The handshake was not recorded. Try again.', undefined, true);
