import { expect } from 'chai';
import fs from 'node:fs';
import path from 'node:path';
import { Types } from 'mongoose';
import { paceFor, dayOfYear } from '../../services/indicators/pace';
import { planForYear, definitionsOf, type PlanRow } from '../../services/indicators/plans';
import { estimateFor } from '../../services/indicators/estimates';
import { INDICATORS, SEED_PLAN, achieved, expectedValue } from '../../services/indicators/definitions';

const plan = (firstYear: number, lastYear: number, status: 'DRAFT' | 'PUBLISHED' = 'PUBLISHED') =>
  ({ _id: new Types.ObjectId(), title: `${firstYear}`, issuer: 'x', firstYear, lastYear, status, indicators: [] }) as PlanRow;

describe('plans: the plan in force, pace and estimates (pure rules)', () => {
  it('reads a year against the published plan containing it, else the first plan before and the last after', () => {
    const a = plan(2021, 2025);
    const b = plan(2026, 2030);
    const draft = plan(2031, 2035, 'DRAFT');
    const plans = [b, draft, a];
    expect([2020, 2021, 2025, 2026, 2030, 2031, 2040].map((y) => planForYear(plans, y)?.firstYear)).to.deep.equal([2021, 2021, 2021, 2026, 2026, 2026, 2026]);
    expect(planForYear([draft], 2032)).to.equal(null);
  });

  it('the seed plan is the plan text\'s table (lines 28-52 of the plan)', () => {
    // test/fixtures holds the table as it stands in the plan text (../shared/plan/hegang-ip-plan-2021-2025.txt, lines 26-54).
    const fixture = path.join(__dirname, '../../../test/fixtures/plan-2021-2025-indicator-table.txt');
    const lines = fs.readFileSync(fixture, 'utf8').split('\n').map((l) => l.trim()).filter(Boolean);
    expect(lines).to.include('“十四五”鹤岗市知识产权发展主要指标');
    for (const d of INDICATORS) {
      const at = lines.findIndex((l) => l === d.name);
      expect(at, d.name).to.be.greaterThan(-1);
      expect([Number(lines[at + 1]), Number(lines[at + 2])], d.name).to.deep.equal([d.baseline, d.target]);
    }
    expect(SEED_PLAN.rows.map(([code, b, t]) => `${code}:${b}->${t}`)).to.deep.equal([
      'INVENTION_PATENTS_PER_10K_POPULATION:0.56->0.6', 'VALID_TRADEMARKS:5024->9000', 'PLEDGE_FINANCING_REGISTERED_AMOUNT:0->0.3',
      'IP_ADVANTAGE_ENTERPRISES:25->30', 'HIGH_VALUE_INVENTION_PATENTS:20->23',
    ]);
  });

  it('resolves a plan\'s indicators against their computations (unit scale, kind, target year)', () => {
    const [pledge] = definitionsOf({
      lastYear: 2030,
      indicators: [{ code: 'P', computation: 'PLEDGE_FINANCING_REGISTERED_AMOUNT', name: '质押融资登记金额（万元）', unit: '万元', baselineYear: 2025, baseline: 3500, target: 10000, binding: 'BINDING' }],
    });
    expect([pledge!.scale, pledge!.kind, pledge!.targetYear, pledge!.goal]).to.deep.equal([1e6, 'FLOW_WITHIN_YEAR', 2030, 'PROGRESS']);
    expect([2025, 2026, 2030, 2031].map((y) => expectedValue(pledge!, y))).to.deep.equal([3500, 4800, 10000, 10000]);
    expect(expectedValue({ ...pledge!, goal: 'FLOOR' }, 2026)).to.equal(10000);
  });

  it('counts a target as achieved when reached exactly, in the indicator\'s direction', () => {
    expect([achieved({ baseline: 25, target: 30 }, 30), achieved({ baseline: 25, target: 30 }, 29.99), achieved({ baseline: 0.56, target: 0.6 }, 0.56 + 0.04)]).to.deep.equal([true, false, true]);
    expect([achieved({ baseline: 10, target: 5 }, 5), achieved({ baseline: 10, target: 5 }, 6)]).to.deep.equal([true, false]);
  });

  it('computes the pace on a straight line from last year\'s value to the target', () => {
    expect(dayOfYear('2026-01-01')).to.deep.equal({ day: 1, days: 365 });
    expect(dayOfYear('2028-12-31')).to.deep.equal({ day: 366, days: 366 });
    const def = { code: 'VALID_TRADEMARKS' as const, kind: 'STOCK_AT_YEAR_END' as const, baseline: 9000, baselineYear: 2025, target: 11000, targetYear: 2030, goal: 'PROGRESS' as const, scale: 1 };
    // 2027-07-02 is day 183 of 365: 6.016... months elapsed.
    const pace = paceFor(def, 2026, [{ year: 2025, value: 8800 }, { year: 2026, value: 9100 }, { year: 2027, value: 9200 }], '2027-07-02')!;
    expect([pace.fromYear, pace.fromValue]).to.deep.equal([2026, 9100]);
    expect(pace.neededByYearEnd).to.deep.equal([{ year: 2027, value: 9575 }, { year: 2028, value: 10050 }, { year: 2029, value: 10525 }, { year: 2030, value: 11000 }]);
    expect([pace.soFar, pace.stillNeeded]).to.deep.equal([100, 375]);
    expect(pace.neededPerMonth!).to.be.closeTo(375 / (12 - (12 * 183) / 365), 1e-9);
    expect(pace.paceSoFarPerMonth).to.be.closeTo(100 / ((12 * 183) / 365), 1e-9);
    // A flow: this year's amount so far; money also in fen per month.
    const flow = { code: 'PLEDGE_FINANCING_REGISTERED_AMOUNT' as const, kind: 'FLOW_WITHIN_YEAR' as const, baseline: 0.35, baselineYear: 2025, target: 1, targetYear: 2030, goal: 'PROGRESS' as const, scale: 1e10 };
    const p = paceFor(flow, 2026, [{ year: 2025, value: 0.35 }, { year: 2026, value: 0.1 }], '2026-12-31')!;
    expect([p.neededByYearEnd[0]!.value, p.soFar, p.stillNeeded, p.monthsRemaining, p.neededPerMonth, p.neededPerMonthYuan]).to.deep.equal([0.48, 0.1, 0.38, 0, null, null]);
    expect(p.paceSoFarPerMonthYuan).to.equal(Math.round((0.1 / 12) * 1e10));
    // Outside the plan's period: no pace.
    expect(paceFor(flow, 2026, [{ year: 2031, value: 1 }], '2031-03-01')).to.equal(null);
  });

  it('estimates a stock from the latest official figure, a flow from the platform; nothing without an official base', () => {
    const years = [
      { year: 2020, platformValue: 10, amount: 10, population: null, official: 5024 },
      { year: 2021, platformValue: 12, amount: 12, population: null, official: null },
      { year: 2022, platformValue: 11, amount: 11, population: null, official: null },
    ];
    expect(estimateFor({ kind: 'STOCK_AT_YEAR_END' }, years)).to.deep.equal({ value: 5025, note: 'official 2020 (5024) + platform net change since 2020 (+1)' });
    expect(estimateFor({ kind: 'FLOW_WITHIN_YEAR' }, years)!.value).to.equal(11);
    expect(estimateFor({ kind: 'STOCK_AT_YEAR_END' }, years.map((y) => ({ ...y, official: null })))).to.equal(null);
    expect(estimateFor({ kind: 'STOCK_AT_YEAR_END' }, years.slice(0, 1))).to.equal(null); // official that year: no estimate
    expect(estimateFor({ kind: 'STOCK_PER_10K_POPULATION' }, years)).to.equal(null); // no population
  });
});
