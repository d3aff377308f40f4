// Inquiries: an organization asks about a listing; the holder's and the asker's members write in
// one thread; nobody else sees it (NOT_FOUND / left out of lists, never FORBIDDEN, so a thread's
// existence does not leak).
import { Types } from 'mongoose';
import { Inquiry, INQUIRY_MAX_MESSAGES, INQUIRY_MESSAGE_MAX_CHARS, type InquiryDoc } from '../../models/inquiry';
import type { DealType, ListingDoc } from '../../models/listing';
import type { ServiceContext, Viewer } from '../context';
import { isMemberOf, requireOrg } from '../authz';
import { updateOneDoc, withLock } from '../atomic';
import { badInput, conflict, forbidden, isDuplicateKey, notFound } from '../errors';
import { parseId, tryParseId } from '../ids';
import * as v from '../validate';
import { addListingVisibilityRule, canSeeListing } from '.';
import { notifyInquiryMessage } from '../notifications/events';

/** Statuses in which a listing takes new inquiries. */
const ASKABLE = ['PUBLISHED', 'UNDER_NEGOTIATION'];

// An organization that has asked about a listing keeps seeing it (e.g. once it is UNDER_NEGOTIATION).
addListingVisibilityRule(async (ctx, listing) => !!ctx.viewer && !!(await Inquiry.exists({ listing: listing._id, from: ctx.viewer.orgId })));

/** Called after a message is appended or a thread opened, before the other side is notified (needs: the name is revealed). */
type MessageHook = (ctx: ServiceContext, inq: InquiryDoc) => Promise<void>;
const messageHooks: MessageHook[] = [];
export function onInquiryMessage(hook: MessageHook): void {
  messageHooks.push(hook);
}
async function afterMessage(ctx: ServiceContext, inq: InquiryDoc): Promise<void> {
  for (const hook of messageHooks) await hook(ctx, inq);
}

export function messageBody(text: string): string {
  return v.text('message', text, { max: INQUIRY_MESSAGE_MAX_CHARS });
}

export function message(viewer: Viewer, body: string) {
  return { author: new Types.ObjectId(viewer.orgId), authorUser: new Types.ObjectId(viewer.userId), body, at: new Date() };
}

/** Appends a message unless the thread is full; CONFLICT when it is. */
export async function append(inquiryId: Types.ObjectId, msg: ReturnType<typeof message>): Promise<InquiryDoc> {
  const updated = await updateOneDoc<InquiryDoc>(
    Inquiry,
    { _id: inquiryId, messageCount: { $lt: INQUIRY_MAX_MESSAGES } },
    { $push: { messages: msg }, $inc: { messageCount: 1 }, $set: { lastMessageAt: msg.at } },
  );
  if (!updated) throw conflict(`This thread has reached ${INQUIRY_MAX_MESSAGES} messages; start a deal or contact the holder directly`);
  return updated;
}

/**
 * Asks about a listing the caller can see, which is PUBLISHED (or UNDER_NEGOTIATION) and offers
 * this deal type. Asking again about the same listing and deal type adds to the same thread.
 */
export async function sendInquiry(ctx: ServiceContext, listingId: string, dealType: DealType, text: string): Promise<InquiryDoc> {
  const inq = await openOrAppend(ctx, listingId, dealType, text);
  await afterMessage(ctx, inq);
  await notifyInquiryMessage(ctx, inq);
  return inq;
}

async function openOrAppend(ctx: ServiceContext, listingId: string, dealType: DealType, text: string): Promise<InquiryDoc> {
  const { viewer, org } = await requireOrg(ctx);
  const id = parseId('listingId', listingId);
  const body = messageBody(text);
  const listing: ListingDoc | null = await ctx.loaders.listing.load(id);
  if (!listing || !(await canSeeListing(ctx, listing))) throw notFound('Listing', listingId);
  if (isMemberOf(ctx, listing.holder)) throw forbidden('You hold this listing; inquiries come from other organizations');
  if (!ASKABLE.includes(listing.status)) throw conflict(`Listing is ${listing.status} and takes no inquiries`, { status: listing.status });
  if (!listing.modes.includes(dealType)) {
    throw badInput('dealType', `this listing offers ${listing.modes.join(', ')}, not ${dealType}`);
  }
  return withLock(`Inquiry:${String(listing._id)}:${String(org._id)}:${dealType}`, async () => {
    const existing = await Inquiry.findOne({ listing: listing._id, from: org._id, dealType });
    if (existing) return append(existing._id, message(viewer, body));
    try {
      const first = message(viewer, body);
      return await Inquiry.create({
        listing: listing._id,
        holder: listing.holder,
        from: org._id,
        dealType,
        messages: [first],
        messageCount: 1,
        lastMessageAt: first.at,
      });
    } catch (err) {
      if (isDuplicateKey(err)) throw conflict('This inquiry was just opened by someone else in your organization; reload the thread');
      throw err;
    }
  });
}

function isParty(ctx: ServiceContext, inq: InquiryDoc): boolean {
  return isMemberOf(ctx, inq.from) || isMemberOf(ctx, inq.holder);
}

/** A message from either side of the thread. Anyone else: NOT_FOUND. */
export async function replyToInquiry(ctx: ServiceContext, inquiryId: string, text: string): Promise<InquiryDoc> {
  const { viewer } = await requireOrg(ctx);
  const id = parseId('inquiryId', inquiryId);
  const body = messageBody(text);
  const inq = await ctx.loaders.inquiry.load(id);
  if (!inq || !isParty(ctx, inq)) throw notFound('Inquiry', inquiryId);
  const updated = await append(inq._id, message(viewer, body));
  await afterMessage(ctx, updated);
  await notifyInquiryMessage(ctx, updated);
  return updated;
}

/** The caller's threads (sent by its organization or received on its listings), most recent first. */
export async function myInquiries(ctx: ServiceContext, listingId?: string | null): Promise<InquiryDoc[]> {
  const { org } = await requireOrg(ctx);
  const conditions: Record<string, unknown>[] = [{ $or: [{ from: org._id }, { holder: org._id }] }];
  if (listingId != null) {
    const lid = tryParseId(listingId);
    if (!lid) return [];
    conditions.push({ listing: lid });
  }
  return Inquiry.find({ $and: conditions }).sort({ lastMessageAt: -1, _id: -1 }).limit(500);
}
