// Opaque cursors for keyset pagination (never skip/offset).
import { Types } from 'mongoose';
import { badInput } from './errors';

/** Page size (default and cap) of lists that had none before paging (myDeals, myInsurancePolicies). */
export const LIST_PAGE_DEFAULT = 100;

export function encodeCursor(id: Types.ObjectId, sortValue?: string | number | null): string {
  return Buffer.from(JSON.stringify(sortValue === undefined ? [String(id)] : [String(id), sortValue])).toString('base64url');
}

/** The id a cursor points at; BAD_USER_INPUT naming the field when it is not one of ours. */
export function decodeCursor(field: string, cursor: string): Types.ObjectId {
  return decodeCursorWithValue(field, cursor).id;
}

export function decodeCursorWithValue(field: string, cursor: string): { id: Types.ObjectId; value: string | number | null | undefined } {
  try {
    const parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown;
    if (Array.isArray(parsed) && typeof parsed[0] === 'string' && /^[0-9a-f]{24}$/.test(parsed[0])) {
      return { id: new Types.ObjectId(parsed[0]), value: parsed[1] as string | number | null | undefined };
    }
  } catch {
    /* fall through */
  }
  throw badInput(field, 'is not a cursor returned by this API');
}

/** `after` of a newest-first list paged by _id: the id of the last item received, or a cursor of ours. */
export function afterIdFilter(field: string, after: string | null | undefined): { _id?: { $lt: Types.ObjectId } } {
  if (!after) return {};
  const id = /^[0-9a-fA-F]{24}$/.test(after) ? new Types.ObjectId(after) : decodeCursor(field, after);
  return { _id: { $lt: id } };
}
