// The kept figures (services/financing/summaryFigures.ts) give exactly the loan-by-loan summary
// (schemes.ts summarize), per-loan half-up rounding included, for any scheme; and a loan's moves
// applied as deltas add up to its figures at the end.
import { expect } from 'chai';
import type { LoanDoc } from '../../models/loan';
import { COUNTIES, type County } from '../../models/enums';
import { computeSchedule, scheduleTotal } from '../../services/financing/loanSchedule';
import { lossAtDefault, type SchemeTerms } from '../../services/financing/riskSharing';
import { rowFromFigures, summarize } from '../../services/financing/schemes';
import { figuresDelta, figuresOf, sumFigures, type LoanFigures } from '../../services/financing/summaryFigures';

/** A deterministic generator (mulberry32), so a failure can be replayed. */
function rng(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const INDUSTRY_SETS = [[], ['GRAPHITE'], ['NEW_MATERIALS'], ['GRAPHITE', 'NEW_MATERIALS']];

function randomLoan(r: () => number, i: number): LoanDoc {
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(r() * xs.length)]!;
  const year = pick([2024, 2025, 2026]);
  const disbursedOn = `${year}-${String(1 + Math.floor(r() * 12)).padStart(2, '0')}-${String(1 + Math.floor(r() * 28)).padStart(2, '0')}`;
  const principal = 1 + Math.floor(r() * 50_000_000);
  const schedule = computeSchedule({ method: 'EQUAL_INSTALMENTS', principal, annualRateBps: 100 + Math.floor(r() * 900), termMonths: 1 + Math.floor(r() * 24), disbursedOn });
  const paidRows = Math.floor(r() * (schedule.length + 1));
  let repaidTotal = scheduleTotal(schedule.slice(0, paidRows));
  if (r() < 0.3 && paidRows < schedule.length) repaidTotal += Math.floor(r() * schedule[paidRows]!.total); // a part of the next one
  const repayments = repaidTotal > 0 ? [{ paidOn: schedule[Math.max(0, paidRows - 1)]!.dueOn, amount: repaidTotal }] : [];
  const defaulted = r() < 0.4;
  const loss = defaulted ? lossAtDefault(principal, schedule, repaidTotal) : null;
  return {
    _id: i,
    disbursedOn: r() < 0.1 ? null : disbursedOn,
    disbursedAmount: principal,
    schedule,
    repaidTotal,
    repayments,
    defaultedOn: defaulted ? `${pick([2025, 2026])}-06-30` : null,
    lossAtDefault: loss,
    recoveredAmount: defaulted && r() < 0.5 ? Math.floor(r() * (loss ?? 0)) : 0,
    insured: r() < 0.5,
    industries: pick(INDUSTRY_SETS),
    borrowerCounty: r() < 0.05 ? null : pick(COUNTIES),
  } as unknown as LoanDoc;
}

const SCHEMES: (SchemeTerms | null)[] = [
  null,
  { bankSharePercent: 60, insurerSharePercent: 20, cityFundSharePercent: 20, interestSubsidyPercent: 50, subsidyIndustries: ['GRAPHITE'] },
  { bankSharePercent: 33, insurerSharePercent: 33, cityFundSharePercent: 34, interestSubsidyPercent: 37, subsidyIndustries: [] },
  { bankSharePercent: 7, insurerSharePercent: 71, cityFundSharePercent: 22, interestSubsidyPercent: 99, subsidyIndustries: ['NEW_MATERIALS'] },
];

function keptFigures(loans: LoanDoc[]): Map<string, LoanFigures[string][]> {
  const byKey = new Map<string, LoanFigures[string][]>();
  for (const l of loans) for (const [k, f] of Object.entries(figuresOf(l))) byKey.set(k, [...(byKey.get(k) ?? []), f]);
  return byKey;
}

describe('financing summary from kept figures', () => {
  const r = rng(20261130);
  const loans = Array.from({ length: 400 }, (_, i) => randomLoan(r, i));
  const byKey = keptFigures(loans);
  const figuresFor = (year: number, county: County | null) =>
    sumFigures([...byKey.entries()].filter(([k]) => (county ? k === `${year}:${county}` : k.startsWith(`${year}:`))).flatMap(([, fs]) => fs));

  for (const [s, terms] of SCHEMES.entries()) {
    it(`equals the loan-by-loan summary for every year and county, to the fen (scheme ${s})`, () => {
      for (const year of [2024, 2025, 2026, 2027]) {
        for (const county of [...COUNTIES, null]) {
          expect(rowFromFigures(figuresFor(year, county), year, county, terms), `${year} ${county}`).to.deep.equal(summarize(loans, year, county, terms));
        }
      }
    });
  }

  it('the deltas of a loan’s moves add up to its final figures (and an empty delta when nothing changed)', () => {
    const loan = randomLoan(rng(7), 1) as unknown as Record<string, unknown>;
    const stages = [
      { ...loan, disbursedOn: null },
      { ...loan, defaultedOn: null, lossAtDefault: null, recoveredAmount: 0 },
      { ...loan, recoveredAmount: 0 },
      loan,
    ] as unknown as LoanDoc[];
    let kept: LoanFigures = {};
    let total = {} as LoanFigures;
    for (const stage of stages) {
      const delta = figuresDelta(figuresOf(stage), kept);
      for (const [k, f] of Object.entries(delta)) total[k] = sumFigures([total[k] ?? {}, f]);
      kept = figuresOf(stage);
    }
    total = Object.fromEntries(Object.entries(total).map(([k, f]) => [k, Object.fromEntries(Object.entries(f).filter(([, n]) => n !== 0))]).filter(([, f]) => Object.keys(f as object).length > 0));
    expect(total).to.deep.equal(figuresOf(stages.at(-1)!));
    expect(figuresDelta(kept, kept)).to.deep.equal({});
  });
});
