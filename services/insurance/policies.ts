// Binding a quote into a policy (once), policy numbers, and reading one's policies.
import { Types } from 'mongoose';
import { InsurancePolicy, type InsurancePolicyDoc } from '../../models/insurancePolicy';
import { InsuranceProduct, type InsuranceType } from '../../models/insuranceProduct';
import { InsuranceQuote } from '../../models/insuranceQuote';
import type { ServiceContext } from '../context';
import { isMemberOf, requireMemberOrHide, requireOrg } from '../authz';
import { updateOneDoc, withLock } from '../atomic';
import { conflict, isDuplicateKey, notFound } from '../errors';
import { parseId } from '../ids';
import { afterIdFilter, LIST_PAGE_DEFAULT } from '../pagination';
import { pageSize } from '../validate';
import { addYears, todayInShanghai } from '../rules/calendar';
import { insuranceProblem, loadAssets } from './eligibility';
import { faultPoint } from '../faults';
import { requireUnderwritten } from './underwriting';

export type PolicyStatus = 'ACTIVE' | 'EXPIRED' | 'CANCELLED';

/** Cover runs from 00:00 of startsOn to 00:00 of endsOn: on endsOn an ACTIVE policy reads EXPIRED. */
export function effectivePolicyStatus(p: Pick<InsurancePolicyDoc, 'status' | 'endsOn'>, today = todayInShanghai()): PolicyStatus {
  if (p.status === 'ACTIVE' && p.endsOn <= today) return 'EXPIRED';
  return p.status as PolicyStatus;
}

export const POLICY_NUMBER_RE = /^HG-IP-(\d{4})-(\d{6})$/;

export function formatPolicyNumber(year: number, serial: number): string {
  return `HG-IP-${year}-${String(serial).padStart(6, '0')}`;
}

/** The next free number of the year (HG-IP-2026-000001, ...). The unique index is the final guard. */
async function nextPolicyNumber(year: number): Promise<string> {
  const last = await InsurancePolicy.findOne({ policyNumber: { $regex: `^HG-IP-${year}-` } })
    .sort({ policyNumber: -1 })
    .select('policyNumber');
  const serial = last ? Number(POLICY_NUMBER_RE.exec(last.policyNumber)?.[2] ?? 0) + 1 : 1;
  return formatPolicyNumber(year, serial);
}

/**
 * Inserts the policy under the next number. Numbers are allocated one at a time in this process;
 * another API instance taking the same number makes the insert fail on the unique index, and we retry.
 */
export async function insertPolicyWithNumber(fields: Record<string, unknown>, year: number): Promise<InsurancePolicyDoc> {
  return withLock(`InsurancePolicy:number:${year}`, async () => {
    for (let attempt = 0; ; attempt++) {
      const policyNumber = await nextPolicyNumber(year);
      try {
        return await InsurancePolicy.create({ ...fields, policyNumber });
      } catch (err) {
        const e = err as { message?: string; keyPattern?: Record<string, unknown> };
        const onQuote = !!e.keyPattern?.quote || /quote_1/.test(String(e.message));
        const numberTaken = isDuplicateKey(err) && !onQuote;
        if (!numberTaken || attempt >= 4) throw err;
      }
    }
  });
}

/** Only the requester binds its quote, before it expires, and only once (CONFLICT the second time). */
export async function bindInsurancePolicy(ctx: ServiceContext, quoteId: string): Promise<InsurancePolicyDoc> {
  const { org } = await requireOrg(ctx);
  const _id = parseId('quoteId', quoteId);
  const quote = await InsuranceQuote.findById(_id);
  if (!quote) throw notFound('Insurance quote', quoteId);
  await requireMemberOrHide(ctx, quote.requester, async () => isMemberOf(ctx, quote.insurer), () => notFound('Insurance quote', quoteId), 'bind this quote (only the organization that requested it)');
  if (quote.policy) throw conflict('This quote is already bound to a policy', { policyId: String(quote.policy) });
  const now = new Date();
  if (quote.validUntil <= now) throw conflict(`This quote expired at ${quote.validUntil.toISOString()}; request a new one`);
  const product = await InsuranceProduct.findOne({ _id: quote.product, active: true });
  if (!product) throw conflict('The insurance product is no longer offered');
  requireUnderwritten(quote);
  const assets = await loadAssets(quote.assets);
  for (const id of quote.assets) {
    const asset = assets.get(String(id));
    const problem = asset ? await insuranceProblem(asset, org._id, product.type as InsuranceType) : { message: 'no longer exists' };
    if (problem) throw conflict(`Asset ${asset?.number ?? String(id)} ${problem.message}; the quote can no longer be bound`);
  }
  const policyId = new Types.ObjectId();
  const claimed = await updateOneDoc(InsuranceQuote, { _id, policy: null, validUntil: { $gt: now }, underwriting: quote.underwriting ?? null }, { $set: { policy: policyId } });
  if (!claimed) throw conflict('This quote is already bound to a policy (or just expired)');
  faultPoint('bind.afterQuoteClaim'); // a crash here leaves the quote marked with no policy: services/repair
  const startsOn = todayInShanghai(now);
  try {
    return await insertPolicyWithNumber(
      {
        _id: policyId,
        quote: quote._id,
        product: product._id,
        type: product.type,
        insurer: product.insurer,
        holder: org._id,
        assets: quote.assets,
        coverage: quote.coverage,
        premium: quote.premium,
        startsOn,
        endsOn: addYears(startsOn, 1),
        status: 'ACTIVE',
        ...(product.type === 'PLEDGE_FINANCING_GUARANTEE'
          ? { beneficiaryBank: quote.beneficiaryBank, coverageShareBps: quote.coverageShareBps, premiumStatus: 'UNPAID' }
          : {}),
      },
      Number(startsOn.slice(0, 4)),
    );
  } catch (err) {
    await updateOneDoc(InsuranceQuote, { _id, policy: policyId }, { $set: { policy: null } });
    if (isDuplicateKey(err)) throw conflict('This quote is already bound to a policy');
    throw err;
  }
}

/** Policies the caller's organization holds, and for an insurer also those it issued; newest first. */
export async function myInsurancePolicies(ctx: ServiceContext, first?: number | null, after?: string | null): Promise<InsurancePolicyDoc[]> {
  const { org } = await requireOrg(ctx);
  const limit = pageSize('first', first, LIST_PAGE_DEFAULT, LIST_PAGE_DEFAULT);
  return InsurancePolicy.find({ $or: [{ holder: org._id }, { insurer: org._id }], ...afterIdFilter('after', after) }).sort({ _id: -1 }).limit(limit);
}
