// CNIPA's grounds for refusing a patent pledge registration, read from an asset's live facts, and
// the two operations that record the facts the asset domain does not hold (annual fees, co-owners'
// consent, ownership disputes and court preservation).
import { IpAsset, type IpAssetDoc } from '../../models/ipAsset';
import type { Types } from 'mongoose';
import type { ServiceContext } from '../context';
import { requireMemberOrHide, requireOrg, requireRegulator } from '../authz';
import { canSeeAsset } from '../assets/visibility';
import { updateOneDoc } from '../atomic';
import { badInput, notFound } from '../errors';
import { parseId } from '../ids';
import { assetStatus } from '../assets/views';
import { todayInShanghai } from '../rules/calendar';
import * as v from '../validate';
import { recordAudit } from '../audit';

export type AnnualFeeStatus = 'PAID' | 'OVERDUE' | 'UNKNOWN' | 'NOT_APPLICABLE';
export type RestrictionKind = 'OWNERSHIP_DISPUTE' | 'COURT_PRESERVATION';

/** The refusal grounds (a subset of the contract's RiskFlag) that hold for one asset. */
export type PledgeGround =
  | 'ASSET_NOT_VALID'
  | 'OWNER_MISMATCH'
  | 'ALREADY_PLEDGED'
  | 'OWNERSHIP_RESTRICTED'
  | 'ANNUAL_FEE_OVERDUE'
  | 'CO_OWNER_CONSENT_MISSING'
  | 'ASSET_NOT_VERIFIED';

/** Trademarks have renewal fees, not annual fees; a patent's status is UNKNOWN until the owner declares it. */
export function annualFeeStatus(asset: IpAssetDoc, today = todayInShanghai()): AnnualFeeStatus {
  if (asset.kind === 'TRADEMARK') return 'NOT_APPLICABLE';
  if (!asset.annualFeesPaidUntil) return 'UNKNOWN';
  return asset.annualFeesPaidUntil < today ? 'OVERDUE' : 'PAID';
}

export function coOwnerConsentMissing(asset: IpAssetDoc): boolean {
  return (asset.coOwners?.length ?? 0) > 0 && !asset.coOwnersConsentToPledge;
}

/**
 * Why CNIPA would refuse to register a pledge of this asset by `pledgor` today (empty: it would not).
 * `ownRegistration` is the registration the caller is asking about, which does not count as "already pledged".
 */
export function pledgeGrounds(
  asset: IpAssetDoc,
  pledgor: Types.ObjectId | string,
  today = todayInShanghai(),
  ownRegistration?: Types.ObjectId | string | null,
): PledgeGround[] {
  const grounds: PledgeGround[] = [];
  if (assetStatus(asset, today) !== 'VALID') grounds.push('ASSET_NOT_VALID');
  if (String(asset.owner) !== String(pledgor)) grounds.push('OWNER_MISMATCH');
  if (isPledgedElsewhere(asset, ownRegistration)) grounds.push('ALREADY_PLEDGED');
  if (asset.restriction) grounds.push('OWNERSHIP_RESTRICTED');
  if (annualFeeStatus(asset, today) === 'OVERDUE') grounds.push('ANNUAL_FEE_OVERDUE');
  if (coOwnerConsentMissing(asset)) grounds.push('CO_OWNER_CONSENT_MISSING');
  if (asset.verification?.status !== 'VERIFIED') grounds.push('ASSET_NOT_VERIFIED');
  return grounds;
}

export function isPledgedElsewhere(asset: IpAssetDoc, ownRegistration?: Types.ObjectId | string | null): boolean {
  return !!asset.pledge && (!ownRegistration || String(asset.pledge.registration) !== String(ownRegistration));
}

export const GROUND_MESSAGES: Record<PledgeGround, string> = {
  ASSET_NOT_VALID: 'is not a valid (granted, in force) right',
  OWNER_MISMATCH: 'is not owned by the pledgor',
  ALREADY_PLEDGED: 'is already under an active pledge',
  OWNERSHIP_RESTRICTED: 'is under an ownership dispute or court preservation order',
  ANNUAL_FEE_OVERDUE: 'has unpaid annual fees',
  CO_OWNER_CONSENT_MISSING: 'has co-owners who have not consented to the pledge',
  ASSET_NOT_VERIFIED: 'is not verified against the official register (only VERIFIED rights can be pledged)',
};

