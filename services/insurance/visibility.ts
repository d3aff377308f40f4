// An insurer may see the assets it was asked to quote (to underwrite them).
import { InsuranceQuote } from '../../models/insuranceQuote';
import { addAssetVisibilityRule } from '../assets/visibility';

addAssetVisibilityRule(async (ctx, asset) => {
  if (!ctx.viewer) return false;
  return !!(await InsuranceQuote.exists({ insurer: ctx.viewer.orgId, assets: asset._id }));
});
