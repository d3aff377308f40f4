// The pledgee bank's consent to one deal over a pledged asset (Civil Code art. 444(2)), or its
// refusal. Decisions are appended to the registration (`consents`, and a `history` entry) with who,
// when and why; the latest decision on a deal counts. A consent names one deal and covers that
// transaction only: another deal on the same asset needs its own.
//
// A deal that was paid while the asset was pledged without consent waits PAID with its `problem`
// (services/deals/complete.ts); a consent granted then completes it at once.
import type { Types } from 'mongoose';
import { Deal, type DealDoc } from '../../models/deal';
import { PledgeRegistration, type PledgeRegistrationDoc } from '../../models/pledgeRegistration';
import type { ServiceContext } from '../context';
import { updateOneDoc, withLock } from '../atomic';
import { requireMemberOf, requireOrg } from '../authz';
import { badInput, conflict, notFound } from '../errors';
import { parseId } from '../ids';
import { formatFen } from '../rules/money';
import { historyEntry } from '../workflow';
import * as v from '../validate';
import { completeDeal } from '../deals/complete';
import { dealPaymentLock } from '../deals/locks';
import { latestConsent, type ConsentDecision } from './consentRules';

/** Deal statuses in which the pledgee may still decide (the transaction has not happened, nor been abandoned). */
const OPEN_DEAL_STATUSES = ['PROPOSED', 'ACCEPTED', 'PAYMENT_PENDING', 'PAID'];
/** Once money is moving on the strength of a consent, the bank cannot take it back. */
const RELIED_ON_STATUSES = ['PAYMENT_PENDING', 'PAID'];

function describe(deal: DealDoc): string {
  const what = deal.type === 'TRANSFER' ? 'transfer' : `${deal.licenseType} licence (${deal.termMonths} months)`;
  return `${what} to ${String(deal.buyer)} for ${formatFen(deal.price)} yuan`;
}

async function decide(ctx: ServiceContext, registrationId: string, dealId: string, decision: ConsentDecision, text: string | null): Promise<PledgeRegistrationDoc> {
  await requireOrg(ctx);
  const regId = parseId('registrationId', registrationId);
  const dId = parseId('dealId', dealId);
  const reg = await PledgeRegistration.findById(regId);
  if (!reg) throw notFound('Pledge registration', registrationId);
  requireMemberOf(ctx, reg.pledgee, 'decide on consent under this pledge (only the pledgee bank)');
  const result = await withLock(`pledge-consent:${String(reg._id)}`, async () => {
    const fresh = (await PledgeRegistration.findById(regId))!;
    const deal = await Deal.findById(dId);
    // A deal on an asset this registration does not cover is none of the pledgee's business.
    if (!deal || !fresh.assets.some((a) => String(a) === String(deal.asset))) throw notFound('Deal', dealId);
    if (fresh.status !== 'ACTIVE') {
      throw conflict(`Pledge registration ${fresh.registrationNumber} is ${fresh.status}: the asset is no longer pledged under it`, { status: fresh.status });
    }
    if (!OPEN_DEAL_STATUSES.includes(deal.status)) throw conflict(`Deal is ${deal.status}: there is nothing left to consent to`, { status: deal.status });
    const current = latestConsent(fresh.consents, deal._id);
    if (current?.decision === decision) throw conflict(`The pledgee has already ${decision === 'GRANTED' ? 'consented to' : 'refused'} this deal`);
    if (decision === 'REFUSED' && current?.decision === 'GRANTED' && RELIED_ON_STATUSES.includes(deal.status)) {
      throw conflict(`Deal is ${deal.status}: the buyer is paying on the strength of the consent, which can no longer be withdrawn`, { status: deal.status });
    }
    const entry = {
      deal: deal._id,
      decision,
      at: new Date(),
      by: ctx.viewer ? (ctx.viewer.userId as unknown as Types.ObjectId) : null,
      note: text,
      asset: deal.asset,
      dealType: deal.type,
      licenseType: deal.licenseType ?? null,
      buyer: deal.buyer,
      price: deal.price,
    };
    const reason = `pledgee ${decision === 'GRANTED' ? 'consented to' : 'refused'} deal ${String(deal._id)}: ${describe(deal)}${text ? `: ${text}` : ''}`;
    const updated = await updateOneDoc<PledgeRegistrationDoc>(
      PledgeRegistration,
      { _id: fresh._id, status: 'ACTIVE' },
      { $push: { consents: entry, history: historyEntry(ctx, 'ACTIVE', 'ACTIVE', reason) } },
    );
    if (!updated) throw conflict('The pledge registration changed while you were acting on it; reload and try again');
    return { updated, deal };
  });
  ctx.loaders.pledgeRegistration.clear(regId).prime(regId, result.updated);
  if (decision === 'GRANTED' && result.deal.status === 'PAID') await resumeCompletion(ctx, result.deal._id);
  return result.updated;
}

/**
 * After a release (注销) the assets are free: deals paid while they were pledged without consent
 * (held PAID with a problem) complete now, or record why they still cannot.
 */
export async function resumeHeldDeals(ctx: ServiceContext, assetIds: Types.ObjectId[]): Promise<void> {
  const held = await Deal.find({ asset: { $in: assetIds }, status: 'PAID' }, { _id: 1 }).lean();
  for (const d of held) await resumeCompletion(ctx, d._id);
}

/** A deal paid while it lacked consent completes now (or records why it still cannot). */
async function resumeCompletion(ctx: ServiceContext, dealId: Types.ObjectId): Promise<void> {
  try {
    await withLock(dealPaymentLock(dealId), async () => {
      const deal = await Deal.findById(dealId);
      if (deal?.status === 'PAID') await completeDeal(ctx, deal);
    });
  } catch (err) {
    ctx.log.error({ err, dealId: String(dealId) }, 'consent recorded, but completing the paid deal failed; a redelivered payment event retries it');
  }
  ctx.loaders.deal.clear(dealId);
}

/** The pledgee bank consents to one deal over an asset pledged under this registration. */
export async function grantPledgeeConsent(ctx: ServiceContext, registrationId: string, dealId: string, note?: string | null): Promise<PledgeRegistrationDoc> {
  const text = v.optionalText('note', note, 1000);
  return decide(ctx, registrationId, dealId, 'GRANTED', text);
}

/** The pledgee bank refuses its consent to one deal (a reason is required). */
export async function refusePledgeeConsent(ctx: ServiceContext, registrationId: string, dealId: string, reason: string): Promise<PledgeRegistrationDoc> {
  const text = v.optionalText('reason', reason, 1000);
  if (!text) throw badInput('reason', 'is required to refuse consent');
  return decide(ctx, registrationId, dealId, 'REFUSED', text);
}
