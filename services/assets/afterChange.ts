// What follows every change of an asset (verification, legal status, renewal, correction, pledge,
// release, transfer): its open listings' denormalized facts are rewritten at once, so search stops
// advertising what the asset can no longer do, and this request's loader sees the new version.
import type { IpAssetDoc } from '../../models/ipAsset';
import type { ServiceContext } from '../context';
import { refreshListingFacts } from '../listings';

export async function afterAssetChange(ctx: Pick<ServiceContext, 'loaders' | 'log'>, after: IpAssetDoc): Promise<void> {
  ctx.loaders.ipAsset.clear(after._id).prime(after._id, after);
  try {
    await refreshListingFacts(after._id);
  } catch (err) {
    ctx.log.error({ err, assetId: String(after._id) }, 'listing facts not refreshed');
  }
}
