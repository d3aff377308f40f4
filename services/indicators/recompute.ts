// Full recomputation from the records (assets, organizations, pledge registrations), to check and to
// rebuild the ledger the writes keep current. Reads whole collections: for the audit and the
// `recompute-indicators` script, never for planIndicators.
import { IpAsset } from '../../models/ipAsset';
import { IndicatorDelta } from '../../models/indicatorDelta';
import { Organization } from '../../models/organization';
import { PledgeRegistration } from '../../models/pledgeRegistration';
import { COUNTIES, type County } from '../../models/enums';
import { LEDGER_CODES, type LedgerCode as IndicatorCode } from './definitions';
import { countsDemoRecords, demoFilter } from './demoMode';
import { IndicatorStamp } from '../../models/indicatorStamp';
import { advantageDeltas, assetDeltas, assetFacts, certificationsOf, net, ownersOf, type Delta } from './contributions';
import { touchFigures } from './store';
import { RunMarker } from '../../models/runMarker';
import { registrationAmountsByYear } from '../financing/registrationChanges';
import { faultPoint } from '../faults';

/** The RunMarker of a ledger rewrite in progress. */
export const REBUILD_MARKER = 'indicator-rebuild';
import { isCertifiedAtYearEnd, isHighValueAtYearEnd, isPctFiledIn, isValidAtYearEnd, ownerAtYearEnd, yearEnd } from './yearEnd';

/** Ledger-unit amounts (counts; fen for the pledge amount) per indicator and county. */
export type AmountsByCounty = Record<IndicatorCode, Record<County, number>>;

function zeroAmounts(): AmountsByCounty {
  const out = {} as AmountsByCounty;
  for (const code of LEDGER_CODES) out[code] = Object.fromEntries(COUNTIES.map((c) => [c, 0])) as Record<County, number>;
  return out;
}

async function countyMap(ids: string[]): Promise<Map<string, County>> {
  const orgs = ids.length ? await Organization.find({ _id: { $in: ids } }, { county: 1 }).lean() : [];
  return new Map(orgs.map((o) => [String(o._id), o.county as County]));
}

const ASSET_FIELDS = {
  kind: 1, number: 1, filingDate: 1, grantDate: 1, expiresOn: 1, legalStatus: 1, createdAt: 1, owner: 1, ownershipHistory: 1,
  strategicEmergingIndustry: 1, foreignFamily: 1, chinaPatentAward: 1, highPledgeFinancing: 1, highPledgeFinancingSince: 1,
  verification: 1, lapsedOn: 1,
} as const;

/**
 * Each indicator's figure at the end of `year` (flow: during `year`) per county, evaluated straight
 * from the definitions (yearEnd.ts) over the records.
 */
export async function computeFromRecords(year: number): Promise<AmountsByCounty> {
  const out = zeroAmounts();
  const end = yearEnd(year);
  const assets = (
    await IpAsset.find(
      {
        kind: { $in: ['INVENTION_PATENT', 'TRADEMARK'] }, 'verification.status': 'VERIFIED',
        legalStatus: { $in: ['VALID', 'EXPIRED', 'LAPSED'] }, grantDate: { $ne: null, $lte: end }, ...demoFilter(),
      },
      ASSET_FIELDS,
    ).lean()
  ).map(assetFacts);
  const applications = (
    await IpAsset.find({ kind: { $in: ['INVENTION_PATENT', 'UTILITY_MODEL'] }, filingDate: { $gte: `${year}-01-01`, $lte: end }, 'verification.status': 'VERIFIED', ...demoFilter() }, ASSET_FIELDS).lean()
  ).map(assetFacts).filter((a) => isPctFiledIn(a, year));
  const counties = await countyMap([...new Set([...assets, ...applications].flatMap(ownersOf))]);
  for (const a of applications) {
    const county = counties.get(ownerAtYearEnd(a, year));
    if (county) out.PCT_APPLICATIONS[county] += 1;
  }
  for (const a of assets) {
    if (!isValidAtYearEnd(a, year)) continue;
    const county = counties.get(ownerAtYearEnd(a, year));
    if (!county) continue;
    out[a.kind === 'TRADEMARK' ? 'VALID_TRADEMARKS' : 'INVENTION_PATENTS_PER_10K_POPULATION'][county] += 1;
    if (isHighValueAtYearEnd(a, year)) out.HIGH_VALUE_INVENTION_PATENTS[county] += 1;
  }
  const certified = await Organization.find({ ipAdvantage: { $ne: null }, ...demoFilter() }, { county: 1, ipAdvantage: 1, ipAdvantageHistory: 1 });
  for (const org of certified) {
    if (isCertifiedAtYearEnd(certificationsOf(org), year)) out.IP_ADVANTAGE_ENTERPRISES[org.county as County] += 1;
  }
  // Registered in this year, or changed (变更) in it: each counts its amount of this year.
  const registrations = await PledgeRegistration.find({ $or: [{ year }, { changeYears: year }], ...demoFilter() }, { year: 1, county: 1, securedAmount: 1, changes: 1 }).lean();
  for (const r of registrations) out.PLEDGE_FINANCING_REGISTERED_AMOUNT[r.county as County] += registrationAmountsByYear(r).get(year) ?? 0;
  return out;
}

const ASSET_BATCH = 5_000;

