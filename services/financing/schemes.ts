// The REGULATOR's risk-sharing and interest-subsidy scheme per year, and the city's financing
// summary (issue 16, point 7). Arithmetic in services/financing/riskSharing.ts.
import type { LoanDoc } from '../../models/loan';
import { RiskSharingScheme, type RiskSharingSchemeDoc } from '../../models/riskSharingScheme';
import { COUNTIES, type County } from '../../models/enums';
import type { ServiceContext } from '../context';
import { requireRegulator } from '../authz';
import { updateOneDoc } from '../atomic';
import { badInput, conflict, isDuplicateKey } from '../errors';
import * as v from '../validate';
import { lossShares, subsidyDue, subsidyEligible, type LossShares, type SchemeTerms } from './riskSharing';
import { lossSharesOf, sharedLoss, subsidyOf, type Figures } from './summaryFigures';
import { readSummaryFigures } from './summaryStore';

export interface SchemeInput extends SchemeTerms {
  year: number;
}

const termsOf = (s: RiskSharingSchemeDoc | null): SchemeTerms | null =>
  s ? { bankSharePercent: s.bankSharePercent, insurerSharePercent: s.insurerSharePercent, cityFundSharePercent: s.cityFundSharePercent, interestSubsidyPercent: s.interestSubsidyPercent, subsidyIndustries: s.subsidyIndustries ?? [] } : null;

export async function setRiskSharingScheme(ctx: ServiceContext, input: SchemeInput): Promise<RiskSharingSchemeDoc> {
  const viewer = await requireRegulator(ctx);
  const year = v.intInRange('input.year', input.year, 2000, 2100);
  const terms: SchemeTerms = {
    bankSharePercent: v.intInRange('input.bankSharePercent', input.bankSharePercent, 0, 100),
    insurerSharePercent: v.intInRange('input.insurerSharePercent', input.insurerSharePercent, 0, 100),
    cityFundSharePercent: v.intInRange('input.cityFundSharePercent', input.cityFundSharePercent, 0, 100),
    interestSubsidyPercent: v.intInRange('input.interestSubsidyPercent', input.interestSubsidyPercent, 0, 100),
    subsidyIndustries: [...new Set(input.subsidyIndustries ?? [])].sort(),
  };
  const sum = terms.bankSharePercent + terms.insurerSharePercent + terms.cityFundSharePercent;
  if (sum !== 100) throw badInput('input.cityFundSharePercent', `the bank's, the insurer's and the city fund's shares must add up to 100, not ${sum}`);
  const existing = await RiskSharingScheme.findById(year);
  const entry = { at: new Date(), by: viewer.userId, before: JSON.stringify(termsOf(existing)), after: JSON.stringify(terms) };
  if (!existing) {
    try {
      return (await RiskSharingScheme.create({ _id: year, ...terms, history: [entry] } as never)) as unknown as RiskSharingSchemeDoc;
    } catch (err) {
      if (isDuplicateKey(err)) throw conflict(`The scheme for ${year} was set meanwhile; reload and try again`);
      throw err;
    }
  }
  const updated = await updateOneDoc<RiskSharingSchemeDoc>(RiskSharingScheme, { _id: year, version: existing.version ?? 0 }, { $set: terms, $inc: { version: 1 }, $push: { history: entry } });
  if (!updated) throw conflict(`The scheme for ${year} changed meanwhile; reload and try again`);
  return updated;
}

export async function getRiskSharingScheme(year: number): Promise<RiskSharingSchemeDoc | null> {
  return RiskSharingScheme.findById(year);
}

export interface FinancingSummaryRow {
  year: number;
  county: County | null;
  loansGranted: number;
  amountGranted: number;
  repaid: number;
  loansDefaulted: number;
  amountDefaulted: number; // the loss at default, fen
  recovered: number;
  subsidyDue: number;
  lossShares: LossShares;
}

const yearOf = (date: string | null | undefined) => (date ? Number(date.slice(0, 4)) : null);

/** A loan's loss shares under the scheme of its default year, on its loss less what enforcement recovered (no scheme: the bank bears it all). */
export function loanLossShares(loan: Pick<LoanDoc, 'lossAtDefault' | 'recoveredAmount' | 'insured'>, terms: SchemeTerms | null): LossShares | null {
  if (loan.lossAtDefault === null || loan.lossAtDefault === undefined) return null;
  const shared = sharedLoss(loan);
  return terms ? lossShares(shared, terms, !!loan.insured) : { bank: shared, insurer: 0, cityFund: 0 };
}

export function loanSubsidyDue(loan: Pick<LoanDoc, 'schedule' | 'repaidTotal' | 'industries'>, year: number, terms: SchemeTerms | null): number {
  if (!terms || !subsidyEligible(loan.industries ?? [], terms)) return 0;
  return subsidyDue(loan.schedule ?? [], loan.repaidTotal, year, terms);
}

