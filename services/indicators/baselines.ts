// The 2021-2025 plan as data, and its 2020 baselines (基期值) as official statistics for the whole city, loaded at every
// start-up whatever DEMO_DATA says: they are facts from the plan, so planIndicators(2020) shows the
// plan's table. Idempotent; a figure the city IP office reported for 2020 is left as it is.
import { OfficialStatistic } from '../../models/officialStatistic';
import { withLock } from '../atomic';
import { isDuplicateKey } from '../errors';
import { BASELINE_YEAR, INDICATORS } from './definitions';
import { touchFigures } from './store';
import { loadSeedPlan } from './plans';

/** The 2021-2025 plan (plans.ts) and its 2020 baselines as the city's official statistics. */
export async function loadPlanBaselines(): Promise<void> {
  await loadSeedPlan();
  for (const def of INDICATORS) {
    const key = { code: def.code, year: BASELINE_YEAR, county: null };
    await withLock(`OfficialStatistic:${def.code}:${BASELINE_YEAR}:CITY`, async () => {
      try {
        await OfficialStatistic.updateOne(key, { $setOnInsert: { value: def.baseline, origin: 'PLAN_BASELINE' } }, { upsert: true });
      } catch (err) {
        if (!isDuplicateKey(err)) throw err; // another instance inserted it first
      }
    });
  }
  await touchFigures();
}
