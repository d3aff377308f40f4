// Whoever may see a listing (its holder, an inquirer, a deal's buyer) may see the listed asset: the
// asset is what the listing is about, so Listing.asset never hides what Listing shows.
import { addAssetVisibilityRule } from '../assets/visibility';
import { canSeeListing } from '.';

addAssetVisibilityRule(async (ctx, asset) => {
  for (const listing of await ctx.loaders.listingsByAsset.load(asset._id)) {
    if (await canSeeListing(ctx, listing)) return true;
  }
  return false;
});
