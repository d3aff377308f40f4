// Demo records (documents with demo: true) count in the indicators only in demo mode (config
// DEMO_DATA=true, set once at start-up by server/main.ts). Outside it they are left out of the
// ledger kept by the writes, of the recomputation and of the populations read (issue 11, point 8).
let countDemo = process.env.DEMO_DATA !== 'false';

export function setCountDemoRecords(on: boolean): void {
  countDemo = on;
}

export function countsDemoRecords(): boolean {
  return countDemo;
}

/** Whether a record counts in the indicators. */
export function countsInIndicators(doc: { demo?: boolean | null } | null | undefined): boolean {
  return !!doc && (countDemo || doc.demo !== true);
}

/** A query filter leaving demo records out unless demo mode is on. */
export function demoFilter(): Record<string, unknown> {
  return countDemo ? {} : { demo: { $ne: true } };
}
