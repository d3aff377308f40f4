// Valuation by an appraiser (issue 16, point 5): the applicant names a verified APPRAISER
// organization; a member of it confirms one valuation report (a value per asset) with one
// conditional update; due diligence then judges on the report's total. docs/financing.md,
// "Valuation by an appraiser".
import type { Types } from 'mongoose';
import { Organization } from '../../models/organization';
import { PledgeApplication, VALUATION_METHODS, type PledgeApplicationDoc } from '../../models/pledgeApplication';
import type { ServiceContext } from '../context';
import { isMemberOf, isRegulator, requireOrg, requireVerifiedKind } from '../authz';
import { updateOneDoc } from '../atomic';
import { todayOf } from '../clock';
import { badInput, conflict, forbidden, notFound } from '../errors';
import { parseId, tryParseId } from '../ids';
import { decodeCursor } from '../pagination';
import { addMonths } from '../rules/calendar';
import * as v from '../validate';
import { VALUATION_MAX_AGE_MONTHS } from './monitoringRules';
import { assetsById } from './loadAssets';
import type { ApplicationStatus } from './machine';

/** An appraiser may confirm its report while the application is open or approved (not after registration). */
export const VALUABLE_STATUSES: ApplicationStatus[] = ['SUBMITTED', 'UNDER_REVIEW', 'APPROVED'];

export interface ValuationReportInput {
  applicationId: string;
  reportNumber: string;
  method: string;
  valuedOn: string;
  values: { assetId: string; value: number }[]; // fen
}

/** The appraiser named on an application: a registered APPRAISER the REGULATOR has verified, not the applicant itself. */
export async function validateAppraiser(field: string, id: string, applicant: Types.ObjectId): Promise<Types.ObjectId> {
  const _id = parseId(field, id);
  if (_id.equals(applicant)) throw badInput(field, 'must be an independent appraiser, not the applicant itself');
  const org = await Organization.findById(_id).select('kind verified');
  if (!org) throw badInput(field, 'is not a registered organization');
  if (org.kind !== 'APPRAISER') throw badInput(field, `must be an APPRAISER (资产评估机构), not a ${org.kind}`);
  if (!org.verified) throw badInput(field, 'the appraiser is not verified by the city IP office');
  return _id;
}

export interface AssetValueView { asset: Types.ObjectId; value: number }
/** A confirmed report as the API returns it, with the application's parties (its visibility rule reads them). */
export interface ValuationReportView {
  reportNumber: string;
  method: string;
  valuedOn: string;
  values: AssetValueView[];
  total: number;
  appraiser: Types.ObjectId;
  confirmedAt: Date;
  confirmedBy: Types.ObjectId | null;
  applicant: Types.ObjectId;
  bank: Types.ObjectId;
}

export function reportView(app: PledgeApplicationDoc): ValuationReportView | null {
  const r = app.valuationReport;
  if (!r) return null;
  return {
    reportNumber: r.reportNumber, method: r.method, valuedOn: r.valuedOn, total: r.total, appraiser: r.appraiser,
    values: r.values.map((x) => ({ asset: x.asset, value: x.value })),
    confirmedAt: r.confirmedAt, confirmedBy: r.confirmedBy ?? null, applicant: app.applicant, bank: app.bank,
  };
}

/** Who may see a valuation report: the applicant, the bank, the appraiser, the REGULATOR. */
export async function canSeeValuationReport(ctx: ServiceContext, r: Pick<ValuationReportView, 'applicant' | 'bank' | 'appraiser'>): Promise<boolean> {
  if (!ctx.viewer) return false;
  return [r.applicant, r.bank, r.appraiser].some((id) => isMemberOf(ctx, id)) || (await isRegulator(ctx));
}

/** The valuation due diligence judges: the confirmed report's total, else the applicant's own figure. */
export interface EffectiveValuation {
  amount: number; // fen
  valuedOn: string;
  confirmed: boolean;
}

type ValuationSource = Pick<PledgeApplicationDoc, 'valuation' | 'valuationReport'>;

export function effectiveValuation(app: ValuationSource): EffectiveValuation | null {
  if (app.valuationReport) return { amount: app.valuationReport.total, valuedOn: app.valuationReport.valuedOn, confirmed: true };
  if (app.valuation) return { amount: app.valuation.amount, valuedOn: app.valuation.valuedOn, confirmed: false };
  return null;
}

/** Dated more than VALUATION_MAX_AGE_MONTHS before `today` (the rule of the VALUATION_STALE loan alert too). */
export function isValuationStale(valuedOn: string, today: string): boolean {
  return valuedOn < addMonths(today, -VALUATION_MAX_AGE_MONTHS);
}

