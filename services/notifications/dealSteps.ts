// Notifications of the steps between payment and completion (issue 17): a recordal recorded (to the
// party that must confirm it), a bank transfer recorded (to the seller, who confirms or disputes it)
// or disputed (to the buyer), a payment disputed at Stripe (to both and the REGULATOR).
import type { DealDoc } from '../../models/deal';
import type { ServiceContext } from '../context';
import { formatFen } from '../rules/money';
import { assetTitle, orgName, safely } from './events';

type Ctx = Pick<ServiceContext, 'app' | 'log' | 'viewer'>;
export type DealStep = 'RECORDAL_RECORDED' | 'BANK_TRANSFER_RECORDED' | 'BANK_TRANSFER_DISPUTED' | 'DISPUTED' | 'NOTICE_OBJECTION';

/** `transferId`: the bank transfer the step is about; `alsoOrgIds`: others told (the REGULATOR of a dispute). */
export function notifyDealStep(ctx: Ctx, deal: DealDoc, step: DealStep, transferId?: string, alsoOrgIds: unknown[] = []): Promise<void> {
  return safely(ctx, `deal ${step}`, async () => {
    const [buyer, seller, title] = await Promise.all([orgName(deal.buyer), orgName(deal.seller), assetTitle(deal.asset)]);
    const transfer = transferId ? deal.bankTransfers.find((t) => String(t._id) === transferId) : undefined;
    const wire = transfer ? `${formatFen(transfer.amount)} 元（流水号 ${transfer.reference}，${transfer.paidOn}）` : '';
    const byBuyer = deal.recordal?.recordedBy === 'BUYER';
    const texts: Record<DealStep, { orgIds: unknown[]; title: string; summary: string }> = {
      RECORDAL_RECORDED: {
        orgIds: [byBuyer ? deal.seller : deal.buyer],
        title: `「${title}」的转让登记待确认`,
        summary: `${byBuyer ? buyer : seller}登记了「${title}」的著录项目变更（通知书发文序号 ${deal.recordal?.noticeNumber ?? ''}，${deal.recordal?.recordedOn ?? ''}），请贵机构核对后确认；确认后权利转移至${buyer}。`,
      },
      BANK_TRANSFER_RECORDED: {
        orgIds: [deal.seller],
        title: `${buyer}登记了「${title}」交易的对公转账`,
        summary: `${buyer}登记已向${seller}转账 ${wire}，请核对到账后确认收款或提出异议。`,
      },
      BANK_TRANSFER_DISPUTED: {
        orgIds: [deal.buyer],
        title: `${seller}对「${title}」交易的转账提出异议`,
        summary: `${seller}表示未收到 ${wire}${transfer?.disputeReason ? `，理由：${transfer.disputeReason}` : ''}。`,
      },
      NOTICE_OBJECTION: {
        orgIds: [deal.seller],
        title: `「${title}」交易公示收到异议`,
        summary: `贵机构（${seller}）与${buyer}就「${title}」的交易（${formatFen(deal.price)} 元）在公示期内收到异议：${deal.publicNotice?.objections.at(-1)?.reason ?? ''}。请答复。`,
      },
      DISPUTED: {
        orgIds: [deal.buyer, deal.seller, ...alsoOrgIds],
        title: `「${title}」交易的付款被提出争议（拒付）`,
        summary: `${buyer}向${seller}就「${title}」支付的 ${formatFen(deal.price)} 元被发卡行提出争议（Stripe ${deal.dispute?.disputeId ?? ''}${deal.dispute?.reason ? `，原因：${deal.dispute.reason}` : ''}）；交易状态不变，待处理。`,
      },
    };
    const t = texts[step];
    const objection = step === 'NOTICE_OBJECTION' ? deal.publicNotice?.objections.at(-1) : undefined;
    const key = transferId ? `${step}:${transferId}` : objection ? `${step}:${String(objection._id)}` : step;
    return { kind: `DEAL_${step}`, objectType: 'Deal', objectId: deal._id, ...t, eventKey: `deal:${String(deal._id)}:${key}` };
  });
}
