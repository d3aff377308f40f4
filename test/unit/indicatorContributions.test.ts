import { expect } from 'chai';
import {
  advantageDeltas, assetDeltas, assetFacts, diff, net, type AssetFacts, type Certification, type Delta,
} from '../../services/indicators/contributions';
import { isCertifiedAtYearEnd, isHighValueAtYearEnd, isValidAtYearEnd, ownerAtYearEnd } from '../../services/indicators/yearEnd';
import { expiresOn, type IpKind } from '../../services/rules/assetTerms';
import { addYears } from '../../services/rules/calendar';
import type { County } from '../../models/enums';
import { beforeLastOwnerChange } from '../../services/indicators/hooks';

const COUNTY_OF: Record<string, County> = { a: 'LUOBEI', b: 'SUIBIN', c: 'LUOBEI' };
const countyOf = (id: string) => COUNTY_OF[id];

function facts(over: Partial<AssetFacts>): AssetFacts {
  const kind = (over.kind ?? 'INVENTION_PATENT') as IpKind;
  const filingDate = over.filingDate ?? '2019-03-01';
  const grantDate = over.grantDate === undefined ? '2022-06-15' : over.grantDate;
  return {
    kind,
    filingDate,
    grantDate,
    expiresOn: expiresOn(kind, filingDate, grantDate),
    legalStatus: 'VALID',
    verified: true,
    lapsedOn: null,
    recordedOn: '2026-01-10',
    strategicEmergingIndustry: false,
    foreignFamily: false,
    chinaPatentAward: false,
    highPledgeFinancing: false,
    owner: 'a',
    ownershipHistory: [],
    ...over,
  };
}

/** Ledger value at the end of `year`: the sum of deltas of years <= year. */
function valueAt(deltas: Delta[], code: string, county: County, year: number): number {
  return deltas.filter((d) => d.code === code && d.county === county && d.year <= year).reduce((s, d) => s + d.amount, 0);
}

const sorted = (ds: Delta[]) => [...ds].sort((x, y) => `${x.code}${x.year}${x.county}`.localeCompare(`${y.code}${y.year}${y.county}`));

