// REGULATOR corrections of a recorded pledge registration (issue 11, point 6): its number, secured
// amount, registration date or term, when they do not match CNIPA's register. One conditional
// update on the values read writes the new values with a `corrections` entry (before, after, who,
// when, why) and a history entry; then the pledge indicator moves the amount from the old year and
// value to the new, HIGH_PLEDGE_FINANCING follows the new amount and date, and the act is kept in
// the regulator's audit log. The same bounds hold as for recording (registrationBounds.ts).
import type { Types } from 'mongoose';
import { PledgeApplication } from '../../models/pledgeApplication';
import { PledgeRegistration, type PledgeRegistrationDoc } from '../../models/pledgeRegistration';
import type { County } from '../../models/enums';
import type { ServiceContext } from '../context';
import { updateOneDoc } from '../atomic';
import { requireRegulator } from '../authz';
import { recordAudit } from '../audit';
import { badInput, conflict, isDuplicateKey, notFound } from '../errors';
import { parseId } from '../ids';
import { addToIndicators } from '../indicators/ledger';
import { formatFen } from '../rules/money';
import { historyEntry } from '../workflow';
import * as v from '../validate';
import { refreshHighPledgeFinancing } from './highPledge';
import { checkRegisteredOn, checkSecuredAmount } from './registrationBounds';
import { normalizeRegistrationNumber } from './registrations';

export interface RegistrationCorrectionInput {
  registrationNumber?: string | null;
  securedAmount?: number | null; // fen
  registeredOn?: string | null;
  expiresOn?: string | null;
}

interface Values {
  registrationNumber: string;
  securedAmount: number;
  registeredOn: string;
  expiresOn: string;
}

const valuesOf = (r: PledgeRegistrationDoc): Values => ({
  registrationNumber: r.registrationNumber,
  securedAmount: r.securedAmount,
  registeredOn: r.registeredOn,
  expiresOn: r.expiresOn,
});

function describe(field: keyof Values, value: string | number): string {
  return field === 'securedAmount' ? `${formatFen(value as number)} yuan` : String(value);
}

export async function correctPledgeRegistration(ctx: ServiceContext, id: string, input: RegistrationCorrectionInput, reason: string): Promise<PledgeRegistrationDoc> {
  await requireRegulator(ctx);
  const _id = parseId('id', id);
  const why = v.optionalText('reason', reason, 1000);
  if (!why) throw badInput('reason', 'is required: say why the registration is corrected (e.g. what CNIPA\'s register shows)');
  const reg = await PledgeRegistration.findById(_id);
  if (!reg) throw notFound('Pledge registration', id);
  const app = reg.application ? await PledgeApplication.findById(reg.application) : null;

  const before = valuesOf(reg);
  const after: Values = { ...before };
  if (input.registrationNumber != null) after.registrationNumber = normalizeRegistrationNumber('input.registrationNumber', input.registrationNumber);
  if (input.securedAmount != null) {
    checkSecuredAmount('input.securedAmount', input.securedAmount, app);
    after.securedAmount = input.securedAmount;
  }
  if (input.registeredOn != null) {
    checkRegisteredOn('input.registeredOn', input.registeredOn, app, reg.releasedOn ? { date: reg.releasedOn, what: 'the release date' } : undefined);
    after.registeredOn = input.registeredOn;
  }
  if (input.expiresOn != null) {
    v.calendarDate('input.expiresOn', input.expiresOn);
    after.expiresOn = input.expiresOn;
  }
  if (after.expiresOn <= after.registeredOn) throw badInput(input.expiresOn != null ? 'input.expiresOn' : 'input.registeredOn', 'expiresOn must be after registeredOn');
  const changed = (Object.keys(after) as (keyof Values)[]).filter((k) => after[k] !== before[k]);
  if (changed.length === 0) throw badInput('input', 'changes nothing: give at least one value that differs from the registration');

  if (changed.includes('registrationNumber') && (await PledgeRegistration.exists({ registrationNumber: after.registrationNumber }))) {
    throw conflict(`Registration number ${after.registrationNumber} is already recorded`);
  }
  const summary = changed.map((k) => `${k} ${describe(k, before[k])} -> ${describe(k, after[k])}`).join('; ');
  const by = ctx.viewer ? (ctx.viewer.userId as unknown as Types.ObjectId) : null;
  let updated: PledgeRegistrationDoc | null;
  try {
    updated = await updateOneDoc<PledgeRegistrationDoc>(
      PledgeRegistration,
      { _id, ...before },
      {
        $set: { ...after, year: Number(after.registeredOn.slice(0, 4)) },
        $push: {
          corrections: { at: new Date(), by, reason: why, before, after },
          history: historyEntry(ctx, reg.status, reg.status, `corrected by the city IP office: ${summary}; ${why}`),
        },
      },
    );
  } catch (err) {
    // The unique index decides a race with another write of the same number (FerretDB reports it
    // from findAndModify as a plain error naming E11000, MongoDB with code 11000).
    if (isDuplicateKey(err) || /E11000|duplicate key/i.test(String((err as Error)?.message))) throw conflict(`Registration number ${after.registrationNumber} is already recorded`);
    throw err;
  }
  if (!updated) throw conflict('The registration changed while you were correcting it; reload and try again');

  // The registration stands corrected from here on: a failure below is logged (a recomputation repairs it).
  try {
    if (updated.indicatorCounted && (changed.includes('securedAmount') || changed.includes('registeredOn'))) {
      const county = updated.county as County;
      await addToIndicators([
        { code: 'PLEDGE_FINANCING_REGISTERED_AMOUNT', year: reg.year, county, amount: -before.securedAmount },
        { code: 'PLEDGE_FINANCING_REGISTERED_AMOUNT', year: updated.year, county, amount: after.securedAmount },
      ]);
    }
    if (changed.includes('securedAmount') || changed.includes('registeredOn')) {
      await refreshHighPledgeFinancing(ctx, updated.assets, ctx.app.config.highPledgeThresholdFen);
    }
  } catch (err) {
    ctx.log.error({ err, registration: id }, 'registration corrected, but updating the indicator or high-value flags failed; run `npm run recompute-indicators`');
  }
  await recordAudit(ctx, {
    kind: 'CORRECT_PLEDGE_REGISTRATION',
    targetType: 'PledgeRegistration',
    targetId: id,
    summary: `pledge registration ${before.registrationNumber}: ${summary}`,
    reason: why,
    details: { before, after },
  });
  for (const a of updated.assets) ctx.loaders.ipAsset.clear(a);
  ctx.loaders.pledgeRegistration.clear(_id).prime(_id, updated);
  return updated;
}

/** The fields a correction changed, as text (Money as a decimal yuan string), for PledgeRegistration.corrections. */
type LooseValues = { [K in keyof Values]?: Values[K] | null };
export function correctionChanges(before: LooseValues | null | undefined, after: LooseValues | null | undefined): { field: string; from: string; to: string }[] {
  const out: { field: string; from: string; to: string }[] = [];
  for (const field of ['registrationNumber', 'securedAmount', 'registeredOn', 'expiresOn'] as const) {
    const b = before?.[field];
    const a = after?.[field];
    if (a === undefined || a === null || a === b) continue;
    const text = (x: unknown) => (x === undefined || x === null ? '' : field === 'securedAmount' ? formatFen(x as number) : String(x));
    out.push({ field, from: text(b), to: text(a) });
  }
  return out;
}
