// Opaque cursors of listing searches: the sort they belong to, the sort keys of the last row
// and its _id (keyset pagination: rows inserted meanwhile neither repeat nor hide others).
import { Types } from 'mongoose';
import { badInput } from '../errors';

/** R relevance (score, publishedAt ms), N newest (publishedAt ms), PA / PD price (fen), D deadline (ms; technology needs). */
export type SortCode = 'R' | 'N' | 'PA' | 'PD' | 'D';

export interface SearchCursor {
  keys: (number | null)[];
  id: Types.ObjectId;
}

const KEY_COUNT: Record<SortCode, number> = { R: 2, N: 1, PA: 1, PD: 1, D: 1 };

export function encodeSearchCursor(code: SortCode, keys: (number | null)[], id: Types.ObjectId): string {
  return Buffer.from(JSON.stringify({ s: code, k: keys, i: String(id) })).toString('base64url');
}

/** BAD_USER_INPUT naming `field` unless it is one of our cursors, made for this sort. */
export function decodeSearchCursor(field: string, cursor: string, code: SortCode): SearchCursor {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    parsed = null;
  }
  const c = parsed as { s?: unknown; k?: unknown; i?: unknown } | null;
  const ok =
    !!c &&
    typeof c.i === 'string' &&
    /^[0-9a-f]{24}$/.test(c.i) &&
    Array.isArray(c.k) &&
    c.k.length === KEY_COUNT[code] &&
    c.k.every((k) => k === null || (typeof k === 'number' && Number.isFinite(k)));
  if (!ok) throw badInput(field, 'is not a cursor returned by this API');
  if (c!.s !== code) throw badInput(field, 'belongs to a search with another sort order (or text); start again without it');
  return { keys: c!.k as (number | null)[], id: new Types.ObjectId(c!.i as string) };
}
