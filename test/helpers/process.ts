// Helpers for the process-level tests: servers on their own DATA_DIR with the embedded FerretDB,
// starts that are expected to be refused, and the pid of a server's FerretDB.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { FERRETDB_PID_FILE } from '../../server/dataDir';
import { projectRoot } from '../../server/paths';
import { isRunning, waitForExit } from '../../server/procInfo';
import { ADMIN_EMAIL, ADMIN_PASSWORD, startServer, type ServerHandle } from './stack';

export { isRunning, waitForExit };

/** The environment of a server with its own embedded FerretDB on `dataDir` (no MONGODB_URI). */
export function embeddedEnv(dataDir: string, extra: Record<string, string> = {}): Record<string, string> {
  return {
    NODE_ENV: 'test',
    DATA_DIR: dataDir,
    DB_TIMEOUT_MS: '1500',
    BOOTSTRAP_ADMIN_EMAIL: ADMIN_EMAIL,
    BOOTSTRAP_ADMIN_PASSWORD: ADMIN_PASSWORD,
    DEMO_DATA: 'false',
    ...extra,
  };
}

export type StartResult = { server: ServerHandle; code?: undefined; output: string } | { server?: undefined; code: number | null; output: string };

/** Starts a server, or reports how it exited when it refused to start. */
export async function tryStartServer(env: Record<string, string>): Promise<StartResult> {
  try {
    const server = await startServer(env);
    return { server, output: server.output() };
  } catch (err) {
    const m = /^server exited \((\S+)\) during start-up:\n([\s\S]*)$/.exec((err as Error).message);
    if (!m) throw err;
    return { code: m[1] === 'null' ? null : Number(m[1]), output: m[2]! };
  }
}

/** The pid of the FerretDB a server runs for `dataDir`, from DATA_DIR/ferretdb.pid. */
export function ferretPidOf(dataDir: string): number {
  const recorded = JSON.parse(fs.readFileSync(path.join(dataDir, FERRETDB_PID_FILE), 'utf8')) as { pid: number };
  return recorded.pid;
}

/** Polls `check` every 100 ms until it is true or `timeoutMs` passes; returns the last result. */
export async function eventually(check: () => Promise<boolean> | boolean, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await check()) return true;
    if (Date.now() > deadline) return false;
    await new Promise((r) => setTimeout(r, 100));
  }
}

export function modeOf(file: string): string {
  return (fs.statSync(file).mode & 0o777).toString(8);
}

/** Runs the built server with only PATH, HOME and `env` until it exits by itself (20 s at most); its output. */
export function runToExit(env: Record<string, string>): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(projectRoot, 'dist/server/main.js')], {
      cwd: projectRoot,
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`server did not exit within 20 s:\n${output}`));
    }, 20_000);
    child.once('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, output });
    });
  });
}
