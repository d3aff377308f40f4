// Deals: a buyer proposes a licence or a transfer on a PUBLISHED listing, the seller accepts,
// either side cancels; payment (services/payments) then completion (complete.ts) finish it.
import { Deal, type DealDoc } from '../../models/deal';
import { IpAsset } from '../../models/ipAsset';
import type { LicenseDoc } from '../../models/license';
import { Listing, type ListingDoc } from '../../models/listing';
import type { ServiceContext } from '../context';
import { withLock } from '../atomic';
import { isMemberOf, requireOrg, requireRegulator } from '../authz';
import { badInput, conflict, forbidden, notFound } from '../errors';
import { parseId, tryParseId } from '../ids';
import { afterIdFilter, LIST_PAGE_DEFAULT } from '../pagination';
import { canSeeListing } from '../listings';
import { LISTING_MACHINE, type ListingStatus } from '../listings/machine';
import { todayInShanghai } from '../rules/calendar';
import { formatFen } from '../rules/money';
import { historyEntry, transition } from '../workflow';
import * as v from '../validate';
import { cancelOpenIntents } from '../payments/intents';
import { canSeeDeal, loadDealForParty } from './access';
import { dealProblem, termsOf, type DealTerms } from './availability';
import { openLicenceSuspension } from './suspension';
import { openLicenceOffer, openLicencePeriodProblem } from '../listings/openLicenceTerms';
import { reopenListing } from './reopen';
import { noticeFor } from './publicNotice';
import { today } from '../clock';
import { startRefund } from '../payments/refunds';
import { assetDealsLock, dealPaymentLock } from './locks';
import type { LicenseType } from './licenceRules';
import { CANCELLABLE_DEAL_STATUSES, DEAL_MACHINE, type DealStatus } from './machine';
import './visibility';
import { notifyDeal } from '../notifications/events';
import { checkSchedule, type ScheduleInput } from './schedule/rules';

export const MAX_TERM_MONTHS = 600;

export interface ProposeDealInput {
  listingId: string;
  type: 'LICENSE' | 'TRANSFER' | 'PLEDGE' | 'OPEN_LICENSE';
  licenseType?: LicenseType | null;
  price: number; // fen
  termMonths?: number | null;
  /** On a pledged asset: record the proposal so the pledgee can consent to it (otherwise CONFLICT). */
  pledgeConsentRequested?: boolean | null;
  /** A payment schedule (upfront, milestones, royalties); without one the price is paid at once. */
  schedule?: ScheduleInput | null;
}

function checkTerms(input: ProposeDealInput): Pick<DealTerms, 'type' | 'licenseType' | 'termMonths'> {
  if (input.type === 'OPEN_LICENSE') {
    // 专利开放许可: a NON_EXCLUSIVE licence at the published fee, obtained by notifying and paying.
    if (input.licenseType != null && input.licenseType !== 'NON_EXCLUSIVE') {
      throw badInput('input.licenseType', 'an open licence (专利开放许可) is always NON_EXCLUSIVE');
    }
    // Its period is the one the patentee published (checked against the listing in proposeDeal).
    if (input.termMonths != null) v.intInRange('input.termMonths', input.termMonths, 1, MAX_TERM_MONTHS);
    return checkTerms({ ...input, type: 'LICENSE', licenseType: 'NON_EXCLUSIVE', termMonths: input.termMonths ?? 1 });
  }
  if (input.type === 'PLEDGE') {
    throw badInput('input.type', 'PLEDGE listings seek financing and are not bought: propose LICENSE or TRANSFER');
  }
  // Any amount the Money scalar holds exactly (up to 2^53 - 1 fen); above Stripe's per-payment limit
  // the deal is paid by bank transfer (services/payments/bankTransfer.ts).
  if (!Number.isSafeInteger(input.price)) throw badInput('input.price', 'must be a whole number of fen');
  v.positiveFen('input.price', input.price);
  if (input.type === 'TRANSFER') {
    if (input.licenseType != null) throw badInput('input.licenseType', 'applies to LICENSE deals only');
    if (input.termMonths != null) throw badInput('input.termMonths', 'applies to LICENSE deals only');
    return { type: 'TRANSFER', licenseType: null, termMonths: null };
  }
  if (input.licenseType == null) throw badInput('input.licenseType', 'is required for a LICENSE deal: EXCLUSIVE, SOLE or NON_EXCLUSIVE');
  if (input.termMonths == null) throw badInput('input.termMonths', `is required for a LICENSE deal: 1 to ${MAX_TERM_MONTHS} months`);
  v.intInRange('input.termMonths', input.termMonths, 1, MAX_TERM_MONTHS);
  return { type: 'LICENSE', licenseType: input.licenseType, termMonths: input.termMonths };
}

