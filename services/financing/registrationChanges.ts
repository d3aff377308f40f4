// Registration changes (变更, issue 16 point 2): the pledgee bank changes the secured amount and/or
// extends the term of an ACTIVE registration, on a date, with history. The pledge indicator
// (PLEDGE_FINANCING_REGISTERED_AMOUNT, a flow) moves by the difference in the year of the change;
// the registration's own year keeps what was registered then.
//
// Two documents (the registration, the indicator figure) and no transactions: the change writes
// the delta as `indicatorPending` in the same conditional update; the pending delta is then claimed
// (set to null, conditional on this change) right before the $inc, so it is added at most once. A
// crash in between leaves the figure short until `npm run recompute-indicators`, which counts each
// registration's changes in their years (registrationAmountsByYear).
import { Types } from 'mongoose';
import { PledgeApplication } from '../../models/pledgeApplication';
import { PledgeRegistration, type PledgeRegistrationDoc } from '../../models/pledgeRegistration';
import type { County } from '../../models/enums';
import type { ServiceContext } from '../context';
import { requireMemberOrHide, requireOrg } from '../authz';
import { updateOneDoc } from '../atomic';
import { todayOf } from '../clock';
import { badInput, conflict, notFound } from '../errors';
import { parseId } from '../ids';
import { formatFen } from '../rules/money';
import { historyEntry } from '../workflow';
import * as v from '../validate';
import { addToIndicator } from '../indicators/ledger';
import { refreshHighPledgeFinancing } from './highPledge';
import { assetsById } from './loadAssets';
import { canSeeRegistration } from './registrationQueries';
import { checkSecuredAmount } from './registrationBounds';

export interface RegistrationChangeInput {
  securedAmount?: number | null; // fen
  expiresOn?: string | null;
  changedOn: string;
  reason?: string | null;
}

/** Where a registration's amount counts: what was registered in its year, each change's delta in the change's year. */
export function registrationAmountsByYear(r: { year: number; securedAmount: number; changes?: { year: number; delta: number }[] | null }): Map<number, number> {
  const changes = r.changes ?? [];
  const out = new Map<number, number>([[r.year, r.securedAmount - changes.reduce((s, c) => s + c.delta, 0)]]);
  for (const c of changes) out.set(c.year, (out.get(c.year) ?? 0) + c.delta);
  return out;
}

/** Adds a change's pending delta to the indicator, at most once (the claim is the guard). */
export async function applyPendingIndicator(regId: Types.ObjectId, changeId: Types.ObjectId): Promise<boolean> {
  const claimed = await updateOneDoc<PledgeRegistrationDoc>(PledgeRegistration, { _id: regId, 'indicatorPending.changeId': changeId }, { $set: { indicatorPending: null } });
  if (!claimed) return false;
  const change = claimed.changes.find((c) => String(c._id) === String(changeId));
  if (!change || change.delta === 0) return true;
  await addToIndicator('PLEDGE_FINANCING_REGISTERED_AMOUNT', change.year, claimed.county as County, change.delta);
  return true;
}

export async function changePledgeRegistration(ctx: ServiceContext, id: string, input: RegistrationChangeInput): Promise<PledgeRegistrationDoc> {
  await requireOrg(ctx);
  const reg = await PledgeRegistration.findById(parseId('id', id));
  if (!reg) throw notFound('Pledge registration', id);
  await requireMemberOrHide(ctx, reg.pledgee, () => canSeeRegistration(ctx, reg), () => notFound('Pledge registration', id), 'change this pledge registration (only the pledgee bank)');
  v.calendarDate('input.changedOn', input.changedOn);
  const today = todayOf(ctx);
  if (input.changedOn > today) throw badInput('input.changedOn', `must not be in the future (today is ${today})`);
  if (input.changedOn < reg.registeredOn) throw badInput('input.changedOn', `must not be before the registration (${reg.registeredOn})`);
  const reason = v.optionalText('input.reason', input.reason, 1000);
  const app = reg.application ? await PledgeApplication.findById(reg.application).select('approvedAmount requestedAmount history') : null;
  const amount = input.securedAmount ?? reg.securedAmount;
  if (input.securedAmount !== undefined && input.securedAmount !== null) checkSecuredAmount('input.securedAmount', input.securedAmount, app);
  const expiresOn = input.expiresOn ?? reg.expiresOn;
  if (input.expiresOn !== undefined && input.expiresOn !== null) {
    v.calendarDate('input.expiresOn', input.expiresOn);
    if (input.expiresOn <= input.changedOn) throw badInput('input.expiresOn', 'must be after changedOn');
    for (const a of (await assetsById(reg.assets)).values()) {
      if (a.expiresOn && input.expiresOn > a.expiresOn) throw badInput('input.expiresOn', `runs past the expiry of ${a.number} (${a.expiresOn}); CNIPA refuses such a pledge`);
    }
  }
  if (amount === reg.securedAmount && expiresOn === reg.expiresOn) throw badInput('input', 'changes nothing: give a new securedAmount or expiresOn');
  if (reg.status !== 'ACTIVE') throw conflict(`Pledge registration is ${reg.status}; only an ACTIVE registration can be changed`, { status: reg.status });
  const changeId = new Types.ObjectId();
  const delta = amount - reg.securedAmount;
  const year = Number(input.changedOn.slice(0, 4));
  const what = [delta !== 0 ? `secured amount ${formatFen(reg.securedAmount)} -> ${formatFen(amount)} yuan` : null, expiresOn !== reg.expiresOn ? `term to ${expiresOn}` : null].filter(Boolean).join(', ');
  const changed = await updateOneDoc<PledgeRegistrationDoc>(
    PledgeRegistration,
    { _id: reg._id, status: 'ACTIVE', securedAmount: reg.securedAmount, expiresOn: reg.expiresOn, indicatorPending: null },
    {
      $set: { securedAmount: amount, expiresOn, indicatorPending: delta !== 0 ? { changeId, year, county: reg.county, amount: delta } : null },
      $push: {
        changes: { _id: changeId, changedOn: input.changedOn, year, at: new Date(), by: ctx.viewer?.userId ?? null, reason, securedAmountBefore: reg.securedAmount, securedAmountAfter: amount, delta, expiresOnBefore: reg.expiresOn, expiresOnAfter: expiresOn },
        history: historyEntry(ctx, 'ACTIVE', 'ACTIVE', `changed (变更) on ${input.changedOn}: ${what}${reason ? `; ${reason}` : ''}`),
      },
      ...(delta !== 0 ? { $addToSet: { changeYears: year } } : {}),
    },
  );
  if (!changed) throw conflict('Pledge registration changed while you were changing it; reload and try again');
  if (delta !== 0) {
    try {
      await applyPendingIndicator(reg._id, changeId);
      await refreshHighPledgeFinancing(ctx, reg.assets, ctx.app.config.highPledgeThresholdFen);
    } catch (err) {
      ctx.log.error({ err, registration: String(reg._id) }, 'registration changed, but updating the indicator or high-value flags failed');
    }
  }
  ctx.loaders.pledgeRegistration.clear(reg._id);
  return (await PledgeRegistration.findById(reg._id)) ?? changed;
}
