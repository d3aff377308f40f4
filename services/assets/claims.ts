// Who may record a (kind, number): anyone, while no record of it is VERIFIED; an organization records
// a number once (its REJECTED claims aside). An earlier false claim never blocks the real owner.
import type { Types } from 'mongoose';
import { IpAsset } from '../../models/ipAsset';
import { Organization } from '../../models/organization';
import { VerifiedRight, rightKey } from '../../models/verifiedRight';
import { conflict } from '../errors';

export async function checkNewClaim(orgId: Types.ObjectId, kind: string, number: string): Promise<void> {
  if (await IpAsset.exists({ kind, number, owner: orgId, 'verification.status': { $ne: 'REJECTED' } } as never)) {
    throw conflict(`Your organization has already recorded the ${kind} numbered ${number}`);
  }
  const held = await VerifiedRight.findById(rightKey(kind, number)).lean();
  if (held?.asset) {
    const asset = await IpAsset.findById(held.asset, { owner: 1 }).lean();
    const owner = asset ? await Organization.findById(asset.owner, { name: 1 }).lean() : null;
    throw conflict(`The ${kind} numbered ${number} is verified for ${owner?.name ?? 'another organization'}; if the register says otherwise, ask the city IP office`);
  }
}
