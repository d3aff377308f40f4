// Whether an asset can be licensed or transferred on a deal's terms right now. Checked when the deal
// is proposed, accepted and paid, and again when it completes (the asset may have changed meanwhile).
import type { Types } from 'mongoose';
import { Deal, type DealDoc } from '../../models/deal';
import type { IpAssetDoc } from '../../models/ipAsset';
import { License } from '../../models/license';
import { PledgeRegistration } from '../../models/pledgeRegistration';
import { assetStatus } from '../assets/views';
import { consentCovers, latestConsent } from '../financing/consentRules';
import { notVerifiedProblem } from '../assets/verificationRules';
import { firstConflict, licencePeriod, type LicenceTerm, type LicenseType } from './licenceRules';
import { IN_FLIGHT_DEAL_STATUSES } from './machine';

export interface DealTerms {
  id?: Types.ObjectId | null; // the deal itself, left out of the in-flight check
  type: 'LICENSE' | 'TRANSFER';
  licenseType: LicenseType | null;
  termMonths: number | null;
  buyer: string;
  seller: string;
  /** On an enforcement listing (质权实现): the registration the pledgee realizes, which needs no consent of its own. */
  enforcedUnder?: unknown;
}

export function termsOf(deal: DealDoc): DealTerms {
  return {
    id: deal._id,
    type: deal.type as DealTerms['type'],
    licenseType: (deal.licenseType ?? null) as LicenseType | null,
    termMonths: deal.termMonths ?? null,
    buyer: String(deal.buyer),
    seller: String(deal.seller),
    enforcedUnder: deal.enforcement?.registration ?? null,
  };
}

export interface AvailabilityOptions {
  startsOn: string; // when a licence would start (today until it exists)
  /** Also refuse when other deals the seller accepted on this asset would clash (accept and pay time). */
  checkInFlight: boolean;
  /** A licence to leave out of the licence check (the one this deal created, when resuming). */
  excludeLicenseId?: Types.ObjectId | null;
  /** At proposal (no deal id yet): the buyer asks the pledgee of a pledged asset for consent instead of being refused. */
  pledgeConsentRequested?: boolean;
}

/**
 * Civil Code art. 444(2): a pledged right is transferred or licensed, in any form, only with the
 * pledgee's consent to this very deal. A proposal is not yet a transaction: with `pledgeConsentRequested`
 * it is recorded so the pledgee can decide on it; accept, pay and completion need the consent.
 */
async function pledgeProblem(asset: IpAssetDoc, terms: DealTerms, opts: AvailabilityOptions): Promise<string | null> {
  if (terms.enforcedUnder != null && String(terms.enforcedUnder) === String(asset.pledge!.registration)) return null; // the pledgee sells
  const registration = await PledgeRegistration.findById(asset.pledge!.registration);
  if (registration && consentCovers(registration.consents, terms.id)) return null;
  if (!terms.id && opts.pledgeConsentRequested) return null;
  const name = `pledge registration ${registration?.registrationNumber ?? String(asset.pledge!.registration)}`;
  const what = terms.type === 'TRANSFER' ? 'transferred' : `licensed (${terms.licenseType ?? 'any'} licence)`;
  const refusal = terms.id && registration ? latestConsent(registration.consents, terms.id) : null;
  const why = refusal?.decision === 'REFUSED' ? `; the pledgee refused this deal${refusal.note ? `: ${refusal.note}` : ''}` : '';
  const how = terms.id ? '' : ' (propose with pledgeConsentRequested: true to ask the pledgee for consent to this deal)';
  return `the asset is under ${name} and cannot be ${what} without the pledgee's consent to this deal (Civil Code art. 444)${why}${how}`;
}

/** Why the deal cannot go ahead on this asset now, or null when it can. */
export async function dealProblem(asset: IpAssetDoc, terms: DealTerms, opts: AvailabilityOptions): Promise<string | null> {
  if (String(asset.owner) !== terms.seller) return 'the seller no longer owns the asset';
  const status = assetStatus(asset);
  // A pending application's right (专利申请权) may be transferred too: the buyer becomes the applicant.
  if (terms.type === 'TRANSFER' && status !== 'VALID' && status !== 'PENDING') {
    return `the asset is ${status}: only a VALID right, or a PENDING application, can be transferred`;
  }
  if (terms.type === 'TRANSFER' && asset.verification?.status !== 'VERIFIED') return notVerifiedProblem('transferred');
  if (terms.type === 'LICENSE' && status !== 'VALID' && status !== 'PENDING') return `the asset is ${status} and cannot be licensed`;
  if (terms.enforcedUnder != null && String(asset.pledge?.registration ?? '') !== String(terms.enforcedUnder)) {
    return 'the pledge this enforcement sale (质权实现) realizes no longer stands on the asset (released or expired): the pledgee cannot sell it';
  }
  if (asset.pledge) {
    const problem = await pledgeProblem(asset, terms, opts);
    if (problem) return problem;
  }

  let wanted: LicenceTerm | null = null;
  if (terms.type === 'LICENSE') {
    const period = licencePeriod(opts.startsOn, terms.termMonths!);
    wanted = { licensee: terms.buyer, type: terms.licenseType!, ...period };
    const overlapping = await License.find({
      asset: asset._id,
      startsOn: { $lt: period.endsOn },
      endsOn: { $gt: period.startsOn },
      ...(opts.excludeLicenseId ? { _id: { $ne: opts.excludeLicenseId } } : {}),
    });
    const clash = firstConflict(
      wanted,
      overlapping.map((l) => ({ id: String(l._id), licensee: String(l.licensee), type: l.type as LicenseType, startsOn: l.startsOn, endsOn: l.endsOn })),
    );
    if (clash) {
      return `a ${terms.licenseType} licence from ${period.startsOn} to ${period.endsOn} would conflict with the ${clash.type} licence ${clash.id} (${clash.startsOn} to ${clash.endsOn})`;
    }
  }

  if (opts.checkInFlight) {
    const others = await Deal.find({ asset: asset._id, status: { $in: IN_FLIGHT_DEAL_STATUSES }, ...(terms.id ? { _id: { $ne: terms.id } } : {}) });
    for (const other of others) {
      if (terms.type === 'TRANSFER' || other.type === 'TRANSFER') {
        return `${other.type} deal ${String(other._id)} on this asset is ${other.status}: complete or cancel it first`;
      }
      const theirs: LicenceTerm = {
        licensee: String(other.buyer),
        type: other.licenseType as LicenseType,
        ...licencePeriod(opts.startsOn, other.termMonths!),
      };
      if (wanted && firstConflict(wanted, [theirs])) {
        return `it would conflict with the ${other.licenseType} licence of deal ${String(other._id)}, which is ${other.status}`;
      }
    }
  }
  return null;
}
