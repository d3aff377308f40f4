// Listings: create (DRAFT), publish, withdraw; reading one. Search lives in search.ts.
import { IpAsset, type IpAssetDoc } from '../../models/ipAsset';
import { Listing, type ListingDoc } from '../../models/listing';
import type { ServiceContext } from '../context';
import { isMemberOf, requireOrg, requireMemberOf } from '../authz';
import { badInput, conflict, notFound } from '../errors';
import { parseId, tryParseId } from '../ids';
import { assetStatus } from '../assets/views';
import { historyEntry, transition } from '../workflow';
import * as v from '../validate';
import { listingFacts } from './denormalize';
import { LISTING_MACHINE, OPEN_LISTING_STATUSES, type ListingStatus } from './machine';

type DealType = 'LICENSE' | 'TRANSFER' | 'PLEDGE';
type LicenseType = 'EXCLUSIVE' | 'SOLE' | 'NON_EXCLUSIVE';

export interface ListingInput {
  assetId: string;
  modes: DealType[];
  licenseTypes?: LicenseType[] | null;
  askingPrice?: number | null; // fen
  negotiable?: boolean | null;
  description?: string | null;
}

export async function createListing(ctx: ServiceContext, input: ListingInput): Promise<ListingDoc> {
  const { org } = await requireOrg(ctx);
  const assetId = parseId('input.assetId', input.assetId);
  const asset = await IpAsset.findById(assetId);
  if (!asset) throw notFound('Asset', input.assetId);
  requireMemberOf(ctx, asset.owner, 'list this asset');
  const modes = [...new Set(input.modes)];
  if (modes.length === 0) throw badInput('input.modes', 'name at least one of LICENSE, TRANSFER, PLEDGE');
  const licenseTypes = [...new Set(input.licenseTypes ?? [])];
  if (modes.includes('LICENSE') && licenseTypes.length === 0) {
    throw badInput('input.licenseTypes', 'name the licence types offered (EXCLUSIVE, SOLE, NON_EXCLUSIVE) when LICENSE is a mode');
  }
  if (!modes.includes('LICENSE') && licenseTypes.length > 0) throw badInput('input.licenseTypes', 'apply only when LICENSE is a mode');
  const askingPrice = input.askingPrice ?? null;
  if (askingPrice !== null) v.positiveFen('input.askingPrice', askingPrice);
  const description = v.optionalText('input.description', input.description, 5000);
  if (await Listing.exists({ asset: asset._id, status: { $in: OPEN_LISTING_STATUSES } })) {
    throw conflict('This asset already has an open listing; withdraw it first');
  }
  return Listing.create({
    asset: asset._id,
    holder: org._id,
    modes,
    licenseTypes,
    askingPrice,
    negotiable: input.negotiable ?? true,
    description,
    status: 'DRAFT',
    history: [historyEntry(ctx, null, 'DRAFT')],
    ...listingFacts(asset, org, description),
  });
}

/** The rules an asset must meet to be offered in these modes now. */
export function publishProblem(asset: IpAssetDoc, modes: string[], licenseTypes: string[]): string | null {
  const status = assetStatus(asset);
  const licensingOnly = modes.every((m) => m === 'LICENSE');
  if (!(status === 'VALID' || (status === 'PENDING' && licensingOnly))) {
    return `the asset is ${status}: only VALID assets (or PENDING ones, for licensing only) can be published`;
  }
  if (asset.pledge) {
    if (modes.includes('TRANSFER')) return 'the asset is under an active pledge and cannot be offered for transfer (Civil Code art. 444)';
    if (modes.includes('PLEDGE')) return 'the asset is already pledged';
    if (modes.includes('LICENSE') && licenseTypes.includes('EXCLUSIVE')) {
      return 'the asset is under an active pledge and cannot be offered for an exclusive licence';
    }
  }
  return null;
}

async function loadOwnListing(ctx: ServiceContext, id: string, action: string): Promise<ListingDoc> {
  const _id = parseId('id', id);
  const listing = await Listing.findById(_id);
  if (!listing) throw notFound('Listing', id);
  if (!isMemberOf(ctx, listing.holder)) {
    if (listing.status !== 'PUBLISHED') throw notFound('Listing', id);
    requireMemberOf(ctx, listing.holder, action);
  }
  return listing;
}

export async function publishListing(ctx: ServiceContext, id: string): Promise<ListingDoc> {
  const { org } = await requireOrg(ctx);
  const listing = await loadOwnListing(ctx, id, 'publish this listing');
  const asset = await IpAsset.findById(listing.asset);
  if (!asset) throw notFound('Asset', String(listing.asset));
  if (listing.status === 'DRAFT') {
    const problem = publishProblem(asset, listing.modes, listing.licenseTypes);
    if (problem) throw conflict(`Cannot publish: ${problem}`);
  }
  return transition<ListingStatus, ListingDoc>(ctx, {
    model: Listing,
    id: listing._id,
    machine: LISTING_MACHINE,
    current: listing.status as ListingStatus,
    to: 'PUBLISHED',
    what: 'Listing',
    set: { publishedAt: new Date(), ...listingFacts(asset, org, listing.description ?? null) },
  });
}

export async function withdrawListing(ctx: ServiceContext, id: string): Promise<ListingDoc> {
  await requireOrg(ctx);
  const listing = await loadOwnListing(ctx, id, 'withdraw this listing');
  return transition<ListingStatus, ListingDoc>(ctx, {
    model: Listing,
    id: listing._id,
    machine: LISTING_MACHINE,
    current: listing.status as ListingStatus,
    to: 'WITHDRAWN',
    what: 'Listing',
  });
}

export type ListingVisibilityRule = (ctx: ServiceContext, listing: ListingDoc) => Promise<boolean>;
const extraRules: ListingVisibilityRule[] = [];
/** Other domains register who else may see a non-public listing (e.g. a deal's buyer). */
export function addListingVisibilityRule(rule: ListingVisibilityRule): void {
  extraRules.push(rule);
}

export async function canSeeListing(ctx: ServiceContext, listing: ListingDoc): Promise<boolean> {
  if (listing.status === 'PUBLISHED' || isMemberOf(ctx, listing.holder)) return true;
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
