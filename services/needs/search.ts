// technologyNeeds(filter, sort, first, after): the listings' search engine applied to needs. The
// same analyzer and glossary (searchText.ts, glossary.ts: a need written in Chinese is found in
// English), the same condition evaluator (searchMatch.ts), relevance score, opaque keyset cursors
// (searchCursor.ts) and facet shape. Needs are few (an organization posts a handful), and the
// collection is read through its per-process read mirror (services/readModel), so the whole
// matching set is filtered, scored and ordered in memory per request.
import type { Types } from 'mongoose';
import { TechnologyNeed, type TechnologyNeedDoc } from '../../models/technologyNeed';
import type { ServiceContext } from '../context';
import { requireOrg } from '../authz';
import { badInput } from '../errors';
import { todayInShanghai } from '../rules/calendar';
import * as v from '../validate';
import { scoreExpanded, textFilter, type ExpandedQuery } from '../listings/glossary';
import { matchesAll } from '../listings/searchMatch';
import { decodeSearchCursor, encodeSearchCursor, type SortCode } from '../listings/searchCursor';
import type { FacetCount } from '../listings/search';
import { normalizeIpcPrefix } from '.';

export type NeedSort = 'RELEVANCE' | 'NEWEST' | 'DEADLINE';

export interface NeedFilterInput {
  text?: string | null;
  industries?: string[] | null;
  counties?: string[] | null;
  dealTypes?: string[] | null;
  classPrefix?: string | null;
  budgetAtLeast?: number | null; // fen
  mine?: boolean | null;
}

export interface NeedFacets {
  industries: FacetCount[];
  counties: FacetCount[];
  dealTypes: FacetCount[];
  ipcSubclasses: FacetCount[];
  ownerKinds: FacetCount[];
}

