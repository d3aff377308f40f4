// Notifications of guarantee cover (issue 16, point 6), sent after the change succeeded (never throws).
import type { InsuranceClaimDoc } from '../../models/insuranceClaim';
import type { InsurancePolicyDoc } from '../../models/insurancePolicy';
import type { InsuranceQuoteDoc } from '../../models/insuranceQuote';
import type { ServiceContext } from '../context';
import { formatFen } from '../rules/money';
import { orgName, safely } from '../notifications/events';

type Ctx = Pick<ServiceContext, 'app' | 'log' | 'viewer'>;

/** The insurer accepted or declined a quote: to the requester. */
export function notifyUnderwritten(ctx: Ctx, quote: InsuranceQuoteDoc): Promise<void> {
  return safely(ctx, 'quote underwritten', async () => {
    const insurer = await orgName(quote.insurer);
    const accepted = quote.underwriting === 'ACCEPTED';
    return {
      kind: 'INSURANCE_QUOTE_UNDERWRITTEN',
      objectType: 'InsuranceQuote',
      objectId: quote._id,
      orgIds: [quote.requester],
      title: accepted ? `${insurer}已承保，可确认投保` : `${insurer}拒绝承保`,
      summary: accepted
        ? `${insurer}已承保保额 ${formatFen(quote.coverage)} 元的质押融资保证保险报价，请在报价有效期内确认投保并支付保费 ${formatFen(quote.premium)} 元。`
        : `${insurer}拒绝承保保额 ${formatFen(quote.coverage)} 元的质押融资保证保险报价，理由：${quote.underwritingReason ?? ''}`,
      eventKey: `quote:${String(quote._id)}:underwritten`,
    };
  });
}

/** The holder recorded the premium's bank transfer: to the insurer, who confirms it. */
export function notifyPremiumTransfer(ctx: Ctx, policy: InsurancePolicyDoc): Promise<void> {
  return safely(ctx, 'premium transfer recorded', async () => ({
    kind: 'INSURANCE_PREMIUM_TRANSFER_RECORDED',
    objectType: 'InsurancePolicy',
    objectId: policy._id,
    orgIds: [policy.insurer],
    title: `保单 ${policy.policyNumber} 的保费转账待确认`,
    summary: `${await orgName(policy.holder)}登记了保单 ${policy.policyNumber} 的保费转账 ${formatFen(policy.premium)} 元（流水号 ${policy.premiumTransfer?.reference ?? ''}），请确认收款。`,
    eventKey: `policy:${String(policy._id)}:premium-transfer:${policy.premiumTransfer?.reference ?? ''}`,
  }));
}

/** Filed: to the insurer; paid: to the bank. */
export function notifyClaim(ctx: Ctx, claim: InsuranceClaimDoc): Promise<void> {
  return safely(ctx, `claim ${claim.status}`, async () => {
    const [bank, insurer] = await Promise.all([orgName(claim.bank), orgName(claim.insurer)]);
    const filed = claim.status === 'FILED';
    return {
      kind: filed ? 'INSURANCE_CLAIM_FILED' : 'INSURANCE_CLAIM_PAID',
      objectType: 'InsuranceClaim',
      objectId: claim._id,
      orgIds: [filed ? claim.insurer : claim.bank],
      title: filed ? `${bank}提交了理赔申请` : `${insurer}已赔付`,
      summary: filed
        ? `${bank}就违约贷款提交质押融资保证保险理赔申请，理赔金额 ${formatFen(claim.amount)} 元（损失 ${formatFen(claim.loss)} 元）。`
        : `${insurer}已支付理赔款 ${formatFen(claim.amount)} 元（流水号 ${claim.paymentReference ?? ''}，${claim.paidOn ?? ''}）。`,
      eventKey: `claim:${String(claim._id)}:${claim.status}`,
    };
  });
}
