// The repair pass (docs/recovery.md): finds what a crash in the middle of a multi-document sequence
// left behind and undoes (or, past the sequence's commit point, completes) it. Idempotent: a second
// pass finds nothing. Runs at start-up, every REPAIR_INTERVAL_SECONDS (without the upgrade backfills), and as
// `npm run repair`.
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
  /** The periodic pass (every REPAIR_INTERVAL_SECONDS) skips the steps that only mend data written by an older version. */
  periodic?: boolean;
}

type Step = [string, (rc: RepairContext) => Promise<RepairAction[]>, 'always' | 'startup'];

const STEPS: Step[] = [
  ['pledges', repairPledges, 'always'],
  ['organizations', repairOrganizations, 'always'],
  ['policies', repairPolicies, 'always'],
  // An upgrade's backfill: once this version has written every open listing nothing new can lack the
  // field, so the periodic pass need not scan the listings again.
  ['listings', repairListings, 'startup'],
  ['financing summaries', repairFinancingSummaries, 'always'],
  ['indicators', repairIndicators, 'always'], // last: a rebuild also sees what the steps above changed
];

let running: Promise<RepairAction[]> | null = null;

/** One pass over every step; each fix is logged (warn). A step that fails is logged and the others still run. */
export function runRepair(opts: RepairOptions): Promise<RepairAction[]> {
  running ??= (async () => {
    const t0 = Date.now();
    const rc: RepairContext = { log: opts.log, cutoff: new Date(Date.now() - opts.graceSeconds * 1000), highPledgeThresholdFen: opts.highPledgeThresholdFen };
    const all: RepairAction[] = [];
    for (const [name, step, when] of STEPS) {
      if (opts.periodic && when === 'startup') continue;
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
