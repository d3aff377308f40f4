// The plan's five indicators through the public API: the 2020 table, each indicator moved by the
// record that should move it (right year, right county), official statistics, populations, roles.
// Other tests share the database, so movements are measured as after - before, year by year.
import { expect } from 'chai';
import { sharedStack } from '../helpers/hooks';
import { ADMIN_EMAIL, ADMIN_PASSWORD } from '../helpers/stack';
import { Client, registerOrg, signInAdmin, type Registered } from '../helpers/client';
import { change, createInvention, createTrademark, platformSeries, readIndicators, CREATE_ASSET, uniquePatentNumber } from '../helpers/indicators';

const PER10K = 'INVENTION_PATENTS_PER_10K_POPULATION';
const TRADEMARKS = 'VALID_TRADEMARKS';
const ADVANTAGE = 'IP_ADVANTAGE_ENTERPRISES';
const HIGH_VALUE = 'HIGH_VALUE_INVENTION_PATENTS';

const REPORT = `mutation($code: IndicatorCode!, $year: Int!, $county: County, $value: Float!) {
  reportOfficialStatistic(code: $code, year: $year, county: $county, value: $value) {
    code name year county value platformValue officialValue source progress onTrack
  }
}`;
const SET_POPULATION = `mutation($year: Int!, $county: County, $population: Int!) { setPopulation(year: $year, county: $county, population: $population) }`;
const CERTIFY = `mutation($id: ID!, $on: Date!) { certifyIpAdvantage(organizationId: $id, level: PROVINCIAL, certifiedOn: $on) { id ipAdvantage { certifiedOn expiresOn } } }`;

/** {2020: v, ..., 2030: v} from a list starting at 2020. */
const byYear = (values: number[]) => Object.fromEntries(values.map((v, i) => [2020 + i, v]));