/** The buyer (the caller's organization) proposes a deal on a PUBLISHED listing. */
export async function proposeDeal(ctx: ServiceContext, input: ProposeDealInput): Promise<DealDoc> {
  const { org } = await requireOrg(ctx);
  const listingId = parseId('input.listingId', input.listingId);
  const terms = checkTerms(input);
  const open = input.type === 'OPEN_LICENSE';
  if (open && input.schedule) throw badInput('input.schedule', 'an open licence is paid as its published fee, not by a schedule');
  const scheduled = input.schedule ? checkSchedule(input.schedule, input.price, terms.type, today()) : null;
  const mode = open ? 'OPEN_LICENSE' : terms.type;
  const listing = await Listing.findById(listingId);
  if (!listing || !(await canSeeListing(ctx, listing))) throw notFound('Listing', input.listingId);
  if (isMemberOf(ctx, listing.holder)) throw forbidden('You cannot propose a deal on your own listing');
  if (listing.enforcement && isMemberOf(ctx, listing.enforcement.bank)) throw forbidden('You cannot propose a deal on the listing you enforce');
  if (!listing.modes.includes(mode)) throw badInput('input.type', `this listing offers ${listing.modes.join(', ')}, not ${mode}`);
  if (!open && terms.licenseType && !listing.licenseTypes.includes(terms.licenseType)) {
    throw badInput('input.licenseType', `this listing offers ${listing.licenseTypes.join(', ')} licences, not ${terms.licenseType}`);
  }
  if (listing.status !== 'PUBLISHED') throw conflict(`The listing is ${listing.status}: deals are proposed on PUBLISHED listings only`);
  const asset = await IpAsset.findById(listing.asset);
  if (!asset) throw notFound('Asset', String(listing.asset));
  if (open) {
    const offer = openLicenceOffer(listing, asset.expiresOn ?? null, todayInShanghai());
    if (!offer) throw badInput('input.price', 'this open licence publishes no fee');
    if (input.termMonths != null && input.termMonths !== offer.periodMonths) {
      throw badInput('input.termMonths', `an open licence runs for the period the patentee published: ${offer.periodMonths} months (omit termMonths)`);
    }
    if (input.price !== offer.fee) {
      const basis = offer.feeBasis === 'PER_YEAR' ? `${formatFen(listing.askingPrice!)} yuan a year for ${offer.periodMonths} months` : `one fee for ${offer.periodMonths} months`;
      throw badInput('input.price', `an open licence costs exactly the published fee: ${formatFen(offer.fee)} yuan (${basis})`);
    }
    terms.termMonths = offer.periodMonths;
    const late = openLicencePeriodProblem(offer, todayInShanghai(), asset.expiresOn ?? null);
    if (late) throw conflict(`Cannot take this open licence: ${late}; the patentee must publish new terms`);
  }
  if (open && asset.pledge) throw conflict(`Cannot propose this deal: ${openLicenceSuspension(asset)}`);
  const consentAsked = !!input.pledgeConsentRequested && !!asset.pledge;
  const problem = await dealProblem(
    asset,
    { ...terms, buyer: String(org._id), seller: String(listing.holder), enforcedUnder: listing.enforcement?.registration ?? null },
    { startsOn: todayInShanghai(), checkInFlight: false, pledgeConsentRequested: !!input.pledgeConsentRequested },
  );
  if (problem) throw conflict(`Cannot propose this deal: ${problem}`);
  const created = await Deal.create({
    listing: listing._id,
    asset: asset._id,
    ...terms,
    buyer: org._id,
    seller: listing.holder,
    enforcement: listing.enforcement ?? null,
    price: input.price,
    openLicence: open,
    schedule: scheduled?.schedule ?? null,
    instalments: scheduled?.instalments ?? [],
    // An open licence needs no acceptance: notifying and paying the published fee is enough (Patent Law art. 51).
    status: open ? 'ACCEPTED' : 'PROPOSED',
    history: open
      ? [historyEntry(ctx, null, 'PROPOSED', 'open licence (专利开放许可)'), historyEntry(ctx, 'PROPOSED', 'ACCEPTED', 'open licence: accepted on notification')]
      : [historyEntry(ctx, null, 'PROPOSED', consentAsked ? "the asset is pledged: subject to the pledgee's consent (Civil Code art. 444)" : null)],
  });
  await notifyDeal(ctx, created, 'PROPOSED');
  return created;
}

