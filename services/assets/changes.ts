// Rights change over time (issue 11, point 3): legal-status events (LAPSED for annual fees unpaid
// after the 6-month grace period, INVALIDATED, RESTORED), trademark renewals (+10 years each) and
// corrections of title and classes. Owners change their unverified assets; a VERIFIED asset changes
// only through the REGULATOR (or a new import). Every change is one conditional update of the asset
// that pushes its history entry (who, when, what, why); the indicator ledger, the listings and the
// audit trail follow at once.
import { IpAsset, type IpAssetDoc } from '../../models/ipAsset';
import type { AuditKind } from '../../models/auditEntry';
import type { ServiceContext } from '../context';
import { isRegulator, requireOrg, requireRegulator } from '../authz';
import { updateOneDoc } from '../atomic';
import { badInput, conflict, forbidden, notFound } from '../errors';
import { parseId } from '../ids';
import { recordAudit } from '../audit';
import { addMonths, addYears, todayInShanghai } from '../rules/calendar';
import { expiresOn, type IpKind } from '../rules/assetTerms';
import { isStrategicEmergingIndustry } from '../rules/seiConcordance';
import * as v from '../validate';
import { onAssetChanged } from '../indicators/hooks';
import { afterAssetChange } from './afterChange';
import { assetChange, changedFields, type AssetChangeKind } from './history';
import { normalizeClasses } from './validateAsset';
import { isVerified } from './verificationRules';

export type LegalStatusEvent = 'LAPSE' | 'INVALIDATE' | 'RESTORE';

/** Months after the due date during which an unpaid annual fee may still be paid with a surcharge (Implementing Rules art. 98). */
export const ANNUAL_FEE_GRACE_MONTHS = 6;

/** The asset, if the caller may change it: its owner while unverified, the REGULATOR always. */
async function loadForChange(ctx: ServiceContext, id: string): Promise<{ asset: IpAssetDoc; byRegulator: boolean }> {
  const { viewer } = await requireOrg(ctx);
  const _id = parseId('id', id);
  const asset = await IpAsset.findById(_id);
  const byRegulator = await isRegulator(ctx);
  if (!asset || (!byRegulator && String(asset.owner) !== viewer.orgId)) throw notFound('Asset', id);
  if (!byRegulator && isVerified(asset)) {
    throw forbidden('This right is VERIFIED against the official register: only the city IP office (or a new register import) changes it');
  }
  return { asset, byRegulator };
}

interface Change {
  kind: AssetChangeKind;
  reason: string;
  set: Record<string, unknown>;
}

/** Applies one change conditionally on the fields it reads, with its history entry; follows through. */
async function apply(ctx: ServiceContext, asset: IpAssetDoc, byRegulator: boolean, change: Change, audit: AuditKind = 'CHANGE_IP_ASSET'): Promise<IpAssetDoc> {
  const before = asset.toObject() as unknown as Record<string, unknown>;
  const fields = changedFields(before, change.set);
  // Optimistic: nobody wrote the asset since it was read (every write moves updatedAt; array
  // equality in a filter is not something to rely on across backends).
  const condition: Record<string, unknown> = { _id: asset._id, updatedAt: asset.get('updatedAt') };
  const entry = assetChange(ctx, change.kind, change.reason, fields);
  const after = await updateOneDoc<IpAssetDoc>(IpAsset, condition as { _id: unknown }, {
    $set: change.set,
    $push: { changes: entry },
  });
  if (!after) throw conflict('The asset changed while you were changing it; reload and try again');
  await onAssetChanged(ctx, asset, after);
  await afterAssetChange(ctx, after);
  if (byRegulator) {
    await recordAudit(ctx, {
      kind: audit,
      targetType: 'IpAsset',
      targetId: String(asset._id),
      summary: `${change.kind} ${asset.kind} ${asset.number}`,
      reason: change.reason,
      details: { fields: entry.fields },
    });
  }
  return after;
}

function requiredReason(reason: string | null | undefined): string {
  const r = v.optionalText('reason', reason, 2000);
  if (!r) throw badInput('reason', 'say why (e.g. the CNIPA announcement or decision)');
  return r;
}

/**
 * LAPSE (on: the due date of the unpaid annual fee; recorded once the 6-month grace period has passed;
 * the right stops counting from that date on), INVALIDATE (void from the start), RESTORE (a lapsed or
 * invalidated right is VALID again, e.g. restoration of rights or an invalidation overturned).
 */
