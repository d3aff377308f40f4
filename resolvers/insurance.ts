import type { Resolvers } from '../schema/generated/types';
import * as insurance from '../services/insurance';
import type { IpAssetDoc } from '../models/ipAsset';

const present = <T>(docs: (T | null)[]): T[] => docs.filter((d): d is T => d !== null);

export const insuranceResolvers: Resolvers = {
  Query: {
    insuranceProducts: (_p, { type }, ctx) => insurance.insuranceProducts(ctx, type),
    myInsurancePolicies: (_p, { first, after }, ctx) => insurance.myInsurancePolicies(ctx, first, after),
    myInsuranceQuotes: (_p, { first, after }, ctx) => insurance.myInsuranceQuotes(ctx, first, after),
  },
  Mutation: {
    createInsuranceProduct: (_p, { input }, ctx) => insurance.createInsuranceProduct(ctx, input),
    requestInsuranceQuote: (_p, { productId, assetIds, coverage }, ctx) => insurance.requestInsuranceQuote(ctx, productId, assetIds, coverage),
    bindInsurancePolicy: (_p, { quoteId }, ctx) => insurance.bindInsurancePolicy(ctx, quoteId),
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
  },
  InsurancePolicy: {
    id: (p) => String(p._id),
    product: async (p, _x, ctx) => (await ctx.loaders.insuranceProduct.load(p.product))!,
    holder: async (p, _x, ctx) => (await ctx.loaders.organization.load(p.holder))!,
    insurer: async (p, _x, ctx) => (await ctx.loaders.organization.load(p.insurer))!,
    assets: async (p, _x, ctx) => present(await ctx.loaders.ipAsset.loadMany(p.assets) as (IpAssetDoc | null)[]),
    type: (p) => p.type as never,
    status: (p) => insurance.effectivePolicyStatus(p),
  },
};
