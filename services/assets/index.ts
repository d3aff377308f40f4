// IP assets: record, read, list one's own. Derived facts (expiry, status, high value) in views.ts.
import { IpAsset, type IpAssetDoc } from '../../models/ipAsset';
import type { ServiceContext } from '../context';
import { requireOrg } from '../authz';
import { conflict, isDuplicateKey } from '../errors';
import { tryParseId } from '../ids';
import { decodeCursor } from '../pagination';
import { expiresOn } from '../rules/assetTerms';
import * as v from '../validate';
import { validateAssetInput, type IpAssetInput } from './validateAsset';
import { canSeeAsset } from './visibility';
import { onAssetCreated } from '../indicators/hooks';
import { checkNewClaim } from './claims';

export async function createIpAsset(ctx: ServiceContext, input: IpAssetInput): Promise<IpAssetDoc> {
  const { org } = await requireOrg(ctx);
  const fields = validateAssetInput(input);
  // Competing claims may coexist while unverified (docs/trust.md): only the caller's own earlier
  // claim, or a right already VERIFIED for someone, stops a new record.
  await checkNewClaim(org._id, fields.kind, fields.number);
  try {
    const asset = await IpAsset.create({
      ...fields,
      owner: org._id,
      expiresOn: expiresOn(fields.kind, fields.filingDate, fields.grantDate),
    });
    await onAssetCreated(ctx, asset);
    return asset;
  } catch (err) {
    if (isDuplicateKey(err)) throw conflict(`A ${fields.kind} numbered ${fields.number} is already recorded`);
    throw err;
  }
}

/** An asset if the caller may see it (owner, regulator, or it is on a published listing), else null. */
export async function getIpAsset(ctx: ServiceContext, id: string): Promise<IpAssetDoc | null> {
  const oid = tryParseId(id);
  if (!oid) return null;
  const asset = await ctx.loaders.ipAsset.load(oid);
  if (!asset) return null;
  return (await canSeeAsset(ctx, asset)) ? asset : null;
}

/**
 * The caller's organization's assets, newest first, keyset-paginated. The contract returns a plain
 * list, so `after` takes the id of the last asset received (or a cursor of ours).
 */
export async function myAssets(ctx: ServiceContext, first?: number | null, after?: string | null): Promise<IpAssetDoc[]> {
  const { org } = await requireOrg(ctx);
  const limit = v.pageSize('first', first);
  const cursor = after ? (tryParseId(after) ?? decodeCursor('after', after)) : null;
  return IpAsset.find({ owner: org._id, ...(cursor ? { _id: { $lt: cursor } } : {}) })
    .sort({ _id: -1 })
    .limit(limit);
}
