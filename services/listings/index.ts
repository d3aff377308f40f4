// Listings: create (DRAFT), publish, withdraw; reading one. Search lives in search.ts, inquiries in inquiries.ts.
import { IpAsset, type IpAssetDoc } from '../../models/ipAsset';
import { Listing, type DealType, type ListingDoc } from '../../models/listing';
import { Organization } from '../../models/organization';
import type { ServiceContext } from '../context';
import { isMemberOf, requireOrg, requireMemberOf, requireMemberOrHide } from '../authz';
import { canSeeAsset } from '../assets/visibility';
import { updateOneDoc, withLock } from '../atomic';
import { badInput, conflict, forbidden, notFound } from '../errors';
import { parseId, tryParseId } from '../ids';
import { assetStatus } from '../assets/views';
import { notVerifiedProblem } from '../assets/verificationRules';
import { todayInShanghai } from '../rules/calendar';
import { canMove, historyEntry, transition } from '../workflow';
import * as v from '../validate';
import { listingFacts } from './denormalize';
import { LISTING_MACHINE, OPEN_LISTING_STATUSES, type ListingStatus } from './machine';
import { touchListings } from './searchSnapshot';
import { defaultOpenLicenceTerms, MAX_OPEN_LICENCE_MONTHS, openLicencePeriodProblem, type OpenLicenceTerms } from './openLicenceTerms';
import { alertSoon, recordPublication } from '../savedSearches/alerts';
import './visibility';

type LicenseType = 'EXCLUSIVE' | 'SOLE' | 'NON_EXCLUSIVE';

export interface ListingInput {
  assetId: string;
  modes: DealType[];
  licenseTypes?: LicenseType[] | null;
  askingPrice?: number | null; // fen
  negotiable?: boolean | null;
  description?: string | null;
  openLicence?: OpenLicenceTerms | null;
}

/** Validated listing terms: modes, licence types, price and negotiability that go together. */
function listingTerms(input: ListingInput, asset: IpAssetDoc) {
  const modes = [...new Set(input.modes)];
  if (modes.length === 0) throw badInput('input.modes', 'name at least one of LICENSE, TRANSFER, PLEDGE, OPEN_LICENSE');
  let licenseTypes = [...new Set(input.licenseTypes ?? [])];
  const askingPrice = input.askingPrice ?? null;
  if (askingPrice !== null) v.positiveFen('input.askingPrice', askingPrice);
  let negotiable = input.negotiable ?? true;
  let openLicence: OpenLicenceTerms | null = null;
  if (input.openLicence && !modes.includes('OPEN_LICENSE')) throw badInput('input.openLicence', 'applies to OPEN_LICENSE listings only');
  if (modes.includes('OPEN_LICENSE')) {
    if (modes.length > 1) throw badInput('input.modes', 'OPEN_LICENSE is offered on its own (its fee is fixed); list other modes separately');
    if (asset.kind === 'TRADEMARK') throw badInput('input.modes', 'open licences (专利开放许可) are for patents only');
    if (askingPrice === null) throw badInput('input.askingPrice', 'an open licence publishes its fee: give the asking price');
    if (input.negotiable === true) throw badInput('input.negotiable', 'an open licence fee is fixed, not negotiable');
    if (licenseTypes.some((t) => t !== 'NON_EXCLUSIVE')) throw badInput('input.licenseTypes', 'an open licence is NON_EXCLUSIVE');
    licenseTypes = ['NON_EXCLUSIVE'];
    negotiable = false;
    const today = todayInShanghai();
    if (input.openLicence) {
      v.intInRange('input.openLicence.periodMonths', input.openLicence.periodMonths, 1, MAX_OPEN_LICENCE_MONTHS);
      openLicence = { feeBasis: input.openLicence.feeBasis, periodMonths: input.openLicence.periodMonths };
      const late = openLicencePeriodProblem(openLicence, today, asset.expiresOn ?? null);
      if (late) throw badInput('input.openLicence.periodMonths', late);
    } else {
      openLicence = defaultOpenLicenceTerms(today, asset.expiresOn ?? null);
      if (openLicence.periodMonths < 1) throw badInput('input.openLicence', 'the patent expires within a month: no open licence can be offered');
    }
  } else if (modes.includes('LICENSE') && licenseTypes.length === 0) {
    throw badInput('input.licenseTypes', 'name the licence types offered (EXCLUSIVE, SOLE, NON_EXCLUSIVE) when LICENSE is a mode');
  } else if (!modes.includes('LICENSE') && licenseTypes.length > 0) {
    throw badInput('input.licenseTypes', 'apply only when LICENSE is a mode');
  }
  return { modes, licenseTypes, askingPrice, negotiable, openLicence };
}

