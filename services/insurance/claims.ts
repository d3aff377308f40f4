// Claims under a pledge-financing guarantee policy (issue 16, point 6). After the loan it backs is
// DEFAULTED, the beneficiary bank files a claim (once: the unique index on `policy`); the insurer
// pays it and records the payment (FILED -> PAID, one conditional update with history).
//
// The amount: the insurer's loss share of services/financing/riskSharing.ts lossShares under the
// REGULATOR's scheme of the default year (loss × insurer%, half up to the fen); when no scheme is set
// for that year, the policy's share of the loss (loss × coverageShareBps / 10,000, half up). Either
// way at most the policy's coverage.
import { InsuranceClaim, type InsuranceClaimDoc } from '../../models/insuranceClaim';
import { InsurancePolicy, type InsurancePolicyDoc } from '../../models/insurancePolicy';
import { PledgeApplication } from '../../models/pledgeApplication';
import type { LoanDoc } from '../../models/loan';
import type { ServiceContext } from '../context';
import { isMemberOfAny, requireMemberOrHide, requireOrg } from '../authz';
import { badInput, conflict, forbidden, isDuplicateKey, notFound } from '../errors';
import { parseId } from '../ids';
import { todayOf } from '../clock';
import { afterIdFilter, LIST_PAGE_DEFAULT } from '../pagination';
import { formatFen } from '../rules/money';
import { historyEntry, transition, type Machine } from '../workflow';
import * as v from '../validate';
import { checkInput } from '../payments/bankTransfer';
import { loadLoanForBank } from '../financing/loanAccess';
import { getRiskSharingScheme } from '../financing/schemes';
import { lossShares, type SchemeTerms } from '../financing/riskSharing';
import { divHalfUp } from '../financing/loanSchedule';
import { FULL_SHARE_BPS } from './guaranteeCover';
import { notifyClaim } from './notify';

export type ClaimStatus = 'FILED' | 'PAID';
export const CLAIM_MACHINE: Machine<ClaimStatus> = { FILED: ['PAID'], PAID: [] };

export interface ClaimAmount {
  loss: number;
  amount: number;
  basis: 'SCHEME' | 'POLICY_SHARE';
}

/** The insurer's share of `loss` fen (see the header): pure, for a scheme of the default year or none. */
export function claimShare(
  loss: number,
  scheme: Pick<SchemeTerms, 'bankSharePercent' | 'insurerSharePercent'> | null,
  policy: Pick<InsurancePolicyDoc, 'coverage' | 'coverageShareBps'>,
): ClaimAmount {
  const share = scheme
    ? lossShares(loss, scheme, true).insurer
    : Number(divHalfUp(BigInt(loss) * BigInt(policy.coverageShareBps ?? FULL_SHARE_BPS), BigInt(FULL_SHARE_BPS)));
  return { loss, amount: Math.min(share, policy.coverage), basis: scheme ? 'SCHEME' : 'POLICY_SHARE' };
}

/** The claim on a defaulted loan, under the scheme of its default year. */
export async function claimAmount(loan: Pick<LoanDoc, 'lossAtDefault' | 'defaultedOn'>, policy: Pick<InsurancePolicyDoc, 'coverage' | 'coverageShareBps'>): Promise<ClaimAmount> {
  const scheme = loan.defaultedOn ? await getRiskSharingScheme(Number(loan.defaultedOn.slice(0, 4))) : null;
  return claimShare(loan.lossAtDefault ?? 0, scheme, policy);
}

/** The beneficiary bank claims on the policy backing its DEFAULTED loan. */
export async function fileInsuranceClaim(ctx: ServiceContext, loanId: string): Promise<InsuranceClaimDoc> {
  const loan = await loadLoanForBank(ctx, loanId, 'loanId', 'file an insurance claim on this loan');
  const app = await PledgeApplication.findById(loan.application).select('insurancePolicy');
  const policy = app?.insurancePolicy ? await InsurancePolicy.findById(app.insurancePolicy) : null;
  if (!policy) throw conflict('No guarantee policy backs this loan');
  if (String(policy.beneficiaryBank) !== String(loan.bank)) throw forbidden('The guarantee policy does not name your bank as its beneficiary');
  if (loan.status !== 'DEFAULTED') throw conflict(`Loan is ${loan.status}: a claim follows the default`, { status: loan.status });
  const { loss, amount, basis } = await claimAmount(loan, policy);
  if (amount <= 0) throw conflict('The loan’s loss at default is 0.00 yuan: there is nothing to claim');
  let claim: InsuranceClaimDoc;
  try {
    claim = await InsuranceClaim.create({
      policy: policy._id,
      loan: loan._id,
      bank: loan.bank,
      insurer: policy.insurer,
      loss,
      amount,
      basis,
      status: 'FILED',
      history: [historyEntry(ctx, null, 'FILED', `claim of ${formatFen(amount)} yuan on a loss of ${formatFen(loss)} yuan`)],
    });
  } catch (err) {
    if (isDuplicateKey(err)) throw conflict('A claim on this policy is already filed');
    throw err;
  }
  await notifyClaim(ctx, claim);
  return claim;
}

export interface PayClaimInput {
  claimId: string;
  reference: string;
  paidOn: string;
}

/** The insurer records its payment of a FILED claim (its bank reference and value date). */
export async function payInsuranceClaim(ctx: ServiceContext, input: PayClaimInput): Promise<InsuranceClaimDoc> {
  await requireOrg(ctx);
  const _id = parseId('input.claimId', input.claimId);
  const claim = await InsuranceClaim.findById(_id);
  if (!claim) throw notFound('Insurance claim', input.claimId);
  await requireMemberOrHide(ctx, claim.insurer, async () => canSeeClaim(ctx, claim), () => notFound('Insurance claim', input.claimId), 'pay this claim (only the insurer)');
  const { reference, paidOn } = checkInput({ reference: input.reference, amount: claim.amount, paidOn: input.paidOn });
  const today = todayOf(ctx);
  if (paidOn > today) throw badInput('input.paidOn', `must not be in the future (today is ${today})`);
  const paid = await transition<ClaimStatus, InsuranceClaimDoc>(ctx, {
    model: InsuranceClaim,
    id: claim._id,
    machine: CLAIM_MACHINE,
    current: claim.status as ClaimStatus,
    to: 'PAID',
    what: 'Insurance claim',
    set: { paymentReference: reference, paidOn },
    reason: `${formatFen(claim.amount)} yuan paid (${reference}, ${paidOn})`,
  });
  await notifyClaim(ctx, paid);
  return paid;
}

/** The beneficiary bank and the insurer. */
export function canSeeClaim(ctx: ServiceContext, claim: Pick<InsuranceClaimDoc, 'bank' | 'insurer'>): boolean {
  return isMemberOfAny(ctx, [claim.bank, claim.insurer]);
}

/** Claims the caller's organization filed (bank) or must pay (insurer), newest first. */
export async function myInsuranceClaims(ctx: ServiceContext, first?: number | null, after?: string | null): Promise<InsuranceClaimDoc[]> {
  const { org } = await requireOrg(ctx);
  const limit = v.pageSize('first', first, LIST_PAGE_DEFAULT, LIST_PAGE_DEFAULT);
  return InsuranceClaim.find({ $or: [{ bank: org._id }, { insurer: org._id }], ...afterIdFilter('after', after) }).sort({ _id: -1 }).limit(limit);
}
