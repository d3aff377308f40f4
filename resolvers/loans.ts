import type { Resolvers } from '../schema/generated/types';
import * as financing from '../services/financing';
import { DEFAULT_DAYS_PAST_DUE_BEFORE_DEFAULT } from '../services/financing/loanMachine';
import type { LoanDoc } from '../models/loan';
import { getDeal } from '../services/deals';

/** What each instalment has been covered by, applying the repaid total in due-date order. */
function paidPerInstalment(loan: LoanDoc): number[] {
  let left = loan.repaidTotal;
  return (loan.schedule ?? []).map((r) => {
    const paid = Math.min(left, r.total);
    left -= paid;
    return paid;
  });
}

export const loanResolvers: Resolvers = {
  Query: {
    loan: (_p, { id }, ctx) => financing.getLoan(ctx, id),
    loans: (_p, { status, first, after }, ctx) => financing.listLoans(ctx, status, first, after),
    loanAlerts: (_p, { status, first, after }, ctx) => financing.listLoanAlerts(ctx, status, first, after),
    riskSharingScheme: (_p, { year }) => financing.getRiskSharingScheme(year),
    financingSummary: (_p, { year, county }, ctx) => financing.financingSummary(ctx, year, county),
  },
  Mutation: {
    recordLoanContract: (_p, { input }, ctx) => financing.recordLoanContract(ctx, input),
    recordDisbursement: (_p, { input }, ctx) => financing.recordDisbursement(ctx, input),
    recordRepayment: (_p, { input }, ctx) => financing.recordRepayment(ctx, input),
    settleLoan: (_p, { input }, ctx) => financing.settleLoan(ctx, input),
    defaultLoan: (_p, { input }, ctx) => financing.defaultLoan(ctx, input),
    updateLoanProduct: (_p, { id, input, reason }, ctx) => financing.updateLoanProduct(ctx, id, input as never, reason),
    deactivateLoanProduct: (_p, { id, reason }, ctx) => financing.deactivateLoanProduct(ctx, id, reason),
    acknowledgeLoanAlert: (_p, { id, note }, ctx) => financing.acknowledgeLoanAlert(ctx, id, note),
    changePledgeRegistration: (_p, { id, input }, ctx) => financing.changePledgeRegistration(ctx, id, input),
    createEnforcementListing: (_p, { input }, ctx) => financing.createEnforcementListing(ctx, input),
    recordEnforcementProceeds: (_p, args, ctx) => financing.recordEnforcementProceeds(ctx, args),
    setRiskSharingScheme: (_p, { input }, ctx) => financing.setRiskSharingScheme(ctx, { ...input, subsidyIndustries: input.subsidyIndustries ?? [] }),
  },
  ListingEnforcement: {
    loan: (e, _x, ctx) => financing.getLoan(ctx, String(e.loan)),
    bank: async (e, _x, ctx) => (await ctx.loaders.organization.load(e.bank))!,
    registration: (e, _x, ctx) => ctx.loaders.pledgeRegistration.load(e.registration),
  },
  Listing: { enforcement: (l) => l.enforcement ?? null },
  Deal: { enforcement: (d) => d.enforcement ?? null },
  LoanRecovery: {
    surplus: (r) => r.surplus ?? 0,
    deal: (r, _x, ctx) => (r.deal ? getDeal(ctx, String(r.deal)) : null),
    by: (r, _x, ctx) => (r.by ? ctx.loaders.user.load(r.by) : null),
  },
  RiskSharingScheme: {
    year: (s) => s._id,
    subsidyIndustries: (s) => (s.subsidyIndustries ?? []) as never,
  },
  PledgeRegistration: {
    changes: (r, _x, ctx) =>
      (r.changes ?? []).map((c) => ({
        changedOn: c.changedOn, at: c.at, by: c.by ? ctx.loaders.user.load(c.by) : null, reason: c.reason ?? null,
        securedAmountBefore: c.securedAmountBefore, securedAmountAfter: c.securedAmountAfter, expiresOnBefore: c.expiresOnBefore, expiresOnAfter: c.expiresOnAfter,
      })) as never,
  },
  LoanAlert: {
    id: (a) => String(a._id),
    loan: async (a, _x, ctx) => financing.getLoan(ctx, String(a.loan)),
    asset: (a, _x, ctx) => (a.asset ? ctx.loaders.ipAsset.load(a.asset) : null),
    cause: (a) => a.cause as never,
    status: (a) => a.status as never,
    note: (a) => a.note ?? null,
    history: (a) => a.history as never,
  },
  PledgeApplication: {
    loan: (a, _x, ctx) => financing.loanOfApplication(ctx, a._id),
  },
  LoanProduct: {
    daysPastDueBeforeDefault: (p) => p.daysPastDueBeforeDefault ?? DEFAULT_DAYS_PAST_DUE_BEFORE_DEFAULT,
    eligibility: (p) => ({
      minRemainingYears: (p.eligibility?.minRemainingYears ?? []).map((m) => ({ kind: m.kind as never, years: m.years })),
      annualFeesPaidUp: !!p.eligibility?.annualFeesPaidUp,
      verifiedOnly: !!p.eligibility?.verifiedOnly,
      insuranceRequired: !!p.eligibility?.insuranceRequired,
      maxLoanToValue: p.eligibility?.maxLoanToValue ?? null,
    }),
    history: (p, _x, ctx) =>
      (p.history ?? []).map((h) => ({
        at: h.at,
        by: h.by ? ctx.loaders.user.load(h.by) : null,
        reason: h.reason ?? null,
        fields: (h.fields ?? []).map((f) => ({ field: f.field ?? '', before: f.before ?? null, after: f.after ?? null })),
      })) as never,
  },
  DueDiligence: {
    eligibility: (d) => d.eligibility.map((c) => ({ rule: c.rule, met: c.met, detail: c.detail, asset: c.asset })) as never,
  },
  Loan: {
    id: (l) => String(l._id),
    application: (l, _x, ctx) => ctx.loaders.pledgeApplication.load(l.application),
    bank: async (l, _x, ctx) => (await ctx.loaders.organization.load(l.bank))!,
    borrower: async (l, _x, ctx) => (await ctx.loaders.organization.load(l.borrower))!,
    product: async (l, _x, ctx) => (await ctx.loaders.loanProduct.load(l.product))!,
    repaymentMethod: (l) => l.repaymentMethod as never,
    customSchedule: (l) => l.customSchedule ?? [],
    disbursedOn: (l) => l.disbursedOn ?? null,
    disbursedAmount: (l) => l.disbursedAmount ?? null,
    maturityOn: (l) => l.maturityOn ?? null,
    schedule: (l) => {
      const paid = paidPerInstalment(l);
      return (l.schedule ?? []).map((r, i) => ({
        number: r.number, dueOn: r.dueOn, days: r.days, principal: r.principal, interest: r.interest, total: r.total, outstandingAfter: r.outstandingAfter, paid: paid[i] ?? 0,
      }));
    },
    repayments: (l, _x, ctx) => (l.repayments ?? []).map((r) => ({ paidOn: r.paidOn, amount: r.amount, recordedAt: r.recordedAt, reference: r.reference ?? null, by: r.by ? ctx.loaders.user.load(r.by) : null })) as never,
    outstanding: (l) => l.scheduledTotal - l.repaidTotal,
    pastDue: (l, _x, ctx) => financing.loanArrears(ctx, l).pastDue,
    daysPastDue: (l, _x, ctx) => financing.loanArrears(ctx, l).daysPastDue,
    status: (l, _x, ctx) => financing.loanStatusNow(ctx, l) as never,
    settledOn: (l) => l.settledOn ?? null,
    defaultedOn: (l) => l.defaultedOn ?? null,
    defaultReason: (l) => l.defaultReason ?? null,
    history: (l) => l.history as never,
    subsidyDue: async (l, { year }) => financing.loanSubsidyDue(l, year, financing.schemeTerms(await financing.getRiskSharingScheme(year))),
    lossAtDefault: (l) => l.lossAtDefault ?? null,
    recoveredAmount: (l) => l.recoveredAmount ?? 0,
    recoveries: (l) => l.recoveries ?? [],
    lossShares: async (l) => (l.defaultedOn ? financing.loanLossShares(l, financing.schemeTerms(await financing.getRiskSharingScheme(Number(l.defaultedOn.slice(0, 4))))) : null),
  },
};
