import { Injectable } from '@nestjs/common';
import { LRUCache } from 'lru-cache';
import { CommandHandler, type CommandResult } from '@orgs/shared/command-handling';
import { EventStore, type UniqueReservation } from '@orgs/shared/event-store';
import { OrgsError } from '@orgs/shared/kernel';
import { auditMetadataOf, type Principal } from '@orgs/shared/nest';
import {
  MEMBERSHIP_NAMESPACE,
  notInUse,
  organizationDecider,
  type OrganizationCommand,
  type OrganizationEvent,
  type OrganizationState,
} from '@orgs/organizations/domain';

type WithoutActor<C> = C extends unknown ? Omit<C, 'actingAccountId' | 'at'> : never;
/** A command as a resolver builds it: the acting account and the time are added here. */
export type OrganizationCommandInput = WithoutActor<OrganizationCommand>;

export interface ExecuteOptions {
  /** The organization's stream, when the caller is not (yet) in it: invitees, new organizations. */
  streamId?: string;
  reservations?: (events: OrganizationEvent[]) => UniqueReservation[];
  releases?: (events: OrganizationEvent[]) => UniqueReservation[];
  reservationConflict?: (namespace: string | undefined) => OrgsError | undefined;
}

export type OrganizationResult = CommandResult<OrganizationState, OrganizationEvent>;

const isNotInUse = (error: unknown) => error instanceof OrgsError && error.code === 'AWSOrganizationsNotInUseException';

/**
 * Carries out an organization command for the caller: finds the caller's organization on the write
 * side (its membership claim, never a lagging read model), stamps who and when, and hands it to
 * the command handler with the audit metadata.
 */
@Injectable()
export class OrganizationCommands {
  /**
   * Which organization's stream each account belongs to, from its membership claim. A stale entry
   * (the account left) is found out by the command itself, which every organization refuses with
   * AWSOrganizationsNotInUseException to a non-member: the claim is then looked up again.
   */
  private readonly memberships = new LRUCache<string, string>({ max: 100_000 });

  constructor(
    private readonly commands: CommandHandler,
    private readonly events: EventStore,
  ) {}

  async execute(principal: Principal, input: OrganizationCommandInput | (() => OrganizationCommandInput), options: ExecuteOptions = {}): Promise<OrganizationResult> {
    if (options.streamId) return this.executeIn(options.streamId, principal, input, options);
    const cached = this.memberships.get(membershipKey(principal));
    if (!cached) return this.executeIn(await this.callersStream(principal), principal, input, options);
    try {
      return await this.executeIn(cached, principal, input, options);
    } catch (error) {
      if (!isNotInUse(error)) throw error;
      this.memberships.delete(membershipKey(principal));
      const current = await this.callersStream(principal);
      if (current === cached) throw error;
      return this.executeIn(current, principal, input, options);
    }
  }

  /** The stream of the organization the caller's account belongs to. */
  async callersStream(principal: Principal): Promise<string> {
    const stream = await this.events.findReservationHolder(principal.tenantId, { namespace: MEMBERSHIP_NAMESPACE, value: principal.accountId });
    if (!stream) throw notInUse();
    this.memberships.set(membershipKey(principal), stream);
    return stream;
  }

  private executeIn(streamId: string, principal: Principal, input: OrganizationCommandInput | (() => OrganizationCommandInput), options: ExecuteOptions): Promise<OrganizationResult> {
    const at = new Date().toISOString();
    const build = typeof input === 'function' ? input : () => input;
    return this.commands.handle({
      tenantId: principal.tenantId,
      streamId,
      decider: organizationDecider,
      command: () => ({ ...build(), actingAccountId: principal.accountId, at }) as OrganizationCommand,
      metadata: auditMetadataOf(principal),
      reservations: options.reservations,
      releases: options.releases,
      reservationConflict: options.reservationConflict,
    });
  }
}

const membershipKey = (principal: Principal) => `${principal.tenantId}/${principal.accountId}`;
