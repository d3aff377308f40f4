// The embedded database: FerretDB 1.24 with its SQLite backend, run as a child process on a free
// loopback port, with its files under DATA_DIR/db. Built once from the Go module proxy into
// .cache/bin when it is missing or its wrapper source changed (see scripts/ferretdb/main.go for why
// it is a small wrapper). It lives no longer than the process that started it: it gets a pipe on
// stdin and our pid, and stops when the pipe closes or its parent changes (kill -9 included).
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { cacheBinDir, projectRoot } from './paths';
import { identityOf, isSameProcessRunning, waitForExit, type ProcessIdentity } from './procInfo';

export interface EmbeddedDb {
  uri: string;
  port: number;
  process: ChildProcess;
  stop(): Promise<void>;
}

type Say = (msg: string) => void;

const wrapperDir = path.join(projectRoot, 'scripts', 'ferretdb');

/** sha256 of the wrapper's source (every file of scripts/ferretdb, by name, contents concatenated);
 * scripts/build-tools.sh computes the same value and keeps it in .cache/bin/ferretdb.stamp. */
export function wrapperSourceHash(): string {
  const hash = createHash('sha256');
  const names = fs.readdirSync(wrapperDir).filter((n) => fs.statSync(path.join(wrapperDir, n)).isFile());
  for (const name of names.sort()) hash.update(fs.readFileSync(path.join(wrapperDir, name)));
  return hash.digest('hex');
}

/** Path of a runnable ferretdb binary, building it with Go when it is missing or older than its
 * wrapper source (the stamp file next to it differs). Throws with advice when it can't. */
export function ensureFerretBinary(say: Say, override?: string): string {
  if (override) {
    if (!fs.existsSync(override)) throw new Error(`FERRETDB_BIN=${override} does not exist`);
    return override;
  }
  const bin = path.join(cacheBinDir, 'ferretdb');
  const stampFile = `${bin}.stamp`;
  const want = wrapperSourceHash();
  const built = fs.existsSync(bin);
  if (built && fs.existsSync(stampFile) && fs.readFileSync(stampFile, 'utf8').trim() === want) return bin;
  const go = spawnSync('go', ['version'], { encoding: 'utf8' });
  if (go.error || go.status !== 0) {
    throw new Error(
      built
        ? 'The embedded FerretDB (.cache/bin/ferretdb) was built from an older scripts/ferretdb and Go is not ' +
            'installed to rebuild it. Install Go 1.24+ and start again, or run scripts/build-tools.sh, ' +
            'or set MONGODB_URI=mongodb://host:27017/hegang.'
        : 'No database: MONGODB_URI is unset and the embedded FerretDB is not built (.cache/bin/ferretdb), ' +
            'and Go is not installed to build it. Either set MONGODB_URI=mongodb://host:27017/hegang, ' +
            'or install Go 1.24+ and start again (the server then runs `go install` for FerretDB v1.24.2 once), ' +
            'or run scripts/build-tools.sh.',
    );
  }
  say(
    `${built ? 'Rebuilding the embedded database (its wrapper in scripts/ferretdb changed)' : 'Building the embedded database (FerretDB v1.24.2)'} ` +
      `with ${go.stdout.trim()} into .cache/bin; this takes a minute or two...`,
  );
  const started = Date.now();
  const build = spawnSync('bash', [path.join(wrapperDir, 'build.sh'), cacheBinDir], {
    cwd: wrapperDir, // (build.sh sets GOBIN from its argument and GOFLAGS=-mod=mod unless given)
    encoding: 'utf8',
    stdio: ['ignore', 'inherit', 'pipe'],
  });
  if (build.status !== 0) {
    throw new Error(`Building FerretDB failed (scripts/ferretdb/build.sh):\n${build.stderr}`);
  }
  fs.writeFileSync(stampFile, `${want}\n`);
  say(`FerretDB built in ${Math.round((Date.now() - started) / 1000)} s: ${bin}`);
  return bin;
}

/**
 * A port the system has just handed out for 127.0.0.1. `avoid`: ports another listener of ours is
 * about to bind (the API's own PORT): the kernel may hand one out again before it is bound.
 */
export async function freePort(avoid: readonly number[] = []): Promise<number> {
  for (;;) {
    const port = await anyFreePort();
    if (!avoid.includes(port)) return port;
  }
}

function anyFreePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

/** True when something accepts TCP connections on 127.0.0.1:port. */
export function canConnect(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const sock = net.connect({ port, host: '127.0.0.1' });
    sock.once('connect', () => {
      sock.destroy();
      resolve(true);
    });
    sock.once('error', () => resolve(false));
  });
}

/**
 * FerretDB's storage: SQLite files under the data directory (the default), or a PostgreSQL database
 * (FERRETDB_BACKEND=postgresql with FERRETDB_POSTGRESQL_URL; docs/performance.md compares them).
 */
export type FerretBackend = { handler: 'sqlite' } | { handler: 'postgresql'; url: string };

/** The backend named by FERRETDB_BACKEND / FERRETDB_POSTGRESQL_URL (server/config.ts checks them). */
export function backendFromEnv(env: NodeJS.ProcessEnv = process.env): FerretBackend {
  const handler = env.FERRETDB_BACKEND ?? 'sqlite';
  if (handler === 'sqlite') return { handler };
  if (handler !== 'postgresql') throw new Error(`FERRETDB_BACKEND must be sqlite or postgresql, not ${handler}`);
  const url = env.FERRETDB_POSTGRESQL_URL;
  if (!url) throw new Error('FERRETDB_BACKEND=postgresql needs FERRETDB_POSTGRESQL_URL (e.g. postgres://postgres@127.0.0.1:5432/hegang)');
  return { handler, url };
}

