// The embedded database: FerretDB 1.24 with its SQLite backend, run as a child process on a free
// loopback port, with its files under DATA_DIR/db. Built once from the Go module proxy into
// .cache/bin when it is missing (see scripts/ferretdb/main.go for why it is a small wrapper).
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { cacheBinDir, projectRoot } from './paths';

export interface EmbeddedDb {
  uri: string;
  port: number;
  process: ChildProcess;
  stop(): Promise<void>;
}

type Say = (msg: string) => void;

/** Path of a runnable ferretdb binary, building it with Go when needed. Throws with advice when it can't. */
export function ensureFerretBinary(say: Say, override?: string): string {
  if (override) {
    if (!fs.existsSync(override)) throw new Error(`FERRETDB_BIN=${override} does not exist`);
    return override;
  }
  const bin = path.join(cacheBinDir, 'ferretdb');
  if (fs.existsSync(bin)) return bin;
  const go = spawnSync('go', ['version'], { encoding: 'utf8' });
  if (go.error || go.status !== 0) {
    throw new Error(
      'No database: MONGODB_URI is unset and the embedded FerretDB is not built (.cache/bin/ferretdb), ' +
        'and Go is not installed to build it. Either set MONGODB_URI=mongodb://host:27017/hegang, ' +
        'or install Go 1.22+ and start again (the server then runs `go install` for FerretDB v1.24.2 once), ' +
        'or run scripts/build-tools.sh.',
    );
  }
  say(`Building the embedded database (FerretDB v1.24.2) with ${go.stdout.trim()} into .cache/bin; this happens once and takes a minute or two...`);
  const started = Date.now();
  const build = spawnSync('go', ['install', '.'], {
    cwd: path.join(projectRoot, 'scripts', 'ferretdb'),
    env: { ...process.env, GOBIN: cacheBinDir, GOFLAGS: process.env.GOFLAGS ?? '-mod=mod' },
    encoding: 'utf8',
    stdio: ['ignore', 'inherit', 'pipe'],
  });
  if (build.status !== 0) {
    throw new Error(`Building FerretDB failed (go install in scripts/ferretdb):\n${build.stderr}`);
  }
  say(`FerretDB built in ${Math.round((Date.now() - started) / 1000)} s: ${bin}`);
  return bin;
}

export function freePort(): Promise<number> {
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

export interface StartOptions {
  bin: string;
  dataDir: string; // FerretDB's SQLite files go here
  port?: number;
  database?: string;
  onExit?: (code: number | null, signal: NodeJS.Signals | null) => void;
}

/** Starts FerretDB and resolves once it accepts connections. */
export async function startEmbeddedDb(opts: StartOptions): Promise<EmbeddedDb> {
  fs.mkdirSync(opts.dataDir, { recursive: true });
  const port = opts.port ?? (await freePort());
  const child = spawn(
    opts.bin,
    ['-listen-addr', `127.0.0.1:${port}`, '-handler', 'sqlite', '-sqlite-url', `file:${opts.dataDir}/`, '-log-level', 'error'],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  );
  let stderr = '';
  child.stderr?.on('data', (d: Buffer) => {
    stderr = (stderr + d.toString()).slice(-4000);
  });
  let exited = false;
  child.once('exit', (code, signal) => {
    exited = true;
    opts.onExit?.(code, signal);
  });

  const deadline = Date.now() + 30_000;
  while (!(await canConnect(port))) {
    if (exited) throw new Error(`FerretDB exited during start-up:\n${stderr}`);
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`FerretDB did not listen on 127.0.0.1:${port} within 30 s:\n${stderr}`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }

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
