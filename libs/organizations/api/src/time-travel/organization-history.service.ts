import { Inject, Injectable } from '@nestjs/common';
import type { Pool } from 'pg';
import { HistoricalStates } from '@orgs/shared/command-handling';
import { EventStore, SnapshotStore } from '@orgs/shared/event-store';
import { accessDenied } from '@orgs/shared/kernel';
import { LOGGER, PG_POOL, type Principal } from '@orgs/shared/nest';
import { notInUse, organizationDecider, organizationStreamId, requireOrganizationThen } from '@orgs/organizations/domain';
import { OrganizationReads } from '../organization-reads.service';
import { pointOf, type AsOfInput } from './as-of.input';
import type { PastState } from './past-views';

/** Who may read the organization as of a past point: the same rules as the present-time read. */
export type PastAccess =
  /** OrganizationReads.organizationReader for `operation` (management account, delegated administrators, or a member reading itself). */
  | { operation: string; selfMayRead?: boolean }
  /** Any member (DescribeOrganization). */
  | 'member'
  /** The management account only (the portal graph, the policy reads). */
  | 'management';

/** Past states kept in memory per API process (each an organization's whole structure). */
const PAST_STATES_CACHED = 64;

/**
 * The caller's organization as of a past point, answered from the log (time travel). Access is
 * decided as for the present-time read, by the caller's present membership, and the stream read
 * is the caller's own organization's in the caller's own tenant: nothing of another tenant can be
 * named. A member (not the management account) must also have been in the organization then.
 */
@Injectable()
export class OrganizationHistory {
  private readonly states: HistoricalStates;

  constructor(
    private readonly reads: OrganizationReads,
    events: EventStore,
    @Inject(PG_POOL) pool: Pool,
    @Inject(LOGGER) logger: { warn: (o: object, m: string) => void },
  ) {
    this.states = new HistoricalStates(events, new SnapshotStore(pool), {
      capacity: PAST_STATES_CACHED,
      onError: (err) => logger.warn({ err }, 'historical snapshot failed'),
    });
  }

  async stateAsOf(principal: Principal, asOf: AsOfInput, access: PastAccess): Promise<PastState> {
    const point = pointOf(asOf); // bad input is refused before anything is read
    const caller = await this.caller(principal, access);
    const { state } = await this.states.load(principal.tenantId, organizationStreamId(caller.organization.id), organizationDecider, point);
    requireOrganizationThen(state);
    if (!caller.isManagementAccount && access !== 'management' && !Object.hasOwn(state.accounts, principal.accountId)) throw notInUse();
    return state;
  }

  private async caller(principal: Principal, access: PastAccess) {
    if (typeof access === 'object') return this.reads.organizationReader(principal, null, access.operation, access.selfMayRead);
    const caller = await this.reads.callersOrganization(principal);
    if (access === 'management' && !caller.isManagementAccount) throw accessDenied('Only the management account can read the organization as of a past point.');
    return caller;
  }
}
