// Underwriting (核保) of pledge-financing guarantee quotes (issue 16, point 6): such a quote names
// the beneficiary bank and the share of the loan it covers, and is PENDING until the insurer
// accepts it or declines it with a reason; only an ACCEPTED quote binds. Each decision is one
// conditional update on {underwriting: 'PENDING', policy: null}. Other types bind without it.
import type { Types } from 'mongoose';
import { InsuranceQuote, type InsuranceQuoteDoc } from '../../models/insuranceQuote';
import type { InsuranceType } from '../../models/insuranceProduct';
import { Organization } from '../../models/organization';
import type { ServiceContext } from '../context';
import { requireMemberOrHide, requireOrg } from '../authz';
import { updateOneDoc } from '../atomic';
import { badInput, conflict, notFound } from '../errors';
import { parseId } from '../ids';
import * as v from '../validate';
import { canSeeQuote } from './visibility';
import { FULL_SHARE_BPS } from './guaranteeCover';
import { notifyUnderwritten } from './notify';

export interface GuaranteeQuoteFields {
  beneficiaryBank?: Types.ObjectId;
  coverageShareBps?: number;
  underwriting?: 'PENDING';
}

/** The guarantee terms of a quote request: required for PLEDGE_FINANCING_GUARANTEE, refused for the other types. */
export async function validateGuaranteeTerms(type: InsuranceType, terms: { beneficiaryBankId?: string | null; coverageShareBps?: number | null }): Promise<GuaranteeQuoteFields> {
  const given = (x: unknown) => x !== undefined && x !== null;
  if (type !== 'PLEDGE_FINANCING_GUARANTEE') {
    if (given(terms.beneficiaryBankId)) throw badInput('beneficiaryBankId', 'is only given for PLEDGE_FINANCING_GUARANTEE cover');
    if (given(terms.coverageShareBps)) throw badInput('coverageShareBps', 'is only given for PLEDGE_FINANCING_GUARANTEE cover');
    return {};
  }
  if (!given(terms.beneficiaryBankId)) throw badInput('beneficiaryBankId', 'name the bank whose loan the guarantee backs');
  const bankId = parseId('beneficiaryBankId', terms.beneficiaryBankId!);
  const bank = await Organization.findById(bankId).select('kind verified');
  if (!bank || bank.kind !== 'BANK' || !bank.verified) throw badInput('beneficiaryBankId', 'is not a verified bank');
  const share = given(terms.coverageShareBps) ? v.intInRange('coverageShareBps', terms.coverageShareBps!, 1, FULL_SHARE_BPS) : FULL_SHARE_BPS;
  return { beneficiaryBank: bankId, coverageShareBps: share, underwriting: 'PENDING' };
}

/** CONFLICT unless the quote may be bound as far as underwriting goes. */
export function requireUnderwritten(quote: InsuranceQuoteDoc): void {
  if (quote.underwriting === 'PENDING') throw conflict('This quote awaits the insurer’s underwriting (核保): it can be bound once the insurer accepts it', { underwriting: 'PENDING' });
  if (quote.underwriting === 'DECLINED') throw conflict(`The insurer declined this quote: ${quote.underwritingReason ?? ''}`, { underwriting: 'DECLINED' });
}

export interface UnderwriteInput {
  quoteId: string;
  decision: 'ACCEPT' | 'DECLINE';
  reason?: string | null;
}

/** The quote's insurer accepts it, or declines it with a reason (required). */
export async function underwriteInsuranceQuote(ctx: ServiceContext, input: UnderwriteInput): Promise<InsuranceQuoteDoc> {
  await requireOrg(ctx);
  const _id = parseId('input.quoteId', input.quoteId);
  const reason = v.optionalText('input.reason', input.reason, 1000);
  if (input.decision === 'DECLINE' && !reason) throw badInput('input.reason', 'is required when declining a quote');
  const quote = await InsuranceQuote.findById(_id);
  if (!quote) throw notFound('Insurance quote', input.quoteId);
  const viewer = await requireMemberOrHide(ctx, quote.insurer, async () => canSeeQuote(ctx, quote), () => notFound('Insurance quote', input.quoteId), 'underwrite this quote (only its insurer)');
  if (quote.underwriting !== 'PENDING') {
    throw conflict(quote.underwriting ? `This quote is already ${quote.underwriting}` : 'This kind of cover is bound without underwriting', { underwriting: quote.underwriting ?? null });
  }
  if (quote.validUntil <= new Date()) throw conflict(`This quote expired at ${quote.validUntil.toISOString()}`);
  const updated = await updateOneDoc<InsuranceQuoteDoc>(
    InsuranceQuote,
    { _id, underwriting: 'PENDING', policy: null },
    { $set: { underwriting: input.decision === 'ACCEPT' ? 'ACCEPTED' : 'DECLINED', underwritingReason: reason, underwrittenAt: new Date(), underwrittenBy: viewer.userId } },
  );
  if (!updated) throw conflict('This quote was underwritten meanwhile; reload it');
  await notifyUnderwritten(ctx, updated);
  return updated;
}
