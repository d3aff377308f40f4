// The two parties of a pledge application (the applicant, even after the asset changed hands, and
// the bank it was sent to, for due diligence) and the appraiser it names (to value them) may see its assets; the pledgee of a registration may
// see the pledged assets.
import { PledgeApplication } from '../../models/pledgeApplication';
import { PledgeRegistration } from '../../models/pledgeRegistration';
import { addAssetVisibilityRule } from '../assets/visibility';

addAssetVisibilityRule(async (ctx, asset) => {
  if (!ctx.viewer) return false;
  const party = { $or: [{ bank: ctx.viewer.orgId }, { applicant: ctx.viewer.orgId }, { appraiser: ctx.viewer.orgId }] };
  if (await PledgeApplication.exists({ ...party, assets: asset._id })) return true;
  return !!(await PledgeRegistration.exists({ pledgee: ctx.viewer.orgId, assets: asset._id }));
});
