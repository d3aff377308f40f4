// PAID -> COMPLETED: a TRANSFER moves the asset to the buyer and closes the listing, once CNIPA's
// recordal of it is recorded and confirmed (recordal.ts; until then it stays PAID); a LICENSE
// creates the License at once, and its contract must then be filed within 3 months. Every step is a conditional single-document update that can be repeated, so
// completion can be resumed (by a redelivered Stripe event) after a crash at any point.
import { Deal, type DealDoc } from '../../models/deal';
import { IpAsset, type IpAssetDoc } from '../../models/ipAsset';
import { License } from '../../models/license';
import { Listing, type ListingDoc } from '../../models/listing';
import type { ServiceContext } from '../context';
import { updateOneDoc, withLock } from '../atomic';
import { DomainError, isDuplicateKey } from '../errors';
import { transition } from '../workflow';
import { todayInShanghai } from '../rules/calendar';
import { today } from '../clock';
import { LISTING_MACHINE, OPEN_LISTING_STATUSES, type ListingStatus } from '../listings/machine';
import { dealProblem, termsOf } from './availability';
import { licencePeriod, type LicenseType } from './licenceRules';
import { assetDealsLock } from './locks';
import { filingDueOn } from './filingRules';
import { DEAL_MACHINE, type DealStatus } from './machine';
import { notifyDeal } from '../notifications/events';
import { onAssetOwnerChanged } from '../indicators/hooks';
import { afterAssetChange } from '../assets/afterChange';
import { applyEnforcementDealProceeds } from '../financing/enforcement';

/** Records why a PAID deal cannot complete (an operator must act, e.g. refund in Stripe). */
async function block(ctx: ServiceContext, deal: DealDoc, problem: string): Promise<DealDoc> {
  ctx.log.error({ dealId: String(deal._id), problem }, 'a paid deal cannot complete: refund or resolve it by hand');
  return (await updateOneDoc<DealDoc>(Deal, { _id: deal._id, status: 'PAID' }, { $set: { problem } })) ?? deal;
}

function transferredBy(asset: IpAssetDoc, deal: DealDoc): boolean {
  return String(asset.owner) === String(deal.buyer) && asset.ownershipHistory.some((h) => String(h.deal) === String(deal._id));
}

async function moveOwnership(ctx: ServiceContext, deal: DealDoc): Promise<string | null> {
  const asset = await IpAsset.findById(deal.asset);
  if (!asset) return 'the asset no longer exists';
  if (transferredBy(asset, deal)) return null; // done before a crash or by an earlier delivery
  const problem = await dealProblem(asset, termsOf(deal), { startsOn: todayInShanghai(), checkInFlight: false });
  if (problem) return problem;
  // A pledged asset moves only with the pledgee's consent (checked above), and then the pledge goes
  // with it (the pledgee is paid from the proceeds first, art. 444(2); it releases the pledge itself).
  // The update is conditional on the pledge being the one checked.
  const pledgeCondition = asset.pledge ? { 'pledge.registration': asset.pledge.registration } : { pledge: null };
  const moved = await updateOneDoc<IpAssetDoc>(
    IpAsset,
    { _id: asset._id, owner: deal.seller, ...pledgeCondition },
    { $set: { owner: deal.buyer }, $push: { ownershipHistory: { from: deal.seller, to: deal.buyer, at: new Date(), deal: deal._id } } },
  );
  if (moved) {
    await onAssetOwnerChanged(ctx, moved);
    await afterAssetChange(ctx, moved);
  }
  return moved ? null : 'the asset changed (owner or pledge) while the transfer was being recorded';
}

async function closeListing(ctx: ServiceContext, deal: DealDoc): Promise<void> {
  const listing = await Listing.findById(deal.listing);
  if (!listing || (listing.status !== 'PUBLISHED' && listing.status !== 'UNDER_NEGOTIATION')) return; // already closed or withdrawn
  await transition<ListingStatus, ListingDoc>(ctx, {
    model: Listing,
    id: listing._id,
    machine: LISTING_MACHINE,
    current: listing.status,
    to: 'CLOSED',
    what: 'Listing',
    reason: `asset transferred by deal ${String(deal._id)}`,
  });
}

/**
 * After a transfer, no other organization may keep offering the asset: the seller's other open
 * listings of it (a DRAFT made while the deal was pending, a relisting, ...) are WITHDRAWN with a
 * history entry and reason, so the buyer, now the owner, can list it. Repeatable (resumed
 * completions run it again); serialized with createListing by the same per-asset lock.
 */
