// Plans as data (issue 13) through the API, on a stack of its own (a published 2026-2030 plan
// changes what planIndicators(2026) reads for every other test): the 2021-2025 table from the seed,
// a next plan created, published and measured for 2026 with new computations, the final evaluation
// of 2021-2025 with official 2025 figures, the pace computed by hand, and who may write plans.
import { expect } from 'chai';
import mongoose from 'mongoose';
import { XMLValidator } from 'fast-xml-parser';
import { startStack, ADMIN_EMAIL, ADMIN_PASSWORD, type Stack } from '../helpers/stack';
import { Client, registerOrg, signInAdmin, type Registered } from '../helpers/client';
import { CREATE_ASSET, createInvention, createTrademark, uniquePatentNumber } from '../helpers/indicators';
import { verifyAsset } from '../helpers/verify';

const PLANS = `query { plans { id title issuer firstYear lastYear status
  indicators { code computation name unit kind baselineYear baseline target targetYear binding goal }
  history { action by indicatorCode reason changes { field before after } } } }`;
const CREATE = `mutation($input: PlanInput!) { createPlan(input: $input) { id status firstYear lastYear indicators { code computation kind unit } history { action } } }`;
const UPDATE = `mutation($planId: ID!, $code: String!, $patch: PlanIndicatorPatch!, $reason: String) {
  updatePlanIndicator(planId: $planId, code: $code, patch: $patch, reason: $reason) {
    indicators { code name target } history { action indicatorCode reason changes { field before after } } } }`;
const PUBLISH = `mutation($id: ID!) { publishPlan(id: $id) { id status } }`;
const INDICATORS = `query($year: Int!, $county: County, $plan: ID) { planIndicators(year: $year, county: $county, plan: $plan) {
  code planCode planId name unit kind binding baseline baselineYear target targetYear year county value platformValue officialValue
  estimateValue estimateNote source progress expectedValue onTrack
  series { year value source }
  pace { asOf year fromYear fromValue neededByYearEnd { year value } currentValue soFar dayOfYear daysInYear monthsElapsed monthsRemaining
         paceSoFarPerMonth stillNeeded neededPerMonth neededPerMonthYuan } } }`;
const EVALUATION = `query($id: ID!) { planEvaluation(planId: $id) { asOf year final achievedCount missedCount plan { id title }
  indicators { achieved indicator { code value source target progress series { year value source } }
               counties { county value source platformValue change platformChange share } } } }`;
const REPORT = `mutation($code: IndicatorCode!, $year: Int!, $county: County, $value: Float!) {
  reportOfficialStatistic(code: $code, year: $year, county: $county, value: $value) { code value source } }`;
const POPULATION = `mutation($year: Int!, $county: County, $population: Int!) { setPopulation(year: $year, county: $county, population: $population) }`;

/** The invented next plan: clearly test targets, not the city's. */
function nextPlan(overrides: Record<string, unknown> = {}, indicators?: Record<string, unknown>[]) {
  return {
    title: '测试用“十五五”规划（虚构目标）',
    issuer: '测试机关',
    firstYear: 2026,
    lastYear: 2030,
    indicators: indicators ?? [
      { code: 'TM', computation: 'VALID_TRADEMARKS', name: '有效注册商标数量（件）', baselineYear: 2025, baseline: 9000, target: 11000, binding: 'EXPECTED' },
      { code: 'PLEDGE', computation: 'PLEDGE_FINANCING_REGISTERED_AMOUNT', name: '知识产权质押融资登记金额（亿元）', unit: '亿元', baselineYear: 2025, baseline: 0.35, target: 1, binding: 'BINDING' },
      { code: 'PCT', computation: 'PCT_APPLICATIONS', name: 'PCT国际专利申请量（件）', baselineYear: 2025, baseline: 0, target: 5, binding: 'EXPECTED' },
      { code: 'HV10K', computation: 'HIGH_VALUE_INVENTION_PATENTS_PER_10K_POPULATION', name: '每万人口高价值发明专利拥有量（件）', kind: 'STOCK_PER_10K_POPULATION', baselineYear: 2025, baseline: 0.3, target: 1.5, binding: 'EXPECTED' },
    ],
    ...overrides,
  };
}

