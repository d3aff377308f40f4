import type { Resolvers } from '../schema/generated/types';
import * as insurance from '../services/insurance';
import type { IpAssetDoc } from '../models/ipAsset';
import type { ServiceContext } from '../services/context';

const orgOrNull = async (ctx: ServiceContext, id: unknown) => (id ? ctx.loaders.organization.load(id as never) : null);
const present = <T>(docs: (T | null)[]): T[] => docs.filter((d): d is T => d !== null);

export const insuranceResolvers: Resolvers = {
  Query: {
    insuranceProducts: (_p, { type }, ctx) => insurance.insuranceProducts(ctx, type),
    myInsurancePolicies: (_p, { first, after }, ctx) => insurance.myInsurancePolicies(ctx, first, after),
    myInsuranceQuotes: (_p, { first, after }, ctx) => insurance.myInsuranceQuotes(ctx, first, after),
    myInsuranceClaims: (_p, { first, after }, ctx) => insurance.myInsuranceClaims(ctx, first, after),
  },
  Mutation: {
    createInsuranceProduct: (_p, { input }, ctx) => insurance.createInsuranceProduct(ctx, input),
    requestInsuranceQuote: (_p, { productId, assetIds, coverage, beneficiaryBankId, coverageShareBps }, ctx) =>
      insurance.requestInsuranceQuote(ctx, productId, assetIds, coverage, { beneficiaryBankId, coverageShareBps }),
    bindInsurancePolicy: (_p, { quoteId }, ctx) => insurance.bindInsurancePolicy(ctx, quoteId),
    underwriteInsuranceQuote: (_p, { input }, ctx) => insurance.underwriteInsuranceQuote(ctx, input),
    payInsurancePremium: (_p, { policyId }, ctx) => insurance.payInsurancePremium(ctx, policyId),
    recordPremiumBankTransfer: (_p, { policyId, input }, ctx) => insurance.recordPremiumBankTransfer(ctx, policyId, input),
    confirmPremiumBankTransfer: (_p, { policyId }, ctx) => insurance.confirmPremiumBankTransfer(ctx, policyId),
    fileInsuranceClaim: (_p, { loanId }, ctx) => insurance.fileInsuranceClaim(ctx, loanId),
    payInsuranceClaim: (_p, { input }, ctx) => insurance.payInsuranceClaim(ctx, input),
  },
  InsuranceProduct: {
    id: (p) => String(p._id),
    insurer: async (p, _x, ctx) => (await ctx.loaders.organization.load(p.insurer))!,
    type: (p) => p.type as never,
  },
  InsuranceQuote: {
    id: (q) => String(q._id),
    product: async (q, _x, ctx) => (await ctx.loaders.insuranceProduct.load(q.product))!,
    assets: async (q, _x, ctx) => present(await ctx.loaders.ipAsset.loadMany(q.assets) as (IpAssetDoc | null)[]),
    bound: (q) => !!q.policy,
    requester: async (q, _x, ctx) => (await ctx.loaders.organization.load(q.requester))!,
    createdAt: (q) => (q as unknown as { createdAt: Date }).createdAt,
    beneficiaryBank: (q, _x, ctx) => orgOrNull(ctx, q.beneficiaryBank),
    underwriting: (q) => (q.underwriting ?? null) as never,
  },
  InsurancePolicy: {
    id: (p) => String(p._id),
    product: async (p, _x, ctx) => (await ctx.loaders.insuranceProduct.load(p.product))!,
    holder: async (p, _x, ctx) => (await ctx.loaders.organization.load(p.holder))!,
    insurer: async (p, _x, ctx) => (await ctx.loaders.organization.load(p.insurer))!,
    assets: async (p, _x, ctx) => present(await ctx.loaders.ipAsset.loadMany(p.assets) as (IpAssetDoc | null)[]),
    type: (p) => p.type as never,
    status: (p) => insurance.effectivePolicyStatus(p),
    beneficiaryBank: (p, _x, ctx) => orgOrNull(ctx, p.beneficiaryBank),
    premiumStatus: (p) => (p.premiumStatus ?? null) as never,
    premiumPaidVia: (p) => (p.premiumPaidVia ?? null) as never,
    premiumTransfer: (p) => (p.premiumTransfer ?? null) as never,
    inForce: (p) => insurance.policyInForce(p),
    backsApplication: (p) => (p.backsApplication ? String(p.backsApplication) : null),
    claim: async (p, _x, ctx) => (await ctx.loaders.insuranceClaimsByPolicy.load(p._id))[0] ?? null,
  },
  InsuranceClaim: {
    id: (c) => String(c._id),
    policy: async (c, _x, ctx) => (await ctx.loaders.insurancePolicy.load(c.policy))!,
    loan: (c, _x, ctx) => ctx.loaders.loan.load(c.loan),
    bank: async (c, _x, ctx) => (await ctx.loaders.organization.load(c.bank))!,
    insurer: async (c, _x, ctx) => (await ctx.loaders.organization.load(c.insurer))!,
    basis: (c) => c.basis as never,
    status: (c) => c.status as never,
    createdAt: (c) => (c as unknown as { createdAt: Date }).createdAt,
  },
  Loan: {
    insuranceClaim: async (l, _x, ctx) => (await ctx.loaders.insuranceClaimsByLoan.load(l._id))[0] ?? null,
  },
};
