// What a repair step is given and what it reports.
import type { Logger } from '../../server/logger';

export interface RepairContext {
  log: Logger;
  /** Only leftovers older than this are touched: younger ones may belong to a request still running. */
  cutoff: Date;
  highPledgeThresholdFen: number;
}

/** One thing the repair pass fixed, as logged and returned. */
export interface RepairAction {
  kind: string; // e.g. 'pledge.claim.released'
  id: string; // the document fixed
  detail: string;
}
