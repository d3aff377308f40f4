import type { Resolvers } from '../schema/generated/types';
import { listNotifications, markNotificationsRead } from '../services/notifications/inbox';

export const notificationResolvers: Resolvers = {
  Query: {
    notifications: (_p, args, ctx) => listNotifications(ctx, args),
  },
  Mutation: {
    markNotificationsRead: (_p, { ids }, ctx) => markNotificationsRead(ctx, ids),
  },
  Notification: {
    id: (n) => String(n._id),
    kind: (n) => n.kind as never,
    objectId: (n) => String(n.objectId),
    organization: async (n, _x, ctx) => (await ctx.loaders.organization.load(n.organization))!,
    read: (n) => n.readAt != null,
    readAt: (n) => n.readAt ?? null,
  },
};
