// The caller's own inbox: list (newest first, keyset pages), unread count, mark read. Only the
// recipient ever reads or marks a notification (services/visibility.ts guards the type too).
import { Types } from 'mongoose';
import { Notification, type NotificationDoc } from '../../models/notification';
import type { ServiceContext } from '../context';
import { requireViewer } from '../authz';
import { badInput } from '../errors';
import { decodeCursor, encodeCursor } from '../pagination';
import * as v from '../validate';

export const MAX_MARK_IDS = 500;

export interface NotificationPage {
  edges: { cursor: string; node: NotificationDoc }[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  unreadCount: number;
}

export async function listNotifications(
  ctx: ServiceContext,
  args: { unreadOnly?: boolean | null; first?: number | null; after?: string | null },
): Promise<NotificationPage> {
  const viewer = requireViewer(ctx);
  const limit = v.pageSize('first', args.first);
  const recipient = new Types.ObjectId(viewer.userId);
  const filter: Record<string, unknown> = { recipient };
  if (args.unreadOnly) filter.readAt = null;
  if (args.after != null) filter._id = { $lt: decodeCursor('after', args.after) };
  const [docs, unreadCount] = await Promise.all([
    Notification.find(filter).sort({ _id: -1 }).limit(limit + 1),
    Notification.countDocuments({ recipient, readAt: null }),
  ]);
  const page = docs.slice(0, limit);
  const edges = page.map((node) => ({ cursor: encodeCursor(node._id), node }));
  return { edges, pageInfo: { hasNextPage: docs.length > limit, endCursor: edges.at(-1)?.cursor ?? null }, unreadCount };
}

/**
 * Marks the caller's notifications read: those named (ids), or all unread ones (ids omitted).
 * Ids of someone else's notifications are ignored (their existence does not leak). Returns how
 * many were unread and are read now. A single-field set from null to a time, so an overlapping
 * call cannot undo it (only the returned count may overlap).
 */
export async function markNotificationsRead(ctx: ServiceContext, ids?: readonly string[] | null): Promise<number> {
  const viewer = requireViewer(ctx);
  const filter: Record<string, unknown> = { recipient: new Types.ObjectId(viewer.userId), readAt: null };
  if (ids != null) {
    if (ids.length > MAX_MARK_IDS) throw badInput('ids', `at most ${MAX_MARK_IDS} ids at once`);
    const parsed = ids.map((id, i) => {
      if (!Types.ObjectId.isValid(id) || !/^[0-9a-f]{24}$/i.test(id)) throw badInput(`ids.${i}`, 'is not a notification id');
      return new Types.ObjectId(id);
    });
    if (parsed.length === 0) return 0;
    filter._id = { $in: parsed };
  }
  const res = await Notification.updateMany(filter, { $set: { readAt: new Date() } });
  return res.modifiedCount;
}