describe('plan indicators (planIndicators, reportOfficialStatistic, setPopulation)', () => {
  let anon: Client;
  let admin: Client;

  before(async () => {
    const stack = await sharedStack();
    anon = new Client(stack.server.url);
    admin = await signInAdmin(anon, ADMIN_EMAIL, ADMIN_PASSWORD);
    // With 10,000 people the per-10k figure equals the number of valid invention patents.
    for (const county of ['LUOBEI', 'SUIBIN', null]) {
      expect((await admin.ok(SET_POPULATION, { year: 2020, county, population: 10_000 })).setPopulation).to.equal(true);
    }
  });

  it('reproduces the plan table for 2020, for anyone, without a token', async () => {
    const { list } = await readIndicators(anon, 2020);
    expect(list.map((r) => [r.code, r.name, r.unit, r.baseline, r.target, r.year, r.county, r.value, r.source, r.progress, r.onTrack])).to.deep.equal([
      [PER10K, '每万人口发明专利拥有量（件）', '件', 0.56, 0.6, 2020, null, 0.56, 'OFFICIAL_STATISTIC', 0, true],
      [TRADEMARKS, '有效注册商标数量（件）', '件', 5024, 9000, 2020, null, 5024, 'OFFICIAL_STATISTIC', 0, true],
      ['PLEDGE_FINANCING_REGISTERED_AMOUNT', '知识产权质押融资登记金额（亿元）', '亿元', 0, 0.3, 2020, null, 0, 'OFFICIAL_STATISTIC', 0, true],
      [ADVANTAGE, '知识产权优势企业数量（家）', '家', 25, 30, 2020, null, 25, 'OFFICIAL_STATISTIC', 0, true],
      [HIGH_VALUE, '高价值发明专利拥有量（件）', '件', 20, 23, 2020, null, 20, 'OFFICIAL_STATISTIC', 0, true],
    ]);
    for (const r of list) {
      expect(r.officialValue).to.equal(r.baseline);
      expect(r.series).to.have.length(1);
      expect(r.yearComplete).to.equal(true);
    }
  });

  it('answers any year 2020-2030 with a series from 2020 and the straight-line expectation; other years are BAD_USER_INPUT', async () => {
    const { list, byCode } = await readIndicators(anon, 2026);
    expect(list.map((r) => r.code)).to.deep.equal([PER10K, TRADEMARKS, 'PLEDGE_FINANCING_REGISTERED_AMOUNT', ADVANTAGE, HIGH_VALUE]);
    const tm = byCode[TRADEMARKS]!;
    expect(tm.series.map((p) => p.year)).to.deep.equal([2020, 2021, 2022, 2023, 2024, 2025, 2026]);
    expect(tm.series.map((p) => p.expectedValue)).to.deep.equal([5024, 5819.2, 6614.4, 7409.6, 8204.8, 9000, 9000]);
    expect(tm.expectedValue).to.equal(9000);
    expect(tm.onTrack).to.equal(tm.value >= 9000);
    // A county row shows the county's figures; the plan's targets are the city's: no expectation, no progress.
    const county = (await readIndicators(anon, 2026, 'XIANGYANG')).byCode[TRADEMARKS]!;
    expect(county.county).to.equal('XIANGYANG');
    expect([county.expectedValue, county.onTrack, county.progress]).to.deep.equal([null, null, null]);
    expect(county.series.every((p) => p.expectedValue === null && p.progress === null)).to.equal(true);
    expect((await readIndicators(anon, 2030)).list[0]!.yearComplete).to.equal(false);
    for (const year of [2019, 2031]) {
      await anon.fails(`query($y: Int!) { planIndicators(year: $y) { code } }`, { y: year }, 'BAD_USER_INPUT', 'year');
    }
  });

  it('a new valid invention patent raises its county and the city from its grant year on, not before and not elsewhere', async () => {
    const ent = await registerOrg(anon, 'ENTERPRISE', { county: 'LUOBEI' });
    const before = {
      county: await platformSeries(anon, PER10K, 'LUOBEI'),
      city: await platformSeries(anon, PER10K),
      other: await platformSeries(anon, PER10K, 'SUIBIN'),
      highValue: await platformSeries(anon, HIGH_VALUE, 'LUOBEI'),
    };
    // Filed 2019-03-01, granted 2022-06-15: valid to 2039; maintained over ten years from 2029.
    await createInvention(ent.client, { filingDate: '2019-03-01', grantDate: '2022-06-15' });
    const raised = byYear([0, 0, 1, 1, 1, 1, 1, 1, 1, 1, 1]);
    expect(change(before.county, await platformSeries(anon, PER10K, 'LUOBEI'))).to.deep.equal(raised);
    expect(change(before.city, await platformSeries(anon, PER10K))).to.deep.equal(raised);
    expect(change(before.other, await platformSeries(anon, PER10K, 'SUIBIN'))).to.deep.equal(byYear(Array(11).fill(0)));
    expect(change(before.highValue, await platformSeries(anon, HIGH_VALUE, 'LUOBEI'))).to.deep.equal(byYear([0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1]));
  });

  it('pending, invalidated and lapsed patents and utility models move nothing', async () => {
    const ent = await registerOrg(anon, 'ENTERPRISE', { county: 'LUOBEI' });
    const before = [await platformSeries(anon, PER10K, 'LUOBEI'), await platformSeries(anon, HIGH_VALUE, 'LUOBEI')];
    await createInvention(ent.client, { filingDate: '2023-03-01', grantDate: null, legalStatus: 'PENDING' });
    await createInvention(ent.client, { filingDate: '2018-03-01', grantDate: '2021-03-01', legalStatus: 'INVALIDATED', foreignFamily: true });
    await createInvention(ent.client, { filingDate: '2018-03-01', grantDate: '2021-03-01', legalStatus: 'LAPSED' });
    await ent.client.ok(CREATE_ASSET, {
      input: { kind: 'UTILITY_MODEL', number: uniquePatentNumber(2021, '2'), title: '石墨提纯装置', filingDate: '2021-01-05', grantDate: '2021-08-01', legalStatus: 'VALID', classes: ['C01B 32/215'], industries: ['GRAPHITE'] },
    });
    const none = byYear(Array(11).fill(0));
    expect(change(before[0]!, await platformSeries(anon, PER10K, 'LUOBEI'))).to.deep.equal(none);
    expect(change(before[1]!, await platformSeries(anon, HIGH_VALUE, 'LUOBEI'))).to.deep.equal(none);
  });

  it('a trademark counts while registered: an expired one no longer counts from its expiry year', async () => {
    const ent = await registerOrg(anon, 'ENTERPRISE', { county: 'SUIBIN' });
    const county = await platformSeries(anon, TRADEMARKS, 'SUIBIN');
    const city = await platformSeries(anon, TRADEMARKS);
    await createTrademark(ent.client, '2013-04-10'); // registered 2013, expired 2023-04-10
    await createTrademark(ent.client, '2024-08-01'); // registered 2024, valid to 2034
    const expected = byYear([1, 1, 1, 0, 1, 1, 1, 1, 1, 1, 1]);
    expect(change(county, await platformSeries(anon, TRADEMARKS, 'SUIBIN'))).to.deep.equal(expected);
    expect(change(city, await platformSeries(anon, TRADEMARKS))).to.deep.equal(expected);
  });

  it('a patent with a high-value reason counts as high-value from its grant year, as the asset itself says', async () => {
    const ent = await registerOrg(anon, 'ENTERPRISE', { county: 'LUOBEI' });
    const before = await platformSeries(anon, HIGH_VALUE, 'LUOBEI');
    const id = await createInvention(ent.client, { filingDate: '2020-05-01', grantDate: '2023-02-01', strategicEmergingIndustry: true });
    expect(change(before, await platformSeries(anon, HIGH_VALUE, 'LUOBEI'))).to.deep.equal(byYear([0, 0, 0, 1, 1, 1, 1, 1, 1, 1, 1]));
    const asset = await ent.client.ok(`query($id: ID!) { ipAsset(id: $id) { highValue highValueReasons } }`, { id });
    expect(asset.ipAsset).to.deep.equal({ highValue: true, highValueReasons: ['STRATEGIC_EMERGING_INDUSTRY'] });
  });

  it('a certification counts until it expires; a re-certification extends it without rewriting earlier years', async () => {
    const ent = await registerOrg(anon, 'ENTERPRISE', { county: 'SUIBIN' });
    const county = await platformSeries(anon, ADVANTAGE, 'SUIBIN');
    const city = await platformSeries(anon, ADVANTAGE);
    const first = await admin.ok(CERTIFY, { id: ent.orgId, on: '2024-03-15' });
    expect(first.certifyIpAdvantage.ipAdvantage).to.deep.equal({ certifiedOn: '2024-03-15', expiresOn: '2027-03-15' });
    const once = byYear([0, 0, 0, 0, 1, 1, 1, 0, 0, 0, 0]);
    expect(change(county, await platformSeries(anon, ADVANTAGE, 'SUIBIN'))).to.deep.equal(once);
    expect(change(city, await platformSeries(anon, ADVANTAGE))).to.deep.equal(once);
    await admin.ok(CERTIFY, { id: ent.orgId, on: '2026-03-01' }); // to 2029-03-01
    expect(change(county, await platformSeries(anon, ADVANTAGE, 'SUIBIN'))).to.deep.equal(byYear([0, 0, 0, 0, 1, 1, 1, 1, 1, 0, 0]));
    // Only enterprises can be certified: a university changes nothing.
    const uni = await registerOrg(anon, 'UNIVERSITY', { county: 'SUIBIN' });
    const mid = await platformSeries(anon, ADVANTAGE, 'SUIBIN');
    await admin.fails(CERTIFY, { id: uni.orgId, on: '2025-01-01' }, 'CONFLICT');
    expect(await platformSeries(anon, ADVANTAGE, 'SUIBIN')).to.deep.equal(mid);
  });

  it('an official statistic wins for its year and area while the platform figure stays visible; reporting again replaces it', async () => {
    const ent = await registerOrg(anon, 'ENTERPRISE', { county: 'DONGSHAN' });
    const before = (await readIndicators(anon, 2027, 'DONGSHAN')).byCode[TRADEMARKS]!;
    expect(before.source).to.equal('PLATFORM_RECORDS');
    expect(before.value).to.equal(before.platformValue);

    const reported = (await admin.ok(REPORT, { code: TRADEMARKS, year: 2027, county: 'DONGSHAN', value: 1234 })).reportOfficialStatistic;
    expect(reported).to.deep.include({ code: TRADEMARKS, year: 2027, county: 'DONGSHAN', value: 1234, officialValue: 1234, platformValue: before.platformValue, source: 'OFFICIAL_STATISTIC' });
    expect(reported.progress).to.equal(null); // a county: the plan's target is the city's

    await createTrademark(ent.client, '2025-05-20');
    const after = (await readIndicators(anon, 2027, 'DONGSHAN')).byCode[TRADEMARKS]!;
    expect([after.value, after.source, after.platformValue]).to.deep.equal([1234, 'OFFICIAL_STATISTIC', before.platformValue + 1]);
    // Only that year and that area.
    // (the city: no official figure for 2027, so the estimate: the official 2020 figure + the platform's net change since)
    const sameYearCity = (await readIndicators(anon, 2027)).byCode[TRADEMARKS]!;
    const change = Number((sameYearCity.platformValue - sameYearCity.series[0]!.platformValue).toPrecision(12));
    expect([sameYearCity.source, sameYearCity.value]).to.deep.equal(['ESTIMATE', 5024 + change]);
    const otherYear = (await readIndicators(anon, 2026, 'DONGSHAN')).byCode[TRADEMARKS]!;
    expect(otherYear.source).to.equal('PLATFORM_RECORDS');
    // The series of a later year shows the official point too.
    const later = (await readIndicators(anon, 2028, 'DONGSHAN')).byCode[TRADEMARKS]!;
    expect(later.series.find((p) => p.year === 2027)).to.deep.include({ value: 1234, source: 'OFFICIAL_STATISTIC' });

    const again = (await admin.ok(REPORT, { code: TRADEMARKS, year: 2027, county: 'DONGSHAN', value: 1300 })).reportOfficialStatistic;
    expect(again.value).to.equal(1300);
    expect((await readIndicators(anon, 2027, 'DONGSHAN')).byCode[TRADEMARKS]!.value).to.equal(1300);

    // A rate may have decimals; the official figure wins for the city too.
    const rate = (await admin.ok(REPORT, { code: PER10K, year: 2029, county: 'XINGAN', value: 0.58 })).reportOfficialStatistic;
    expect([rate.value, rate.source, rate.onTrack]).to.deep.equal([0.58, 'OFFICIAL_STATISTIC', null]); // a county: no on-track
  });

  it('rejects bad official statistics naming the field, and changes nothing', async () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ code: TRADEMARKS, year: 2027, county: 'DONGSHAN', value: -1 }, 'value'],
      [{ code: TRADEMARKS, year: 2027, county: 'DONGSHAN', value: 12.5 }, 'value'],
      [{ code: ADVANTAGE, year: 2027, county: 'DONGSHAN', value: 2.2 }, 'value'],
      [{ code: TRADEMARKS, year: 2019, county: 'DONGSHAN', value: 10 }, 'year'],
      [{ code: TRADEMARKS, year: 2031, county: 'DONGSHAN', value: 10 }, 'year'],
    ];
    for (const [vars, field] of cases) await admin.fails(REPORT, vars, 'BAD_USER_INPUT', field);
    expect((await readIndicators(anon, 2027, 'DONGSHAN')).byCode[TRADEMARKS]!.value).to.equal(1300);
  });

  it('only the REGULATOR may report statistics, set populations or audit: UNAUTHENTICATED without a token, FORBIDDEN for others', async () => {
    const ent: Registered = await registerOrg(anon, 'ENTERPRISE', { county: 'NANSHAN' });
    const report = { code: ADVANTAGE, year: 2028, county: 'NANSHAN', value: 99 };
    const population = { year: 2028, county: 'NANSHAN', population: 12_345 };
    await anon.fails(REPORT, report, 'UNAUTHENTICATED');
    await ent.client.fails(REPORT, report, 'FORBIDDEN');
    await anon.fails(SET_POPULATION, population, 'UNAUTHENTICATED');
    await ent.client.fails(SET_POPULATION, population, 'FORBIDDEN');
    await anon.fails(`query { indicatorAudit(year: 2024) { consistent } }`, {}, 'UNAUTHENTICATED');
    await ent.client.fails(`query { indicatorAudit(year: 2024) { consistent } }`, {}, 'FORBIDDEN');
    const after = (await readIndicators(anon, 2028, 'NANSHAN')).byCode;
    expect(after[ADVANTAGE]!.source).to.equal('PLATFORM_RECORDS');
    expect(after[PER10K]!.population).to.not.equal(12_345);
  });

  it('divides by the population the REGULATOR set (most recent up to the year); without one the figure is 0 and says so', async () => {
    const ent = await registerOrg(anon, 'ENTERPRISE', { county: 'NANSHAN' });
    await createInvention(ent.client, { filingDate: '2018-06-01', grantDate: '2021-04-01' });
    const noPopulation = (await readIndicators(anon, 2021, 'NANSHAN')).byCode[PER10K]!;
    expect([noPopulation.platformValue, noPopulation.population]).to.deep.equal([0, null]);
    expect(noPopulation.note).to.match(/No population recorded for NANSHAN/);

    await admin.fails(SET_POPULATION, { year: 2021, county: 'NANSHAN', population: 0 }, 'BAD_USER_INPUT', 'population');
    await admin.fails(SET_POPULATION, { year: 2031, county: 'NANSHAN', population: 5 }, 'BAD_USER_INPUT', 'year');
    expect((await admin.ok(SET_POPULATION, { year: 2021, county: 'NANSHAN', population: 30_000 })).setPopulation).to.equal(true);

    const v0 = (await readIndicators(anon, 2023, 'NANSHAN')).byCode[PER10K]!;
    expect([v0.population, v0.populationYear]).to.deep.equal([30_000, 2021]);
    expect(v0.note).to.match(/valid invention patents \/ 30000 people \(population of 2021\)/);
    await createInvention(ent.client, { filingDate: '2019-06-01', grantDate: '2022-04-01' });
    const v1 = (await readIndicators(anon, 2023, 'NANSHAN')).byCode[PER10K]!;
    expect(v1.platformValue - v0.platformValue).to.be.closeTo(10_000 / 30_000, 1e-9);
    expect((await readIndicators(anon, 2020, 'NANSHAN')).byCode[PER10K]!.platformValue).to.equal(0); // no figure for 2020
  });
});