export interface StartOptions {
  bin: string;
  dataDir: string; // FerretDB's SQLite files go here (and nothing with the PostgreSQL backend)
  /** Default: backendFromEnv(). */
  backend?: FerretBackend;
  port?: number;
  /** Ports a port chosen here must not be (the API's PORT, bound after the database starts). */
  avoidPorts?: readonly number[];
  database?: string;
  /** Where to record the child's pid and start time, so a later start can stop a stale one. */
  pidFile?: string;
  onExit?: (code: number | null, signal: NodeJS.Signals | null) => void;
}

interface PidFileContent extends ProcessIdentity {
  bin: string;
  port: number;
}

/**
 * Stops a FerretDB left running by an earlier server on this DATA_DIR (one killed before FerretDB
 * could notice, or one built from an older wrapper that did not watch its parent): the process in
 * the pid file, when it still runs with the recorded start time. Returns its pid when it stopped one.
 * Call only while holding the DATA_DIR lock: then any FerretDB recorded there is nobody's.
 */
export async function stopStaleEmbeddedDb(pidFile: string): Promise<number | null> {
  let recorded: PidFileContent;
  try {
    recorded = JSON.parse(fs.readFileSync(pidFile, 'utf8')) as PidFileContent;
  } catch {
    fs.rmSync(pidFile, { force: true });
    return null;
  }
  let stopped: number | null = null;
  if (typeof recorded.pid === 'number' && recorded.pid !== process.pid && isSameProcessRunning({ pid: recorded.pid, startTime: recorded.startTime ?? null })) {
    try {
      process.kill(recorded.pid, 'SIGTERM');
      if (!(await waitForExit(recorded.pid, 10_000))) {
        process.kill(recorded.pid, 'SIGKILL');
        await waitForExit(recorded.pid, 5_000);
      }
      stopped = recorded.pid;
    } catch {
      /* gone meanwhile */
    }
  }
  fs.rmSync(pidFile, { force: true });
  return stopped;
}

/** Starts FerretDB and resolves once it accepts connections. */
export async function startEmbeddedDb(opts: StartOptions): Promise<EmbeddedDb> {
  fs.mkdirSync(opts.dataDir, { recursive: true, mode: 0o700 });
  const port = opts.port ?? (await freePort(opts.avoidPorts));
  const backend = opts.backend ?? backendFromEnv();
  const storage = backend.handler === 'sqlite' ? ['-handler', 'sqlite', '-sqlite-url', `file:${opts.dataDir}/`] : ['-handler', 'postgresql', '-postgresql-url', backend.url];
  const child = spawn(
    opts.bin,
    [
      '-listen-addr', `127.0.0.1:${port}`,
      ...storage,
      '-log-level', 'error',
      '-exit-on-stdin-eof',
      '-parent-pid', String(process.pid),
    ],
    { stdio: ['pipe', 'ignore', 'pipe'] },
  );
  // The pipe is never written: its other end closing (our death, however it comes) stops FerretDB.
  child.stdin!.on('error', () => undefined);
  if (opts.pidFile && child.pid) {
    const content: PidFileContent = { ...identityOf(child.pid), bin: opts.bin, port };
    fs.writeFileSync(opts.pidFile, JSON.stringify(content), { mode: 0o600 });
  }
  let stderr = '';
  child.stderr?.on('data', (d: Buffer) => {
    stderr = (stderr + d.toString()).slice(-4000);
  });
  let exited = false;
  let started = false;
  child.once('exit', (code, signal) => {
    exited = true;
    if (opts.pidFile) removePidFileOf(opts.pidFile, child.pid);
    if (started) opts.onExit?.(code, signal);
  });
  child.once('error', (err) => {
    exited = true; // could not spawn (e.g. not executable)
    stderr += err.message;
  });

  const deadline = Date.now() + 30_000;
  while (!(await canConnect(port))) {
    if (exited) {
      await new Promise((r) => setTimeout(r, 50)); // let its last stderr arrive
      throw new Error(`FerretDB exited during start-up:\n${stderr}`);
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`FerretDB did not listen on 127.0.0.1:${port} within 30 s:\n${stderr}`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  started = true;

  return {
    uri: `mongodb://127.0.0.1:${port}/${opts.database ?? 'hegang'}`,
    port,
    process: child,
    stop: () =>
      new Promise<void>((resolve) => {
        if (exited) return resolve();
        const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
        child.once('exit', () => {
          clearTimeout(timer);
          resolve();
        });
        child.kill('SIGTERM');
      }),
  };
}

function removePidFileOf(pidFile: string, pid: number | undefined): void {
  try {
    const recorded = JSON.parse(fs.readFileSync(pidFile, 'utf8')) as { pid?: number };
    if (recorded.pid === pid) fs.rmSync(pidFile, { force: true });
  } catch {
    /* gone or unreadable */
  }
}

/** The stderr of a failed start, for telling "address already in use" from other failures. */
export function isAddressInUse(err: unknown): boolean {
  return err instanceof Error && /address already in use/i.test(err.message);
}