export interface NeedSearchResult {
  edges: { cursor: string; node: TechnologyNeedDoc }[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  totalCount: number;
  facets: NeedFacets;
}

type Condition = Record<string, unknown>;

/** A need's IPC prefix and a wanted prefix go together when one starts the other (C01B ~ C01B 32 ~ C01B 32/20). */
export function ipcPrefixesMeet(a: string, b: string): boolean {
  const [long, short] = [a, b].map((s) => s.replace(/\s+/g, '')).sort((p, q) => q.length - p.length) as [string, string];
  if (!long.startsWith(short)) return false;
  // C01B meets C01B 32/20; C01B 3 does not meet C01B 32; H01M 4/5 meets H01M 4/58 (subgroups by digits, as classPrefix)
  return long.length === short.length || short.length === 4 || short.includes('/') || long[short.length] === '/';
}

interface Compiled {
  conditions: Condition[];
  query: ExpandedQuery | null;
  classPrefix: string | null;
  budgetAtLeast: number | null;
}

function compile(f: NeedFilterInput, today: string, ownerId: Types.ObjectId | null): Compiled {
  const conditions: Condition[] = [];
  if (ownerId) conditions.push({ owner: ownerId });
  else conditions.push({ status: 'OPEN' }, { deadline: { $gte: today } });
  const { query, conditions: text } = textFilter('filter.text', f.text);
  conditions.push(...text);
  const anyOf = (field: string, values: string[] | null | undefined) => {
    if (values && values.length > 0) conditions.push({ [field]: { $in: [...new Set(values)] } });
  };
  anyOf('industries', f.industries);
  anyOf('county', f.counties);
  anyOf('dealTypes', f.dealTypes);
  let classPrefix: string | null = null;
  if (f.classPrefix != null && f.classPrefix.trim() !== '') {
    classPrefix = normalizeIpcPrefix(f.classPrefix);
    if (!classPrefix) throw badInput('filter.classPrefix', 'must be an IPC subclass, main group or group, e.g. "C01B" or "H01M 4/58"');
  }
  let budgetAtLeast: number | null = null;
  if (f.budgetAtLeast != null) {
    if (f.budgetAtLeast < 0) throw badInput('filter.budgetAtLeast', 'must not be negative');
    budgetAtLeast = f.budgetAtLeast;
  }
  return { conditions, query, classPrefix, budgetAtLeast };
}

const at = (n: TechnologyNeedDoc) => (n.publishedAt ?? n.createdAt ?? new Date(0)).getTime();
const idCmpDesc = (a: { _id: unknown }, b: { _id: unknown }) => (String(a._id) < String(b._id) ? 1 : String(a._id) > String(b._id) ? -1 : 0);

interface Row {
  n: TechnologyNeedDoc;
  keys: number[];
}

function orderFor(code: SortCode): (a: Row, b: Row) => number {
  switch (code) {
    case 'R':
      return (a, b) => b.keys[0]! - a.keys[0]! || b.keys[1]! - a.keys[1]! || idCmpDesc(a.n, b.n);
    case 'D':
      return (a, b) => a.keys[0]! - b.keys[0]! || idCmpDesc(a.n, b.n);
    default:
      return (a, b) => b.keys[0]! - a.keys[0]! || idCmpDesc(a.n, b.n);
  }
}

function fold(rows: TechnologyNeedDoc[]): NeedFacets {
  const counters = { industries: new Map<string, number>(), counties: new Map<string, number>(), dealTypes: new Map<string, number>(), ipcSubclasses: new Map<string, number>(), ownerKinds: new Map<string, number>() };
  const bump = (m: Map<string, number>, k: string | null | undefined) => {
    if (k) m.set(k, (m.get(k) ?? 0) + 1);
  };
  for (const n of rows) {
    new Set(n.industries).forEach((i) => bump(counters.industries, i));
    bump(counters.counties, n.county);
    new Set(n.dealTypes).forEach((d) => bump(counters.dealTypes, d));
    new Set(n.ipcPrefixes.map((p) => p.slice(0, 4))).forEach((s) => bump(counters.ipcSubclasses, s));
    bump(counters.ownerKinds, n.ownerKind);
  }
  const list = (m: Map<string, number>) => [...m].map(([value, count]) => ({ value, count })).sort((a, b) => b.count - a.count || (a.value < b.value ? -1 : 1));
  return { industries: list(counters.industries), counties: list(counters.counties), dealTypes: list(counters.dealTypes), ipcSubclasses: list(counters.ipcSubclasses), ownerKinds: list(counters.ownerKinds) };
}

export interface NeedSearchArgs {
  filter?: NeedFilterInput | null;
  sort?: NeedSort | null;
  first?: number | null;
  after?: string | null;
}

export async function searchNeeds(ctx: ServiceContext, args: NeedSearchArgs): Promise<NeedSearchResult> {
  const limit = v.pageSize('first', args.first);
  const f = args.filter ?? {};
  const ownerId = f.mine ? (await requireOrg(ctx)).org._id : null;
  const c = compile(f, todayInShanghai(), ownerId);
  const sort = args.sort ?? 'RELEVANCE';
  const code: SortCode = sort === 'DEADLINE' ? 'D' : sort === 'RELEVANCE' && c.query ? 'R' : 'N';
  const after = args.after != null ? decodeSearchCursor('after', args.after, code) : null;

  const candidates = await TechnologyNeed.find(ownerId ? { owner: ownerId } : { status: 'OPEN' });
  const matching = candidates.filter(
    (n) =>
      matchesAll(n.toObject() as unknown as Record<string, unknown>, c.conditions) &&
      (!c.classPrefix || n.ipcPrefixes.some((p) => ipcPrefixesMeet(p, c.classPrefix!))) &&
      (c.budgetAtLeast === null || n.budgetMax === null || n.budgetMax === undefined || n.budgetMax >= c.budgetAtLeast),
  );
  const keysOf = (n: TechnologyNeedDoc): number[] =>
    code === 'R' ? [scoreExpanded(n.searchText ?? '', c.query!), at(n)] : code === 'D' ? [Date.parse(`${n.deadline}T00:00:00Z`)] : [at(n)];
  const order = orderFor(code);
  const rows = matching.map((n) => ({ n, keys: keysOf(n) })).sort(order);
  let start = 0;
  if (after) {
    const probe = { n: { _id: after.id } as unknown as TechnologyNeedDoc, keys: after.keys as number[] };
    start = rows.findIndex((r) => order(probe, r) < 0);
    if (start < 0) start = rows.length;
  }
  const slice = rows.slice(start, start + limit + 1);
  const edges = slice.slice(0, limit).map((r) => ({ node: r.n, cursor: encodeSearchCursor(code, r.keys, r.n._id) }));
  return { edges, pageInfo: { hasNextPage: slice.length > limit, endCursor: edges.at(-1)?.cursor ?? null }, totalCount: rows.length, facets: fold(matching) };
}