export async function createListing(ctx: ServiceContext, input: ListingInput): Promise<ListingDoc> {
  const { org } = await requireOrg(ctx);
  const assetId = parseId('input.assetId', input.assetId);
  const asset = await IpAsset.findById(assetId);
  if (!asset) throw notFound('Asset', input.assetId);
  await requireMemberOrHide(ctx, asset.owner, () => canSeeAsset(ctx, asset), () => notFound('Asset', input.assetId), 'list this asset');
  const terms = listingTerms(input, asset);
  const description = v.optionalText('input.description', input.description, 5000);
  // One open listing per asset: the check and the insert are serialized per asset.
  const created = await withLock(`Listing:asset:${String(asset._id)}`, async () => {
    // Read again under the lock: a transfer completing meanwhile withdraws listings under this lock.
    const owner = (await IpAsset.findById(asset._id, { owner: 1 }))?.owner;
    if (String(owner) !== String(org._id)) throw conflict('This asset now belongs to another organization');
    if (await Listing.exists({ asset: asset._id, status: { $in: OPEN_LISTING_STATUSES } })) {
      throw conflict('This asset already has an open listing; withdraw it first');
    }
    return Listing.create({
      asset: asset._id,
      holder: org._id,
      ...terms,
      description,
      status: 'DRAFT',
      history: [historyEntry(ctx, null, 'DRAFT')],
      ...listingFacts(asset, org, description, terms.modes),
    });
  });
  await touchListings(created); // a draft is not public, but the search snapshot sees every listing write
  return created;
}

/** The rules an asset must meet to be offered in these modes now (`openLicence`: the published open-licence terms). */
export function publishProblem(asset: IpAssetDoc, modes: string[], licenseTypes: string[], openLicence?: OpenLicenceTerms | null, enforcedUnder?: unknown): string | null {
  const status = assetStatus(asset);
  // A PENDING application may be licensed, or its application right transferred (专利申请权转让).
  const pendingModes = modes.every((m) => m === 'LICENSE' || m === 'TRANSFER');
  if (!(status === 'VALID' || (status === 'PENDING' && pendingModes))) {
    return `the asset is ${status}: only VALID assets (or PENDING ones, for licensing or transfer of the application right) can be published`;
  }
  if (modes.includes('OPEN_LICENSE')) {
    if (status !== 'VALID') return `the asset is ${status}: an open licence needs a granted, VALID patent`;
    if (asset.verification?.status !== 'VERIFIED') return notVerifiedProblem('published under an open licence');
    // Implementing Rules of the Patent Law art. 86: no open licence declaration for a pledged patent,
    // one whose ownership is disputed or under a preservation order, or one whose annual fees are unpaid.
    if (asset.pledge) return 'the patent is under an active pledge and cannot be offered under an open licence';
    if (asset.restriction) {
      const what = asset.restriction.kind === 'OWNERSHIP_DISPUTE' ? 'an ownership dispute' : 'a court preservation order';
      return `${what} is recorded against the patent (since ${asset.restriction.since}): no open licence can be declared (Implementing Rules art. 86)`;
    }
    const today = todayInShanghai();
    if (asset.annualFeesPaidUntil && asset.annualFeesPaidUntil < today) {
      return `the patent's annual fees are unpaid since ${asset.annualFeesPaidUntil}: no open licence can be declared (Implementing Rules art. 86)`;
    }
    const late = openLicence ? openLicencePeriodProblem(openLicence, today, asset.expiresOn ?? null) : null;
    if (late) return `the published licence period no longer fits: ${late}`;
  }
  // The pledgee enforcing its own pledge (质权实现) sells the right: the pledge is what it realizes.
  const enforcing = !!asset.pledge && enforcedUnder != null && String(asset.pledge.registration) === String(enforcedUnder);
  if (enforcedUnder != null && !enforcing) return 'the pledge this enforcement listing (质权实现) realizes no longer stands on the asset (released or expired)';
  if (asset.pledge && !enforcing) {
    if (modes.includes('TRANSFER')) return 'the asset is under an active pledge and cannot be offered for transfer (Civil Code art. 444)';
    if (modes.includes('PLEDGE')) return 'the asset is already pledged';
    if (modes.includes('LICENSE') && licenseTypes.includes('EXCLUSIVE')) {
      return 'the asset is under an active pledge and cannot be offered for an exclusive licence';
    }
  }
  return null;
}

/** Who manages a listing: its holder; for an enforcement listing (质权实现) the pledgee bank, never the holder. */
export const listingManager = (listing: Pick<ListingDoc, 'holder' | 'enforcement'>) => listing.enforcement?.bank ?? listing.holder;

async function loadOwnListing(ctx: ServiceContext, id: string, action: string): Promise<ListingDoc> {
  const _id = parseId('id', id);
  const listing = await Listing.findById(_id);
  if (!listing) throw notFound('Listing', id);
  const manager = listingManager(listing);
  if (!isMemberOf(ctx, manager)) {
    if (!(await canSeeListing(ctx, listing))) throw notFound('Listing', id);
    if (listing.enforcement && isMemberOf(ctx, listing.holder)) {
      throw forbidden(`Cannot ${action}: it is an enforcement listing (质权实现) of the pledgee bank for defaulted loan ${String(listing.enforcement.loan)}; only the bank manages it`);
    }
    requireMemberOf(ctx, manager, action);
  }
  return listing;
}

