// An open licence (专利开放许可) is suspended while its patent is pledged: nobody can take it until the
// pledge is released (Civil Code art. 444(2); Implementing Rules of the Patent Law art. 86). It is
// read from the asset at every read, so it resumes by itself on release.
import type { IpAssetDoc } from '../../models/ipAsset';
import type { ListingDoc } from '../../models/listing';

export function openLicenceSuspension(asset: Pick<IpAssetDoc, 'pledge'>): string {
  return `the open licence is suspended while the patent is pledged (Civil Code art. 444): it cannot be taken until the pledge registration ${String(asset.pledge?.registration)} is released`;
}

/** Why an open-licence listing cannot be taken now, or null (also null for other listings). */
export function listingSuspension(listing: Pick<ListingDoc, 'modes'>, asset: Pick<IpAssetDoc, 'pledge'> | null): string | null {
  if (!listing.modes.includes('OPEN_LICENSE') || !asset?.pledge) return null;
  return openLicenceSuspension(asset);
}
