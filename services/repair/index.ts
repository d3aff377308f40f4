// The repair pass (docs/recovery.md): finds what a crash in the middle of a multi-document sequence
// left behind and undoes (or, past the sequence's commit point, completes) it. Idempotent: a second
// pass finds nothing. Runs at start-up, every REPAIR_INTERVAL_SECONDS, and as `npm run repair`.
import type { Logger } from '../../server/logger';
import { repairFinancingSummaries } from './financingSummaries';
import { repairIndicators } from './indicators';
import { repairListings } from './listings';
import { repairOrganizations } from './organizations';
import { repairPledges } from './pledges';
import { repairPolicies } from './policies';
import type { RepairAction, RepairContext } from './types';

export type { RepairAction } from './types';

export interface RepairOptions {
  log: Logger;
  graceSeconds: number;
  highPledgeThresholdFen: number;
}

const STEPS: [string, (rc: RepairContext) => Promise<RepairAction[]>][] = [
  ['pledges', repairPledges],
  ['organizations', repairOrganizations],
  ['policies', repairPolicies],
  ['listings', repairListings],
  ['financing summaries', repairFinancingSummaries],
  ['indicators', repairIndicators], // last: a rebuild also sees what the steps above changed
];

let running: Promise<RepairAction[]> | null = null;

/** One pass over every step; each fix is logged (warn). A step that fails is logged and the others still run. */
export function runRepair(opts: RepairOptions): Promise<RepairAction[]> {
  running ??= (async () => {
    const t0 = Date.now();
    const rc: RepairContext = { log: opts.log, cutoff: new Date(Date.now() - opts.graceSeconds * 1000), highPledgeThresholdFen: opts.highPledgeThresholdFen };
    const all: RepairAction[] = [];
    for (const [name, step] of STEPS) {
      try {
        for (const action of await step(rc)) {
          opts.log.warn({ repair: action.kind, id: action.id }, `repair: ${action.detail}`);
          all.push(action);
        }
      } catch (err) {
        opts.log.error({ err, step: name }, `repair: the ${name} step failed; the next pass tries again`);
      }
    }
    opts.log.info({ fixed: all.length, ms: Date.now() - t0 }, all.length ? `repair pass fixed ${all.length} leftover(s)` : 'repair pass: nothing to fix');
    return all;
  })().finally(() => (running = null));
  return running;
}