type Row = {
  code: string; planCode: string; planId: string; value: number; platformValue: number; officialValue: number | null; estimateValue: number | null;
  source: string; progress: number | null; baseline: number; target: number; series: { year: number; value: number; source: string }[];
  pace: null | {
    asOf: string; year: number; fromYear: number; fromValue: number; neededByYearEnd: { year: number; value: number }[]; currentValue: number; soFar: number;
    dayOfYear: number; daysInYear: number; monthsElapsed: number; monthsRemaining: number; paceSoFarPerMonth: number; stillNeeded: number;
    neededPerMonth: number | null; neededPerMonthYuan: string | null;
  };
};

describe('plans as data: the 2021-2025 plan, the next plan, evaluation and pace', function () {
  this.timeout(120_000);
  let stack: Stack;
  let anon: Client;
  let admin: Client;
  let luobei: Registered;
  let suibin: Registered;
  let seedId: string;
  let nextId: string;

  const rows = async (client: Client, year: number, county: string | null = null, plan: string | null = null) => {
    const data = await client.ok<{ planIndicators: Row[] }>(INDICATORS, { year, county, plan });
    return Object.fromEntries(data.planIndicators.map((r) => [r.planCode, r])) as Record<string, Row>;
  };
  const planCount = async () => (await admin.ok(PLANS)).plans.length as number;

  before(async () => {
    stack = await startStack();
    anon = new Client(stack.server.url);
    admin = await signInAdmin(anon, ADMIN_EMAIL, ADMIN_PASSWORD);
    luobei = await registerOrg(anon, 'ENTERPRISE', { county: 'LUOBEI' });
    suibin = await registerOrg(anon, 'ENTERPRISE', { county: 'SUIBIN' });
  });

  after(async () => {
    await stack?.stop();
  });

  it('loads the 2021-2025 plan from its table: planIndicators(2020) reproduces it and `plans` lists it', async () => {
    const { plans } = await anon.ok(PLANS);
    expect(plans).to.have.length(1);
    const seed = plans[0];
    seedId = seed.id;
    expect([seed.title, seed.issuer, seed.firstYear, seed.lastYear, seed.status]).to.deep.equal(['鹤岗市“十四五”知识产权保护和运用规划', '鹤岗市人民政府', 2021, 2025, 'PUBLISHED']);
    expect(seed.indicators.map((i: any) => [i.code, i.computation, i.name, i.unit, i.kind, i.baselineYear, i.baseline, i.target, i.targetYear, i.binding, i.goal])).to.deep.equal([
      ['INVENTION_PATENTS_PER_10K_POPULATION', 'INVENTION_PATENTS_PER_10K_POPULATION', '每万人口发明专利拥有量（件）', '件', 'STOCK_PER_10K_POPULATION', 2020, 0.56, 0.6, 2025, 'EXPECTED', 'PROGRESS'],
      ['VALID_TRADEMARKS', 'VALID_TRADEMARKS', '有效注册商标数量（件）', '件', 'STOCK_AT_YEAR_END', 2020, 5024, 9000, 2025, 'EXPECTED', 'PROGRESS'],
      ['PLEDGE_FINANCING_REGISTERED_AMOUNT', 'PLEDGE_FINANCING_REGISTERED_AMOUNT', '知识产权质押融资登记金额（亿元）', '亿元', 'FLOW_WITHIN_YEAR', 2020, 0, 0.3, 2025, 'EXPECTED', 'PROGRESS'],
      ['IP_ADVANTAGE_ENTERPRISES', 'IP_ADVANTAGE_ENTERPRISES', '知识产权优势企业数量（家）', '家', 'STOCK_AT_YEAR_END', 2020, 25, 30, 2025, 'EXPECTED', 'PROGRESS'],
      ['HIGH_VALUE_INVENTION_PATENTS', 'HIGH_VALUE_INVENTION_PATENTS', '高价值发明专利拥有量（件）', '件', 'STOCK_AT_YEAR_END', 2020, 20, 23, 2025, 'EXPECTED', 'PROGRESS'],
    ]);
    expect(seed.history.map((h: any) => h.action)).to.deep.equal(['CREATE']);
    const table = await anon.ok<{ planIndicators: Row[] & { name: string; unit: string }[] }>(INDICATORS, { year: 2020 });
    expect(table.planIndicators.map((r: any) => [r.code, r.name, r.unit, r.baseline, r.target, r.value, r.source, r.progress, r.planId])).to.deep.equal([
      ['INVENTION_PATENTS_PER_10K_POPULATION', '每万人口发明专利拥有量（件）', '件', 0.56, 0.6, 0.56, 'OFFICIAL_STATISTIC', 0, seedId],
      ['VALID_TRADEMARKS', '有效注册商标数量（件）', '件', 5024, 9000, 5024, 'OFFICIAL_STATISTIC', 0, seedId],
      ['PLEDGE_FINANCING_REGISTERED_AMOUNT', '知识产权质押融资登记金额（亿元）', '亿元', 0, 0.3, 0, 'OFFICIAL_STATISTIC', 0, seedId],
      ['IP_ADVANTAGE_ENTERPRISES', '知识产权优势企业数量（家）', '家', 25, 30, 25, 'OFFICIAL_STATISTIC', 0, seedId],
      ['HIGH_VALUE_INVENTION_PATENTS', '高价值发明专利拥有量（件）', '件', 20, 23, 20, 'OFFICIAL_STATISTIC', 0, seedId],
    ]);
  });

  it('only the REGULATOR writes plans: UNAUTHENTICATED without a token, FORBIDDEN for others, nothing written', async () => {
    await anon.fails(CREATE, { input: nextPlan() }, 'UNAUTHENTICATED');
    for (const client of [luobei.client]) {
      await client.fails(CREATE, { input: nextPlan() }, 'FORBIDDEN');
      await client.fails(UPDATE, { planId: seedId, code: 'VALID_TRADEMARKS', patch: { target: 1 }, reason: 'x' }, 'FORBIDDEN');
      await client.fails(PUBLISH, { id: seedId }, 'FORBIDDEN');
    }
    expect(await planCount()).to.equal(1);
    expect((await anon.ok(PLANS)).plans[0].indicators[1].target).to.equal(9000);
  });

  it('rejects bad plans naming the field, and writes nothing', async () => {
    const bad: [Record<string, unknown>, string][] = [
      [nextPlan({ firstYear: 2025, lastYear: 2029 }), 'input.firstYear'], // overlaps the published 2021-2025 plan
      [nextPlan({}, [{ computation: 'VALID_TRADEMARKS', name: '商标', baselineYear: 2019, baseline: 1, target: 2, binding: 'EXPECTED' }]), 'input.indicators[0].baselineYear'],
      [nextPlan({}, [{ computation: 'VALID_TRADEMARKS', name: '商标', baselineYear: 2031, baseline: 1, target: 2, binding: 'EXPECTED' }]), 'input.indicators[0].baselineYear'],
      [nextPlan({}, [{ computation: 'GDP_GROWTH', name: '生产总值', baselineYear: 2025, baseline: 1, target: 2, binding: 'EXPECTED' }]), 'input.indicators[0].computation'],
      [nextPlan({}, [{ computation: 'VALID_TRADEMARKS', name: '商标', baselineYear: 2025, baseline: 9000, target: 9000, binding: 'EXPECTED' }]), 'input.indicators[0].target'],
      [nextPlan({}, [{ computation: 'VALID_TRADEMARKS', name: '商标', kind: 'FLOW_WITHIN_YEAR', baselineYear: 2025, baseline: 1, target: 2, binding: 'EXPECTED' }]), 'input.indicators[0].kind'],
      [nextPlan({}, [{ computation: 'PLEDGE_FINANCING_REGISTERED_AMOUNT', name: '质押', unit: '件', baselineYear: 2025, baseline: 1, target: 2, binding: 'EXPECTED' }]), 'input.indicators[0].unit'],
      [nextPlan({ lastYear: 2024 }), 'input.lastYear'],
    ];
    for (const [input, field] of bad) {
      const err = await admin.fails(CREATE, { input }, 'BAD_USER_INPUT', field);
      expect(err.message).to.contain(field.split('.').pop()!.replace(/\[\d+\]/, ''));
    }
    expect(await planCount()).to.equal(1);
    // A FLOOR goal may keep the baseline as its target (it is not a progress indicator).
    const floor = (await admin.ok(CREATE, {
      input: nextPlan({ firstYear: 2036, lastYear: 2040 }, [{ computation: 'IP_ADVANTAGE_ENTERPRISES', name: '知识产权优势企业数量（家）', baselineYear: 2035, baseline: 30, target: 30, binding: 'BINDING', goal: 'FLOOR' }]),
    })).createPlan;
    expect([floor.status, floor.indicators[0].code]).to.deep.equal(['DRAFT', 'IP_ADVANTAGE_ENTERPRISES']);
    expect(await planCount()).to.equal(2); // the REGULATOR sees the draft
    expect((await anon.ok(PLANS)).plans).to.have.length(1); // the public does not
  });

  it('creates the next plan as a draft, publishes it, and measures 2026 against it (new computations included)', async () => {
    const created = (await admin.ok(CREATE, { input: nextPlan() })).createPlan;
    nextId = created.id;
    expect([created.status, created.indicators.map((i: any) => [i.code, i.computation, i.kind, i.unit])]).to.deep.equal([
      'DRAFT',
      [
        ['TM', 'VALID_TRADEMARKS', 'STOCK_AT_YEAR_END', '件'],
        ['PLEDGE', 'PLEDGE_FINANCING_REGISTERED_AMOUNT', 'FLOW_WITHIN_YEAR', '亿元'],
        ['PCT', 'PCT_APPLICATIONS', 'FLOW_WITHIN_YEAR', '件'],
        ['HV10K', 'HIGH_VALUE_INVENTION_PATENTS_PER_10K_POPULATION', 'STOCK_PER_10K_POPULATION', '件'],
      ],
    ]);
    // A draft: the public neither sees it nor measures against it; 2026 is still read against 2021-2025.
    expect((await anon.ok(PLANS)).plans).to.have.length(1);
    await anon.fails(INDICATORS, { year: 2026, plan: nextId }, 'NOT_FOUND');
    expect(Object.values(await rows(anon, 2026)).map((r) => r.planId)).to.deep.equal(Array(5).fill(seedId));

    // Records of 2026: a PCT application (type digit 8) filed in 2026, a high-value patent granted in 2026.
    await admin.ok(POPULATION, { year: 2025, county: null, population: 100_000 });
    const pct = await luobei.client.ok(CREATE_ASSET, {
      input: {
        kind: 'INVENTION_PATENT', number: uniquePatentNumber(2026, '8'), title: '一种石墨负极材料（PCT）', filingDate: '2026-02-10', grantDate: null,
        legalStatus: 'PENDING', classes: ['H01M 4/587'], industries: ['GRAPHITE'],
      },
    });
    await verifyAsset(luobei.client, pct.createIpAsset.id); // only verified records count (issue 11)
    await createInvention(suibin.client, { filingDate: '2021-05-01', grantDate: '2026-04-01', strategicEmergingIndustry: true });
    await admin.ok(REPORT, { code: 'HIGH_VALUE_INVENTION_PATENTS_PER_10K_POPULATION', year: 2025, county: null, value: 0.3 });

    expect((await admin.ok(PUBLISH, { id: nextId })).publishPlan.status).to.equal('PUBLISHED');
    await admin.fails(PUBLISH, { id: nextId }, 'CONFLICT');
    const y2026 = await rows(anon, 2026);
    expect(Object.keys(y2026)).to.deep.equal(['TM', 'PLEDGE', 'PCT', 'HV10K']);
    expect(Object.values(y2026).map((r) => r.planId)).to.deep.equal(Array(4).fill(nextId));
    // PCT: a flow, the platform's own figure for 2026 (source ESTIMATE); series from the baseline year 2025.
    expect([y2026.PCT!.value, y2026.PCT!.platformValue, y2026.PCT!.source, y2026.PCT!.progress]).to.deep.equal([1, 1, 'ESTIMATE', 0.2]);
    expect(y2026.PCT!.series.map((p) => [p.year, p.value])).to.deep.equal([[2025, 0], [2026, 1]]);
    // High-value per 10k: official 2025 (0.3) + 1 new high-value patent / 100,000 people x 10,000 = 0.4.
    expect([y2026.HV10K!.value, y2026.HV10K!.platformValue, y2026.HV10K!.source]).to.deep.equal([0.4, 0.1, 'ESTIMATE']);
    expect(y2026.HV10K!.progress).to.equal(Number(((0.4 - 0.3) / (1.5 - 0.3)).toPrecision(12)));
    // The county rows show the county figures, without progress (the targets are the city's).
    const county = await rows(anon, 2026, 'LUOBEI');
    expect([county.PCT!.value, county.PCT!.progress, county.PCT!.planId]).to.deep.equal([1, null, nextId]);
    // 2025 is still read against 2021-2025, and the old plan stays readable by id for any year.
    expect(Object.values(await rows(anon, 2025)).map((r) => r.planId)).to.deep.equal(Array(5).fill(seedId));
    expect(Object.keys(await rows(anon, 2026, null, seedId))).to.have.length(5);
    // A second plan overlapping it can no longer be created.
    await admin.fails(CREATE, { input: nextPlan({ firstYear: 2030, lastYear: 2034 }) }, 'BAD_USER_INPUT', 'input.firstYear');
  });

  it('evaluates 2021-2025 with the official 2025 figures: achieved and missed targets, series and counties', async () => {
    await createTrademark(luobei.client, '2023-05-10');
    await createTrademark(luobei.client, '2024-05-10');
    await createTrademark(suibin.client, '2024-08-10');
    const official: [string, number][] = [
      ['INVENTION_PATENTS_PER_10K_POPULATION', 0.62], // target 0.6: achieved
      ['VALID_TRADEMARKS', 8800], // target 9000: missed
      ['PLEDGE_FINANCING_REGISTERED_AMOUNT', 0.35], // target 0.3: achieved
      ['IP_ADVANTAGE_ENTERPRISES', 30], // target 30: achieved (reached exactly)
      ['HIGH_VALUE_INVENTION_PATENTS', 22], // target 23: missed
    ];
    for (const [code, value] of official) await admin.ok(REPORT, { code, year: 2025, value });
    const e = (await anon.ok(EVALUATION, { id: seedId })).planEvaluation;
    expect([e.year, e.final, e.achievedCount, e.missedCount, e.plan.id]).to.deep.equal([2025, true, 3, 2, seedId]);
    expect(e.indicators.map((x: any) => [x.indicator.code, x.indicator.value, x.indicator.source, x.indicator.target, x.achieved])).to.deep.equal([
      ['INVENTION_PATENTS_PER_10K_POPULATION', 0.62, 'OFFICIAL_STATISTIC', 0.6, true],
      ['VALID_TRADEMARKS', 8800, 'OFFICIAL_STATISTIC', 9000, false],
      ['PLEDGE_FINANCING_REGISTERED_AMOUNT', 0.35, 'OFFICIAL_STATISTIC', 0.3, true],
      ['IP_ADVANTAGE_ENTERPRISES', 30, 'OFFICIAL_STATISTIC', 30, true],
      ['HIGH_VALUE_INVENTION_PATENTS', 22, 'OFFICIAL_STATISTIC', 23, false],
    ]);
    const tm = e.indicators[1];
    expect(tm.indicator.progress).to.equal(Number(((8800 - 5024) / (9000 - 5024)).toPrecision(12)));
    // The yearly series 2020-2025: official at both ends, estimates between (5024 + the platform's net change).
    expect(tm.indicator.series.map((p: any) => [p.year, p.value, p.source])).to.deep.equal([
      [2020, 5024, 'OFFICIAL_STATISTIC'], [2021, 5024, 'ESTIMATE'], [2022, 5024, 'ESTIMATE'], [2023, 5025, 'ESTIMATE'], [2024, 5027, 'ESTIMATE'], [2025, 8800, 'OFFICIAL_STATISTIC'],
    ]);
    // Counties: Luobei added 2 trademarks since 2020, Suibin 1: two thirds and one third of the platform's change.
    const byCounty = Object.fromEntries(tm.counties.map((c: any) => [c.county, c]));
    expect(tm.counties).to.have.length(8);
    expect([byCounty.LUOBEI.value, byCounty.LUOBEI.change, byCounty.LUOBEI.share]).to.deep.equal([2, 2, Number((2 / 3).toPrecision(12))]);
    expect([byCounty.SUIBIN.value, byCounty.SUIBIN.share]).to.deep.equal([1, Number((1 / 3).toPrecision(12))]);
    expect(byCounty.XIANGYANG.share).to.equal(0);
  });

  it('serves the evaluation as CSV, SVG and a one-page HTML document (REGULATOR only)', async () => {
    const token = admin.token!;
    const get = (path: string, t?: string) => fetch(`${stack.server.url}${path}`, { headers: t ? { authorization: `Bearer ${t}` } : {} });
    const csv = await get(`/reports/plan-evaluation.csv?plan=${seedId}`, token);
    expect(csv.status).to.equal(200);
    expect(csv.headers.get('content-disposition')).to.equal('attachment; filename="plan-evaluation-2021-2025.csv"');
    const lines = (await csv.text()).replace(/^\uFEFF/, '').trim().split('\r\n');
    expect(lines).to.have.length(1 + 5 * 9);
    const tmCity = lines.find((l) => l.startsWith('鹤岗市“十四五”知识产权保护和运用规划,VALID_TRADEMARKS,') && l.split(',')[11] === '')!.split(',');
    expect([tmCity[12], tmCity[13], tmCity[17]]).to.deep.equal(['8800', 'OFFICIAL_STATISTIC', 'false']);
    const html = await get(`/reports/plan-evaluation.html?plan=${seedId}`, token);
    expect(html.headers.get('content-type')).to.equal('text/html; charset=utf-8');
    const page = await html.text();
    expect(page).to.contain('实施评估（终期）').and.to.contain('完成 3 项，未完成 2 项').and.to.contain('@page { size: A4 landscape');
    expect(page).to.contain('有效注册商标数量（件）').and.to.contain('萝北县');
    const svg = await (await get(`/reports/plan-evaluation.svg?plan=${seedId}`, token)).text();
    expect(XMLValidator.validate(svg)).to.equal(true);
    expect(svg).to.contain('鹤岗市“十四五”知识产权发展主要指标').and.to.contain('2025年：8800（官方统计）');
    const nextSvg = await (await get(`/reports/plan-evaluation.svg?plan=${nextId}`, token)).text();
    expect(XMLValidator.validate(nextSvg)).to.equal(true);
    expect(nextSvg).to.contain('PCT国际专利申请量（件）').and.to.contain('2025年基期值 0.35');
    expect((await get(`/reports/plan-evaluation.html?plan=${seedId}`, luobei.token)).status).to.equal(403);
    expect((await get(`/reports/plan-evaluation.csv?plan=nope`, token)).status).to.equal(400);
  });

  it('computes the pace needed this year, checked by hand', async () => {
    // Two trademarks registered this year (2026): the platform holds 3 at the end of 2025, 5 now.
    await createTrademark(luobei.client, '2026-03-01');
    await createTrademark(suibin.client, '2026-06-01');
    const now = await rows(anon, 2026);
    const tm = now.TM!;
    const pace = tm.pace!;
    expect(pace, 'the 2026-2030 plan is open this year').to.not.equal(null);
    expect(pace.year).to.equal(Number(pace.asOf.slice(0, 4)));
    expect(pace.year).to.equal(2026);
    // Day of the year and months, by hand from asOf.
    const asOf = new Date(`${pace.asOf}T00:00:00Z`);
    const day = Math.round((asOf.getTime() - Date.UTC(2026, 0, 1)) / 86_400_000) + 1;
    expect([pace.dayOfYear, pace.daysInYear]).to.deep.equal([day, 365]);
    const elapsed = (12 * day) / 365;
    const remaining = 12 - elapsed;
    expect(pace.monthsElapsed).to.be.closeTo(elapsed, 1e-9);
    expect(pace.monthsRemaining).to.be.closeTo(remaining, 1e-9);
    // Trademarks: from the official 2025 figure 8800 to the target 11000 in five years: +440 a year.
    expect([pace.fromYear, pace.fromValue]).to.deep.equal([2025, 8800]);
    expect(pace.neededByYearEnd).to.deep.equal([
      { year: 2026, value: 9240 }, { year: 2027, value: 9680 }, { year: 2028, value: 10120 }, { year: 2029, value: 10560 }, { year: 2030, value: 11000 },
    ]);
    // Now: 8800 + 2 (the platform's net change since 2025) = 8802; 438 still needed by 31 December.
    expect([tm.value, tm.source, pace.currentValue, pace.soFar, pace.stillNeeded]).to.deep.equal([8802, 'ESTIMATE', 8802, 2, 438]);
    expect(pace.paceSoFarPerMonth).to.be.closeTo(2 / elapsed, 1e-9);
    if (remaining > 0) expect(pace.neededPerMonth!).to.be.closeTo(438 / remaining, 1e-6);
    // Pledge amount (亿元): official 2025 is 0.35 and nothing registered in 2026 yet; the line to 1.0
    // needs 0.48 亿元 = 48,000,000 yuan registered in 2026, all of it still to come.
    const pledge = now.PLEDGE!.pace!;
    expect(pledge.neededByYearEnd[0]).to.deep.equal({ year: 2026, value: 0.48 });
    expect([pledge.soFar, pledge.stillNeeded]).to.deep.equal([0, 0.48]);
    if (remaining > 0) expect(Number(pledge.neededPerMonthYuan)).to.be.closeTo(48_000_000 / remaining, 0.01);
    // Shown next to the figures in the chart too.
    const svg = await (await fetch(`${stack.server.url}/reports/plan-indicators.svg?year=2026`, { headers: { authorization: `Bearer ${admin.token}` } })).text();
    expect(XMLValidator.validate(svg)).to.equal(true);
    if (remaining > 0) expect(svg).to.contain('今年尚需 438，每月 ');
    // The closed plan has no pace; county rows neither.
    expect((await rows(anon, 2025)).VALID_TRADEMARKS!.pace).to.equal(null);
    expect((await rows(anon, 2026, 'LUOBEI')).TM!.pace).to.equal(null);
  });

  it('edits a published plan only with a reason, kept in its history and in the audit log', async () => {
    await admin.fails(UPDATE, { planId: nextId, code: 'TM', patch: { target: 11500 } }, 'BAD_USER_INPUT', 'reason');
    await admin.fails(UPDATE, { planId: nextId, code: 'TM', patch: { target: 9000 }, reason: '调整' }, 'BAD_USER_INPUT', 'patch.target');
    await admin.fails(UPDATE, { planId: nextId, code: 'NOPE', patch: { target: 1 }, reason: '调整' }, 'BAD_USER_INPUT', 'code');
    expect((await rows(anon, 2026)).TM!.target).to.equal(11000);
    // A wording change needs no reason; a target change does.
    await admin.ok(UPDATE, { planId: nextId, code: 'TM', patch: { name: '有效注册商标量（件）' } });
    const updated = (await admin.ok(UPDATE, { planId: nextId, code: 'TM', patch: { target: 11500 }, reason: '中期评估后上调' })).updatePlanIndicator;
    expect(updated.indicators[0]).to.deep.equal({ code: 'TM', name: '有效注册商标量（件）', target: 11500 });
    expect(updated.history.slice(-2)).to.deep.equal([
      { action: 'UPDATE_INDICATOR', indicatorCode: 'TM', reason: null, changes: [{ field: 'name', before: '有效注册商标数量（件）', after: '有效注册商标量（件）' }] },
      { action: 'UPDATE_INDICATOR', indicatorCode: 'TM', reason: '中期评估后上调', changes: [{ field: 'target', before: '11000', after: '11500' }] },
    ]);
    const tm = (await rows(anon, 2026)).TM!;
    expect([tm.target, tm.pace!.neededByYearEnd[0]!.value]).to.deep.equal([11500, 8800 + (11500 - 8800) / 5]);
    // Every plan edit is in the regulator's audit log (kind EDIT_PLAN): create, publish, two updates.
    const conn = await mongoose.createConnection(stack.db.uri).asPromise();
    try {
      const entries = await conn.collection('auditentries').find({ kind: 'EDIT_PLAN', targetId: nextId }).sort({ at: 1 }).toArray();
      expect(entries.map((e) => (e.details as { action: string }).action)).to.deep.equal(['CREATE', 'PUBLISH', 'UPDATE_INDICATOR', 'UPDATE_INDICATOR']);
      expect(entries[3]!.reason).to.equal('中期评估后上调');
      expect(String(entries[0]!.actor)).to.match(/^[0-9a-f]{24}$/);
    } finally {
      await conn.close();
    }
  });
});
