import { Types } from 'mongoose';
import { badInput } from './errors';

/** Parses an ID argument into an ObjectId, or throws BAD_USER_INPUT naming the field. */
export function parseId(field: string, id: string): Types.ObjectId {
  if (typeof id !== 'string' || !/^[0-9a-f]{24}$/i.test(id)) throw badInput(field, 'is not a valid id');
  return new Types.ObjectId(id);
}

/** Like parseId but for look-ups: a malformed id simply finds nothing. */
export function tryParseId(id: string): Types.ObjectId | null {
  return typeof id === 'string' && /^[0-9a-f]{24}$/i.test(id) ? new Types.ObjectId(id) : null;
}
