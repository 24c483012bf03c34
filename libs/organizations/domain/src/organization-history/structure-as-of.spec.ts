import { stateAsOf, type LoggedEvent } from '@orgs/shared/kernel';
import { organizationDecider, type OrganizationCommand, type OrganizationEvent } from '../organization';
import { attached, command, member, mgmt, ou, policyCreated, rootId, withMemberInOu } from '../policies/policy-specs.fixtures';
import type { OrganizationState } from '../state';
import {
  accountsOf,
  accountsUnder,
  organizationalUnitsUnder,
  parentThen,
  policiesAttachedTo,
  requireOrganizationThen,
  tagsThen,
  targetsOfPolicy,
} from './structure-as-of';

const scp = 'p-noec2aaaa';
const other = 'ou-k3x9-bbbbbbbb';
const start = Date.parse('2026-11-23T00:00:00.000Z');

/** A history: each step's events at the next position, a minute after the step before. */
function logOf(steps: (OrganizationEvent[] | OrganizationCommand)[]): LoggedEvent[] {
  const log: LoggedEvent[] = [];
  let state = organizationDecider.initialState();
  steps.forEach((step, minute) => {
    const events = Array.isArray(step) ? step : organizationDecider.decide(step, state);
    for (const event of events) {
      state = organizationDecider.evolve(state, event);
      log.push({ ...event, streamVersion: log.length + 1, position: BigInt(100 + 2 * log.length), recordedAt: new Date(start + minute * 60_000) });
    }
  });
  return log;
}

const createOu = (organizationalUnitId: string, name: string, parentId = rootId) =>
  command('CreateOrganizationalUnit', { organizationalUnitId, parentId, name, tags: [{ key: 'team', value: name }], quotas: { maxAccounts: 10, maxOrganizationalUnits: 1000 } });

const history = logOf([
  withMemberInOu(), // minute 0: the organization, OU `ou` and the member in it
  createOu(other, 'Other'), // minute 1
  [policyCreated(scp, 'NoEc2'), attached(scp, ou, 'ORGANIZATIONAL_UNIT')], // minute 2
  command('MoveAccount', { accountId: member, sourceParentId: ou, destinationParentId: other }), // minute 3
  command('DetachPolicy', { policyId: scp, targetId: ou }), // minute 4
  command('DeleteOrganizationalUnit', { organizationalUnitId: ou }), // minute 5
]);

const at = (minute: number) => stateAsOf(organizationDecider, history, { time: new Date(start + minute * 60_000) });
const ids = (items: { id: string }[]) => items.map((i) => i.id);

describe('the organization as of a past point', () => {
  it('had no organization before its first event', () => {
    const before = stateAsOf(organizationDecider, history, { position: 99n });
    expect(before.version).toBe(0);
    expect(() => requireOrganizationThen(before.state)).toThrow(expect.objectContaining({ code: 'AWSOrganizationsNotInUseException' }));
  });

  it('shows the first OU holding the member, before the second OU existed', () => {
    const { state } = at(0);
    expect(ids(organizationalUnitsUnder(state, rootId))).toEqual([ou]);
    expect(ids(accountsUnder(state, ou))).toEqual([member]);
    expect(ids(accountsOf(state))).toEqual([mgmt, member].sort());
  });

  it('shows the policy attached to the OU before the move', () => {
    const { state } = at(2);
    expect(ids(organizationalUnitsUnder(state, rootId))).toEqual([ou, other]);
    expect(policiesAttachedTo(state, ou)).toEqual(['p-FullAWSAccess', scp]);
    expect(targetsOfPolicy(state, scp)).toEqual([{ targetId: ou, type: 'ORGANIZATIONAL_UNIT' }]);
    expect(parentThen(state, member)).toEqual({ id: ou, type: 'ORGANIZATIONAL_UNIT' });
    expect(tagsThen(state, other)).toEqual([{ key: 'team', value: 'Other' }]);
  });

  it('shows the member moved, the policy detached, then the first OU gone', () => {
    expect(parentThen(at(3).state, member)).toEqual({ id: other, type: 'ORGANIZATIONAL_UNIT' });
    expect(targetsOfPolicy(at(4).state, scp)).toEqual([]);
    const now = at(5).state;
    expect(ids(organizationalUnitsUnder(now, rootId))).toEqual([other]);
    expect(() => organizationalUnitsUnder(now, ou)).toThrow(expect.objectContaining({ code: 'ParentNotFoundException' }));
    expect(() => policiesAttachedTo(now, ou)).toThrow(expect.objectContaining({ code: 'TargetNotFoundException' }));
  });

  it('reads as of a position exactly as of the time of the same event', () => {
    const moved = history.find((e) => e.type === 'AccountMoved') as LoggedEvent;
    const byPosition = stateAsOf(organizationDecider, history, { position: moved.position });
    expect(byPosition.version).toBe(moved.streamVersion);
    expect(byPosition.state).toEqual(at(3).state);
    // One position earlier: the move is not there yet.
    expect(parentThen(stateAsOf(organizationDecider, history, { position: moved.position - 1n }).state, member).id).toBe(ou);
  });

  it('continues from a snapshot of an earlier version as if replayed from the start', () => {
    const snapshot = stateAsOf(organizationDecider, history.slice(0, 6), {});
    const resumed = stateAsOf(organizationDecider, history, {}, snapshot);
    expect(resumed).toEqual(stateAsOf(organizationDecider, history, {}));
  });

  it('applies only a prefix of the stream when both a position and a time are given', () => {
    const moved = history.find((e) => e.type === 'AccountMoved') as LoggedEvent;
    const both = stateAsOf(organizationDecider, history, { position: moved.position, time: new Date(start + 60_000) });
    expect(both.state).toEqual<OrganizationState>(at(1).state);
  });
});
