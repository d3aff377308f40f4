// The saved-search alert worker (services/savedSearches/alerts.ts): inside each API process, one
// pass every ALERT_POLL_MS and one at once after a publish in this process. One pass at a time.
import type { Logger } from './logger';
import type { AppDeps } from '../services/context';
import { alertPass, onAlertKick } from '../services/savedSearches/alerts';

export class AlertWorker {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private again = false;
  private stopping = false;

  constructor(
    private readonly app: AppDeps,
    private readonly log: Logger,
    private readonly pollMs: number,
  ) {}

  start(): void {
    if (this.timer) return;
    this.timer = setInterval(() => this.tick(), this.pollMs);
    this.timer.unref();
    onAlertKick(() => this.tick());
    this.tick();
  }

  private tick(): void {
    if (this.stopping) return;
    if (this.running) {
      this.again = true; // a publish during a pass: run once more after it
      return;
    }
    this.running = alertPass({ app: this.app, log: this.log })
      .then((told) => {
        if (told > 0) this.log.info({ told }, 'saved-search alerts sent');
      })
      .catch((err: unknown) => this.log.error({ err }, 'saved-search alert pass failed; the next pass tries again'))
      .finally(() => {
        this.running = null;
        if (this.again) {
          this.again = false;
          this.tick();
        }
      });
  }

  async stop(): Promise<void> {
    this.stopping = true;
    onAlertKick(null);
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.running;
  }
}
