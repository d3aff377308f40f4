import type { Resolvers } from '../schema/generated/types';
import * as financing from '../services/financing';
import type { IpAssetDoc } from '../models/ipAsset';

const present = <T>(docs: (T | null)[]): T[] => docs.filter((d): d is T => d !== null);

export const financingResolvers: Resolvers = {
  Query: {
    loanProducts: (_p, { kind }, ctx) => financing.loanProducts(ctx, kind),
    pledgeApplication: (_p, { id }, ctx) => financing.getPledgeApplication(ctx, id),
    pledgeApplications: (_p, { status, first, after }, ctx) => financing.listPledgeApplications(ctx, status, first, after),
    pledgeRegistrations: (_p, { filter, first, after }, ctx) => financing.listPledgeRegistrations(ctx, filter, first, after),
  },
  Mutation: {
    createLoanProduct: (_p, { input }, ctx) => financing.createLoanProduct(ctx, input),
    applyForPledgeLoan: (_p, { input }, ctx) => financing.applyForPledgeLoan(ctx, input),
    reviewPledgeApplication: (_p, { input }, ctx) => financing.reviewPledgeApplication(ctx, input),
    withdrawPledgeApplication: (_p, { id }, ctx) => financing.withdrawPledgeApplication(ctx, id),
    recordPledgeRegistration: (_p, { input }, ctx) => financing.recordPledgeRegistration(ctx, input),
    releasePledgeRegistration: (_p, { id, releasedOn }, ctx) => financing.releasePledgeRegistration(ctx, id, releasedOn),
    recordAssetPledgeFacts: (_p, { input }, ctx) => financing.recordAssetPledgeFacts(ctx, input),
    setAssetRestriction: (_p, { input }, ctx) => financing.setAssetRestriction(ctx, input),
    grantPledgeeConsent: (_p, { registrationId, dealId, note }, ctx) => financing.grantPledgeeConsent(ctx, registrationId, dealId, note),
    refusePledgeeConsent: (_p, { registrationId, dealId, reason }, ctx) => financing.refusePledgeeConsent(ctx, registrationId, dealId, reason),
    correctPledgeRegistration: (_p, { id, input, reason }, ctx) => financing.correctPledgeRegistration(ctx, id, input, reason),
  },
  LoanProduct: {
    id: (p) => String(p._id),
    bank: async (p, _x, ctx) => (await ctx.loaders.organization.load(p.bank))!,
    acceptedKinds: (p) => p.acceptedKinds as never,
  },
  Valuation: {
    appraiser: (v, _x, ctx) => (v.appraiser ? ctx.loaders.organization.load(v.appraiser) : null),
  },
  PledgeApplication: {
    id: (a) => String(a._id),
    applicant: async (a, _x, ctx) => (await ctx.loaders.organization.load(a.applicant))!,
    bank: async (a, _x, ctx) => (await ctx.loaders.organization.load(a.bank))!,
    product: async (a, _x, ctx) => (await ctx.loaders.loanProduct.load(a.product))!,
    assets: async (a, _x, ctx) => present(await ctx.loaders.ipAsset.loadMany(a.assets) as (IpAssetDoc | null)[]),
    valuation: (a) => (a.valuation as never) ?? null,
    // Visible to whoever may see the application: the applicant and the bank it was sent to.
    insurancePolicy: (a, _x, ctx) => (a.insurancePolicy ? ctx.loaders.insurancePolicy.load(a.insurancePolicy) : null),
    status: (a) => a.status as never,
    history: (a) => a.history as never,
    dueDiligence: (a, _x, ctx) => financing.dueDiligence(ctx, a),
    registration: (a, _x, ctx) => (a.registration ? ctx.loaders.pledgeRegistration.load(a.registration) : null),
  },
  DueDiligence: {
    risks: (d) => d.risks as never,
  },
  AssetCheck: {
    legalStatus: (c) => c.legalStatus as never,
  },
  PledgeRegistration: {
    id: (r) => String(r._id),
    application: async (r, _x, ctx) => {
      if (!r.application) return null;
      const app = await ctx.loaders.pledgeApplication.load(r.application);
      return app && financing.canSeeApplication(ctx, app) ? app : null;
    },
    pledgor: async (r, _x, ctx) => (await ctx.loaders.organization.load(r.pledgor))!,
    pledgee: async (r, _x, ctx) => (await ctx.loaders.organization.load(r.pledgee))!,
    assets: async (r, _x, ctx) => present(await ctx.loaders.ipAsset.loadMany(r.assets) as (IpAssetDoc | null)[]),
    county: (r) => r.county as never,
    status: (r) => r.status as never,
    releasedOn: (r) => r.releasedOn ?? null,
    history: (r) => r.history as never,
    consents: (r, _x, ctx) =>
      (r.consents ?? []).map((c) => ({
        dealId: String(c.deal),
        decision: c.decision,
        at: c.at,
        by: c.by ? ctx.loaders.user.load(c.by) : null,
        note: c.note ?? null,
        asset: ctx.loaders.ipAsset.load(c.asset),
        dealType: c.dealType,
        licenseType: c.licenseType ?? null,
        buyer: ctx.loaders.organization.load(c.buyer),
        price: c.price,
      })) as never,
    corrections: (r, _x, ctx) =>
      (r.corrections ?? []).map((c) => ({
        at: c.at,
        by: c.by ? ctx.loaders.user.load(c.by) : null,
        reason: c.reason,
        changes: financing.correctionChanges(c.before, c.after),
      })) as never,
  },
  IpAsset: {
    annualFeesPaidUntil: (a) => a.annualFeesPaidUntil ?? null,
    annualFeeStatus: (a) => financing.annualFeeStatus(a),
    coOwners: (a) => a.coOwners ?? [],
    coOwnersConsentToPledge: (a) => !!a.coOwnersConsentToPledge,
    restriction: (a) => (a.restriction ? { kind: a.restriction.kind as never, since: a.restriction.since, note: a.restriction.note ?? null } : null),
  },
};
