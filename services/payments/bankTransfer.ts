// Settlement by bank transfer (对公转账), for any amount and the only way above Stripe's limit: the
// buyer records each transfer it made (bank reference, amount, value date); the seller confirms
// receipt or disputes it with a reason. Only CONFIRMED money counts: when it reaches the price the
// deal is PAID (and completes as after a Stripe payment). Every change is one conditional update of
// the deal on its `bankVersion`, under the deal's payment lock, so two confirmations of one transfer
// at the same moment count once (the second is CONFLICT).
import { Types } from 'mongoose';
import { Deal, type DealDoc } from '../../models/deal';
import type { ServiceContext } from '../context';
import { updateOneDoc, withLock } from '../atomic';
import { requireOrg } from '../authz';
import { badInput, conflict, forbidden, notFound } from '../errors';
import { parseId } from '../ids';
import { now, today } from '../clock';
import { todayInShanghai } from '../rules/calendar';
import { formatFen } from '../rules/money';
import { transition } from '../workflow';
import * as v from '../validate';
import { loadDealForParty } from '../deals/access';
import { completeDeal } from '../deals/complete';
import { dealPaymentLock } from '../deals/locks';
import { requirePayable } from '../deals/payable';
import { cancelOpenIntents } from './intents';
import { upfrontFen } from '../deals/schedule/rules';
import { DEAL_MACHINE, type DealStatus } from '../deals/machine';
import { notifyDeal } from '../notifications/events';
import { notifyDealStep } from '../notifications/dealSteps';

export interface BankTransferInput {
  reference: string;
  amount: number; // fen
  paidOn: string;
}

type Transfer = DealDoc['bankTransfers'][number];
type Amounts = { bankTransfers: readonly { status: string; amount: number }[] };
const plain = (t: Transfer) => t.toObject();
const sum = (ts: Amounts['bankTransfers'], status: string) => ts.filter((t) => t.status === status).reduce((s, t) => s + t.amount, 0);

/** Confirmed and awaiting-confirmation totals of a deal's bank transfers, in fen. */
export function bankTotals(deal: Amounts): { confirmed: number; awaiting: number } {
  return { confirmed: sum(deal.bankTransfers, 'CONFIRMED'), awaiting: sum(deal.bankTransfers, 'RECORDED') };
}

/** The day the seller accepted the deal (Asia/Shanghai): no transfer for it can be older. */
export function acceptedOn(deal: DealDoc): string | null {
  const entry = deal.history.find((h) => h.to === 'ACCEPTED');
  return entry ? todayInShanghai(entry.at) : null;
}

const REFERENCE_RE = /^[A-Za-z0-9][A-Za-z0-9-]{3,63}$/;

/** The checks of a recorded transfer's fields (also for a bank refund), naming `input.<field>`. */
export function checkInput(input: BankTransferInput): BankTransferInput {
  const reference = typeof input.reference === 'string' ? input.reference.trim() : '';
  if (!REFERENCE_RE.test(reference)) throw badInput('input.reference', 'must be the bank’s transaction reference (流水号): 4 to 64 letters, digits or hyphens');
  if (!Number.isSafeInteger(input.amount) || input.amount <= 0) throw badInput('input.amount', 'must be greater than 0');
  v.calendarDate('input.paidOn', input.paidOn);
  return { reference, amount: input.amount, paidOn: input.paidOn };
}

