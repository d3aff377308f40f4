// GraphQL documents and a reader for the notification inbox (test/api/notifications.test.ts, mailOutbox.test.ts).
import type { Client } from './client';

export const INBOX = `query($unreadOnly: Boolean, $first: Int, $after: String) {
  notifications(unreadOnly: $unreadOnly, first: $first, after: $after) {
    unreadCount pageInfo { hasNextPage endCursor }
    edges { cursor node { id kind objectType objectId title summary read readAt createdAt organization { id name } } }
  }
}`;
export const MARK = `mutation($ids: [ID!]) { markNotificationsRead(ids: $ids) }`;

export async function inbox(client: Client, vars: Record<string, unknown> = {}): Promise<any[]> {
  return (await client.ok(INBOX, { first: 100, ...vars })).notifications.edges.map((e: any) => e.node);
}

