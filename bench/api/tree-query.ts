/**
 * The whole tree of the 10,000-account organization in one GraphQL query: every level's
 * organizationalUnits(first: 1000) and accounts(first: 1000). The root holds more than 1,000
 * accounts, so its accounts are asked for in several aliased pages whose cursors are read first.
 */
import { TREE_DEPTH, TREE_RUNS, TREE_WARMUP_RUNS } from './config';
import { errorCodeOf, type GraphqlClient } from './http-client';
import { sequentialRuns, type LoadRun } from './load';
import type { BenchOrganization } from './organizations';

const PAGE = 1_000;
const ACCOUNT_FIELDS = 'id arn email name status state joinedMethod joinedTimestamp';

interface Connection {
  edges: { node: { id: string } & Partial<Record<'organizationalUnits' | 'accounts', Connection>> & Record<string, unknown> }[];
  pageInfo: { hasNextPage: boolean; endCursor?: string | null };
}

/** `tags { key value }` on every node, as a portal showing tags would ask, or not. */
function treeQuery(rootCursors: (string | null)[], withTags: boolean): string {
  const tags = withTags ? 'tags { key value }' : '';
  const accounts = (args: string, alias = '') =>
    `${alias}accounts(first: ${PAGE}${args}) { pageInfo { hasNextPage } edges { node { ${ACCOUNT_FIELDS} ${tags} } } }`;
  let level = '';
  for (let depth = TREE_DEPTH; depth >= 1; depth--) {
    level = `organizationalUnits(first: ${PAGE}) { pageInfo { hasNextPage } edges { node { id arn name path depth ${tags} ${accounts('')} ${level} } } }`;
  }
  const rootPages = rootCursors.map((cursor, i) => accounts(cursor ? `, after: "${cursor}"` : '', `rootAccounts${i}: `)).join(' ');
  return `{ organization { id root { id name ${tags} ${rootPages} ${level} } } }`;
}

/** The cursors that start each page of the root's accounts (null for the first). */
export async function rootPageCursors(client: GraphqlClient, organization: BenchOrganization): Promise<(string | null)[]> {
  const cursors: (string | null)[] = [null];
  for (;;) {
    const data = await client.must<{ organization: { root: { accounts: Connection } } }>(
      `query($a: String) { organization { root { accounts(first: ${PAGE}, after: $a) { pageInfo { hasNextPage endCursor } } } } }`,
      { a: cursors[cursors.length - 1] },
      organization.apiKey,
    );
    const { pageInfo } = data.organization.root.accounts;
    if (!pageInfo.hasNextPage) return cursors;
    cursors.push(pageInfo.endCursor as string);
  }
}

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
      if (connection.pageInfo.hasNextPage && !field.startsWith('rootAccounts')) count.truncated = true;
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
  responseBytes: number;
}

/** TREE_RUNS queries one after the other, after a few unmeasured ones; every answer is checked. */
export async function measureTree(client: GraphqlClient, organization: BenchOrganization, withTags: boolean, expected: Omit<TreeCount, 'truncated'>): Promise<TreeFigures> {
  const query = treeQuery(await rootPageCursors(client, organization), withTags);
  let count: TreeCount | undefined;
  let responseBytes = 0;
  const once = async () => {
    const reply = await client.call<{ organization: { root: Record<string, unknown> } }>(query, undefined, organization.apiKey);
    if (reply.errors || !reply.data) return { ms: reply.ms, error: errorCodeOf(reply.errors) ?? `HTTP ${reply.status}` };
    count = countTree(reply.data.organization.root);
    responseBytes = JSON.stringify(reply.data).length;
    if (count.truncated || count.accounts !== expected.accounts || count.organizationalUnits !== expected.organizationalUnits) {
      throw new Error(`the tree query returned ${JSON.stringify(count)}, expected ${JSON.stringify(expected)}`);
    }
    return { ms: reply.ms };
  };
  await sequentialRuns(TREE_WARMUP_RUNS, once);
  const run = await sequentialRuns(TREE_RUNS, once);
  return { query, run, count: count as TreeCount, responseBytes };
}