/** The buyer records a transfer it made; an ACCEPTED deal becomes PAYMENT_PENDING, settled by bank transfer. */
export async function recordBankTransfer(ctx: ServiceContext, dealId: string, raw: BankTransferInput): Promise<DealDoc> {
  await requireOrg(ctx);
  const input = checkInput(raw);
  const { deal, side } = await loadDealForParty(ctx, dealId, 'dealId');
  if (side !== 'BUYER') throw forbidden('Only the buyer records the bank transfers it made');
  const updated = await withLock(dealPaymentLock(deal._id), async () => {
    const fresh = (await Deal.findById(deal._id))!;
    const status = fresh.status as DealStatus;
    const bank = fresh.settlement === 'BANK_TRANSFER';
    if (!(status === 'ACCEPTED' || (status === 'PAYMENT_PENDING' && bank))) {
      const why = status === 'PAYMENT_PENDING' ? 'a Stripe payment is pending: cancel it or let it fail first' : 'only an ACCEPTED deal, or one being paid by bank transfer, takes transfers';
      throw conflict(`Deal is ${status}: ${why}`, { status });
    }
    const { confirmed, awaiting } = bankTotals(fresh);
    const open = upfrontFen(fresh) - confirmed - awaiting;
    if (input.amount > open) {
      throw badInput('input.amount', `must be at most ${formatFen(open)} yuan: the ${fresh.schedule ? 'upfront part' : 'price'} is ${formatFen(upfrontFen(fresh))}, ${formatFen(confirmed)} confirmed and ${formatFen(awaiting)} awaiting the seller`);
    }
    const since = acceptedOn(fresh);
    if (since && input.paidOn < since) throw badInput('input.paidOn', `must not be before the deal was accepted (${since})`);
    if (input.paidOn > today()) throw badInput('input.paidOn', `must not be in the future (today is ${today()})`);
    if (fresh.bankTransfers.some((t) => t.reference === input.reference && t.status !== 'DISPUTED')) {
      throw badInput('input.reference', `transfer ${input.reference} is already recorded on this deal`);
    }
    await requirePayable(fresh);

    const transfer = { _id: new Types.ObjectId(), ...input, status: 'RECORDED', recordedAt: now(), recordedBy: ctx.viewer!.userId };
    const set = { bankTransfers: [...fresh.bankTransfers.map(plain), transfer], bankVersion: fresh.bankVersion + 1 };
    const note = `bank transfer ${input.reference} of ${formatFen(input.amount)} yuan (${input.paidOn}) recorded by the buyer`;
    if (status === 'ACCEPTED') {
      // A failed Stripe intent stays confirmable at Stripe: cancel it so only bank money can pay now.
      const payments = await cancelOpenIntents(ctx, fresh.payments.map((p) => p.toObject()));
      return {
        id: String(transfer._id),
        deal: await transition<DealStatus, DealDoc>(ctx, {
          model: Deal,
          id: fresh._id,
          machine: DEAL_MACHINE,
          current: 'ACCEPTED',
          to: 'PAYMENT_PENDING',
          what: 'Deal',
          extraCondition: { bankVersion: fresh.bankVersion, paymentAttempts: fresh.paymentAttempts },
          set: { ...set, settlement: 'BANK_TRANSFER', payments },
          reason: `${note}; settled by bank transfer`,
        }),
      };
    }
    const next = await updateOneDoc<DealDoc>(Deal, { _id: fresh._id, status: 'PAYMENT_PENDING', bankVersion: fresh.bankVersion }, { $set: set });
    if (!next) throw conflict('The deal changed while you were recording the transfer; reload it and try again');
    return { id: String(transfer._id), deal: next };
  });
  await notifyDealStep(ctx, updated.deal, 'BANK_TRANSFER_RECORDED', updated.id);
  return updated.deal;
}

