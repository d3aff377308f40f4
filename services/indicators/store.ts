// The stored figures planIndicators needs (ledger, official statistics, populations, plans: small
// collections, a few thousand documents at most), cached per process and re-read only when the
// shared stamp (services/sharedStamp.ts) changed. Every write to them ends with touchFigures(), after the write itself, so a
// reader that sees the new stamp reads rows that include the write. (FerretDB answers even a small
// filtered find by scanning; one read of the stamp document per request is much cheaper.)
import { IndicatorDelta } from '../../models/indicatorDelta';
import { OfficialStatistic } from '../../models/officialStatistic';
import { Population } from '../../models/population';
import { readStamp, touchStamp } from '../sharedStamp';
import { Plan } from '../../models/plan';
import type { LedgerRow, PopulationRow, StatRow } from './figures';
import { demoFilter } from './demoMode';
import type { PlanRow } from './plans';

const STAMP_ID = 'indicators';

export interface FiguresSnapshot {
  stamp: string;
  ledger: LedgerRow[];
  stats: StatRow[];
  populations: PopulationRow[];
  plans: PlanRow[];
}

let cached: FiguresSnapshot | null = null;

/** Marks the figures changed, for every process. Call after the write. */
export async function touchFigures(): Promise<void> {
  await touchStamp(STAMP_ID);
  cached = null;
}

/** All stored figures, from the cache when nothing changed since it was filled. */
export async function figuresSnapshot(): Promise<FiguresSnapshot> {
  const stamp = await readStamp(STAMP_ID);
  if (cached && cached.stamp === stamp) return cached;
  const [ledger, stats, populations, plans] = await Promise.all([
    IndicatorDelta.find({}, { _id: 0, code: 1, year: 1, county: 1, amount: 1 }).lean(),
    OfficialStatistic.find({ withdrawn: { $ne: true } }, { _id: 0, code: 1, year: 1, county: 1, value: 1 }).lean(),
    // Demo populations count only in demo mode (services/indicators/demoMode.ts).
    Population.find(demoFilter(), { _id: 0, year: 1, county: 1, population: 1 }).lean(),
    Plan.find({}, { history: 0 }).sort({ firstYear: 1, _id: 1 }).lean(),
  ]);
  cached = { stamp, ledger, stats, populations, plans: plans as unknown as PlanRow[] };
  return cached;
}
