// The test stack: a real FerretDB (SQLite, temporary DATA_DIR) and the real server as a child
// process on free ports, plus stripe-mock when a test needs it. Tests talk to it over HTTP.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { backendFromEnv, ensureFerretBinary, freePort, startEmbeddedDb, type EmbeddedDb, type FerretBackend } from '../../server/embeddedDb';
import { projectRoot } from '../../server/paths';
import { track } from './children';

/** FERRETDB_BIN of the test run (e.g. a binary built from a changed wrapper), passed on to servers. */
function ferretBinEnv(): Record<string, string> {
  return process.env.FERRETDB_BIN ? { FERRETDB_BIN: process.env.FERRETDB_BIN } : {};
}

export const JWT_SECRET = 'test-secret-0123456789-abcdefghijklmnopqrstuvwxyz';
export const ADMIN_EMAIL = 'admin@ip.hegang.gov.cn';
export const ADMIN_PASSWORD = 'admin-password-for-tests';

export interface ServerHandle {
  url: string; // http://127.0.0.1:PORT
  process: ChildProcess;
  output: () => string;
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

/** Starts `node dist/server/main.js` with the given environment and waits for /healthz. */
export async function startServer(env: Record<string, string>, nodeArgs: string[] = []): Promise<ServerHandle> {
  const port = await freePort();
  const child = track(
    spawn(process.execPath, [...nodeArgs, path.join(projectRoot, 'dist/server/main.js')], {
      cwd: projectRoot,
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn',
        // Every test registers its own organizations from 127.0.0.1; hardening.auth.test.ts tests the limit.
        REGISTER_MAX_PER_ADDRESS: '1000000', ...ferretBinEnv(), ...(process.env.DB_SLOW_MS ? { DB_SLOW_MS: process.env.DB_SLOW_MS, DB_SLOW_FILE: process.env.DB_SLOW_FILE ?? '' } : {}), ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    }),
  );
  let out = '';
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
  let exitCode: number | null | undefined;
  child.once('exit', (code) => (exitCode = code));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (exitCode !== undefined) throw new Error(`server exited (${exitCode}) during start-up:\n${out}`);
    try {
      if ((await fetch(`${url}/healthz`)).ok) break;
    } catch {
      /* not yet listening */
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`server did not start within 60 s:\n${out}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    url,
    process: child,
    output: () => out,
    stop: (signal = 'SIGTERM') =>
      new Promise((resolve) => {
        if (exitCode !== undefined) return resolve(exitCode);
        child.once('exit', (code) => resolve(code));
        child.kill(signal);
      }),
  };
}

export interface Stack {
  db: EmbeddedDb;
  dbDir: string;
  server: ServerHandle;
  tmp: string;
  /** Stops FerretDB (to test readiness); `restartDb` starts it again on the same port and files. */
  stopDb(): Promise<void>;
  restartDb(): Promise<void>;
  stop(): Promise<void>;
  /** Moves the server's domain clock (services/clock.ts) this many days ahead of real time; 0 puts it back. */
  shiftClockDays(days: number): void;
}

export function tempDir(prefix: string): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), `hegang-${prefix}-`));
}

/** `nodeArgs`: options for the server's node (benchmarks: --cpu-prof); `backend`: FerretDB's storage. */
export async function startStack(extraEnv: Record<string, string> = {}, nodeArgs: string[] = [], backend: FerretBackend = backendFromEnv()): Promise<Stack> {
  const tmp = tempDir('stack');
  const dbDir = path.join(tmp, 'db');
  const bin = ensureFerretBinary(() => undefined, process.env.FERRETDB_BIN);
  // SQLite: a fresh directory per stack. PostgreSQL (FERRETDB_BACKEND=postgresql): one server
  // database for every stack, so each stack gets a database (a PostgreSQL schema) of its own.
  const database = backend.handler === 'sqlite' ? 'hegang_test' : `hegang_test_${process.pid}_${path.basename(tmp).replace(/\W/g, '')}`;
  let db = await startEmbeddedDb({ bin, dataDir: dbDir, database, backend });
  track(db.process);
  const server = await startServer({
    NODE_ENV: 'test',
    DATA_DIR: path.join(tmp, 'data'),
    MONGODB_URI: db.uri,
    DB_TIMEOUT_MS: '1500',
    JWT_SECRET,
    BOOTSTRAP_ADMIN_EMAIL: ADMIN_EMAIL,
    BOOTSTRAP_ADMIN_PASSWORD: ADMIN_PASSWORD,
    DEMO_DATA: 'false',
    // The daily jobs (post-loan monitoring) run by hand in tests (npm run loan-monitor --day), never
    // on their own in the middle of other tests; test/api/loanMonitoring.test.ts turns them on.
    DAILY_JOBS: 'false',
    // Reset and invitation tokens land here (services/identity/resetDelivery.ts); test mode only.
    // The server sees that nothing was written without asking FerretDB (server/walProbe.ts), as the
    // embedded default does; a test that stops FerretDB under the server turns it off ('').
    ...(backend.handler === 'sqlite' ? { FERRETDB_SQLITE_DIR: dbDir } : {}),
    ...((extraEnv.NODE_ENV ?? 'test') === 'test' ? { TEST_CAPTURE_TOKENS_DIR: path.join(tmp, 'tokens'), TEST_CLOCK_FILE: path.join(tmp, 'clock') } : {}),
    ...extraEnv,
  }, nodeArgs);
  const stack: Stack = {
    db,
    dbDir,
    server,
    tmp,
    stopDb: () => db.stop(),
    restartDb: async () => {
      db = await startEmbeddedDb({ bin, dataDir: dbDir, port: db.port, database, backend });
      track(db.process);
      stack.db = db;
    },
    shiftClockDays: (days) => fs.writeFileSync(path.join(tmp, 'clock'), String(Math.round(days * 86_400_000))),
    stop: async () => {
      await server.stop();
      await db.stop();
      fs.rmSync(tmp, { recursive: true, force: true });
    },
  };
  return stack;
}

/**
 * A second API process on the stack's database (FERRETDB_LEASE off: two processes on one FerretDB
 * on purpose, see server/dbLease.ts), with its own DATA_DIR; `stop` also removes that directory.
 */
export async function startSecondServer(stack: Stack, extraEnv: Record<string, string> = {}): Promise<ServerHandle> {
  const dir = tempDir('second');
  const server = await startServer({
    NODE_ENV: 'test',
    DATA_DIR: path.join(dir, 'data'),
    MONGODB_URI: stack.db.uri,
    FERRETDB_LEASE: 'false',
    DB_TIMEOUT_MS: '1500',
    JWT_SECRET,
    BOOTSTRAP_ADMIN_EMAIL: ADMIN_EMAIL,
    BOOTSTRAP_ADMIN_PASSWORD: ADMIN_PASSWORD,
    DEMO_DATA: 'false',
    ...extraEnv,
  });
  return {
    ...server,
    stop: async (signal) => {
      const code = await server.stop(signal);
      fs.rmSync(dir, { recursive: true, force: true });
      return code;
    },
  };
}
