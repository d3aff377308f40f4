// HIGH_PLEDGE_FINANCING (DESIGN.md: a high-value reason that follows from registrations on the
// platform): an invention patent secured by a registration of at least the threshold is high-value
// from that registration's date on, never back to its grant (issue 11, point 4). The date is the
// earliest such registration's `registeredOn`, recomputed from the registrations whenever one is
// recorded or corrected, so a correction of an amount or a date moves it (or removes it).
import type { Types } from 'mongoose';
import { IpAsset, type IpAssetDoc } from '../../models/ipAsset';
import { PledgeRegistration } from '../../models/pledgeRegistration';
import type { ServiceContext } from '../context';
import { updateOneDoc } from '../atomic';
import { onAssetChanged } from '../indicators/hooks';

/** The date from which the asset is HIGH_PLEDGE_FINANCING, from the registrations securing it (null: none qualifies). */
export async function highPledgeSince(assetId: Types.ObjectId, thresholdFen: number): Promise<string | null> {
  const first = await PledgeRegistration.find({ assets: assetId, securedAmount: { $gte: thresholdFen } }, { registeredOn: 1 })
    .sort({ registeredOn: 1 })
    .limit(1)
    .lean();
  return first[0]?.registeredOn ?? null;
}

/**
 * Brings each invention patent's HIGH_PLEDGE_FINANCING flag and date in line with its registrations,
 * and moves the indicator by the difference (onAssetChanged). Conditional on the values read, so a
 * concurrent change is not overwritten (it recomputes the same thing).
 */
export async function refreshHighPledgeFinancing(ctx: Pick<ServiceContext, 'log'>, assetIds: Types.ObjectId[], thresholdFen: number): Promise<void> {
  for (const _id of assetIds) {
    const asset = await IpAsset.findById(_id);
    if (!asset || asset.kind !== 'INVENTION_PATENT') continue;
    const since = await highPledgeSince(asset._id, thresholdFen);
    const flag = since !== null;
    const oldSince = asset.highPledgeFinancingSince ?? null;
    if (!!asset.highPledgeFinancing === flag && oldSince === since) continue;
    const after = await updateOneDoc<IpAssetDoc>(
      IpAsset,
      { _id, highPledgeFinancing: asset.highPledgeFinancing, highPledgeFinancingSince: oldSince },
      { $set: { highPledgeFinancing: flag, highPledgeFinancingSince: since } },
    );
    // The conditional update changed exactly these two fields: "before" is "after" with the old ones.
    if (after) await onAssetChanged(ctx, { ...after.toObject(), highPledgeFinancing: asset.highPledgeFinancing, highPledgeFinancingSince: oldSince }, after);
    else ctx.log.warn({ assetId: String(_id) }, 'asset changed while its high-pledge-financing date was being set; left as is');
  }
}
