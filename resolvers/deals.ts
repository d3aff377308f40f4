import { pledgeeConsentState } from '../services/deals/consentState';
import type { Resolvers } from '../schema/generated/types';
import * as deals from '../services/deals';
import { payDeal } from '../services/payments/payDeal';
import { bankTotals, confirmBankTransfer, disputeBankTransfer, recordBankTransfer } from '../services/payments/bankTransfer';
import { STRIPE_MAX_AMOUNT_FEN } from '../services/payments/stripeClient';
import { confirmBankRefund, recordBankRefund } from '../services/payments/refunds';
import { answerNoticeObjection, fileNoticeObjection, noticeIdOf, noticeInForce, publicNotices } from '../services/deals/publicNotice';
import { confirmRecordal, recordLicenceFiling, recordRecordal } from '../services/deals/recordal';
import { isFilingOverdue } from '../services/deals/filingRules';
import { today } from '../services/clock';
import { upfrontFen } from '../services/deals/schedule/rules';

export const dealResolvers: Resolvers = {
  Query: {
    deal: (_p, { id }, ctx) => deals.getDeal(ctx, id),
    myDeals: (_p, { status, first, after }, ctx) => deals.myDeals(ctx, status, first, after),
    disputedDeals: (_p, { first, after }, ctx) => deals.disputedDeals(ctx, first, after),
    publicNotices: (_p, { first, after }) => publicNotices(first, after),
  },
  Mutation: {
    proposeDeal: (_p, { input }, ctx) => deals.proposeDeal(ctx, input),
    acceptDeal: (_p, { id }, ctx) => deals.acceptDeal(ctx, id),
    cancelDeal: (_p, { id, reason }, ctx) => deals.cancelDeal(ctx, id, reason),
    payDeal: (_p, { id }, ctx) => payDeal(ctx, id),
    recordBankTransfer: (_p, { dealId, input }, ctx) => recordBankTransfer(ctx, dealId, input),
    confirmBankTransfer: (_p, { dealId, transferId }, ctx) => confirmBankTransfer(ctx, dealId, transferId),
    disputeBankTransfer: (_p, { dealId, transferId, reason }, ctx) => disputeBankTransfer(ctx, dealId, transferId, reason),
    recordRecordal: (_p, { dealId, noticeNumber, recordedOn }, ctx) => recordRecordal(ctx, dealId, noticeNumber, recordedOn),
    confirmRecordal: (_p, { dealId }, ctx) => confirmRecordal(ctx, dealId),
    fileNoticeObjection: async (_p, { noticeId, reason }, ctx) => {
      const { deal, objectionId } = await fileNoticeObjection(ctx, noticeId, reason);
      return deal.publicNotice!.objections.find((o) => String(o._id) === objectionId)!;
    },
    answerNoticeObjection: (_p, { noticeId, objectionId, answer }, ctx) => answerNoticeObjection(ctx, noticeId, objectionId, answer),
    recordBankRefund: (_p, { dealId, input }, ctx) => recordBankRefund(ctx, dealId, input),
    confirmBankRefund: (_p, { dealId }, ctx) => confirmBankRefund(ctx, dealId),
    recordLicenceFiling: (_p, { dealId, filingNumber, filedOn }, ctx) => recordLicenceFiling(ctx, dealId, filingNumber, filedOn),
  },
  Deal: {
    id: (d) => String(d._id),
    listing: async (d, _x, ctx) => (await ctx.loaders.listing.load(d.listing))!,
    asset: async (d, _x, ctx) => (await ctx.loaders.ipAsset.load(d.asset))!,
    buyer: async (d, _x, ctx) => (await ctx.loaders.organization.load(d.buyer))!,
    seller: async (d, _x, ctx) => (await ctx.loaders.organization.load(d.seller))!,
    type: (d) => d.type as 'LICENSE' | 'TRANSFER',
    licenseType: (d) => (d.licenseType ?? null) as never,
    status: (d) => d.status as never,
    history: (d) => d.history as never,
    license: (d, _x, ctx) => deals.licenseOfDeal(ctx, d),
    cancelledBy: (d) => (d.cancelledBy ?? null) as never,
    pledgeeConsent: (d, _x, ctx) => pledgeeConsentState(ctx, d),
    settlement: (d) => (d.settlement ?? null) as never,
    stripeAllowed: (d) => upfrontFen(d) <= STRIPE_MAX_AMOUNT_FEN,
    amountConfirmed: (d) => (d.settlement !== 'BANK_TRANSFER' && d.paidAt ? upfrontFen(d) : bankTotals(d).confirmed),
    amountAwaitingConfirmation: (d) => bankTotals(d).awaiting,
    bankTransfers: (d) => d.bankTransfers as never,
    recordal: (d) => (d.recordal ?? null) as never,
    filing: (d) => (d.filing ?? null) as never,
    filingOverdue: (d) => isFilingOverdue(d, today()),
    refund: (d) => (d.refund ?? null) as never,
    disputed: (d) => !!d.dispute,
    publicNotice: (d) => (d.publicNotice ? d : null),
    dispute: (d) => (d.dispute ?? null) as never,
  },
  PublicNotice: {
    id: (d) => String(noticeIdOf(d)),
    title: async (d, _x, ctx) => {
      const a = await ctx.loaders.ipAsset.load(d.asset);
      return a ? `${a.title}（${a.number}）` : '';
    },
    assetNumber: async (d, _x, ctx) => (await ctx.loaders.ipAsset.load(d.asset))?.number ?? '',
    seller: async (d, _x, ctx) => (await ctx.loaders.organization.load(d.seller))!,
    buyer: async (d, _x, ctx) => (await ctx.loaders.organization.load(d.buyer))!,
    type: (d) => d.type as 'LICENSE' | 'TRANSFER',
    licenseType: (d) => (d.licenseType ?? null) as never,
    termMonths: (d) => d.termMonths ?? null,
    price: (d) => d.price,
    startsOn: (d) => d.publicNotice!.startsOn,
    endsOn: (d) => d.publicNotice!.endsOn,
    inForce: (d) => noticeInForce(d, today()),
    objectionCount: (d) => d.publicNotice!.objections.length,
    objections: (d) => d.publicNotice!.objections as never,
  },
  NoticeObjection: {
    id: (o) => String(o._id),
    by: async (o, _x, ctx) => (await ctx.loaders.organization.load(o.by))!,
  },
  DealRefund: {
    method: (r) => r.method as never,
    status: (r) => r.status as never,
    requestedBy: (r) => r.requestedBy as never,
  },
  BankTransfer: {
    id: (t) => String(t._id),
    status: (t) => t.status as never,
  },
  Recordal: {
    recordedBy: (r) => r.recordedBy as never,
    status: (r) => r.status as never,
    confirmedBy: (r) => (r.confirmedBy ?? null) as never,
  },
  // Replaces the assets domain's placeholder: the deal behind a licence, for that deal's parties.
  License: {
    deal: (l, _x, ctx) => deals.dealOfLicense(ctx, l),
  },
};
