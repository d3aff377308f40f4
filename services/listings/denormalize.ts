// The asset and holder facts a listing carries for filtering without joins. Written when the
// listing is created and published, and by refreshListingFacts when its asset or holder changes.
import type { IpAssetDoc } from '../../models/ipAsset';
import type { OrganizationDoc } from '../../models/organization';
import { addYears } from '../rules/calendar';
import { searchTextFor } from './searchText';

/** The holder's name as the holderName filter matches it: NFKC, lower case, no spaces. */
export const holderNameKey = (name: string): string => name.normalize('NFKC').toLowerCase().replace(/\s+/g, '');

/**
 * The date after which the asset counts as a high-value invention patent (asset high-value when
 * highValueFrom < today), so the highValueOnly filter stays right as time passes:
 * '0000-01-01' when a reason that does not depend on time holds; for a VALID invention patent
 * without one, its 10th filing anniversary (MAINTAINED_OVER_10_YEARS); otherwise null.
 * Mirrors services/rules/assetTerms.ts highValueReasons.
 */
export function highValueFrom(asset: IpAssetDoc): string | null {
  if (asset.kind !== 'INVENTION_PATENT') return null;
  if (asset.strategicEmergingIndustry || asset.foreignFamily || asset.chinaPatentAward || asset.highPledgeFinancing) return '0000-01-01';
  return asset.legalStatus === 'VALID' ? addYears(asset.filingDate, 10) : null;
}

/**
 * The listing's modes the asset can be dealt in now: a pledged right cannot be transferred, pledged
 * again or put under an open licence (Civil Code art. 444); an unverified right cannot be
 * transferred, pledged or put under an open licence (issue 11). Licensing stays available.
 */
export function availableModes(asset: IpAssetDoc, modes: readonly string[], enforcedUnder?: unknown): string[] {
  const verified = asset.verification?.status === 'VERIFIED';
  // The pledgee's enforcement listing (质权实现) offers the pledged right for transfer.
  const enforcing = !!asset.pledge && enforcedUnder != null && String(asset.pledge.registration) === String(enforcedUnder);
  const blocked = new Set<string>((asset.pledge && !enforcing) || !verified ? ['TRANSFER', 'PLEDGE', 'OPEN_LICENSE'] : []);
  return modes.filter((m) => !blocked.has(m));
}

export function listingFacts(asset: IpAssetDoc, holder: OrganizationDoc, description: string | null, modes: readonly string[] = [], enforcedUnder?: unknown) {
  return {
    availableModes: availableModes(asset, modes, enforcedUnder),
    assetKind: asset.kind,
    industries: asset.industries,
    classes: asset.classes,
    county: holder.county,
    holderKind: holder.kind,
    holderName: holderNameKey(holder.name),
    highValueFrom: highValueFrom(asset),
    expiresOn: asset.expiresOn ?? null,
    searchText: searchTextFor({ title: asset.title, abstract: asset.abstract, description, number: asset.number, classes: asset.classes }),
  };
}
