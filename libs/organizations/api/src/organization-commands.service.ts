import { Injectable } from '@nestjs/common';
import { CommandHandler, type CommandResult } from '@orgs/shared/command-handling';
import { EventStore, type UniqueReservation } from '@orgs/shared/event-store';
import type { OrgsError } from '@orgs/shared/kernel';
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

/**
 * Carries out an organization command for the caller: finds the caller's organization on the write
 * side (its membership claim, never a lagging read model), stamps who and when, and hands it to
 * the command handler with the audit metadata.
 */
@Injectable()
export class OrganizationCommands {
  constructor(
    private readonly commands: CommandHandler,
    private readonly events: EventStore,
  ) {}

  async execute(principal: Principal, input: OrganizationCommandInput | (() => OrganizationCommandInput), options: ExecuteOptions = {}): Promise<OrganizationResult> {
    const streamId = options.streamId ?? (await this.callersStream(principal));
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

  /** The stream of the organization the caller's account belongs to. */
  async callersStream(principal: Principal): Promise<string> {
    const stream = await this.events.findReservationHolder(principal.tenantId, { namespace: MEMBERSHIP_NAMESPACE, value: principal.accountId });
    if (!stream) throw notInUse();
    return stream;
  }
}
