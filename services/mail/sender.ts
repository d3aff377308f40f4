// Sending the outbox (models/mailOutbox.ts) through SMTP with nodemailer: one pass sends what is
// due, each mail at most once per attempt across every API process (docs/notifications.md).
//
// Claiming an attempt: FerretDB 1.24 does not make concurrent updates of one document atomic
// across processes, so a conditional update of the outbox document cannot decide who sends.
// Instead the sender inserts a MailAttempt with the unique _id `${outboxId}:${n}` (n = attempts
// already started + 1): a unique-key insert succeeds for exactly one process. Only the winner
// sends attempt n and then writes the outcome. A process that dies after claiming leaves the
// attempt SENDING; once its lease has passed, the next pass claims attempt n+1.
// Known limit: a crash after the SMTP server accepted the mail but before it is marked SENT sends
// it again once the lease has passed (at-least-once at that single point). Every attempt carries
// the same Message-ID, so mail stores that deduplicate on it show it once.
import { hostname } from 'node:os';
import { createTransport } from 'nodemailer';
import { MailAttempt, MailOutbox, type MailOutboxDoc } from '../../models/mailOutbox';
import type { Logger } from '../../server/logger';
import { updateOneDoc } from '../atomic';
import { isDuplicateKey } from '../errors';
import { retryDelayMs } from './backoff';
import { faultPoint } from '../faults';

export interface MailSenderOptions {
  smtpUrl: string;
  from: string;
  maxAttempts: number;
  retryBaseMs: number;
  retryMaxMs: number;
  leaseMs: number;
  sendTimeoutMs: number;
  log: Logger;
  /** Mails looked at per pass. */
  batch?: number;
}

export interface PassResult {
  sent: number;
  failed: number;
  skipped: number;
}

export class MailSender {
  readonly workerId = `${hostname()}:${process.pid}:${Math.random().toString(36).slice(2, 8)}`;
  private readonly transport;

  constructor(private readonly opts: MailSenderOptions) {
    this.transport = createTransport({
      url: opts.smtpUrl,
      connectionTimeout: opts.sendTimeoutMs,
      greetingTimeout: opts.sendTimeoutMs,
      socketTimeout: opts.sendTimeoutMs,
    });
  }

  /** Sends every mail that is due, one after the other; `shouldStop` ends the pass between mails. */
  async pass(shouldStop: () => boolean = () => false): Promise<PassResult> {
    const result: PassResult = { sent: 0, failed: 0, skipped: 0 };
    const now = new Date();
    const due = await MailOutbox.find({ status: 'PENDING', nextAttemptAt: { $lte: now } })
      .sort({ nextAttemptAt: 1, _id: 1 })
      .limit(this.opts.batch ?? 50);
    for (const mail of due) {
      if (shouldStop()) break;
      if (mail.claimedUntil && mail.claimedUntil > new Date()) {
        result.skipped++;
        continue;
      }
      const outcome = await this.sendOne(mail);
      result[outcome]++;
    }
    return result;
  }

  /**
   * Deletes sent mail (and every attempt) older than `keepMs`, so the outbox the worker reads every
   * poll stays small (FerretDB reads a whole collection for such a filter). Pending and FAILED mail
   * stays. Returns how many mails were deleted.
   */
  async prune(keepMs: number): Promise<number> {
    const before = new Date(Date.now() - keepMs);
    const res = await MailOutbox.deleteMany({ status: 'SENT', sentAt: { $lt: before } });
    await MailAttempt.deleteMany({ at: { $lt: before }, outcome: { $in: ['SENT', 'FAILED'] } });
    return res.deletedCount;
  }

  close(): void {
    this.transport.close();
  }

  /** Claims the next attempt of this mail; null when another process holds it (or it was sent). */
  private async claim(mail: MailOutboxDoc): Promise<{ attempt: number; leaseUntil: Date } | null> {
    let attempt = mail.attempts + 1;
    for (let tries = 0; tries < 5; tries++) {
      const at = new Date();
      const leaseUntil = new Date(at.getTime() + this.opts.leaseMs);
      try {
        await MailAttempt.create({ _id: `${String(mail._id)}:${attempt}`, outbox: mail._id, attempt, by: this.workerId, at, leaseUntil });
        return { attempt, leaseUntil };
      } catch (err) {
        if (!isDuplicateKey(err)) throw err;
      }
      const other = await MailAttempt.findById(`${String(mail._id)}:${attempt}`);
      if (!other) return null;
      if (other.outcome === 'SENT') {
        // Sent by a process that stopped before marking the outbox: finish its bookkeeping.
        await updateOneDoc(MailOutbox, { _id: mail._id, status: 'PENDING' }, { $set: { status: 'SENT', sentAt: other.at, claimedBy: null, claimedUntil: null } });
        return null;
      }
      if (other.outcome === 'FAILED') return null; // its sender schedules the retry
      if (other.leaseUntil > new Date()) return null; // being sent right now
      attempt++; // its sender died mid-attempt: the lease has passed, take the next attempt
    }
    return null;
  }

  private async sendOne(mail: MailOutboxDoc): Promise<'sent' | 'failed' | 'skipped'> {
    const claimed = await this.claim(mail);
    if (!claimed) return 'skipped';
    const { attempt, leaseUntil } = claimed;
    const attemptId = `${String(mail._id)}:${attempt}`;
    await updateOneDoc(MailOutbox, { _id: mail._id }, { $set: { attempts: attempt, claimedBy: this.workerId, claimedUntil: leaseUntil } });
    faultPoint('mail.afterClaim');
    try {
      await this.transport.sendMail({
        from: this.opts.from,
        to: mail.to,
        subject: mail.subject,
        text: mail.text,
        html: mail.html,
        messageId: mail.messageId ?? `<${String(mail._id)}@mail.ip.hegang.gov.cn>`,
        headers: { 'X-Hegang-Outbox-Id': String(mail._id) },
      });
    } catch (err) {
      const error = err instanceof Error ? err.message : String(err);
      const giveUp = attempt >= this.opts.maxAttempts;
      const next = new Date(Date.now() + retryDelayMs(attempt, this.opts.retryBaseMs, this.opts.retryMaxMs));
      await updateOneDoc(MailAttempt, { _id: attemptId }, { $set: { outcome: 'FAILED' } });
      await updateOneDoc(
        MailOutbox,
        { _id: mail._id },
        { $set: { status: giveUp ? 'FAILED' : 'PENDING', nextAttemptAt: next, lastError: error.slice(0, 1000), claimedBy: null, claimedUntil: null } },
      );
      const log = giveUp ? this.opts.log.error.bind(this.opts.log) : this.opts.log.warn.bind(this.opts.log);
      log({ outboxId: String(mail._id), attempt, error, nextAttemptAt: giveUp ? null : next }, giveUp ? 'mail not sent; giving up' : 'mail not sent; will retry');
      return 'failed';
    }
    faultPoint('mail.afterSend');
    // Marked in this order: the attempt (only its claimer writes it), then the outbox document.
    await updateOneDoc(MailAttempt, { _id: attemptId }, { $set: { outcome: 'SENT' } });
    await updateOneDoc(MailOutbox, { _id: mail._id }, { $set: { status: 'SENT', sentAt: new Date(), lastError: null, claimedBy: null, claimedUntil: null } });
    this.opts.log.info({ outboxId: String(mail._id), attempt }, 'mail sent');
    return 'sent';
  }
}
