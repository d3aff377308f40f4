// The bank a pledge application was sent to may see the application's assets (due diligence).
import { PledgeApplication } from '../../models/pledgeApplication';
import { addAssetVisibilityRule } from '../assets/visibility';

addAssetVisibilityRule(async (ctx, asset) => {
  if (!ctx.viewer) return false;
  return !!(await PledgeApplication.exists({ bank: ctx.viewer.orgId, assets: asset._id }));
});
