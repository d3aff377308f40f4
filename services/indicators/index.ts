// The plan's five indicators by year and area: read from the ledger the writes keep current
// (never a scan of the records), official statistics that win over it, populations, the audit.
import { IndicatorDelta } from '../../models/indicatorDelta';
import { OfficialStatistic } from '../../models/officialStatistic';
import { Population } from '../../models/population';
import { COUNTIES, type County } from '../../models/enums';
import type { ServiceContext } from '../context';
import { requireRegulator } from '../authz';
import { withLock } from '../atomic';
import { badInput } from '../errors';
import * as v from '../validate';
import { recordAudit } from '../audit';
import { FIRST_YEAR, INDICATORS, LAST_YEAR, definitionOf, type IndicatorCode } from './definitions';
import { indicatorViews, ledgerAmounts, type IndicatorView } from './figures';
import { computeFromRecords } from './recompute';
import { figuresSnapshot, touchFigures } from './store';

export type { IndicatorView };

export function validYear(field: string, year: number): number {
  return v.intInRange(field, year, FIRST_YEAR, LAST_YEAR);
}

/** All five indicators for the end of `year` in an area (null = the whole city), in the plan's order. Public. */
export async function planIndicators(_ctx: ServiceContext | null, year: number, county: County | null = null): Promise<IndicatorView[]> {
  validYear('year', year);
  const all = await figuresSnapshot();
  return indicatorViews({
    year,
    county,
    ledger: all.ledger.filter((r) => r.year <= year && (!county || r.county === county)),
    stats: all.stats.filter((s) => s.year >= FIRST_YEAR && s.year <= year && (s.county ?? null) === county),
    populations: all.populations.filter((p) => p.year <= year),
  });
}

export interface OfficialStatisticInput {
  code: IndicatorCode;
  year: number;
  county?: County | null;
  value: number;
}

/** REGULATOR: records the official figure for a year and area (replacing an earlier one); it wins over the platform's. */
export async function reportOfficialStatistic(ctx: ServiceContext, input: OfficialStatisticInput): Promise<IndicatorView> {
  const viewer = await requireRegulator(ctx);
  const def = definitionOf(input.code);
  validYear('year', input.year);
  const county = input.county ?? null;
  if (!Number.isFinite(input.value) || input.value < 0) throw badInput('value', 'must be a number >= 0');
  if (def.integer && !Number.isInteger(input.value)) throw badInput('value', `must be a whole number for ${def.name}`);
  const key = { code: def.code, year: input.year, county };
  await withLock(`OfficialStatistic:${def.code}:${input.year}:${county ?? 'CITY'}`, () =>
    OfficialStatistic.updateOne(key, { $set: { value: input.value, origin: 'REGULATOR', reportedBy: viewer.userId } }, { upsert: true }),
  );
  await touchFigures();
  await recordAudit(ctx, {
    kind: 'REPORT_OFFICIAL_STATISTIC', targetType: 'OfficialStatistic', targetId: `${def.code}:${input.year}:${county ?? 'CITY'}`,
    summary: `Reported ${def.code} for ${county ?? 'the city'} in ${input.year}: ${input.value}`, details: { ...key, value: input.value },
  });
  const views = await planIndicators(ctx, input.year, county);
  return views.find((x) => x.code === def.code)!;
}

/** REGULATOR: the resident population of an area (null = the whole city) in a year. */
export async function setPopulation(ctx: ServiceContext, year: number, county: County | null | undefined, population: number): Promise<boolean> {
  const viewer = await requireRegulator(ctx);
  validYear('year', year);
  v.intInRange('population', population, 1, 1_000_000_000);
  const area = county ?? null;
  await withLock(`Population:${year}:${area ?? 'CITY'}`, () =>
    Population.updateOne({ year, county: area }, { $set: { population, setBy: viewer.userId, demo: false } }, { upsert: true }),
  );
  await touchFigures();
  return true;
}

export interface AuditRow {
  code: IndicatorCode;
  county: County | null;
  live: number;
  recomputed: number;
  consistent: boolean;
}

/**
 * REGULATOR: the ledger's figures for the end of `year` next to a recomputation from the records
 * (ledger units: counts, fen for the pledge amount, valid invention patents for the per-10k
 * indicator), for the city and each county. Reads whole collections: an audit, not a dashboard.
 */
export async function indicatorAudit(ctx: ServiceContext, year: number): Promise<{ year: number; consistent: boolean; rows: AuditRow[] }> {
  await requireRegulator(ctx);
  validYear('year', year);
  const [ledger, recomputed] = await Promise.all([
    IndicatorDelta.find({ year: { $lte: year } }, { code: 1, year: 1, county: 1, amount: 1 }).lean(),
    computeFromRecords(year),
  ]);
  const rows: AuditRow[] = [];
  for (const def of INDICATORS) {
    let liveCity = 0;
    let recomputedCity = 0;
    const countyRows: AuditRow[] = [];
    for (const county of COUNTIES) {
      const live = ledgerAmounts(def, ledger.filter((r) => r.county === county), year).get(year) ?? 0;
      const again = recomputed[def.code][county];
      liveCity += live;
      recomputedCity += again;
      countyRows.push({ code: def.code, county, live, recomputed: again, consistent: live === again });
    }
    rows.push({ code: def.code, county: null, live: liveCity, recomputed: recomputedCity, consistent: liveCity === recomputedCity }, ...countyRows);
  }
  return { year, consistent: rows.every((r) => r.consistent), rows };
}
