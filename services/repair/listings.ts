// Fills in what listings written by an older version lack: the holder's name key (`holderName`, the
// holderName search filter, issue 18) is one of the denormalized facts (services/listings/denormalize.ts)
// written at create and publish time; an open listing without it is refreshed from its asset and holder.
// Idempotent: a refreshed listing has the field, so the next pass finds nothing.
import { Listing } from '../../models/listing';
import { OPEN_LISTING_STATUSES } from '../listings/machine';
import { refreshListingFacts } from '../listings';
import type { RepairAction, RepairContext } from './types';

export async function repairListings(_rc: RepairContext): Promise<RepairAction[]> {
  const stale = await Listing.find({ status: { $in: OPEN_LISTING_STATUSES }, holderName: null }, { asset: 1 }).lean();
  const out: RepairAction[] = [];
  for (const assetId of new Set(stale.map((l) => String(l.asset)))) {
    const changed = await refreshListingFacts(assetId);
    if (changed > 0) out.push({ kind: 'listing.facts.refreshed', id: assetId, detail: `${changed} open listing(s) of asset ${assetId} lacked the holder's name key` });
  }
  return out;
}