export async function recordLegalStatusEvent(ctx: ServiceContext, id: string, event: LegalStatusEvent, on: string, reason: string): Promise<IpAssetDoc> {
  const { asset, byRegulator } = await loadForChange(ctx, id);
  const why = requiredReason(reason);
  v.calendarDate('on', on);
  const today = todayInShanghai();
  if (on > today) throw badInput('on', 'must not be in the future');
  const status = asset.legalStatus;
  switch (event) {
    case 'LAPSE': {
      if (asset.kind === 'TRADEMARK') throw badInput('event', 'trademarks do not lapse for annual fees; an unrenewed mark expires');
      if (status !== 'VALID') throw conflict(`The right is ${status}: only a VALID patent can lapse`);
      if (!asset.grantDate || on < asset.grantDate) throw badInput('on', `must not be before the grant date (${asset.grantDate ?? 'not granted'})`);
      if (asset.expiresOn && on >= asset.expiresOn) throw badInput('on', `must be before the patent expires (${asset.expiresOn})`);
      const graceEnds = addMonths(on, ANNUAL_FEE_GRACE_MONTHS);
      if (graceEnds >= today) throw badInput('on', `the ${ANNUAL_FEE_GRACE_MONTHS}-month grace period for the fee due on ${on} runs until ${graceEnds}; the patent has not lapsed yet`);
      return apply(ctx, asset, byRegulator, { kind: 'LAPSE', reason: why, set: { legalStatus: 'LAPSED', lapsedOn: on } });
    }
    case 'INVALIDATE':
      if (status !== 'VALID' && status !== 'LAPSED' && status !== 'EXPIRED') throw conflict(`The right is ${status} and cannot be invalidated`);
      return apply(ctx, asset, byRegulator, { kind: 'INVALIDATE', reason: `${why} (decided ${on})`, set: { legalStatus: 'INVALIDATED', lapsedOn: null } });
    case 'RESTORE':
      if (status !== 'LAPSED' && status !== 'INVALIDATED') throw conflict(`The right is ${status}: only a LAPSED or INVALIDATED right can be restored`);
      if (!asset.grantDate) throw conflict('The right was never granted');
      return apply(ctx, asset, byRegulator, { kind: 'RESTORE', reason: `${why} (restored ${on})`, set: { legalStatus: 'VALID', lapsedOn: null } });
  }
}

/**
 * A trademark renewal adds 10 years to the term (Trademark Law art. 40): filed within the 12 months
 * before the term ends or the 6 months after. The renewed mark is VALID again.
 */
export async function renewTrademark(ctx: ServiceContext, id: string, reason?: string | null): Promise<IpAssetDoc> {
  const { asset, byRegulator } = await loadForChange(ctx, id);
  if (asset.kind !== 'TRADEMARK') throw badInput('id', 'only trademarks are renewed (patent terms are fixed)');
  if (!asset.grantDate || !asset.expiresOn) throw conflict('The mark is not registered yet');
  if (asset.legalStatus === 'INVALIDATED') throw conflict('An invalidated mark cannot be renewed');
  const today = todayInShanghai();
  const opens = addMonths(asset.expiresOn, -12);
  const closes = addMonths(asset.expiresOn, 6);
  if (today < opens) throw conflict(`Renewal opens on ${opens}, 12 months before the term ends (${asset.expiresOn})`);
  if (today > closes) throw conflict(`The renewal period ended on ${closes}, 6 months after the term ended (${asset.expiresOn})`);
  const renewals = (asset.renewals ?? 0) + 1;
  const newExpiry = expiresOn('TRADEMARK', asset.filingDate, asset.grantDate, renewals);
  if (newExpiry !== addYears(asset.expiresOn, 10)) throw conflict('The term on record does not follow from the registration date; correct it first');
  return apply(ctx, asset, byRegulator, {
    kind: 'RENEW',
    reason: v.optionalText('reason', reason, 2000) ?? `renewed until ${newExpiry}`,
    set: { renewals, expiresOn: newExpiry, legalStatus: 'VALID' },
  });
}

export interface AssetCorrectionInput {
  title?: string | null;
  classes?: string[] | null;
}

/** Corrects the title and/or classes; STRATEGIC_EMERGING_INDUSTRY follows the classes. */
export async function correctIpAsset(ctx: ServiceContext, id: string, input: AssetCorrectionInput, reason: string): Promise<IpAssetDoc> {
  const { asset, byRegulator } = await loadForChange(ctx, id);
  const why = requiredReason(reason);
  const set: Record<string, unknown> = {};
  if (input.title != null) set.title = v.text('input.title', input.title, { max: 300 });
  if (input.classes != null) {
    if (asset.kind === 'TRADEMARK' && input.classes.length === 0) throw badInput('input.classes', 'name at least one Nice class (1-45)');
    const classes = normalizeClasses('input.classes', asset.kind as IpKind, input.classes);
    set.classes = classes;
    set.strategicEmergingIndustry = isStrategicEmergingIndustry(asset.kind, classes);
  }
  if (Object.keys(set).length === 0) throw badInput('input', 'name the title or the classes to correct');
  return apply(ctx, asset, byRegulator, { kind: 'CORRECT', reason: why, set });
}

export type ConfirmableReason = 'FOREIGN_FAMILY' | 'CHINA_PATENT_AWARD';

/** REGULATOR: confirms (or withdraws) a high-value reason the owner cannot set; an award names its year. */
export async function confirmHighValueReason(
  ctx: ServiceContext, id: string, reasonCode: ConfirmableReason, holds: boolean, awardYear: number | null | undefined, note: string,
): Promise<IpAssetDoc> {
  await requireRegulator(ctx);
  const { asset } = await loadForChange(ctx, id);
  const why = requiredReason(note);
  if (asset.kind !== 'INVENTION_PATENT') throw badInput('id', 'high-value reasons apply to invention patents only');
  let set: Record<string, unknown>;
  if (reasonCode === 'FOREIGN_FAMILY') {
    if (awardYear != null) throw badInput('awardYear', 'applies to CHINA_PATENT_AWARD only');
    set = { foreignFamily: holds };
  } else if (holds) {
    if (awardYear == null) throw badInput('awardYear', 'name the year of the China Patent Award');
    v.intInRange('awardYear', awardYear, 1989, Number(todayInShanghai().slice(0, 4)));
    set = { chinaPatentAward: true, chinaPatentAwardYear: awardYear };
  } else {
    set = { chinaPatentAward: false, chinaPatentAwardYear: null };
  }
  return apply(ctx, asset, true, { kind: 'CONFIRM_REASON', reason: why, set });
}
