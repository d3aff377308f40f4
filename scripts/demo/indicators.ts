// Demo populations for the per-10k indicator: Hegang's resident population in the 2020 census
// (第七次全国人口普查, 鹤岗市常住人口 891,271). The plan itself states no population; county figures
// are not seeded (the city figure is used for the city). Idempotent: an existing figure is kept.
// Then the indicator ledger is brought in line with the records, because demo seeds insert assets,
// certifications and registrations directly rather than through the services' hooks: keep this the
// LAST step of loadDemoData.
import { Population } from '../../models/population';
import { isDuplicateKey } from '../../services/errors';
import { rebuildLedger } from '../../services/indicators/recompute';
import { touchFigures } from '../../services/indicators/store';

export const DEMO_POPULATIONS: { year: number; county: null; population: number }[] = [{ year: 2020, county: null, population: 891_271 }];

/** Returns how many ledger figures had to be corrected. */
export async function seedDemoIndicators(): Promise<number> {
  for (const p of DEMO_POPULATIONS) {
    try {
      await Population.updateOne({ year: p.year, county: p.county }, { $setOnInsert: { population: p.population, demo: true } }, { upsert: true });
    } catch (err) {
      if (!isDuplicateKey(err)) throw err;
    }
  }
  await touchFigures();
  const { differences } = await rebuildLedger({ dryRun: false });
  return differences.length;
}
