// Injected faults for crash tests (docs/recovery.md). `faultPoint('registration.afterClaim')` kills
// this process with SIGKILL when FAULT_INJECT names that point, so a test can crash the server at an
// exact step of a multi-document sequence (no sleeps, no timing). Compiled in always, but inert
// unless NODE_ENV=test: the config refuses FAULT_INJECT in any other mode (server/config.ts), and
// this helper checks NODE_ENV again for scripts that do not load the config.

/** Every point a test may name; FAULT_INJECT must be one of them (a typo would test nothing). */
export const FAULT_POINTS = [
  'registration.afterPending', // pledge registration written PENDING, no asset claimed yet
  'registration.afterFirstClaim', // the first asset claimed, the others not
  'registration.afterClaim', // every asset claimed, the application still APPROVED
  'registration.afterApplication', // the application REGISTERED, the registration still PENDING
  'registration.afterActivate', // the registration ACTIVE, not yet counted in the indicator
  'register.afterOrganization', // organization created, its first user not
  'bind.afterQuoteClaim', // quote marked bound, the policy not inserted
  'indicators.rebuild.afterMarker', // rebuild marker written, nothing rewritten
  'indicators.rebuild.afterDelete', // the whole ledger deleted, not yet re-inserted
  'mail.afterClaim', // a mail's send attempt claimed, nothing sent
  'mail.afterSend', // the SMTP server accepted the mail, not yet marked SENT
  'loanSummary.beforeClaim', // a loan moved, its financing summary sync not claimed
  'loanSummary.afterApply', // the sync's delta added to the (year, county) figures, the loan not marked counted
] as const;
export type FaultPoint = (typeof FAULT_POINTS)[number];

let configured: string | null | undefined;

/** The configured point, or null. Throws for FAULT_INJECT outside NODE_ENV=test or an unknown name. */
export function configuredFault(env: NodeJS.ProcessEnv = process.env): string | null {
  const want = env.FAULT_INJECT;
  if (!want) return null;
  if (env.NODE_ENV !== 'test') throw new Error('FAULT_INJECT is only allowed with NODE_ENV=test');
  if (!(FAULT_POINTS as readonly string[]).includes(want)) throw new Error(`FAULT_INJECT must be one of ${FAULT_POINTS.join(', ')}`);
  return want;
}

/** Dies here, at once and without cleanup (as kill -9 would), when this is the configured point. */
export function faultPoint(name: FaultPoint): void {
  if (configured === undefined) {
    try {
      configured = configuredFault();
    } catch {
      configured = null; // refused: never fire
    }
  }
  if (configured !== name) return;
  process.stderr.write(`FAULT_INJECT: crashing at ${name}\n`);
  process.kill(process.pid, 'SIGKILL');
  // SIGKILL to oneself lands at once; should it not, block here rather than run the next step.
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 5000);
  process.exit(137);
}