/** An open licence is refused while an exclusive or sole licence is in force (Implementing Rules art. 86). */
async function openLicenseProblem(ctx: ServiceContext, asset: IpAssetDoc): Promise<string | null> {
  const today = todayInShanghai();
  const licenses = await ctx.loaders.licensesByAsset.load(asset._id);
  const blocking = licenses.find((l) => (l.type === 'EXCLUSIVE' || l.type === 'SOLE') && l.endsOn >= today);
  return blocking ? `a ${blocking.type} licence runs until ${blocking.endsOn}; an open licence cannot be declared before it ends` : null;
}

export async function publishListing(ctx: ServiceContext, id: string): Promise<ListingDoc> {
  const { org } = await requireOrg(ctx);
  const listing = await loadOwnListing(ctx, id, 'publish this listing');
  const asset = await IpAsset.findById(listing.asset);
  if (!asset) throw notFound('Asset', String(listing.asset));
  const current = listing.status as ListingStatus;
  // Checked on every move to PUBLISHED (also when a negotiation reopens): the asset may have
  // expired or been pledged since. An illegal move is left to transition() to refuse.
  if (canMove(LISTING_MACHINE, current, 'PUBLISHED')) {
    if (String(asset.owner) !== String(listing.holder)) throw conflict('Cannot publish: the asset now belongs to another organization');
    const problem =
      publishProblem(asset, listing.modes, listing.licenseTypes, listing.openLicence as OpenLicenceTerms | null, listing.enforcement?.registration) ??
      (listing.modes.includes('OPEN_LICENSE') ? await openLicenseProblem(ctx, asset) : null);
    if (problem) throw conflict(`Cannot publish: ${problem}`);
    // The saved-search alert outbox, before the move (a crash between the two leaves a job, never a silent publication).
    await recordPublication(listing._id);
  }
  const published = await transition<ListingStatus, ListingDoc>(ctx, {
    model: Listing,
    id: listing._id,
    machine: LISTING_MACHINE,
    current,
    to: 'PUBLISHED',
    what: 'Listing',
    set: { publishedAt: new Date(), ...listingFacts(asset, listing.enforcement ? ((await Organization.findById(listing.holder)) ?? org) : org, listing.description ?? null, listing.modes, listing.enforcement?.registration) },
  });
  alertSoon();
  return published;
}

export async function withdrawListing(ctx: ServiceContext, id: string): Promise<ListingDoc> {
  await requireOrg(ctx);
  const listing = await loadOwnListing(ctx, id, 'withdraw this listing');
  return moveToWithdrawn(ctx, listing);
}

/** A listing's move to WITHDRAWN (one conditional update, CONFLICT when it moved meanwhile), by its holder or, with a reason, by another domain. */
export function moveToWithdrawn(ctx: ServiceContext, listing: ListingDoc, reason?: string): Promise<ListingDoc> {
  return transition<ListingStatus, ListingDoc>(ctx, {
    model: Listing,
    id: listing._id,
    machine: LISTING_MACHINE,
    current: listing.status as ListingStatus,
    to: 'WITHDRAWN',
    what: 'Listing',
    reason,
  });
}

export type ListingVisibilityRule = (ctx: ServiceContext, listing: ListingDoc) => Promise<boolean>;
const extraRules: ListingVisibilityRule[] = [];
/** Other domains register who else may see a non-public listing (e.g. a deal's buyer). */
export function addListingVisibilityRule(rule: ListingVisibilityRule): void {
  extraRules.push(rule);
}

export async function canSeeListing(ctx: ServiceContext, listing: ListingDoc): Promise<boolean> {
  if (listing.status === 'PUBLISHED' || isMemberOf(ctx, listing.holder) || (listing.enforcement && isMemberOf(ctx, listing.enforcement.bank))) return true;
  for (const rule of extraRules) if (await rule(ctx, listing)) return true;
  return false;
}

/** A PUBLISHED listing for anyone; others only for the holder (and parties other domains allow). */
export async function getListing(ctx: ServiceContext, id: string): Promise<ListingDoc | null> {
  const oid = tryParseId(id);
  if (!oid) return null;
  const listing = await ctx.loaders.listing.load(oid);
  return listing && (await canSeeListing(ctx, listing)) ? listing : null;
}

/**
 * Rewrites the denormalized facts (kind, classes, industries, high value, expiry, search text,
 * county, holder kind) of an asset's open listings. Domains that change an asset or its owner
 * (pledge registrations, transfers) call this after their own write.
 */
export async function refreshListingFacts(assetId: unknown): Promise<number> {
  const asset = await IpAsset.findById(assetId);
  if (!asset) return 0;
  const listings = await Listing.find({ asset: asset._id, status: { $in: OPEN_LISTING_STATUSES } });
  let changed = 0;
  for (const l of listings) {
    const org = await Organization.findById(l.holder);
    if (!org) continue;
    if (await updateOneDoc(Listing, { _id: l._id }, { $set: listingFacts(asset, org, l.description ?? null, l.modes, l.enforcement?.registration) })) changed++;
  }
  if (changed > 0) await touchListings();
  return changed;
}
