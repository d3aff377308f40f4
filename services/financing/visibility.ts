// The bank a pledge application was sent to may see the application's assets (due diligence); the
// pledgee of a registration may see the pledged assets.
import { PledgeApplication } from '../../models/pledgeApplication';
import { PledgeRegistration } from '../../models/pledgeRegistration';
import { addAssetVisibilityRule } from '../assets/visibility';

addAssetVisibilityRule(async (ctx, asset) => {
  if (!ctx.viewer) return false;
  if (await PledgeApplication.exists({ bank: ctx.viewer.orgId, assets: asset._id })) return true;
  return !!(await PledgeRegistration.exists({ pledgee: ctx.viewer.orgId, assets: asset._id }));
});
