// The mail worker: inside the API process, every MAIL_POLL_MS, sends what the outbox holds
// (services/mail/sender.ts). Runs only when SMTP_URL is set; stop() waits for the send in flight
// and closes the SMTP connection, so a shutdown never cuts a mail in half.
import type { Config } from './config';
import type { Logger } from './logger';
import { MailSender } from '../services/mail/sender';

/** How long a shutdown waits for the mail being sent. */
const STOP_GRACE_MS = 5000;
/** Sent mail is kept this long (for support questions), then deleted; checked once an hour. */
const KEEP_SENT_MS = 7 * 86_400_000;
const PRUNE_EVERY_MS = 3_600_000;

export class MailWorker {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private stopping = false;
  private prunedAt = 0;
  private readonly sender: MailSender;

  constructor(
    config: Config,
    private readonly log: Logger,
  ) {
    this.sender = new MailSender({
      smtpUrl: config.SMTP_URL!,
      from: config.MAIL_FROM,
      maxAttempts: config.MAIL_MAX_ATTEMPTS,
      retryBaseMs: config.MAIL_RETRY_BASE_MS,
      retryMaxMs: config.MAIL_RETRY_MAX_MS,
      leaseMs: config.MAIL_LEASE_MS,
      sendTimeoutMs: config.MAIL_SEND_TIMEOUT_MS,
      log,
    });
    this.pollMs = config.MAIL_POLL_MS;
  }

  private readonly pollMs: number;

  start(): void {
    if (this.timer) return;
    this.log.info({ pollMs: this.pollMs, worker: this.sender.workerId }, 'mail worker started');
    this.timer = setInterval(() => this.tick(), this.pollMs);
    this.timer.unref();
    this.tick();
  }

  private tick(): void {
    if (this.running || this.stopping) return; // one pass at a time
    const prune = Date.now() - this.prunedAt > PRUNE_EVERY_MS;
    if (prune) this.prunedAt = Date.now();
    this.running = this.sender
      .pass(() => this.stopping)
      .then(async () => {
        if (!prune) return;
        const deleted = await this.sender.prune(KEEP_SENT_MS);
        if (deleted > 0) this.log.info({ deleted }, 'sent mail older than 7 days removed from the outbox');
      })
      .catch((err: unknown) => this.log.error({ err }, 'mail pass failed; the next pass tries again'))
      .finally(() => {
        this.running = null;
      });
  }

  /**
   * Stops polling and waits for the mail being sent, up to STOP_GRACE_MS (a hung SMTP server must
   * not hold up a shutdown). A send cut off there stays claimed until its lease passes; then another
   * process tries it again (docs/notifications.md: the at-least-once point).
   */
  async stop(): Promise<void> {
    this.stopping = true;
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    if (this.running) {
      let grace: NodeJS.Timeout | undefined;
      await Promise.race([this.running, new Promise<void>((resolve) => (grace = setTimeout(resolve, STOP_GRACE_MS)))]);
      clearTimeout(grace);
    }
    this.sender.close();
  }
}
