/**
 * The whole tree of the 10,000-account organization in one GraphQL query: every level's
 * organizationalUnits(first: 1000) and accounts(first: 1000). The root holds more than 1,000
 * accounts: the rest of them come in follow-up pages of the root's connection, timed as part of
 * reading the tree. (Aliased pages of the root in the same query would be one request, but the
 * graph's batch loader mixes up two pages of one parent asked for in one batch: see the report.)
 */
import { TREE_DEPTH, TREE_RUNS, TREE_WARMUP_RUNS } from './config';
import { errorCodeOf, type GraphqlClient } from './http-client';
import { sequentialRuns, type LoadRun } from './load';
import type { BenchOrganization } from './organizations';

const PAGE = 1_000;
const ACCOUNT_FIELDS = 'id arn email name status state joinedMethod joinedTimestamp';

interface Connection {
  edges: {
    node: { id: string } & Partial<Record<'organizationalUnits' | 'accounts', Connection>> & Record<string, unknown>;
  }[];
  pageInfo: { hasNextPage: boolean; endCursor?: string | null };
}

/** `tags { key value }` on every node, as a portal showing tags would ask, or not. */
function treeQuery(withTags: boolean): string {
  const tags = withTags ? 'tags { key value }' : '';
  const accounts = `accounts(first: ${PAGE}) { pageInfo { hasNextPage endCursor } edges { node { ${ACCOUNT_FIELDS} ${tags} } } }`;
  let level = '';
  for (let depth = TREE_DEPTH; depth >= 1; depth--) {
    level = `organizationalUnits(first: ${PAGE}) { pageInfo { hasNextPage } edges { node { id arn name path depth ${tags} ${accounts} ${level} } } }`;
  }
  return `{ organization { id root { id name ${tags} ${accounts} ${level} } } }`;
}

const rootPageQuery = (withTags: boolean) =>
  `query($a: String) { organization { root { accounts(first: ${PAGE}, after: $a) {
    pageInfo { hasNextPage endCursor } edges { node { ${ACCOUNT_FIELDS} ${withTags ? 'tags { key value }' : ''} } } } } } }`;

export interface TreeCount {
  organizationalUnits: number;
  accounts: number;
  truncated: boolean;
}

/** Counts what an answer holds, and whether any connection said there was more. */
export function countTree(root: Record<string, unknown>): TreeCount {
  const count: TreeCount = { organizationalUnits: 0, accounts: 0, truncated: false };
  const visit = (node: Record<string, unknown>) => {
    for (const [field, value] of Object.entries(node)) {
      if (!value || typeof value !== 'object' || !('edges' in value)) continue;
      const connection = value as Connection;
      if (connection.pageInfo.hasNextPage && !(node === root && field === 'accounts')) count.truncated = true;
      if (field === 'organizationalUnits') count.organizationalUnits += connection.edges.length;
      else count.accounts += connection.edges.length;
      for (const edge of connection.edges) visit(edge.node);
    }
  };
  visit(root);
  return count;
}

export interface TreeFigures {
  query: string;
  run: LoadRun;
  count: TreeCount;
  /** HTTP requests per reading of the tree: the tree query and the root's further pages. */
  requests: number;
  responseBytes: number;
}

type Root = Record<string, unknown> & { accounts: Connection };

/** The tree query, then the root's remaining pages; counts everything read. */
async function readTree(client: GraphqlClient, organization: BenchOrganization, withTags: boolean) {
  const reply = await client.call<{ organization: { root: Root } }>(
    treeQuery(withTags),
    undefined,
    organization.apiKey,
  );
  if (reply.errors || !reply.data) return { error: errorCodeOf(reply.errors) ?? `HTTP ${reply.status}` };
  const root = reply.data.organization.root;
  const count = countTree(root);
  let responseBytes = JSON.stringify(reply.data).length;
  let requests = 1;
  for (let page = root.accounts.pageInfo; page.hasNextPage; requests++) {
    const data = await client.must<{ organization: { root: Root } }>(
      rootPageQuery(withTags),
      { a: page.endCursor },
      organization.apiKey,
    );
    page = data.organization.root.accounts.pageInfo;
    count.accounts += data.organization.root.accounts.edges.length;
    responseBytes += JSON.stringify(data).length;
  }
  return { count, requests, responseBytes };
}

/** TREE_RUNS readings one after the other, after a few unmeasured ones; every answer is checked. */
export async function measureTree(
  client: GraphqlClient,
  organization: BenchOrganization,
  withTags: boolean,
  expected: Omit<TreeCount, 'truncated'>,
): Promise<TreeFigures> {
  let last: { count: TreeCount; requests: number; responseBytes: number } | undefined;
  const once = async () => {
    const began = performance.now();
    const read = await readTree(client, organization, withTags);
    const ms = performance.now() - began;
    if ('error' in read) return { ms, error: read.error };
    const { count } = read;
    if (
      count.truncated ||
      count.accounts !== expected.accounts ||
      count.organizationalUnits !== expected.organizationalUnits
    ) {
      throw new Error(`the tree query returned ${JSON.stringify(count)}, expected ${JSON.stringify(expected)}`);
    }
    last = read;
    return { ms };
  };
  await sequentialRuns(TREE_WARMUP_RUNS, once);
  const run = await sequentialRuns(TREE_RUNS, once);
  const { count, requests, responseBytes } = last as NonNullable<typeof last>;
  return { query: treeQuery(withTags), run, count, requests, responseBytes };
}
