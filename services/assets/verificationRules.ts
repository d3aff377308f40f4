// What only a VERIFIED right may do (issue 11): be pledged (application and registration), be
// transferred, be published under an open licence, and count in the plan indicators. An unverified
// right can still be recorded and listed; its `verification` says so.
import type { IpAssetDoc } from '../../models/ipAsset';
import { DomainError } from '../errors';

export function isVerified(asset: Pick<IpAssetDoc, 'verification'>): boolean {
  return asset.verification?.status === 'VERIFIED';
}

export function notVerifiedProblem(what: string): string {
  return `the right is not verified against the official register: only VERIFIED rights can be ${what} (ask the city IP office to verify it)`;
}

/** CONFLICT naming `field` unless the asset is VERIFIED. */
export function requireVerified(asset: Pick<IpAssetDoc, 'verification' | 'number'>, field: string, what: string): void {
  if (!isVerified(asset)) throw new DomainError('CONFLICT', `Asset ${asset.number}: ${notVerifiedProblem(what)}`, field);
}
