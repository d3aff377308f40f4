// A holder answers an OPEN need with one of its PUBLISHED listings: the answer is an inquiry
// thread on that listing between the need's owner (the thread's `from`, as if it had asked) and
// the holder, opened with the holder's message (services/listings/inquiries.ts, the same threads,
// the same one-thread-per-(listing, asker, deal type) key, the same reply and notification paths);
// the thread records the needs it answers (`needs`, $addToSet).
// A need that hides its owner's name stays anonymous to the holder until the owner writes in the
// thread (replies or asks): then the holder is added to `revealedTo` of the thread's needs (one
// $addToSet each), before the holder is notified of that message. Until then the thread shows the
// owner as an anonymous organization (maskedOwner: Inquiry.from, InquiryMessage.author), unless
// the holder knows it already (the owner started the thread, or another of its needs is not hidden).
import { Types } from 'mongoose';
import { Inquiry, type InquiryDoc } from '../../models/inquiry';
import type { DealType, ListingDoc } from '../../models/listing';
import type { OrganizationDoc } from '../../models/organization';
import { TechnologyNeed, type TechnologyNeedDoc } from '../../models/technologyNeed';
import type { ServiceContext } from '../context';
import { isMemberOf, requireOrg } from '../authz';
import { updateOneDoc, withLock } from '../atomic';
import { badInput, conflict, forbidden, isDuplicateKey, notFound } from '../errors';
import { parseId } from '../ids';
import { canSeeListing } from '../listings';
import { append, message, messageBody, onInquiryMessage } from '../listings/inquiries';
import { notifyNeedAnswered } from '../notifications/events';
import { addNeedVisibilityRule, canSeeNeed, canSeeNeedOwner } from '.';

// An organization that answered a need keeps seeing it after it closes.
addNeedVisibilityRule(async (ctx, need) => !!ctx.viewer && !!(await Inquiry.exists({ needs: need._id, holder: ctx.viewer.orgId })));

async function revealTo(needIds: readonly unknown[], holder: unknown): Promise<void> {
  for (const id of needIds) await updateOneDoc(TechnologyNeed, { _id: id, hideName: true }, { $addToSet: { revealedTo: holder } });
}

// The owner writing in an answer's thread reveals its name to that holder.
onInquiryMessage(async (ctx, inq) => {
  if (!inq.needs?.length || !ctx.viewer || String(inq.from) !== ctx.viewer.orgId) return;
  await revealTo(inq.needs, inq.holder);
});

export async function answerNeed(ctx: ServiceContext, needId: string, listingId: string, text: string, dealType?: string | null): Promise<InquiryDoc> {
  const { viewer, org } = await requireOrg(ctx);
  const nid = parseId('needId', needId);
  const lid = parseId('listingId', listingId);
  const body = messageBody(text);
  const need = await TechnologyNeed.findById(nid);
  if (!need || !(await canSeeNeed(ctx, need))) throw notFound('TechnologyNeed', needId);
  if (isMemberOf(ctx, need.owner)) throw forbidden('This is your own need; holders answer it');
  if (need.status !== 'OPEN') throw conflict(`The need is ${need.status} and takes no answers`, { status: need.status });
  const listing: ListingDoc | null = await ctx.loaders.listing.load(lid);
  if (!listing || !(await canSeeListing(ctx, listing))) throw notFound('Listing', listingId);
  if (!isMemberOf(ctx, listing.holder)) throw forbidden('Answer with one of your own listings');
  if (listing.status !== 'PUBLISHED') throw conflict(`Listing is ${listing.status}; answer with a PUBLISHED listing`, { status: listing.status });
  const offered: string[] = listing.modes.filter((m) => (need.dealTypes as string[]).includes(m));
  const type = (dealType ?? offered[0]) as DealType | undefined;
  if (!type || !offered.includes(type)) {
    throw badInput(dealType ? 'dealType' : 'listingId', `the listing offers ${listing.modes.join(', ')}; the need asks for ${need.dealTypes.join(', ')}`);
  }
  const inq = await withLock(`Inquiry:${String(listing._id)}:${String(need.owner)}:${type}`, async () => {
    const first = message(viewer, body);
    const existing = await Inquiry.findOne({ listing: listing._id, from: need.owner, dealType: type });
    if (existing) {
      // The holder already knows who the owner is from this thread: then this need hides nothing from it.
      if (!(await maskedOwner(ctx, existing))) await revealTo([need._id], listing.holder);
      await append(existing._id, first);
      return (await updateOneDoc<InquiryDoc>(Inquiry, { _id: existing._id }, { $addToSet: { needs: need._id } }))!;
    }
    try {
      return await Inquiry.create({ listing: listing._id, holder: org._id, from: need.owner, dealType: type, needs: [need._id], messages: [first], messageCount: 1, lastMessageAt: first.at });
    } catch (err) {
      if (isDuplicateKey(err)) throw conflict('This thread was just opened by someone else; reload it');
      throw err;
    }
  });
  await notifyNeedAnswered(ctx, inq, need);
  return inq;
}

/** The answers the caller may see: all of them for the owner, its own for a holder. */
export async function answersOf(ctx: ServiceContext, need: TechnologyNeedDoc): Promise<InquiryDoc[]> {
  if (!ctx.viewer) return [];
  const filter = isMemberOf(ctx, need.owner) ? { needs: need._id } : { needs: need._id, holder: new Types.ObjectId(ctx.viewer.orgId) };
  return Inquiry.find(filter).sort({ lastMessageAt: -1, _id: -1 }).limit(500);
}

/**
 * The organization shown for a thread's asker: itself, or (a need whose owner hides its name, to a
 * holder it has not written to) an anonymous stand-in with the need's county and the owner's kind.
 */
export async function maskedOwner(ctx: ServiceContext, inq: Pick<InquiryDoc, 'needs' | 'from' | 'messages'>): Promise<OrganizationDoc | null> {
  if (!inq.needs?.length || String(inq.messages[0]?.author) === String(inq.from)) return null; // the owner started it: no secret
  const needs = (await Promise.all(inq.needs.map((id) => TechnologyNeed.findById(id)))).filter((n): n is TechnologyNeedDoc => !!n);
  if (needs.length === 0 || needs.some((n) => canSeeNeedOwner(ctx, n))) return null;
  return anonymousOwner(needs[0]!);
}

export function anonymousOwner(need: TechnologyNeedDoc): OrganizationDoc {
  return {
    _id: `anonymous-need-${String(need._id)}`,
    name: '匿名需求方（技术需求发布者）',
    kind: need.ownerKind,
    creditCode: '',
    county: need.county,
    verified: false,
    ipAdvantage: null,
  } as unknown as OrganizationDoc;
}
