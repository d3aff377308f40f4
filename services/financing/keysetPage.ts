// One page of a collection, newest first, keyset on _id (opaque cursor), with the filter's count:
// the shape of the loans and loanAlerts connections.
import type { Model } from 'mongoose';
import { decodeCursor, encodeCursor } from '../pagination';
import * as v from '../validate';

export interface KeysetPage<D> {
  edges: { cursor: string; node: D }[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  totalCount: number;
}

export async function keysetPage<D extends { _id: unknown }>(model: Model<any>, filter: Record<string, unknown>, first?: number | null, after?: string | null): Promise<KeysetPage<D>> {
  const limit = v.pageSize('first', first);
  const cursor = after ? decodeCursor('after', after) : null;
  const [rows, totalCount] = await Promise.all([
    model.find({ ...filter, ...(cursor ? { _id: { $lt: cursor } } : {}) }).sort({ _id: -1 }).limit(limit + 1) as Promise<D[]>,
    model.countDocuments(filter),
  ]);
  const edges = rows.slice(0, limit).map((node) => ({ cursor: encodeCursor(node._id as never), node }));
  return { edges, pageInfo: { hasNextPage: rows.length > limit, endCursor: edges.at(-1)?.cursor ?? null }, totalCount };
}