/**
 * The seller accepts. The asset must still be available, and no other accepted deal on it may
 * clash; a TRANSFER also takes the listing PUBLISHED -> UNDER_NEGOTIATION (a licence leaves it
 * PUBLISHED so others can still license).
 */
export async function acceptDeal(ctx: ServiceContext, id: string): Promise<DealDoc> {
  const accepted = await acceptUnderLock(ctx, id);
  await notifyDeal(ctx, accepted, 'ACCEPTED');
  return accepted;
}

async function acceptUnderLock(ctx: ServiceContext, id: string): Promise<DealDoc> {
  await requireOrg(ctx);
  const { deal, side } = await loadDealForParty(ctx, id);
  if (side !== 'SELLER') throw forbidden('Only the seller (the listing holder, or the pledgee bank enforcing its pledge) may accept a deal');
  if (deal.status !== 'PROPOSED') throw conflict(`Deal is ${deal.status} and cannot become ACCEPTED`, { status: deal.status });
  return withLock(assetDealsLock(deal.asset), async () => {
    const listing = await Listing.findById(deal.listing);
    if (listing?.status !== 'PUBLISHED') throw conflict(`The listing is ${listing?.status ?? 'gone'}: only deals on a PUBLISHED listing can be accepted`);
    const asset = await IpAsset.findById(deal.asset);
    if (!asset) throw notFound('Asset', String(deal.asset));
    const problem = await dealProblem(asset, termsOf(deal), { startsOn: todayInShanghai(), checkInFlight: true });
    if (problem) throw conflict(`Cannot accept this deal: ${problem}`);
    // A public institution's negotiated deal is publicly noticed for 15 days from now (publicNotice.ts).
    const notice = noticeFor(deal, await ctx.loaders.organization.load(deal.seller), today());
    const accept = () =>
      transition<DealStatus, DealDoc>(ctx, {
        model: Deal,
        id: deal._id,
        machine: DEAL_MACHINE,
        current: 'PROPOSED',
        to: 'ACCEPTED',
        what: 'Deal',
        ...(notice ? { set: { publicNotice: notice }, reason: `publicly noticed (公示) from ${notice.startsOn}; payable from ${notice.endsOn}` } : {}),
      });
    if (deal.type !== 'TRANSFER') return accept();
    await transition<ListingStatus, ListingDoc>(ctx, {
      model: Listing,
      id: listing._id,
      machine: LISTING_MACHINE,
      current: 'PUBLISHED',
      to: 'UNDER_NEGOTIATION',
      what: 'Listing',
      reason: `transfer deal ${id} accepted`,
    });
    try {
      return await accept();
    } catch (err) {
      await reopenListing(ctx, listing._id, `transfer deal ${id} could not be accepted`);
      throw err;
    }
  });
}

/**
 * Either party cancels while no money has moved: PROPOSED, ACCEPTED, or PAYMENT_PENDING once Stripe
 * has cancelled the PaymentIntent (CONFLICT if it already succeeded or is processing). A cancelled
 * accepted TRANSFER reopens its listing. A PAID deal that has not completed is cancelled through a
 * refund (services/payments/refunds.ts): it becomes REFUND_PENDING, CANCELLED once refunded.
 */
