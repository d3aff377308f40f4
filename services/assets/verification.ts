// verifyIpAsset: the REGULATOR verifies a right against the official register, or rejects it
// (issue 11). At most one VERIFIED record per (kind, number): the claim document in
// models/verifiedRight.ts (_id "<kind>:<number>") is inserted before the asset is marked VERIFIED,
// so the database refuses a second one on any backend. Verifying one record rejects the competing
// claims of the same number with the reason "verified for <holder>".
import { IpAsset, type IpAssetDoc } from '../../models/ipAsset';
import { Organization } from '../../models/organization';
import { VerifiedRight, rightKey } from '../../models/verifiedRight';
import type { ServiceContext } from '../context';
import { requireRegulator } from '../authz';
import { updateOneDoc } from '../atomic';
import { badInput, conflict, isDuplicateKey, notFound } from '../errors';
import { parseId } from '../ids';
import { recordAudit } from '../audit';
import * as v from '../validate';
import { onAssetChanged } from '../indicators/hooks';
import { assetChange } from './history';
import { afterAssetChange } from './afterChange';

export type VerificationDecision = 'VERIFY' | 'REJECT';

export async function verifyIpAsset(ctx: ServiceContext, id: string, decision: VerificationDecision, reason?: string | null): Promise<IpAssetDoc> {
  await requireRegulator(ctx);
  const _id = parseId('id', id);
  const why = v.optionalText('reason', reason, 500);
  if (decision === 'REJECT' && !why) throw badInput('reason', 'is required to reject a right');
  const asset = await IpAsset.findById(_id);
  if (!asset) throw notFound('Asset', id);
  const after = decision === 'VERIFY' ? await markVerified(ctx, asset, why) : await markRejected(ctx, asset, why!);
  await recordAudit(ctx, {
    kind: 'VERIFY_IP_ASSET',
    targetType: 'IpAsset',
    targetId: String(asset._id),
    summary: `${decision === 'VERIFY' ? 'Verified' : 'Rejected'} ${asset.kind} ${asset.number}`,
    reason: why,
    details: { decision, kind: asset.kind, number: asset.number, owner: String(asset.owner), before: asset.verification?.status ?? 'UNVERIFIED' },
  });
  return after;
}

async function holderName(orgId: unknown): Promise<string> {
  return (await Organization.findById(orgId, { name: 1 }).lean())?.name ?? String(orgId);
}

/**
 * Takes the (kind, number) claim for `asset`. Returns true when this call inserted it (to undo on
 * failure). CONFLICT when another record or an unclaimed register entry holds it.
 */
export async function claimRight(asset: Pick<IpAssetDoc, '_id' | 'kind' | 'number'>, holderCreditCode: string | null): Promise<boolean> {
  const key = rightKey(asset.kind, asset.number);
  try {
    await VerifiedRight.create({ _id: key, asset: asset._id, holderCreditCode, at: new Date() });
    return true;
  } catch (err) {
    if (!isDuplicateKey(err)) throw err;
  }
  const held = await VerifiedRight.findById(key).lean();
  if (held && String(held.asset) === String(asset._id)) return false; // ours already (a retry)
  if (held && held.asset === null) {
    throw conflict(`${asset.kind} ${asset.number} is held on the official register by the organization with credit code ${held.holderCreditCode}, not yet on the platform`);
  }
  const other = held ? await IpAsset.findById(held.asset, { owner: 1 }).lean() : null;
  throw conflict(`${asset.kind} ${asset.number} is already verified for ${other ? await holderName(other.owner) : 'another record'}`, {
    verifiedAssetId: held ? String(held.asset) : null,
  });
}

/** UNVERIFIED or REJECTED -> VERIFIED; the competing claims become REJECTED. Idempotent. */
export async function markVerified(ctx: ServiceContext, asset: IpAssetDoc, reason: string | null, holderCreditCode: string | null = null): Promise<IpAssetDoc> {
  if (asset.verification?.status === 'VERIFIED') return asset;
  const inserted = await claimRight(asset, holderCreditCode);
  const verification = { status: 'VERIFIED', by: ctx.viewer?.userId ?? null, at: new Date(), reason };
  const after = await updateOneDoc<IpAssetDoc>(
    IpAsset,
    { _id: asset._id, 'verification.status': { $ne: 'VERIFIED' } },
    { $set: { verification }, $push: { changes: assetChange(ctx, 'VERIFY', reason, { verification: [asset.verification?.status ?? 'UNVERIFIED', 'VERIFIED'] }) } },
  );
  if (!after) {
    if (inserted) await VerifiedRight.deleteOne({ _id: rightKey(asset.kind, asset.number), asset: asset._id });
    const now = await IpAsset.findById(asset._id);
    if (now?.verification?.status === 'VERIFIED') return now;
    throw conflict('The asset changed while it was being verified; reload and try again');
  }
  await onAssetChanged(ctx, asset, after);
  await rejectCompetingClaims(ctx, after);
  await afterAssetChange(ctx, after);
  return after;
}

/** Every other record of the same (kind, number) that is not REJECTED becomes REJECTED. */
export async function rejectCompetingClaims(ctx: ServiceContext, verified: IpAssetDoc): Promise<number> {
  const others = await IpAsset.find({
    kind: verified.kind, number: verified.number, _id: { $ne: verified._id }, 'verification.status': { $ne: 'REJECTED' },
  });
  if (others.length === 0) return 0;
  const reason = `verified for ${await holderName(verified.owner)}`;
  let n = 0;
  for (const other of others) {
    const status = other.verification?.status ?? 'UNVERIFIED';
    if (status === 'VERIFIED') continue; // impossible while the claim holds; never touched here
    const done = await updateOneDoc<IpAssetDoc>(
      IpAsset,
      { _id: other._id, 'verification.status': status },
      {
        $set: { verification: { status: 'REJECTED', by: ctx.viewer?.userId ?? null, at: new Date(), reason } },
        $push: { changes: assetChange(ctx, 'REJECT', reason, { verification: [status, 'REJECTED'] }) },
      },
    );
    if (done) {
      n++;
      await afterAssetChange(ctx, done);
    }
  }
  return n;
}

/** -> REJECTED; a VERIFIED right gives up its claim and stops counting. */
export async function markRejected(ctx: ServiceContext, asset: IpAssetDoc, reason: string): Promise<IpAssetDoc> {
  const status = asset.verification?.status ?? 'UNVERIFIED';
  if (status === 'VERIFIED' && asset.pledge) {
    throw conflict('The right is under an active pledge: the pledge must be released before its verification is withdrawn');
  }
  const after = await updateOneDoc<IpAssetDoc>(
    IpAsset,
    { _id: asset._id, 'verification.status': status },
    {
      $set: { verification: { status: 'REJECTED', by: ctx.viewer?.userId ?? null, at: new Date(), reason } },
      $push: { changes: assetChange(ctx, 'REJECT', reason, { verification: [status, 'REJECTED'] }) },
    },
  );
  if (!after) throw conflict('The asset changed while it was being rejected; reload and try again');
  if (status === 'VERIFIED') {
    await VerifiedRight.deleteOne({ _id: rightKey(asset.kind, asset.number), asset: asset._id });
    await onAssetChanged(ctx, asset, after);
  }
  await afterAssetChange(ctx, after);
  return after;
}
