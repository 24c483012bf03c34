/**
 * Reads in the 10,000-account organization: paging through the root's 2,000 accounts with the AWS
 * operation (listAccountsForParent, 20 per page: AWS's maximum) and with the graph connection
 * (accounts(first: 100)), by 1 client and by 8; and the whole tree in one GraphQL query.
 */
import {
  GRAPH_SEQUENTIAL_PASSES,
  LIST_CONCURRENT_CLIENTS,
  LIST_CONCURRENT_S,
  LIST_PAGE_AWS,
  LIST_PAGE_GRAPH,
  LIST_SEQUENTIAL_PASSES,
} from './config';
import { errorCodeOf, type GraphqlClient, type GraphqlReply } from './http-client';
import { closedLoop, untilDone, type LoadRun, type Outcome } from './load';
import type { BenchOrganization } from './organizations';

const LIST_AWS = `query($p: String!, $n: String) { listAccountsForParent(parentId: $p, maxResults: ${LIST_PAGE_AWS}, nextToken: $n) {
  accounts { id arn email name status state joinedMethod joinedTimestamp } nextToken } }`;
const LIST_GRAPH = `query($a: String) { organization { root { accounts(first: ${LIST_PAGE_GRAPH}, after: $a) {
  edges { node { id arn email name status state joinedMethod joinedTimestamp } } pageInfo { hasNextPage endCursor } } } } }`;

type ListAws = { listAccountsForParent: { accounts: unknown[]; nextToken: string | null } };
type ListGraph = {
  organization: {
    root: { accounts: { edges: unknown[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } } };
  };
};

/** One page: where the next one starts (null: that was the last), and the outcome. */
interface PageStep {
  outcome: Outcome;
  next: string | null;
  rows: number;
}

/** Pages are told apart by depth: offset paging makes the later pages dearer. */
const pageKind = (page: number) => (page < 10 ? 'first 10 pages' : 'later pages');

function failed(reply: GraphqlReply<unknown>, kind: string): PageStep | undefined {
  if (reply.status !== 200)
    return { outcome: { ms: reply.ms, kind, error: `HTTP ${reply.status}` }, next: null, rows: 0 };
  if (reply.errors || !reply.data)
    return { outcome: { ms: reply.ms, kind, error: errorCodeOf(reply.errors) ?? 'no data' }, next: null, rows: 0 };
  return undefined;
}

async function awsPage(
  client: GraphqlClient,
  organization: BenchOrganization,
  token: string | null,
  page: number,
): Promise<PageStep> {
  const reply = await client.call<ListAws>(LIST_AWS, { p: organization.rootId, n: token }, organization.apiKey);
  const kind = pageKind(page);
  const list = reply.data?.listAccountsForParent;
  return failed(reply, kind) ?? { outcome: { ms: reply.ms, kind }, next: list!.nextToken, rows: list!.accounts.length };
}

async function graphPage(
  client: GraphqlClient,
  organization: BenchOrganization,
  cursor: string | null,
  page: number,
): Promise<PageStep> {
  const reply = await client.call<ListGraph>(LIST_GRAPH, { a: cursor }, organization.apiKey);
  const kind = pageKind(page);
  const connection = reply.data?.organization.root.accounts;
  const next = connection?.pageInfo.hasNextPage ? connection.pageInfo.endCursor : null;
  return failed(reply, kind) ?? { outcome: { ms: reply.ms, kind }, next, rows: connection!.edges.length };
}

type Pager = (
  client: GraphqlClient,
  organization: BenchOrganization,
  token: string | null,
  page: number,
) => Promise<PageStep>;

/**
 * Each client pages from the first page to the last, then starts again; a run ends after `passes`
 * full passes per client, or (passes undefined) after `seconds`. Fails if a pass misses accounts.
 */
function pagingLoad(
  client: GraphqlClient,
  organization: BenchOrganization,
  pager: Pager,
  expected: number,
  clients: number,
  passes?: number,
): Promise<LoadRun> {
  const state = Array.from({ length: clients }, () => ({ token: null as string | null, page: 0, rows: 0, passes: 0 }));
  const op = async (c: number): Promise<Outcome> => {
    const s = state[c];
    const step = await pager(client, organization, s.token, s.page);
    s.rows += step.rows;
    if (step.next && !step.outcome.error) {
      s.token = step.next;
      s.page++;
    } else {
      if (!step.outcome.error && s.rows !== expected)
        throw new Error(`a pass read ${s.rows} accounts, expected ${expected}`);
      Object.assign(s, { token: null, page: 0, rows: 0, passes: s.passes + 1 });
    }
    return step.outcome;
  };
  if (passes === undefined) return closedLoop(clients, 1, LIST_CONCURRENT_S, op);
  return untilDone(clients, () => state.every((s) => s.passes >= passes), op);
}

export interface ListFigures {
  awsSequential: LoadRun;
  awsConcurrent: LoadRun;
  graphSequential: LoadRun;
  graphConcurrent: LoadRun;
}

export type ListKind = 'aws' | 'graph';

/**
 * Paging through the root's accounts with listAccountsForParent (`aws`) or accounts(first: 100)
 * (`graph`): by 1 client for whole passes, or by 8 for LIST_CONCURRENT_S seconds. `expected`: the
 * accounts under the root, the management account included.
 */
export function measureList(
  client: GraphqlClient,
  organization: BenchOrganization,
  kind: ListKind,
  concurrent: boolean,
  expected: number,
): Promise<LoadRun> {
  const pager = kind === 'aws' ? awsPage : graphPage;
  if (concurrent) return pagingLoad(client, organization, pager, expected, LIST_CONCURRENT_CLIENTS);
  return pagingLoad(
    client,
    organization,
    pager,
    expected,
    1,
    kind === 'aws' ? LIST_SEQUENTIAL_PASSES : GRAPH_SEQUENTIAL_PASSES,
  );
}
