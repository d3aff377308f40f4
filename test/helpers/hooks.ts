// Mocha root hooks: one shared stack (server + FerretDB) for the API tests, started lazily.
import { startStack, type Stack } from './stack';
import { stopPaymentsStack } from './deals';

let shared: Promise<Stack> | null = null;

/** The shared server for API tests. Tests isolate themselves by registering their own organizations. */
export function sharedStack(): Promise<Stack> {
  shared ??= startStack();
  return shared;
}

export const mochaHooks = {
  async afterAll(this: Mocha.Context) {
    this.timeout(30_000);
    if (shared) await (await shared).stop();
    await stopPaymentsStack();
  },
};