export interface AssetPledgeFactsInput {
  assetId: string;
  annualFeesPaidUntil?: string | null;
  coOwners?: string[] | null;
  coOwnersConsentToPledge?: boolean | null;
}

/** The owner declares annual-fee status and co-owners (and their consent). Omitted fields keep their value. */
export async function recordAssetPledgeFacts(ctx: ServiceContext, input: AssetPledgeFactsInput): Promise<IpAssetDoc> {
  await requireOrg(ctx);
  const _id = parseId('input.assetId', input.assetId);
  const asset = await IpAsset.findById(_id);
  if (!asset) throw notFound('Asset', input.assetId);
  await requireMemberOrHide(ctx, asset.owner, () => canSeeAsset(ctx, asset), () => notFound('Asset', input.assetId), "record this asset's pledge facts");
  const set: Record<string, unknown> = {};
  if (input.annualFeesPaidUntil !== undefined) {
    const paid = input.annualFeesPaidUntil;
    if (paid !== null) {
      v.calendarDate('input.annualFeesPaidUntil', paid);
      if (asset.kind === 'TRADEMARK') throw badInput('input.annualFeesPaidUntil', 'applies to patents only (trademarks have renewal fees)');
      if (paid < asset.filingDate) throw badInput('input.annualFeesPaidUntil', 'must not be before the filing date');
      if (asset.expiresOn && paid > asset.expiresOn) throw badInput('input.annualFeesPaidUntil', `must not be after the patent expires (${asset.expiresOn})`);
    }
    set.annualFeesPaidUntil = paid;
  }
  if (input.coOwners !== undefined && input.coOwners !== null) {
    if (input.coOwners.length > 20) throw badInput('input.coOwners', 'at most 20 co-owners');
    set.coOwners = [...new Set(input.coOwners.map((c, i) => v.text(`input.coOwners[${i}]`, c, { max: 200 })))];
  }
  if (input.coOwnersConsentToPledge !== undefined && input.coOwnersConsentToPledge !== null) {
    set.coOwnersConsentToPledge = input.coOwnersConsentToPledge;
  }
  const updated = await updateOneDoc<IpAssetDoc>(IpAsset, { _id, owner: asset.owner }, { $set: set });
  if (!updated) throw notFound('Asset', input.assetId);
  ctx.loaders.ipAsset.clear(_id).prime(_id, updated);
  return updated;
}

export interface AssetRestrictionInput {
  assetId: string;
  kind?: RestrictionKind | null;
  since?: string | null;
  note?: string | null;
}

/** The city IP office records (or lifts, with kind null) an ownership dispute or court preservation order. */
export async function setAssetRestriction(ctx: ServiceContext, input: AssetRestrictionInput): Promise<IpAssetDoc> {
  await requireRegulator(ctx);
  const _id = parseId('input.assetId', input.assetId);
  let restriction: { kind: RestrictionKind; since: string; note: string | null } | null = null;
  if (input.kind) {
    const since = input.since ?? todayInShanghai();
    v.calendarDate('input.since', since);
    if (since > todayInShanghai()) throw badInput('input.since', 'must not be in the future');
    restriction = { kind: input.kind, since, note: v.optionalText('input.note', input.note, 500) };
  }
  const updated = await updateOneDoc<IpAssetDoc>(IpAsset, { _id }, { $set: { restriction } });
  if (!updated) throw notFound('Asset', input.assetId);
  ctx.loaders.ipAsset.clear(_id).prime(_id, updated);
  await recordAudit(ctx, {
    kind: 'SET_ASSET_RESTRICTION', targetType: 'IpAsset', targetId: String(_id),
    summary: restriction ? `Recorded ${restriction.kind} on ${updated.kind} ${updated.number} since ${restriction.since}` : `Lifted the restriction on ${updated.kind} ${updated.number}`,
    reason: restriction?.note ?? null, details: { restriction },
  });
  return updated;
}
