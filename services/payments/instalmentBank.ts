// Instalments paid by bank transfer (对公转账): the buyer records one transfer of the instalment's
// exact amount, the seller confirms receipt (PAID) or disputes it (back to DUE). Each step is one
// conditional update of the deal (scheduleVersion) under its payment lock: two confirmations of the
// same transfer at once count once, the second is CONFLICT.
import { Types } from 'mongoose';
import type { DealDoc } from '../../models/deal';
import type { ServiceContext } from '../context';
import { requireOrg } from '../authz';
import { badInput, conflict } from '../errors';
import { now, today } from '../clock';
import { formatFen } from '../rules/money';
import * as v from '../validate';
import { instalmentOf, moveInstalment } from '../deals/schedule/store';
import { withScheduledDeal } from '../deals/schedule/instalments';
import { acceptedOn, checkInput, type BankTransferInput } from './bankTransfer';
import { cancelOpenIntents } from './intents';
import { requireInstalmentPayable } from './instalmentStripe';

/** The buyer records the transfer that pays an instalment: DUE -> PAYMENT_PENDING (BANK_TRANSFER). */
export async function recordInstalmentTransfer(ctx: ServiceContext, dealId: string, instalmentId: string, raw: BankTransferInput): Promise<DealDoc> {
  await requireOrg(ctx);
  const input = checkInput(raw);
  return withScheduledDeal(ctx, dealId, 'BUYER', 'Only the buyer records the bank transfers it made', async (fresh) => {
    const inst = instalmentOf(fresh, instalmentId);
    requireInstalmentPayable(inst);
    if (inst.status === 'PAYMENT_PENDING') throw conflict(`Instalment "${inst.description}" is already being paid (${inst.settlement})`, { status: inst.status });
    if (input.amount !== inst.amount) throw badInput('input.amount', `must be the instalment's amount, ${formatFen(inst.amount)} yuan`);
    if (input.paidOn > today()) throw badInput('input.paidOn', `must not be in the future (today is ${today()})`);
    const since = acceptedOn(fresh);
    if (since && input.paidOn < since) throw badInput('input.paidOn', `must not be before the deal was accepted (${since})`);
    const live = (t: { reference: string; status: string } | null | undefined) => !!t && t.reference === input.reference && t.status !== 'DISPUTED';
    if (fresh.bankTransfers.some(live) || fresh.instalments.some((i) => live(i.bankTransfer))) {
      throw badInput('input.reference', `transfer ${input.reference} is already recorded on this deal: one transfer pays one instalment`);
    }
    const payments = await cancelOpenIntents(ctx, inst.payments.map((p) => p.toObject()));
    const transfer = { _id: new Types.ObjectId(), ...input, status: 'RECORDED', recordedAt: now() };
    return moveInstalment(ctx, fresh, inst, 'PAYMENT_PENDING', { settlement: 'BANK_TRANSFER', bankTransfer: transfer, payments, paymentIntentId: null }, `bank transfer ${input.reference} of ${formatFen(input.amount)} yuan (${input.paidOn}) recorded by the buyer`);
  });
}

async function decide(ctx: ServiceContext, dealId: string, instalmentId: string, decision: 'CONFIRMED' | 'DISPUTED', reason: string | null): Promise<DealDoc> {
  return withScheduledDeal(ctx, dealId, 'SELLER', 'Only the seller confirms or disputes the receipt of a bank transfer', async (fresh) => {
    const inst = instalmentOf(fresh, instalmentId);
    const t = inst.bankTransfer;
    if (inst.status !== 'PAYMENT_PENDING' || inst.settlement !== 'BANK_TRANSFER' || !t || t.status !== 'RECORDED') {
      throw conflict(`Instalment "${inst.description}" is ${inst.status}${t ? ` (its transfer ${t.reference} is ${t.status})` : ''}: there is no recorded transfer to decide on`, { status: inst.status });
    }
    const decided = { ...(t as unknown as { toObject(): Record<string, unknown> }).toObject(), status: decision, decidedAt: now(), disputeReason: reason };
    const what = `bank transfer ${t.reference} of ${formatFen(t.amount)} yuan`;
    return decision === 'CONFIRMED'
      ? moveInstalment(ctx, fresh, inst, 'PAID', { bankTransfer: decided, paidOn: t.paidOn }, `${what} confirmed by the seller`)
      : moveInstalment(ctx, fresh, inst, 'DUE', { bankTransfer: decided, settlement: null }, `${what} disputed by the seller: ${reason}`);
  });
}

/** The seller confirms it received the instalment's transfer: PAYMENT_PENDING -> PAID. */
export const confirmInstalmentTransfer = (ctx: ServiceContext, dealId: string, instalmentId: string) => decide(ctx, dealId, instalmentId, 'CONFIRMED', null);

/** The seller says the transfer did not arrive as recorded: PAYMENT_PENDING -> DUE, the buyer pays again. */
export function disputeInstalmentTransfer(ctx: ServiceContext, dealId: string, instalmentId: string, reason: string): Promise<DealDoc> {
  return decide(ctx, dealId, instalmentId, 'DISPUTED', v.text('reason', reason ?? '', { max: 500 }));
}
