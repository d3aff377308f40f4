// Notifications: one inbox entry per user of each organization concerned, and (when SMTP_URL is
// set) one email per such user through the outbox. `notify` never throws: a notification that
// cannot be written is logged and the caller's state change stands (docs/notifications.md).
// Services call the event helpers in ./events.ts with one line at the point their change succeeded.
import { Types } from 'mongoose';
import { Notification, type NotificationKind, type NOTIFICATION_OBJECT_TYPES } from '../../models/notification';
import { Organization } from '../../models/organization';
import { User } from '../../models/user';
import type { ServiceContext } from '../context';
import { isDuplicateKey } from '../errors';
import { enqueueMail } from '../mail/outbox';
import { renderNotificationMail } from '../mail/render';

export type NotificationObjectType = (typeof NOTIFICATION_OBJECT_TYPES)[number];

export interface NotifyInput {
  kind: NotificationKind;
  objectType: NotificationObjectType;
  objectId: unknown; // ObjectId or its string
  /** The organizations concerned: every user of each gets the notification; nobody else does. */
  orgIds: unknown[];
  /** Chinese, short, naming the object, e.g. 「一种高纯石墨提纯方法」的交易已被接受. */
  title: string;
  /** Chinese, one or two sentences with the organization and object names. */
  summary: string;
  /** Names the event: the same event notified twice gives each user one entry and one mail. */
  eventKey: string;
  /** A user who should not be told (e.g. a new member about their own arrival). */
  exceptUserId?: string | null;
  /** Only these users (of those organizations) are told, e.g. the owner of a saved search. */
  userIds?: unknown[] | null;
}

type NotifyCtx = Pick<ServiceContext, 'app' | 'log'>;

/** Writes the notifications (and mails) of one event. Never throws; returns how many users were told. */
export async function notify(ctx: NotifyCtx, input: NotifyInput): Promise<number> {
  try {
    return await write(ctx, input);
  } catch (err) {
    ctx.log.error({ err, kind: input.kind, eventKey: input.eventKey }, 'could not write a notification; the change itself stands');
    return 0;
  }
}

async function write(ctx: NotifyCtx, input: NotifyInput): Promise<number> {
  const orgIds = [...new Set(input.orgIds.filter((o) => o != null).map(String))].map((o) => new Types.ObjectId(o));
  if (orgIds.length === 0) return 0;
  const objectId = new Types.ObjectId(String(input.objectId));
  const [users, orgs] = await Promise.all([
    User.find({ organization: { $in: orgIds }, ...(input.userIds ? { _id: { $in: input.userIds.map((u) => new Types.ObjectId(String(u))) } } : {}) }).select('email name organization'),
    Organization.find({ _id: { $in: orgIds } }).select('name'),
  ]);
  const orgName = new Map(orgs.map((o) => [String(o._id), o.name]));
  const recipients = users.filter((u) => String(u._id) !== input.exceptUserId);
  const createdAt = new Date();
  let told = 0;
  for (const user of recipients) {
    try {
      await Notification.create({
        recipient: user._id,
        organization: user.organization,
        kind: input.kind,
        objectType: input.objectType,
        objectId,
        title: input.title.slice(0, 200),
        summary: input.summary.slice(0, 1000),
        eventKey: input.eventKey,
        readAt: null,
        createdAt,
      });
      told++;
    } catch (err) {
      // Already told of this event (and mailed then); or this user's entry cannot be written: the
      // others are still told.
      if (!isDuplicateKey(err)) ctx.log.error({ err, eventKey: input.eventKey, user: String(user._id) }, 'could not write a notification; the change itself stands');
      continue;
    }
    try {
      const mail = renderNotificationMail({
        userName: user.name,
        orgName: orgName.get(String(user.organization)) ?? '',
        title: input.title,
        summary: input.summary,
        objectType: input.objectType,
        objectId: String(objectId),
        at: createdAt,
      });
      await enqueueMail(ctx.app.config, { key: `notification:${input.eventKey}`, to: user.email, ...mail });
    } catch (err) {
      ctx.log.error({ err, eventKey: input.eventKey, user: String(user._id) }, 'could not put a notification mail in the outbox');
    }
  }
  return told;
}