/** Per-asset values: each asset of the application exactly once, each a positive amount; their total. */
function validateValues(app: PledgeApplicationDoc, values: ValuationReportInput['values']) {
  const expected = new Set(app.assets.map(String));
  const seen = new Set<string>();
  const parsed = values.map((entry, i) => {
    const field = `input.values[${i}].assetId`;
    const asset = parseId(field, entry.assetId);
    if (!expected.has(String(asset))) throw badInput(field, 'is not an asset of this application');
    if (seen.has(String(asset))) throw badInput(field, 'names an asset a second time');
    seen.add(String(asset));
    v.positiveFen(`input.values[${i}].value`, entry.value);
    return { asset, value: entry.value };
  });
  const missing = app.assets.find((id) => !seen.has(String(id)));
  if (missing) throw badInput('input.values', `give a value for every asset of the application (missing ${String(missing)})`);
  const total = parsed.reduce((sum, p) => sum + p.value, 0);
  if (!Number.isSafeInteger(total)) throw badInput('input.values', 'the total is too large');
  // Stored in the application's asset order (sorted ids).
  const order = app.assets.map(String);
  parsed.sort((a, b) => order.indexOf(String(a.asset)) - order.indexOf(String(b.asset)));
  return { values: parsed, total };
}

/** A report values rights that exist: not dated before an asset's grant (its filing, while pending). */
async function requireValuedAfterGrant(app: PledgeApplicationDoc, valuedOn: string): Promise<void> {
  for (const asset of (await assetsById(app.assets)).values()) {
    const from = asset.grantDate ?? asset.filingDate;
    if (valuedOn < from) throw badInput('input.valuedOn', `must not be before ${asset.number} was ${asset.grantDate ? 'granted' : 'filed'} (${from})`);
  }
}

/**
 * The named appraiser confirms its report, once. Whoever may not see the application gets NOT_FOUND;
 * its applicant or bank get FORBIDDEN. Everything is validated before the one conditional update
 * (filter: this appraiser, no report yet, a status that may still be valued); a second confirmation,
 * or the loser of a race, is a CONFLICT.
 */
export async function confirmValuationReport(ctx: ServiceContext, input: ValuationReportInput): Promise<PledgeApplicationDoc> {
  const { viewer } = await requireOrg(ctx);
  const _id = parseId('input.applicationId', input.applicationId);
  const app = await PledgeApplication.findById(_id);
  if (!app || !canSeeAsAppraiserOrParty(ctx, app)) throw notFound('Pledge application', input.applicationId);
  if (!app.appraiser || !isMemberOf(ctx, app.appraiser) || app.appraiser.equals(app.applicant)) {
    throw forbidden('Only the appraiser the applicant named may confirm a valuation report for this application');
  }
  const { org } = await requireVerifiedKind(ctx, 'APPRAISER');
  const reportNumber = v.text('input.reportNumber', input.reportNumber, { max: 64 });
  if (/[\t\n\r]/.test(reportNumber)) throw badInput('input.reportNumber', 'must be one line (no tabs or line breaks)');
  if (!(VALUATION_METHODS as readonly string[]).includes(input.method)) throw badInput('input.method', `must be one of ${VALUATION_METHODS.join(', ')}`);
  v.calendarDate('input.valuedOn', input.valuedOn);
  if (input.valuedOn > todayOf(ctx)) throw badInput('input.valuedOn', 'must not be in the future');
  const { values, total } = validateValues(app, input.values);
  await requireValuedAfterGrant(app, input.valuedOn);
  if (app.valuationReport) throw conflict('The valuation report of this application is already confirmed');
  if (!VALUABLE_STATUSES.includes(app.status as ApplicationStatus)) throw conflict(`A ${app.status} application can no longer be valued`, { status: app.status });
  const report = {
    reportNumber, method: input.method, valuedOn: input.valuedOn, values, total,
    appraiser: org._id, confirmedAt: new Date(), confirmedBy: viewer.userId,
  };
  const updated = await updateOneDoc<PledgeApplicationDoc>(
    PledgeApplication,
    { _id, appraiser: org._id, valuationReport: null, status: { $in: VALUABLE_STATUSES } },
    { $set: { valuationReport: report } },
  );
  if (!updated) throw conflict('The valuation report of this application was confirmed (or the application moved on) meanwhile');
  ctx.loaders.pledgeApplication.clear(updated._id).prime(updated._id, updated);
  return updated;
}

/** The applicant, the bank, and the named appraiser (who sees what it values). */
export function canSeeAsAppraiserOrParty(ctx: ServiceContext, app: Pick<PledgeApplicationDoc, 'applicant' | 'bank' | 'appraiser'>): boolean {
  return [app.applicant, app.bank, app.appraiser].some((id) => !!id && isMemberOf(ctx, id));
}

/** The caller's APPRAISER: the applications naming it, newest first, keyset-paged by id. */
export async function listValuationRequests(
  ctx: ServiceContext,
  confirmed?: boolean | null,
  first?: number | null,
  after?: string | null,
): Promise<PledgeApplicationDoc[]> {
  const { org } = await requireOrg(ctx);
  if (org.kind !== 'APPRAISER') throw forbidden('Only an APPRAISER organization has valuation requests');
  const limit = v.pageSize('first', first);
  const cursor = after ? (tryParseId(after) ?? decodeCursor('after', after)) : null;
  const filter: Record<string, unknown> = { appraiser: org._id };
  if (confirmed === true) filter.valuationReport = { $ne: null };
  if (confirmed === false) filter.valuationReport = null;
  if (cursor) filter._id = { $lt: cursor };
  const apps = await PledgeApplication.find(filter).sort({ _id: -1 }).limit(limit);
  for (const a of apps) ctx.loaders.pledgeApplication.prime(a._id, a);
  return apps;
}
