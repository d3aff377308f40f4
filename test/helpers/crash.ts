// Crash tests: one FerretDB for a test file, servers started on it (some with FAULT_INJECT set, so
// they kill themselves with SIGKILL at a named step), and every server stopped afterwards.
import fs from 'node:fs';
import path from 'node:path';
import { expect } from 'chai';
import { ensureFerretBinary, startEmbeddedDb, type EmbeddedDb } from '../../server/embeddedDb';
import { ADMIN_EMAIL, ADMIN_PASSWORD, JWT_SECRET, startServer, tempDir, type ServerHandle } from './stack';

export class CrashBench {
  private servers: ServerHandle[] = [];
  private constructor(
    readonly db: EmbeddedDb,
    readonly tmp: string,
  ) {}

  static async start(): Promise<CrashBench> {
    const tmp = tempDir('recovery');
    const db = await startEmbeddedDb({ bin: ensureFerretBinary(() => undefined), dataDir: path.join(tmp, 'db'), database: 'hegang_recovery' });
    return new CrashBench(db, tmp);
  }

  env(extra: Record<string, string> = {}): Record<string, string> {
    return {
      NODE_ENV: 'test',
      DATA_DIR: path.join(this.tmp, 'data'),
      MONGODB_URI: this.db.uri,
      DB_TIMEOUT_MS: '1500',
      JWT_SECRET,
      BOOTSTRAP_ADMIN_EMAIL: ADMIN_EMAIL,
      BOOTSTRAP_ADMIN_PASSWORD: ADMIN_PASSWORD,
      DEMO_DATA: 'false',
      REPAIR_GRACE_SECONDS: '0', // nothing else runs on this database: every leftover is one
      ...extra,
    };
  }

  /** A server on this database (normal unless `extra` sets FAULT_INJECT). */
  async server(extra: Record<string, string> = {}): Promise<ServerHandle> {
    const s = await startServer(this.env(extra));
    this.servers.push(s);
    return s;
  }

  /** Stops every server still running (SIGKILL: nothing to drain). */
  async stopServers(): Promise<void> {
    await Promise.all(this.servers.map((s) => s.stop('SIGKILL')));
    this.servers = [];
  }

  async stop(): Promise<void> {
    await this.stopServers();
    await this.db.stop();
    fs.rmSync(this.tmp, { recursive: true, force: true });
  }
}

/** Resolves with the signal (or exit code) once the server process has ended. */
export function ended(s: ServerHandle): Promise<string | number | null> {
  const p = s.process;
  if (p.exitCode !== null || p.signalCode !== null) return Promise.resolve(p.signalCode ?? p.exitCode);
  return new Promise((resolve) => p.once('exit', (code, signal) => resolve(signal ?? code)));
}

/**
 * Runs `trigger` against a server started with FAULT_INJECT=point and checks that the request got no
 * answer because the process killed itself at that point (SIGKILL), and at no other.
 */
export async function expectCrash(s: ServerHandle, point: string, trigger: () => Promise<unknown>): Promise<void> {
  const outcome = await trigger().then(
    (value) => ({ answered: true, value }),
    (err: unknown) => ({ answered: false, value: err }),
  );
  expect(outcome.answered, `the request was answered: ${JSON.stringify(outcome.value)}`).to.equal(false);
  expect(await ended(s)).to.equal('SIGKILL');
  expect(s.output()).to.include(`FAULT_INJECT: crashing at ${point}`);
}

/** The repair kinds a server logged (pino JSON lines with a `repair` field). */
export function repairsLogged(s: ServerHandle): string[] {
  return s
    .output()
    .split('\n')
    .filter((l) => l.includes('"repair"'))
    .map((l) => (JSON.parse(l) as { repair: string }).repair);
}
