// Who may insure an asset: its owner; for infringement cover also a licensee with a licence in force.
import type { Types } from 'mongoose';
import type { IpAssetDoc } from '../../models/ipAsset';
import { License } from '../../models/license';
import type { InsuranceType } from '../../models/insuranceProduct';
import { assetStatus } from '../assets/views';
import { todayInShanghai } from '../rules/calendar';

export interface InsuranceProblem {
  kind: 'NOT_HOLDER' | 'NOT_VALID';
  message: string;
}

/** Why `holder` may not insure `asset` under this type today, or null when it may. */
export async function insuranceProblem(asset: IpAssetDoc, holder: Types.ObjectId, type: InsuranceType, today = todayInShanghai()): Promise<InsuranceProblem | null> {
  const status = assetStatus(asset, today);
  if (status !== 'VALID') return { kind: 'NOT_VALID', message: `is ${status}: only a valid right can be insured` };
  if (String(asset.owner) === String(holder)) return null;
  if (type === 'PLEDGE_FINANCING_GUARANTEE') {
    return { kind: 'NOT_HOLDER', message: 'is not owned by your organization (pledge-financing guarantee cover is for the pledgor, who must own it)' };
  }
  const licensed = await License.exists({ asset: asset._id, licensee: holder, startsOn: { $lte: today }, endsOn: { $gte: today } });
  return licensed ? null : { kind: 'NOT_HOLDER', message: 'is neither owned by nor licensed to your organization' };
}

export { assetsById as loadAssets } from '../financing/loadAssets';
