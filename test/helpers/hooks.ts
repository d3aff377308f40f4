// Mocha root hooks: one shared stack (server + FerretDB) for the API tests, started lazily; at the
// end of the run every process a test started is stopped (children.ts).
import { startStack, type Stack } from './stack';
import { stopPaymentsStack } from './deals';
import { stopAllChildren } from './children';
import { closeBrowser } from './browser';

let shared: Promise<Stack> | null = null;

/** The shared server for API tests. Tests isolate themselves by registering their own organizations. */
export function sharedStack(): Promise<Stack> {
  shared ??= startStack();
  return shared;
}

export const mochaHooks = {
  async afterAll(this: Mocha.Context) {
    this.timeout(30_000);
    try {
      await closeBrowser();
      if (shared) await (await shared).stop();
      await stopPaymentsStack();
    } finally {
      await stopAllChildren(); // whatever a test started and did not stop (a failed test, a missed after hook)
    }
  },
};
