// Public notice (公示) of public institutions' negotiated deals (促进科技成果转化法 art. 18 and its
// rules): when the seller is a UNIVERSITY or RESEARCH_INSTITUTE and the price was agreed between the
// parties (every deal but an open-licence taking, whose fee is published), the agreed name, price and
// terms are publicly noticed for 15 days from acceptance before the deal can be paid. Anybody may
// file an objection with a reason during the notice; the seller answers it; a deal with an
// unanswered objection cannot be paid either. The notice lives on the deal document (set in the same
// update that accepts it), so there is never an accepted deal that should have a notice and has none.
import { Types } from 'mongoose';
import { Deal, type DealDoc } from '../../models/deal';
import type { OrganizationDoc } from '../../models/organization';
import type { ServiceContext } from '../context';
import { updateOneDoc } from '../atomic';
import { requireOrg } from '../authz';
import { conflict, forbidden, notFound } from '../errors';
import { parseId } from '../ids';
import { now, today } from '../clock';
import { addDays } from '../rules/calendar';
import { afterIdFilter, LIST_PAGE_DEFAULT } from '../pagination';
import * as v from '../validate';
import { notifyDealStep } from '../notifications/dealSteps';

export const NOTICE_DAYS = 15;
export const PUBLIC_INSTITUTION_KINDS = ['UNIVERSITY', 'RESEARCH_INSTITUTE'];

/** The notice a deal gets when the seller accepts it, or null when none is needed. */
export function noticeFor(deal: Pick<DealDoc, 'openLicence'>, seller: Pick<OrganizationDoc, 'kind'> | null, on: string) {
  if (deal.openLicence || !seller || !PUBLIC_INSTITUTION_KINDS.includes(seller.kind)) return null;
  return { _id: new Types.ObjectId(), startsOn: on, endsOn: addDays(on, NOTICE_DAYS), objections: [] };
}

/** The notice's own id (a single nested subdocument keeps its _id; mongoose's inferred type omits it). */
export const noticeIdOf = (deal: DealDoc): Types.ObjectId => (deal.publicNotice as unknown as { _id: Types.ObjectId })._id;

/** Why the deal cannot be paid yet because of its notice, or null. */
export function noticeProblem(deal: Pick<DealDoc, 'publicNotice'>, on: string): string | null {
  const notice = deal.publicNotice;
  if (!notice) return null;
  if (on < notice.endsOn) return `the deal is under public notice (公示) until ${notice.endsOn}: it can be paid from that day`;
  const open = notice.objections.filter((o) => !o.answer);
  if (open.length) return `${open.length} objection(s) to its public notice await the seller's answer`;
  return null;
}

export const noticeInForce = (deal: Pick<DealDoc, 'publicNotice' | 'status'>, on: string) =>
  !!deal.publicNotice && deal.status === 'ACCEPTED' && deal.publicNotice.startsOn <= on && on < deal.publicNotice.endsOn;

/** The notices in force (anyone may read them), newest first; `after` is the last notice's id. */
export async function publicNotices(first?: number | null, after?: string | null): Promise<DealDoc[]> {
  const limit = v.pageSize('first', first, LIST_PAGE_DEFAULT, LIST_PAGE_DEFAULT);
  const on = today();
  const cursor = afterIdFilter('after', after)._id;
  return Deal.find({
    status: 'ACCEPTED',
    'publicNotice.startsOn': { $lte: on },
    'publicNotice.endsOn': { $gt: on },
    ...(cursor ? { 'publicNotice._id': cursor } : {}),
  })
    .sort({ 'publicNotice._id': -1 })
    .limit(limit);
}

async function dealOfNotice(noticeId: string): Promise<DealDoc> {
  const id = parseId('noticeId', noticeId);
  const deal = await Deal.findOne({ 'publicNotice._id': id });
  if (!deal?.publicNotice) throw notFound('PublicNotice', noticeId);
  return deal;
}

/** Anybody signed in except the seller objects to a notice in force, with a reason. Returns the deal. */
export async function fileNoticeObjection(ctx: ServiceContext, noticeId: string, reason: string): Promise<{ deal: DealDoc; objectionId: string }> {
  const { org } = await requireOrg(ctx);
  const why = v.text('reason', reason ?? '', { max: 1000 });
  const deal = await dealOfNotice(noticeId);
  if (String(deal.seller) === String(org._id)) throw forbidden('The seller answers objections to its notice; it does not file them');
  const on = today();
  if (!noticeInForce(deal, on)) throw conflict(`The notice is not in force (${deal.publicNotice!.startsOn} to ${deal.publicNotice!.endsOn}, deal ${deal.status}): objections are filed during the notice`);
  const objection = { _id: new Types.ObjectId(), by: org._id, byUser: ctx.viewer!.userId, reason: why, filedAt: now(), answer: null, answeredAt: null };
  const updated = await updateOneDoc<DealDoc>(
    Deal,
    { _id: deal._id, status: 'ACCEPTED', noticeVersion: deal.noticeVersion },
    { $set: { 'publicNotice.objections': [...deal.publicNotice!.objections.map((o) => o.toObject()), objection], noticeVersion: deal.noticeVersion + 1 } },
  );
  if (!updated) throw conflict('The deal changed while you were objecting; reload the notice');
  await notifyDealStep(ctx, updated, 'NOTICE_OBJECTION');
  return { deal: updated, objectionId: String(objection._id) };
}

/** The seller answers an objection (once). */
export async function answerNoticeObjection(ctx: ServiceContext, noticeId: string, objectionId: string, answer: string): Promise<DealDoc> {
  const { org } = await requireOrg(ctx);
  const text = v.text('answer', answer ?? '', { max: 1000 });
  const oid = parseId('objectionId', objectionId);
  const deal = await dealOfNotice(noticeId);
  if (String(deal.seller) !== String(org._id)) {
    if (String(deal.buyer) === String(org._id)) throw forbidden('The seller answers objections to its notice');
    throw notFound('PublicNotice', noticeId);
  }
  const objections = deal.publicNotice!.objections;
  const target = objections.find((o) => String(o._id) === String(oid));
  if (!target) throw notFound('NoticeObjection', objectionId);
  if (target.answer) throw conflict('This objection is already answered');
  const next = objections.map((o) => (String(o._id) === String(oid) ? { ...o.toObject(), answer: text, answeredAt: now() } : o.toObject()));
  const updated = await updateOneDoc<DealDoc>(
    Deal,
    { _id: deal._id, noticeVersion: deal.noticeVersion },
    { $set: { 'publicNotice.objections': next, noticeVersion: deal.noticeVersion + 1 } },
  );
  if (!updated) throw conflict('The objection was answered meanwhile; reload the notice');
  return updated;
}
