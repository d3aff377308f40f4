// Deal parties may see the listing and the asset of their deal even when the listing is no longer
// PUBLISHED (under negotiation, closed) and the asset has changed hands.
import { addAssetVisibilityRule } from '../assets/visibility';
import { addListingVisibilityRule } from '../listings';

addListingVisibilityRule(async (ctx, listing) => {
  if (!ctx.viewer) return false;
  const deals = await ctx.loaders.dealsByListing.load(listing._id);
  return deals.some((d) => String(d.buyer) === ctx.viewer!.orgId);
});

addAssetVisibilityRule(async (ctx, asset) => {
  if (!ctx.viewer) return false;
  const orgId = ctx.viewer.orgId;
  const deals = await ctx.loaders.dealsByAsset.load(asset._id);
  return deals.some((d) => String(d.buyer) === orgId || String(d.seller) === orgId);
});