describe('plan indicators: what a record contributes, year by year', () => {
  it('a valid invention patent counts from its grant year until its expiry year; high-value once maintained over 10 years', () => {
    const deltas = assetDeltas(facts({}), countyOf);
    expect(sorted(deltas)).to.deep.equal(
      sorted([
        { code: 'INVENTION_PATENTS_PER_10K_POPULATION', year: 2022, county: 'LUOBEI', amount: 1 },
        { code: 'INVENTION_PATENTS_PER_10K_POPULATION', year: 2039, county: 'LUOBEI', amount: -1 }, // expires 2039-03-01
        { code: 'HIGH_VALUE_INVENTION_PATENTS', year: 2029, county: 'LUOBEI', amount: 1 }, // 2029-03-01 < 2029-12-31
        { code: 'HIGH_VALUE_INVENTION_PATENTS', year: 2039, county: 'LUOBEI', amount: -1 },
      ]),
    );
  });

  it('uses year ends exactly: granted on Dec 31 counts that year; expiring on Jan 1 still counted the year before', () => {
    const granted = assetDeltas(facts({ kind: 'TRADEMARK', filingDate: '2021-05-01', grantDate: '2022-12-31' }), countyOf);
    expect(valueAt(granted, 'VALID_TRADEMARKS', 'LUOBEI', 2021)).to.equal(0);
    expect(valueAt(granted, 'VALID_TRADEMARKS', 'LUOBEI', 2022)).to.equal(1);
    const jan1 = assetDeltas(facts({ kind: 'TRADEMARK', filingDate: '2014-01-01', grantDate: '2015-01-01' }), countyOf); // expires 2025-01-01
    expect(valueAt(jan1, 'VALID_TRADEMARKS', 'LUOBEI', 2024)).to.equal(1);
    expect(valueAt(jan1, 'VALID_TRADEMARKS', 'LUOBEI', 2025)).to.equal(0);
    // Maintained "over" ten years: a patent filed 2012-12-31 reaches ten years on 2022-12-31, not over it.
    const dec31 = assetDeltas(facts({ filingDate: '2012-12-31', grantDate: '2015-01-01' }), countyOf);
    expect(valueAt(dec31, 'HIGH_VALUE_INVENTION_PATENTS', 'LUOBEI', 2022)).to.equal(0);
    expect(valueAt(dec31, 'HIGH_VALUE_INVENTION_PATENTS', 'LUOBEI', 2023)).to.equal(1);
  });

  it('counts nothing for pending, invalidated or lapsed rights, utility models, or an unknown owner', () => {
    for (const f of [
      facts({ legalStatus: 'PENDING', grantDate: null }),
      facts({ legalStatus: 'INVALIDATED' }),
      facts({ legalStatus: 'LAPSED' }),
      facts({ kind: 'UTILITY_MODEL' }),
      facts({ owner: 'nobody' }),
      facts({ verified: false }),
      facts({ verified: false, strategicEmergingIndustry: true }),
    ]) {
      expect(assetDeltas(f, countyOf), JSON.stringify(f)).to.deep.equal([]);
    }
  });

  it('a lapse on a date removes the right from that date on, not before', () => {
    const d = assetDeltas(facts({ legalStatus: 'LAPSED', lapsedOn: '2024-07-01' }), countyOf);
    expect([2021, 2022, 2023, 2024, 2025].map((y) => valueAt(d, 'INVENTION_PATENTS_PER_10K_POPULATION', 'LUOBEI', y))).to.deep.equal([0, 1, 1, 0, 0]);
    // The literal definition agrees year by year.
    const f = facts({ legalStatus: 'LAPSED', lapsedOn: '2024-07-01' });
    expect([2021, 2022, 2023, 2024, 2025].map((y) => (isValidAtYearEnd(f, y) ? 1 : 0))).to.deep.equal([0, 1, 1, 0, 0]);
  });

  it('a right recorded EXPIRED before its term ran out stops counting by the day it was recorded', () => {
    const f = facts({ kind: 'TRADEMARK', filingDate: '2019-01-01', grantDate: '2020-02-01', legalStatus: 'EXPIRED', recordedOn: '2024-06-01' });
    const d = assetDeltas(f, countyOf);
    expect([2020, 2023, 2024, 2029].map((y) => valueAt(d, 'VALID_TRADEMARKS', 'LUOBEI', y))).to.deep.equal([1, 1, 0, 0]);
  });

  it('a dateless high-value reason makes every valid year high-value', () => {
    const d = assetDeltas(facts({ strategicEmergingIndustry: true }), countyOf);
    expect(valueAt(d, 'HIGH_VALUE_INVENTION_PATENTS', 'LUOBEI', 2021)).to.equal(0);
    expect(valueAt(d, 'HIGH_VALUE_INVENTION_PATENTS', 'LUOBEI', 2022)).to.equal(1);
  });

  it('a transfer moves the asset to the new owner county from the year of the change (Asia/Shanghai date)', () => {
    // 2024-12-31T17:00Z is 2025-01-01 in Shanghai: the old owner still held it at the end of 2024.
    const asset = { kind: 'INVENTION_PATENT', filingDate: '2019-03-01', grantDate: '2022-06-15', expiresOn: '2039-03-01', legalStatus: 'VALID', verification: { status: 'VERIFIED' }, createdAt: new Date('2023-01-01T00:00:00Z'), owner: 'b', ownershipHistory: [{ from: 'a', to: 'b', at: new Date('2024-12-31T17:00:00Z') }] };
    const d = assetDeltas(assetFacts(asset), countyOf);
    expect(valueAt(d, 'INVENTION_PATENTS_PER_10K_POPULATION', 'LUOBEI', 2024)).to.equal(1);
    expect(valueAt(d, 'INVENTION_PATENTS_PER_10K_POPULATION', 'SUIBIN', 2024)).to.equal(0);
    expect(valueAt(d, 'INVENTION_PATENTS_PER_10K_POPULATION', 'LUOBEI', 2025)).to.equal(0);
    expect(valueAt(d, 'INVENTION_PATENTS_PER_10K_POPULATION', 'SUIBIN', 2025)).to.equal(1);
    expect(valueAt(d, 'INVENTION_PATENTS_PER_10K_POPULATION', 'SUIBIN', 2039)).to.equal(0);
    // The hook's arithmetic: before + (after - before) = after.
    const before = assetDeltas(assetFacts({ ...asset, owner: 'a', ownershipHistory: [] }), countyOf);
    expect(sorted(net([...before, ...diff(before, d)]))).to.deep.equal(sorted(d));
  });

  it('the owner-change hook reconstructs the asset before the last transfer', () => {
    const at1 = new Date('2022-03-01T00:00:00Z');
    const at2 = new Date('2025-03-01T00:00:00Z');
    const after = { kind: 'TRADEMARK', filingDate: '2019-01-01', legalStatus: 'VALID', owner: 'c', ownershipHistory: [{ from: 'a', to: 'b', at: at1 }, { from: 'b', to: 'c', at: at2 }] };
    expect(beforeLastOwnerChange(after)).to.deep.equal({ ...after, owner: 'b', ownershipHistory: [{ from: 'a', to: 'b', at: at1 }] });
    expect(beforeLastOwnerChange({ ...after, ownershipHistory: [] })).to.equal(null);
  });

  it('certifications count while in force; overlapping re-certifications count once and keep earlier years', () => {
    const certs = [
      { certifiedOn: '2021-01-10', expiresOn: '2024-01-10' },
      { certifiedOn: '2023-06-01', expiresOn: '2026-06-01' },
    ];
    const d = advantageDeltas(certs, 'SUIBIN');
    expect([2020, 2021, 2022, 2023, 2024, 2025, 2026].map((y) => valueAt(d, 'IP_ADVANTAGE_ENTERPRISES', 'SUIBIN', y))).to.deep.equal([0, 1, 1, 1, 1, 1, 0]);
  });

  it('agree with the definitions read literally, for thousands of random records and every year 1990-2060', () => {
    // A small deterministic generator (mulberry32) so a failure can be replayed.
    let seed = 20250101;
    const rand = () => {
      seed = (seed + 0x6d2b79f5) | 0;
      let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
      t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
    const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
    const date = (from: number, to: number) => {
      const y = from + Math.floor(rand() * (to - from + 1));
      const edge = rand();
      if (edge < 0.15) return `${y}-12-31`;
      if (edge < 0.3) return `${y}-01-01`;
      if (edge < 0.35) return `${y - (y % 4)}-02-29`;
      return `${y}-${String(1 + Math.floor(rand() * 12)).padStart(2, '0')}-${String(1 + Math.floor(rand() * 28)).padStart(2, '0')}`;
    };
    const assets: AssetFacts[] = [];
    for (let i = 0; i < 3000; i++) {
      const kind = pick(['INVENTION_PATENT', 'TRADEMARK', 'UTILITY_MODEL'] as const);
      const filingDate = date(1995, 2026);
      const grantDate = rand() < 0.15 ? null : addYears(filingDate, Math.floor(rand() * 6));
      const changes = Array.from({ length: Math.floor(rand() * 4) }, () => ({ on: date(2000, 2040) }));
      const owners = ['a', 'b', 'c', 'nobody'];
      let owner = pick(owners);
      const ownershipHistory = changes.map((c) => {
        const to = pick(owners);
        const h = { from: owner, to, on: c.on };
        owner = to;
        return h;
      });
      assets.push({
        kind,
        filingDate,
        grantDate,
        verified: true,
        lapsedOn: null,
        expiresOn: expiresOn(kind, filingDate, grantDate),
        legalStatus: pick(['VALID', 'VALID', 'VALID', 'EXPIRED', 'PENDING', 'INVALIDATED', 'LAPSED']),
        recordedOn: date(2020, 2030),
        strategicEmergingIndustry: rand() < 0.1,
        foreignFamily: rand() < 0.05,
        chinaPatentAward: rand() < 0.05,
        highPledgeFinancing: rand() < 0.05,
        highPledgeFinancingSince: rand() < 0.7 ? date(2015, 2030) : null,
        owner: ownershipHistory.length ? owner : pick(owners),
        ownershipHistory: ownershipHistory.map((h, k) => (k === 0 ? h : { ...h, from: ownershipHistory[k - 1]!.to })),
      });
    }
    const ledger = net(assets.flatMap((a) => assetDeltas(a, countyOf)));
    const certsByOrg: Certification[][] = Array.from({ length: 300 }, () =>
      Array.from({ length: Math.floor(rand() * 4) }, () => {
        const certifiedOn = date(2015, 2030);
        return { certifiedOn, expiresOn: addYears(certifiedOn, 3) };
      }),
    );
    const advLedger = net(certsByOrg.flatMap((c) => advantageDeltas(c, 'XINGSHAN')));
    let checked = 0;
    for (let year = 1990; year <= 2060; year++) {
      for (const county of ['LUOBEI', 'SUIBIN'] as const) {
        const inCounty = assets.filter((a) => countyOf(ownerAtYearEnd(a, year)) === county);
        const patents = inCounty.filter((a) => a.kind === 'INVENTION_PATENT' && isValidAtYearEnd(a, year)).length;
        const marks = inCounty.filter((a) => a.kind === 'TRADEMARK' && isValidAtYearEnd(a, year)).length;
        const highValue = inCounty.filter((a) => isHighValueAtYearEnd(a, year)).length;
        expect(valueAt(ledger, 'INVENTION_PATENTS_PER_10K_POPULATION', county, year), `patents ${county} ${year}`).to.equal(patents);
        expect(valueAt(ledger, 'VALID_TRADEMARKS', county, year), `trademarks ${county} ${year}`).to.equal(marks);
        expect(valueAt(ledger, 'HIGH_VALUE_INVENTION_PATENTS', county, year), `high value ${county} ${year}`).to.equal(highValue);
        checked += patents + marks + highValue;
      }
      const certified = certsByOrg.filter((c) => isCertifiedAtYearEnd(c, year)).length;
      expect(valueAt(advLedger, 'IP_ADVANTAGE_ENTERPRISES', 'XINGSHAN', year), `advantage ${year}`).to.equal(certified);
    }
    expect(checked).to.be.greaterThan(10_000); // the comparison was not vacuous
  });
});
