// The premium of a guarantee policy paid by bank transfer (对公转账): the holder records its
// transfer of the whole premium (reference, amount, value date); the insurer confirms receipt (the
// premium is PAID and the policy in force). Each move is one conditional update of the policy.
import { InsurancePolicy, type InsurancePolicyDoc } from '../../models/insurancePolicy';
import type { ServiceContext } from '../context';
import { updateOneDoc } from '../atomic';
import { badInput, conflict } from '../errors';
import { now, todayOf } from '../clock';
import { formatFen } from '../rules/money';
import { checkInput, type BankTransferInput } from '../payments/bankTransfer';
import { loadPolicyFor, requireUnpaidPremium } from './policyAccess';
import { notifyPremiumTransfer } from './notify';

export async function recordPremiumBankTransfer(ctx: ServiceContext, policyId: string, raw: BankTransferInput): Promise<InsurancePolicyDoc> {
  const input = checkInput(raw);
  const policy = await loadPolicyFor(ctx, 'holder', policyId, 'policyId', 'record the bank transfer of its premium');
  if (input.amount !== policy.premium) throw badInput('input.amount', `must be the whole premium, ${formatFen(policy.premium)} yuan`);
  if (input.paidOn < policy.startsOn) throw badInput('input.paidOn', `must not be before the policy was bound (${policy.startsOn})`);
  const today = todayOf(ctx);
  if (input.paidOn > today) throw badInput('input.paidOn', `must not be in the future (today is ${today})`);
  requireUnpaidPremium(policy);
  if (policy.premiumTransfer) throw conflict(`Bank transfer ${policy.premiumTransfer.reference} is already recorded and awaits the insurer`);
  const transfer = { ...input, recordedAt: now(), recordedBy: ctx.viewer!.userId, confirmedAt: null, confirmedBy: null };
  const updated = await updateOneDoc<InsurancePolicyDoc>(InsurancePolicy, { _id: policy._id, premiumStatus: 'UNPAID', premiumTransfer: null }, { $set: { premiumTransfer: transfer } });
  if (!updated) throw conflict('The policy changed meanwhile (paid, or a transfer recorded); reload it');
  await notifyPremiumTransfer(ctx, updated);
  return updated;
}

/** The insurer received the recorded transfer: the premium is PAID and the policy in force. */
export async function confirmPremiumBankTransfer(ctx: ServiceContext, policyId: string): Promise<InsurancePolicyDoc> {
  const policy = await loadPolicyFor(ctx, 'insurer', policyId, 'policyId', 'confirm the premium transfer');
  requireUnpaidPremium(policy);
  if (!policy.premiumTransfer) throw conflict('No bank transfer of the premium is recorded on this policy');
  const reference = policy.premiumTransfer!.reference;
  const updated = await updateOneDoc<InsurancePolicyDoc>(
    InsurancePolicy,
    { _id: policy._id, premiumStatus: 'UNPAID', 'premiumTransfer.reference': reference },
    { $set: { premiumStatus: 'PAID', premiumPaidVia: 'BANK_TRANSFER', premiumPaidAt: now(), 'premiumTransfer.confirmedAt': now(), 'premiumTransfer.confirmedBy': ctx.viewer!.userId } },
  );
  if (!updated) throw conflict('The premium was paid or the transfer changed meanwhile; reload the policy');
  return updated;
}
