// Who may see an asset. Owner members and the REGULATOR always; anyone when it is on a
// PUBLISHED listing; parties of a pledge application, licence or deal on it (added by those domains).
import type { IpAssetDoc } from '../../models/ipAsset';
import { Listing } from '../../models/listing';
import type { ServiceContext } from '../context';
import { isMemberOf } from '../authz';

export type AssetVisibilityRule = (ctx: ServiceContext, asset: IpAssetDoc) => Promise<boolean>;

const extraRules: AssetVisibilityRule[] = [];

/** Other domains register who else may see an asset (e.g. the bank an application was sent to). */
export function addAssetVisibilityRule(rule: AssetVisibilityRule): void {
  extraRules.push(rule);
}

export async function canSeeAsset(ctx: ServiceContext, asset: IpAssetDoc): Promise<boolean> {
  if (isMemberOf(ctx, asset.owner)) return true;
  if (ctx.viewer) {
    const org = await ctx.loaders.organization.load(ctx.viewer.orgId);
    if (org?.kind === 'REGULATOR') return true;
  }
  if (await Listing.exists({ asset: asset._id, status: 'PUBLISHED' })) return true;
  for (const rule of extraRules) if (await rule(ctx, asset)) return true;
  return false;
}