async function withdrawOtherListings(ctx: ServiceContext, deal: DealDoc): Promise<void> {
  await withLock(`Listing:asset:${String(deal.asset)}`, async () => {
    const open = await Listing.find({ asset: deal.asset, holder: { $ne: deal.buyer }, status: { $in: OPEN_LISTING_STATUSES } });
    for (const listing of open) {
      // A listing that moved meanwhile (e.g. PUBLISHED -> UNDER_NEGOTIATION) is read again and retried.
      for (let attempt = 0, current: ListingDoc | null = listing; attempt < 3 && current; attempt++) {
        if (!OPEN_LISTING_STATUSES.includes(current.status as ListingStatus)) break;
        const done = await transition<ListingStatus, ListingDoc>(ctx, {
          model: Listing,
          id: current._id,
          machine: LISTING_MACHINE,
          current: current.status as ListingStatus,
          to: 'WITHDRAWN',
          what: 'Listing',
          reason: `the asset was transferred to another organization by deal ${String(deal._id)}`,
        }).catch((err: unknown) => {
          if (err instanceof DomainError && err.code === 'CONFLICT') return null;
          throw err;
        });
        if (done) break;
        current = await Listing.findById(current._id);
      }
    }
  });
}

async function createLicence(ctx: ServiceContext, deal: DealDoc): Promise<string | null> {
  if (await License.exists({ _id: deal.licenseId! })) return null;
  return withLock(assetDealsLock(deal.asset), async () => {
    const asset = await IpAsset.findById(deal.asset);
    if (!asset) return 'the asset no longer exists';
    const startsOn = today();
    const problem = await dealProblem(asset, termsOf(deal), { startsOn, checkInFlight: false, excludeLicenseId: deal.licenseId });
    if (problem) return problem;
    try {
      await License.create({
        _id: deal.licenseId!,
        asset: deal.asset,
        licensor: deal.seller,
        licensee: deal.buyer,
        type: deal.licenseType as LicenseType,
        ...licencePeriod(startsOn, deal.termMonths!),
        deal: deal._id,
      });
    } catch (err) {
      if (!isDuplicateKey(err)) throw err; // the same licence, created by an earlier attempt
    }
    return null;
  });
}

/** Whether a PAID deal waits for something other than money: a TRANSFER for its confirmed recordal. */
export const awaitsRecordal = (deal: DealDoc) => deal.type === 'TRANSFER' && deal.recordal?.status !== 'CONFIRMED';

/**
 * Completes a PAID deal, or records why it cannot (it then stays PAID with `problem` set). A
 * TRANSFER whose recordal is not confirmed yet is left PAID as it is.
 */
export async function completeDeal(ctx: ServiceContext, deal: DealDoc): Promise<DealDoc> {
  if (deal.status !== 'PAID' || awaitsRecordal(deal)) return deal;
  let filingDue: string | null = null;
  if (deal.type === 'TRANSFER') {
    const problem = await moveOwnership(ctx, deal);
    if (problem) return block(ctx, deal, problem);
    await closeListing(ctx, deal);
    await withdrawOtherListings(ctx, deal);
    // Enforcement (质权实现): the price goes to the defaulted loan first; once per deal, so a resumed completion adds nothing.
    await applyEnforcementDealProceeds(ctx, deal);
  } else {
    const problem = await createLicence(ctx, deal);
    if (problem) return block(ctx, deal, problem);
    const licence = await License.findById(deal.licenseId);
    filingDue = licence ? filingDueOn(licence.startsOn) : null;
  }
  const completed = await transition<DealStatus, DealDoc>(ctx, {
    model: Deal,
    id: deal._id,
    machine: DEAL_MACHINE,
    current: 'PAID',
    to: 'COMPLETED',
    what: 'Deal',
    set: { completedAt: new Date(), problem: null, filingDueOn: filingDue },
    reason:
      deal.type === 'TRANSFER'
        ? `ownership moved to the buyer on CNIPA recordal ${deal.recordal!.noticeNumber} of ${deal.recordal!.recordedOn}`
        : `licence ${String(deal.licenseId)} granted; its contract is to be filed with CNIPA by ${filingDue}`,
  });
  await notifyDeal(ctx, completed, 'COMPLETED');
  return completed;
}
