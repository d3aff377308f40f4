// Who may see an asset. Owner members and the REGULATOR always; anyone when it is on a PUBLISHED
// listing; whoever may see one of its listings (listings domain), the parties of a licence on it,
// of a deal, pledge application, pledge registration or insurance quote on it (added by those domains).
// The same rule applies wherever an asset is reached, top-level or nested (services/visibility.ts).
import type { IpAssetDoc } from '../../models/ipAsset';
import type { LicenseDoc } from '../../models/license';
import type { ServiceContext } from '../context';
import { isMemberOf, isMemberOfAny, isRegulator } from '../authz';

export type AssetVisibilityRule = (ctx: ServiceContext, asset: IpAssetDoc) => Promise<boolean>;

const extraRules: AssetVisibilityRule[] = [];

/** Other domains register who else may see an asset (e.g. the bank an application was sent to). */
export function addAssetVisibilityRule(rule: AssetVisibilityRule): void {
  extraRules.push(rule);
}

export async function canSeeAsset(ctx: ServiceContext, asset: IpAssetDoc): Promise<boolean> {
  if (isMemberOf(ctx, asset.owner)) return true;
  if (await isRegulator(ctx)) return true;
  const listings = await ctx.loaders.listingsByAssetRead.load(asset._id); // read-only: only the status is read
  if (listings.some((l) => l.status === 'PUBLISHED')) return true;
  if (!ctx.viewer) return false; // every other rule names a signed-in party
  for (const rule of extraRules) if (await rule(ctx, asset)) return true;
  return false;
}

/** A licence: its licensor and licensee, the asset's current owner, the REGULATOR. Nobody else. */
export async function canSeeLicense(ctx: ServiceContext, licence: LicenseDoc): Promise<boolean> {
  if (!ctx.viewer) return false;
  if (isMemberOfAny(ctx, [licence.licensee, licence.licensor])) return true;
  const asset = await ctx.loaders.ipAsset.load(licence.asset);
  if (asset && isMemberOf(ctx, asset.owner)) return true;
  return isRegulator(ctx);
}

// The licensee (and the licensor, e.g. after the asset was sold) may see the licensed asset.
addAssetVisibilityRule(async (ctx, asset) => {
  const licences = await ctx.loaders.licensesByAsset.load(asset._id);
  return licences.some((l) => isMemberOfAny(ctx, [l.licensee, l.licensor]));
});
