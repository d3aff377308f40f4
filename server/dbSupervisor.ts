// Supervises the embedded FerretDB: when it dies (a crash, an OOM kill, kill -9), the server stays
// up, answers /readyz 503 and every request SERVICE_UNAVAILABLE (HTTP 503), and starts it again on
// the same port and files with exponential backoff; the driver reconnects by itself. Every write the
// API acknowledged was committed to SQLite before the answer, so a restart loses nothing. After
// EMBEDDED_DB_MAX_RESTARTS failures in a row (a start that fails, or a run shorter than a minute)
// it gives up with one log line and the server stops.
import type { Logger } from './logger';
import { isAddressInUse, startEmbeddedDb, type EmbeddedDb, type FerretBackend } from './embeddedDb';

/** A run this long counts as healthy and resets the failure count. */
const STABLE_MS = 60_000;
const MAX_BACKOFF_MS = 15_000;

export type DbState = 'starting' | 'up' | 'restarting' | 'failed' | 'stopped';

export interface SupervisorOptions {
  bin: string;
  dataDir: string;
  backend: FerretBackend;
  pidFile: string;
  /** The API's own PORT: FerretDB must not take it (the API binds it after the database is up). */
  avoidPorts: readonly number[];
  log: Logger;
  maxRestarts: number;
  backoffMs: number;
  /** Called after a restart moved FerretDB to another port (its old one was taken): reconnect. */
  onMoved: (uri: string) => Promise<void>;
  /** Called once when it gives up. */
  onGiveUp: () => void;
}

export class EmbeddedDbSupervisor {
  state: DbState = 'starting';
  private db: EmbeddedDb | undefined;
  private failures = 0;
  private upSince = 0;
  private timer: NodeJS.Timeout | undefined;

  constructor(private readonly opts: SupervisorOptions) {}

  /** True while FerretDB runs; false while it is being restarted, after giving up, or when stopped. */
  get available(): boolean {
    return this.state === 'up';
  }

  get current(): EmbeddedDb | undefined {
    return this.db;
  }

  /** The first start: a failure here is a start-up failure (thrown), not restarted. */
  async start(): Promise<EmbeddedDb> {
    this.db = await this.launch(undefined);
    this.state = 'up';
    this.upSince = Date.now();
    return this.db;
  }

  private launch(port: number | undefined): Promise<EmbeddedDb> {
    return startEmbeddedDb({
      bin: this.opts.bin,
      dataDir: this.opts.dataDir,
      backend: this.opts.backend,
      pidFile: this.opts.pidFile,
      port,
      avoidPorts: this.opts.avoidPorts,
      onExit: (code, signal) => this.died(code, signal),
    });
  }

  private died(code: number | null, signal: NodeJS.Signals | null): void {
    if (this.state !== 'up') return; // stopped on purpose, or a failed restart's own cleanup
    const ranMs = Date.now() - this.upSince;
    if (ranMs >= STABLE_MS) this.failures = 0;
    this.failures++;
    this.state = 'restarting';
    this.opts.log.error({ code, signal, ranMs, failures: this.failures }, 'the embedded database stopped unexpectedly; answering 503 until it is back');
    this.scheduleRestart(this.db?.port);
  }

  private scheduleRestart(port: number | undefined): void {
    if (this.failures > this.opts.maxRestarts) {
      this.state = 'failed';
      this.opts.log.fatal(
        { failures: this.failures },
        `giving up: the embedded database failed ${this.failures} times in a row (EMBEDDED_DB_MAX_RESTARTS=${this.opts.maxRestarts}); the server stops`,
      );
      this.opts.onGiveUp();
      return;
    }
    const delay = Math.min(this.opts.backoffMs * 2 ** (this.failures - 1), MAX_BACKOFF_MS);
    this.timer = setTimeout(() => void this.restart(port), delay);
  }

  private async restart(port: number | undefined): Promise<void> {
    if (this.state !== 'restarting') return;
    const started = Date.now();
    try {
      const db = await this.launch(port);
      if (this.state !== 'restarting') {
        await db.stop(); // stopped meanwhile
        return;
      }
      this.db = db;
      if (db.port !== port) {
        try {
          await this.opts.onMoved(db.uri);
        } catch (err) {
          await db.stop(); // never two FerretDBs on one set of files
          throw err;
        }
      }
      this.state = 'up';
      this.upSince = Date.now();
      this.opts.log.warn({ port: db.port, ms: Date.now() - started, failures: this.failures }, 'the embedded database is back');
    } catch (err) {
      this.failures++;
      this.opts.log.error({ err, failures: this.failures }, 'restarting the embedded database failed');
      // Its port taken by someone else meanwhile: take a free one next time (and reconnect then).
      this.scheduleRestart(isAddressInUse(err) ? undefined : port);
    }
  }

  async stop(): Promise<void> {
    this.state = 'stopped';
    if (this.timer) clearTimeout(this.timer);
    await this.db?.stop();
  }
}
