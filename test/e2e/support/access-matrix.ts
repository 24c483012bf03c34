import { idsOf, type TenantFixture } from './access-fixture';
import type { E2eService } from './e2e-service';

/**
 * The vocabulary of the access matrix (test/e2e/access-matrix.e2e-spec.ts) and the one function
 * that plays a row: who calls, with which variables, and what must come back.
 */

/** The variables, from A's ids (and B's own, where a case mixes them). */
export type Vars = (a: TenantFixture, b: TenantFixture) => Record<string, unknown>;
export type Check = (data: Record<string, unknown>, a: TenantFixture) => void;
export type Outcome = { ok: true; check?: Check } | { codes: string[]; reason?: string };
export interface Attempt {
  expect: Outcome;
  vars?: Vars;
  /** Which member's key (member attempts only); the created member's by default. */
  as?: 'invited';
}
export type Attempts = Outcome | Attempt[];
export type Caller = 'readOnly' | 'member' | 'otherTenant' | 'management';

export const NO_IDS = 'names no object: the key alone decides the tenant it acts in';

export interface Case {
  document: string;
  vars?: Vars;
  readOnly: Attempts;
  member: Attempts;
  otherTenant: Attempts | typeof NO_IDS;
  management?: Attempts;
}

export const ok = (check?: Check): Outcome => ({ ok: true, check });
export const refused = (...codes: string[]): Outcome => ({ codes });
export const refusedFor = (code: string, reason: string): Outcome => ({ codes: [code], reason });
export const DENIED = refused('AccessDeniedException');
export const as = (vars: Vars, expect: Outcome, who?: 'invited'): Attempt => ({ vars, expect, as: who });
/** Where the other tenant only gets its own objects back: the answer names none of A's (checked for every B call). */
export const LISTS_NONE_OF_A = ok();
export const none = () => ({});
export const json = (data: unknown) => JSON.stringify(data);

export const attemptsOf = (attempts: Attempts | typeof NO_IDS | undefined): Attempt[] =>
  attempts === undefined || attempts === NO_IDS ? [] : Array.isArray(attempts) ? attempts : [{ expect: attempts }];

export const isMutation = (document: string) => document.trimStart().startsWith('mutation');

export function items(data: Record<string, unknown>, field: string, list: string): Record<string, unknown>[] {
  return ((data[field] as Record<string, unknown>)[list] as Record<string, unknown>[]) ?? [];
}

export interface Matrix {
  orgs: E2eService;
  a: TenantFixture;
  b: TenantFixture;
}

function keyOf({ a, b }: Matrix, caller: Caller, attempt: Attempt): string {
  switch (caller) {
    case 'readOnly':
      return a.readOnly.key;
    case 'member':
      return attempt.as === 'invited' ? a.invited.key : a.created.key;
    case 'otherTenant':
      return b.management.key;
    case 'management':
      return a.management.key;
  }
}

/**
 * One call: the expected outcome, none of A's ids in what B gets back, and nothing appended by a
 * refusal or a query. Each expectation carries the call and its answer, so a failure reads alone.
 */
export async function play(matrix: Matrix, operation: string, caller: Caller, row: Case, tried: Attempt): Promise<void> {
  const { orgs, a, b } = matrix;
  const variables = (tried.vars ?? row.vars ?? none)(a, b);
  const before = await orgs.eventCount();
  const result = await orgs.call(row.document, keyOf(matrix, caller, tried), variables);
  const seen = { operation, caller, variables, data: result.data, errors: result.errors?.map((e) => ({ message: e.message, ...e.extensions })) };
  if ('codes' in tried.expect) {
    const oneOf = new RegExp(`^(${tried.expect.codes.join('|')})$`);
    expect({ ...seen, code: seen.errors?.[0]?.code ?? 'none' }).toMatchObject({ code: expect.stringMatching(oneOf) });
    if (tried.expect.reason) expect(seen.errors?.[0]).toMatchObject({ reason: tried.expect.reason });
    expect({ ...seen, answered: (result.data as Record<string, unknown> | null)?.[operation] ?? null }).toMatchObject({ answered: null });
  } else {
    expect(seen).toMatchObject({ errors: undefined });
    tried.expect.check?.(result.data as Record<string, unknown>, a);
  }
  if (caller === 'otherTenant') {
    for (const id of idsOf(a)) expect({ ...seen, leaks: json(result.data).includes(id) ? id : null }).toMatchObject({ leaks: null });
  }
  if ('codes' in tried.expect || !isMutation(row.document)) {
    expect({ ...seen, appended: (await orgs.eventCount()) - before }).toMatchObject({ appended: 0 });
  }
}

/** A tenant's tree (tags included), handshakes and keys, as its management account reads them. */
export function treeOf(orgs: E2eService, f: TenantFixture) {
  return orgs.ok(
    `query($a: String!, $c: String!) {
      organization { id featureSet root { id tags { key value } organizationalUnits { edges { node { id name path tags { key value }
        accounts { edges { node { id name email status state path tags { key value } } } } } } }
        accounts { edges { node { id name email status state path } } } } }
      listHandshakesForOrganization { handshakes { id state action parties { id type } } }
      management: listApiKeys(accountId: $a) { apiKeys { id role revokedAt } }
      member: listApiKeys(accountId: $c) { apiKeys { id role revokedAt } }
    }`,
    f.management.key,
    { a: f.management.accountId, c: f.created.accountId },
  );
}
