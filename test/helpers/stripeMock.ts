// stripe-mock (Stripe's own mock API server) as a child process on free loopback ports.
// The binary is .cache/bin/stripe-mock; when it is missing and Go is installed it is built once
// (GOBIN=.cache/bin go install github.com/stripe/stripe-mock@v0.203.0).
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { canConnect, freePort } from '../../server/embeddedDb';
import { cacheBinDir } from '../../server/paths';
import { track } from './children';

export const STRIPE_MOCK_VERSION = 'v0.203.0';

export interface StripeMock {
  port: number;
  url: string; // http://127.0.0.1:PORT, for STRIPE_API_BASE
  process: ChildProcess;
  stop(): Promise<void>;
}

export function ensureStripeMockBinary(): string {
  const bin = path.join(cacheBinDir, 'stripe-mock');
  if (fs.existsSync(bin)) return bin;
  const build = spawnSync('go', ['install', `github.com/stripe/stripe-mock@${STRIPE_MOCK_VERSION}`], {
    env: { ...process.env, GOBIN: cacheBinDir },
    encoding: 'utf8',
  });
  if (build.error || build.status !== 0 || !fs.existsSync(bin)) {
    throw new Error(
      `stripe-mock is not built (${bin}) and building it failed: install Go 1.22+ or run ` +
        `GOBIN=$PWD/.cache/bin go install github.com/stripe/stripe-mock@${STRIPE_MOCK_VERSION}\n${build.stderr ?? build.error?.message ?? ''}`,
    );
  }
  return bin;
}

/** Starts stripe-mock with HTTP (and its HTTPS listener, which it always opens) on free loopback ports. */
export async function startStripeMock(): Promise<StripeMock> {
  const bin = ensureStripeMockBinary();
  const port = await freePort();
  const httpsPort = await freePort([port]);
  const child = track(spawn(bin, ['-http-addr', `127.0.0.1:${port}`, '-https-addr', `127.0.0.1:${httpsPort}`], { stdio: ['ignore', 'ignore', 'pipe'] }));
  let stderr = '';
  child.stderr!.on('data', (d: Buffer) => (stderr = (stderr + d.toString()).slice(-4000)));
  let exited = false;
  child.once('exit', () => (exited = true));
  const deadline = Date.now() + 20_000;
  while (!(await canConnect(port))) {
    if (exited) throw new Error(`stripe-mock exited during start-up:\n${stderr}`);
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`stripe-mock did not listen on ${port} within 20 s:\n${stderr}`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  return {
    port,
    url: `http://127.0.0.1:${port}`,
    process: child,
    stop: () =>
      new Promise<void>((resolve) => {
        if (exited) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}