/**
 * The summary of one county (or all) for a year, loan by loan: the definition the kept figures
 * (summaryFigures.ts) must reproduce exactly (test/unit/financingSummaryFigures.test.ts).
 */
export function summarize(loans: LoanDoc[], year: number, county: County | null, terms: SchemeTerms | null): FinancingSummaryRow {
  const row: FinancingSummaryRow = { year, county, loansGranted: 0, amountGranted: 0, repaid: 0, loansDefaulted: 0, amountDefaulted: 0, recovered: 0, subsidyDue: 0, lossShares: { bank: 0, insurer: 0, cityFund: 0 } };
  for (const l of loans) {
    if (!l.disbursedOn || (county && l.borrowerCounty !== county)) continue;
    if (yearOf(l.disbursedOn) === year) {
      row.loansGranted++;
      row.amountGranted += l.disbursedAmount ?? 0;
    }
    for (const r of l.repayments ?? []) if (yearOf(r.paidOn) === year) row.repaid += r.amount;
    if (yearOf(l.defaultedOn) === year) {
      row.loansDefaulted++;
      row.amountDefaulted += l.lossAtDefault ?? 0;
      row.recovered += l.recoveredAmount ?? 0;
      const shares = loanLossShares(l, terms);
      if (shares) {
        row.lossShares.bank += shares.bank;
        row.lossShares.insurer += shares.insurer;
        row.lossShares.cityFund += shares.cityFund;
      }
    }
    row.subsidyDue += loanSubsidyDue(l, year, terms);
  }
  return row;
}

/** The summary from the kept figures of a year (one county's, or all of the year's documents added up). */
export function rowFromFigures(f: Figures, year: number, county: County | null, terms: SchemeTerms | null): FinancingSummaryRow {
  return {
    year, county,
    loansGranted: f.granted ?? 0, amountGranted: f.amountGranted ?? 0, repaid: f.repaid ?? 0,
    loansDefaulted: f.defaulted ?? 0, amountDefaulted: f.amountDefaulted ?? 0, recovered: f.recovered ?? 0,
    subsidyDue: subsidyOf(f, terms), lossShares: lossSharesOf(f, terms),
  };
}

/** Reads the kept per-(year, county) figures (services/financing/summaryStore.ts): a few small documents, whatever the number of loans. */
export async function financingSummary(ctx: ServiceContext, year: number, county?: County | null): Promise<FinancingSummaryRow> {
  await requireRegulator(ctx);
  v.intInRange('year', year, 2000, 2100);
  const [figures, scheme] = await Promise.all([readSummaryFigures(year, county ?? null), getRiskSharingScheme(year)]);
  return rowFromFigures(figures, year, county ?? null, termsOf(scheme));
}

const CSV_HEADER = 'year,county,loans_granted,amount_granted_yuan,repaid_yuan,loans_defaulted,amount_defaulted_yuan,recovered_yuan,subsidy_due_yuan,loss_bank_yuan,loss_insurer_yuan,loss_city_fund_yuan';
const yuan = (fen: number) => (fen / 100).toFixed(2);

/** One row per county, then the city total (or only the county asked for). */
export async function financingSummaryCsv(ctx: ServiceContext, query: Record<string, unknown>): Promise<{ body: string; filename: string }> {
  await requireRegulator(ctx);
  const year = Number(query.year);
  if (!Number.isInteger(year)) throw badInput('year', 'must be a year such as 2025');
  v.intInRange('year', year, 2000, 2100);
  const county = typeof query.county === 'string' && query.county !== '' ? query.county : null;
  if (county !== null && !COUNTIES.includes(county as County)) throw badInput('county', `must be one of ${COUNTIES.join(', ')}`);
  const terms = termsOf(await getRiskSharingScheme(year));
  const counties: (County | null)[] = county ? [county as County] : [...COUNTIES, null];
  const rows = await Promise.all(counties.map(async (c) => rowFromFigures(await readSummaryFigures(year, c), year, c, terms)));
  const lines = rows.map((r) => {
    return [r.year, r.county ?? 'CITY', r.loansGranted, yuan(r.amountGranted), yuan(r.repaid), r.loansDefaulted, yuan(r.amountDefaulted), yuan(r.recovered), yuan(r.subsidyDue), yuan(r.lossShares.bank), yuan(r.lossShares.insurer), yuan(r.lossShares.cityFund)].join(',');
  });
  return { body: `${CSV_HEADER}\n${lines.join('\n')}\n`, filename: `financing-summary-${year}${county ? `-${county}` : ''}.csv` };
}

export { termsOf as schemeTerms };