/** The whole ledger as the records imply it: the sum of every record's contributions. */
export async function ledgerFromRecords(): Promise<Delta[]> {
  const deltas: Delta[] = [];
  const orgCounties = new Map(
    (await Organization.find({}, { county: 1 }).lean()).map((o) => [String(o._id), o.county as County]),
  );
  // One streamed pass (a cursor, batches of ASSET_BATCH: memory stays bounded). FerretDB 1.x scans
  // the whole collection for any filtered find, so keyset pages would cost one scan each (two at
  // 60,000 rights); the ledger sums the deltas, so their order does not matter.
  const assets = IpAsset.find({ kind: { $in: ['INVENTION_PATENT', 'TRADEMARK', 'UTILITY_MODEL'] }, ...demoFilter() }, ASSET_FIELDS)
    .lean()
    .cursor({ batchSize: ASSET_BATCH });
  for await (const doc of assets) deltas.push(...assetDeltas(assetFacts(doc), (id) => orgCounties.get(id)));
  for (const org of await Organization.find({ ipAdvantage: { $ne: null }, ...demoFilter() }, { county: 1, ipAdvantage: 1, ipAdvantageHistory: 1 })) {
    deltas.push(...advantageDeltas(certificationsOf(org), org.county as County));
  }
  for (const r of await PledgeRegistration.find(demoFilter(), { year: 1, county: 1, securedAmount: 1, changes: 1 }).lean()) {
    for (const [year, amount] of registrationAmountsByYear(r)) deltas.push({ code: 'PLEDGE_FINANCING_REGISTERED_AMOUNT', year, county: r.county as County, amount });
  }
  return net(deltas);
}

export interface LedgerDifference {
  code: string;
  year: number;
  county: string;
  stored: number;
  expected: number;
}

/**
 * Compares the stored ledger with the records and, unless `dryRun`, rewrites the figures that differ.
 * Returns the differences found.
 */
export async function rebuildLedger(opts: { dryRun: boolean }): Promise<{ figures: number; differences: LedgerDifference[] }> {
  if (!opts.dryRun) {
    // The run marker says a rewrite is under way: a crash before it is deleted (e.g. between the
    // deleteMany and the insertMany below, which leaves an empty ledger) is found by the repair
    // pass, which runs the rebuild again (services/repair, docs/recovery.md).
    await RunMarker.updateOne({ _id: REBUILD_MARKER }, { $set: { startedAt: new Date(), pid: process.pid } }, { upsert: true });
    faultPoint('indicators.rebuild.afterMarker');
    // The ledger is about to hold every (non-PENDING) registration, so each counts as counted: the
    // repair pass's "count the registrations not yet counted" must not add one a second time.
    await PledgeRegistration.updateMany({ status: { $ne: 'PENDING' }, indicatorCounted: { $ne: true } }, { $set: { indicatorCounted: true } });
  }
  const expected = new Map((await ledgerFromRecords()).map((d) => [`${d.code}|${d.year}|${d.county}`, d]));
  const stored = new Map(
    (await IndicatorDelta.find({}, { code: 1, year: 1, county: 1, amount: 1 }).lean()).map((d) => [`${d.code}|${d.year}|${d.county}`, d]),
  );
  const differences: LedgerDifference[] = [];
  for (const key of new Set([...expected.keys(), ...stored.keys()])) {
    const e = expected.get(key);
    const s = stored.get(key);
    const [code, year, county] = key.split('|') as [string, string, string];
    if ((e?.amount ?? 0) !== (s?.amount ?? 0)) {
      differences.push({ code, year: Number(year), county, stored: s?.amount ?? 0, expected: e?.amount ?? 0 });
    }
  }
  differences.sort((a, b) => a.code.localeCompare(b.code) || a.year - b.year || a.county.localeCompare(b.county));
  if (!opts.dryRun && differences.length > 0) {
    // No per-figure locks: the rebuild runs at start-up (demo data, repair) or from the script, with
    // no API writes in flight (docs/indicators.md). Upserts are slow on FerretDB (~15 ms each), so
    // many differences (a first build) replace the whole ledger with one insertMany instead.
    if (differences.length <= 100) {
      const ops = differences.map((d) => {
        const filter = { code: d.code, year: d.year, county: d.county as County };
        return d.expected === 0
          ? { deleteOne: { filter } }
          : { updateOne: { filter, update: { $set: { amount: d.expected } }, upsert: true } };
      });
      await IndicatorDelta.bulkWrite(ops, { ordered: true });
    } else {
      await IndicatorDelta.deleteMany({});
      faultPoint('indicators.rebuild.afterDelete');
      await IndicatorDelta.insertMany([...expected.values()]);
    }
    await touchFigures();
  }
  if (!opts.dryRun) await RunMarker.deleteOne({ _id: REBUILD_MARKER });
  return { figures: expected.size, differences };
}

const DEMO_MODE_KEY = 'indicators-demo-mode';

/**
 * At start-up: the ledger counts demo records only in demo mode. When the mode differs from the one
 * the ledger was last built for (or is unknown), rebuild it from the records. Returns the number of
 * figures corrected.
 */
export async function alignLedgerWithDemoMode(): Promise<number> {
  const mode = countsDemoRecords() ? 'with-demo' : 'without-demo';
  const stored = (await IndicatorStamp.findById(DEMO_MODE_KEY, { stamp: 1 }).lean())?.stamp;
  if (stored === mode) return 0;
  const { differences } = await rebuildLedger({ dryRun: false });
  await IndicatorStamp.updateOne({ _id: DEMO_MODE_KEY }, { $set: { stamp: mode } }, { upsert: true });
  return differences.length;
}