export async function cancelDeal(ctx: ServiceContext, id: string, reason?: string | null): Promise<DealDoc> {
  await requireOrg(ctx);
  const why = v.optionalText('reason', reason, 500);
  const { deal, side } = await loadDealForParty(ctx, id);
  return withLock(dealPaymentLock(deal._id), async () => {
    const fresh = (await Deal.findById(deal._id))!;
    const status = fresh.status as DealStatus;
    if (fresh.openLicence && side === 'SELLER') {
      throw forbidden('The patentee cannot cancel a taking of its open licence (Patent Law art. 51); only the taker may withdraw, before paying');
    }
    if (status === 'PAID') return startRefund(ctx, fresh, side, why); // the money goes back first
    if (!CANCELLABLE_DEAL_STATUSES.includes(status)) throw conflict(`Deal is ${status} and can no longer be cancelled`, { status });
    const held = fresh.bankTransfers.filter((t) => t.status === 'RECORDED' || t.status === 'CONFIRMED');
    if (held.length) {
      throw conflict(
        `Bank transfers ${held.map((t) => `${t.reference} (${t.status})`).join(', ')} are recorded on this deal: the seller disputes those it did not receive, and money received is refunded before the deal can be cancelled`,
        { status },
      );
    }
    // No intent of a cancelled deal may take money afterwards: the pending one, and failed ones
    // (which Stripe lets the customer retry). CONFLICT if one already went through.
    const payments = await cancelOpenIntents(ctx, fresh.payments.map((p) => p.toObject()));
    const cancelled = await transition<DealStatus, DealDoc>(ctx, {
      model: Deal,
      id: fresh._id,
      machine: DEAL_MACHINE,
      current: status,
      to: 'CANCELLED',
      what: 'Deal',
      extraCondition: { paymentAttempts: fresh.paymentAttempts },
      set: {
        cancelledBy: side,
        cancelReason: why,
        payments,
      },
      reason: `cancelled by the ${side.toLowerCase()}${why ? `: ${why}` : ''}`,
    });
    if (fresh.type === 'TRANSFER' && status !== 'PROPOSED') await reopenListing(ctx, fresh.listing, `transfer deal ${id} cancelled`);
    await notifyDeal(ctx, cancelled, 'CANCELLED');
    return cancelled;
  });
}

/** A deal if the caller is its buyer or seller (or the REGULATOR, once disputed), else null. */
export async function getDeal(ctx: ServiceContext, id: string): Promise<DealDoc | null> {
  const oid = tryParseId(id);
  if (!oid || !ctx.viewer) return null;
  const deal = await ctx.loaders.deal.load(oid);
  return deal && (await canSeeDeal(ctx, deal)) ? deal : null;
}

/** REGULATOR: deals whose payment is disputed at Stripe, most recently disputed first. */
export async function disputedDeals(ctx: ServiceContext, first?: number | null, after?: string | null): Promise<DealDoc[]> {
  await requireRegulator(ctx);
  const limit = v.pageSize('first', first, LIST_PAGE_DEFAULT, LIST_PAGE_DEFAULT);
  return Deal.find({ dispute: { $ne: null }, ...afterIdFilter('after', after) })
    .sort({ _id: -1 })
    .limit(limit);
}

/** Deals where the caller's organization is the buyer or the seller, newest first, a page at a time. */
export async function myDeals(ctx: ServiceContext, status?: DealStatus | null, first?: number | null, after?: string | null): Promise<DealDoc[]> {
  const { org } = await requireOrg(ctx);
  const limit = v.pageSize('first', first, LIST_PAGE_DEFAULT, LIST_PAGE_DEFAULT);
  return Deal.find({ $or: [{ buyer: org._id }, { seller: org._id }, { 'enforcement.bank': org._id }], ...(status ? { status } : {}), ...afterIdFilter('after', after) })
    .sort({ _id: -1 })
    .limit(limit);
}

/** The deal that created a licence, for its parties only. */
export async function dealOfLicense(ctx: ServiceContext, license: LicenseDoc): Promise<DealDoc | null> {
  return license.deal ? getDeal(ctx, String(license.deal)) : null;
}

/** The licence a completed LICENSE deal created. */
export async function licenseOfDeal(ctx: ServiceContext, deal: DealDoc): Promise<LicenseDoc | null> {
  if (!deal.licenseId) return null;
  const licences = await ctx.loaders.licensesByAsset.load(deal.asset);
  return licences.find((l) => String(l._id) === String(deal.licenseId)) ?? null;
}
