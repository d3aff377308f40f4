// Every process a test starts (servers, FerretDB, stripe-mock) is registered here and stopped when
// the run ends: by the root afterAll hook (hooks.ts), and, for a run that ends early (process.exit
// from a test, mocha's --exit, an uncaught error), by a synchronous SIGKILL on the process's 'exit'
// event. A server killed this way takes its embedded FerretDB with it (the wrapper watches its stdin).
import type { ChildProcess } from 'node:child_process';

const running = new Set<ChildProcess>();

/** Registers a child; it is forgotten when it exits. */
export function track<T extends ChildProcess>(child: T): T {
  running.add(child);
  child.once('exit', () => running.delete(child));
  child.once('error', () => running.delete(child));
  return child;
}

/** The tracked children still running. */
export function trackedChildren(): ChildProcess[] {
  return [...running].filter((c) => c.exitCode === null && c.signalCode === null);
}

/** Sends SIGKILL to every tracked child still running; synchronous, safe in an 'exit' handler. */
export function killAllChildren(): number {
  let n = 0;
  for (const child of trackedChildren()) {
    try {
      if (child.kill('SIGKILL')) n++;
    } catch {
      /* already gone */
    }
  }
  running.clear();
  return n;
}

/** Stops every tracked child: SIGTERM, then SIGKILL for any still running after `graceMs`. */
export async function stopAllChildren(graceMs = 10_000): Promise<void> {
  const children = trackedChildren();
  await Promise.all(
    children.map(
      (child) =>
        new Promise<void>((resolve) => {
          if (child.exitCode !== null || child.signalCode !== null) return resolve();
          const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
          child.once('exit', () => {
            clearTimeout(timer);
            resolve();
          });
          child.kill('SIGTERM');
        }),
    ),
  );
  running.clear();
}

process.on('exit', () => {
  killAllChildren();
});