/** The seller's decision on one RECORDED transfer, under the deal's payment lock. */
async function decide(
  ctx: ServiceContext,
  dealId: string,
  transferId: string,
  decision: 'CONFIRMED' | 'DISPUTED',
  reason: string | null,
): Promise<{ deal: DealDoc; paid: boolean }> {
  await requireOrg(ctx);
  const tid = parseId('transferId', transferId);
  const { deal, side } = await loadDealForParty(ctx, dealId, 'dealId');
  if (side !== 'SELLER') throw forbidden('Only the seller confirms or disputes the receipt of a bank transfer');
  return withLock(dealPaymentLock(deal._id), async () => {
    const fresh = (await Deal.findById(deal._id))!;
    const transfer = fresh.bankTransfers.find((t) => String(t._id) === String(tid));
    if (!transfer) throw notFound('BankTransfer', transferId);
    if (transfer.status !== 'RECORDED') throw conflict(`Bank transfer ${transfer.reference} is already ${transfer.status}`, { status: transfer.status });
    if (fresh.status !== 'PAYMENT_PENDING' || fresh.settlement !== 'BANK_TRANSFER') {
      throw conflict(`Deal is ${fresh.status}: transfers are decided while it is PAYMENT_PENDING by bank transfer`, { status: fresh.status });
    }
    const transfers = fresh.bankTransfers.map((t) =>
      String(t._id) === String(tid) ? { ...plain(t), status: decision, decidedAt: now(), decidedBy: ctx.viewer!.userId, disputeReason: reason } : plain(t),
    );
    const { confirmed, awaiting } = bankTotals({ bankTransfers: transfers });
    const set = { bankTransfers: transfers, bankVersion: fresh.bankVersion + 1 };
    const what = `bank transfer ${transfer.reference} of ${formatFen(transfer.amount)} yuan`;
    const move = (to: DealStatus, extra: Record<string, unknown>, why: string) =>
      transition<DealStatus, DealDoc>(ctx, {
        model: Deal,
        id: fresh._id,
        machine: DEAL_MACHINE,
        current: 'PAYMENT_PENDING',
        to,
        what: 'Deal',
        extraCondition: { bankVersion: fresh.bankVersion },
        set: { ...set, ...extra },
        reason: why,
      });
    if (decision === 'CONFIRMED' && confirmed === upfrontFen(fresh)) {
      const paidOn = transfers.filter((t) => t.status === 'CONFIRMED').reduce((d, t) => (t.paidOn > d ? t.paidOn : d), '');
      const paid = await move(
        'PAID',
        { paidAt: now(), paidOn, licenseId: fresh.type === 'LICENSE' ? new Types.ObjectId() : null },
        `${what} confirmed by the seller: ${formatFen(confirmed)} yuan received in full`,
      );
      return { deal: paid, paid: true };
    }
    if (decision === 'DISPUTED' && confirmed === 0 && awaiting === 0) {
      // Nothing received and nothing awaiting: back to ACCEPTED, the buyer may pay again (either way).
      return { deal: await move('ACCEPTED', { settlement: null }, `${what} disputed by the seller: ${reason}`), paid: false };
    }
    const next = await updateOneDoc<DealDoc>(Deal, { _id: fresh._id, status: 'PAYMENT_PENDING', bankVersion: fresh.bankVersion }, { $set: set });
    if (!next) throw conflict('The deal changed while you were deciding on the transfer; reload it and try again');
    return { deal: next, paid: false };
  });
}

/** The seller confirms it received a recorded transfer; in full, the deal is PAID and completes (a TRANSFER then awaits recordal). */
export async function confirmBankTransfer(ctx: ServiceContext, dealId: string, transferId: string): Promise<DealDoc> {
  const { deal, paid } = await decide(ctx, dealId, transferId, 'CONFIRMED', null);
  if (!paid) return deal;
  await notifyDeal(ctx, deal, 'PAID');
  return withLock(dealPaymentLock(deal._id), () => completeDeal(ctx, deal));
}

/** The seller says a recorded transfer did not arrive (as recorded), with its reason; the buyer is told. */
export async function disputeBankTransfer(ctx: ServiceContext, dealId: string, transferId: string, reason: string): Promise<DealDoc> {
  const why = v.text('reason', reason ?? '', { max: 500 });
  const { deal } = await decide(ctx, dealId, transferId, 'DISPUTED', why);
  await notifyDealStep(ctx, deal, 'BANK_TRANSFER_DISPUTED', transferId);
  return deal;
}
