// Writing mail: every email goes into the outbox collection first (models/mailOutbox.ts) and is
// sent later by the mail worker (server/mailWorker.ts), so a slow or failed SMTP server never
// slows or fails the request that caused the mail.
import { Types } from 'mongoose';
import { MailOutbox } from '../../models/mailOutbox';
import type { Config } from '../../server/config';
import { isDuplicateKey } from '../errors';

export interface MailInput {
  /** Names the mail, e.g. `reset:<tokenId>` or `notification:<eventKey>`: enqueued twice, sent once per address. */
  key: string;
  to: string;
  subject: string;
  text: string;
  html: string;
}

/** True when this server sends email (SMTP_URL is set). */
export function mailEnabled(config: Pick<Config, 'SMTP_URL'>): boolean {
  return !!config.SMTP_URL;
}

/**
 * Puts one mail in the outbox (nothing when SMTP_URL is unset). Returns whether a mail is (now or
 * already) waiting to be sent. Throws on a database failure: callers that must not fail because
 * of mail catch it (services/notifications does).
 */
export async function enqueueMail(config: Pick<Config, 'SMTP_URL'>, mail: MailInput): Promise<boolean> {
  if (!mailEnabled(config)) return false;
  const now = new Date();
  const _id = new Types.ObjectId();
  try {
    await MailOutbox.create({
      _id,
      key: `${mail.key}:${mail.to.toLowerCase()}`,
      to: mail.to,
      subject: mail.subject,
      text: mail.text,
      html: mail.html,
      status: 'PENDING',
      attempts: 0,
      nextAttemptAt: now,
      messageId: `<${String(_id)}@mail.ip.hegang.gov.cn>`,
      createdAt: now,
    });
  } catch (err) {
    if (!isDuplicateKey(err)) throw err; // the same mail to the same address: already waiting
  }
  return true;
}
