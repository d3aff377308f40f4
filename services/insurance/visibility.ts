// An insurer may see the assets it was asked to quote (to underwrite them). Policies and quotes are
// seen by their two parties; a policy also by the bank of a pledge application it backs.
import { InsuranceQuote, type InsuranceQuoteDoc } from '../../models/insuranceQuote';
import type { InsurancePolicyDoc } from '../../models/insurancePolicy';
import { PledgeApplication } from '../../models/pledgeApplication';
import { addAssetVisibilityRule } from '../assets/visibility';
import type { ServiceContext } from '../context';
import { isMemberOfAny } from '../authz';

addAssetVisibilityRule(async (ctx, asset) => {
  if (!ctx.viewer) return false;
  return !!(await InsuranceQuote.exists({ insurer: ctx.viewer.orgId, assets: asset._id }));
});

export async function canSeePolicy(ctx: ServiceContext, policy: InsurancePolicyDoc): Promise<boolean> {
  if (!ctx.viewer) return false;
  if (isMemberOfAny(ctx, [policy.holder, policy.insurer])) return true;
  return !!(await PledgeApplication.exists({ bank: ctx.viewer.orgId, insurancePolicy: policy._id }));
}

export function canSeeQuote(ctx: ServiceContext, quote: InsuranceQuoteDoc): boolean {
  return isMemberOfAny(ctx, [quote.requester, quote.insurer]);
}
