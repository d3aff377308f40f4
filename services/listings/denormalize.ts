// The asset and holder facts a listing carries for filtering without joins.
import type { IpAssetDoc } from '../../models/ipAsset';
import type { OrganizationDoc } from '../../models/organization';
import { assetHighValueReasons } from '../assets/views';
import { searchTermsFor } from './searchText';

export function listingFacts(asset: IpAssetDoc, holder: OrganizationDoc, description: string | null) {
  return {
    assetKind: asset.kind,
    industries: asset.industries,
    classes: asset.classes,
    county: holder.county,
    holderKind: holder.kind,
    highValue: assetHighValueReasons(asset).length > 0,
    expiresOn: asset.expiresOn ?? null,
    searchText: searchTermsFor([asset.title, asset.abstract ?? '', description ?? '', asset.number, ...asset.classes]),
  };
}
