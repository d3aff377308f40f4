// Reading the regulator's audit trail: REGULATOR only, newest first, keyset-paged on (at, _id).
import { Types } from 'mongoose';
import { AuditEntry, AUDIT_KINDS, type AuditEntryDoc, type AuditKind } from '../models/auditEntry';
import type { ServiceContext } from './context';
import { requireRegulator } from './authz';
import { badInput } from './errors';
import { decodeCursorWithValue, encodeCursor } from './pagination';
import * as v from './validate';

export interface AuditConnection {
  edges: { cursor: string; node: AuditEntryDoc }[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
}

export async function auditLog(ctx: ServiceContext, first?: number | null, after?: string | null, kind?: AuditKind | null): Promise<AuditConnection> {
  await requireRegulator(ctx);
  const limit = v.pageSize('first', first);
  if (kind && !AUDIT_KINDS.includes(kind)) throw badInput('kind', 'is not an audit entry kind');
  const filter: Record<string, unknown> = kind ? { kind } : {};
  if (after) {
    const { id, value } = decodeCursorWithValue('after', after);
    if (typeof value !== 'number') throw badInput('after', 'is not a cursor returned by auditLog');
    const at = new Date(value);
    filter.$or = [{ at: { $lt: at } }, { at, _id: { $lt: new Types.ObjectId(id) } }];
  }
  const rows = await AuditEntry.find(filter).sort({ at: -1, _id: -1 }).limit(limit + 1);
  const page = rows.slice(0, limit);
  const edges = page.map((node) => ({ cursor: encodeCursor(node._id, node.at.getTime()), node }));
  return { edges, pageInfo: { hasNextPage: rows.length > limit, endCursor: edges.at(-1)?.cursor ?? null } };
}
