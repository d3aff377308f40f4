// Read-time view of a deal's need for the pledgee's consent (Deal.pledgeeConsent).
import type { DealDoc } from '../../models/deal';
import type { ServiceContext } from '../context';
import { latestConsent } from '../financing/consentRules';

export type PledgeeConsentState = 'NOT_REQUIRED' | 'REQUIRED' | 'GRANTED' | 'REFUSED';

export async function pledgeeConsentState(ctx: ServiceContext, deal: DealDoc): Promise<PledgeeConsentState> {
  const asset = await ctx.loaders.ipAsset.load(deal.asset);
  if (!asset?.pledge) return 'NOT_REQUIRED';
  const registration = await ctx.loaders.pledgeRegistration.load(asset.pledge.registration);
  const latest = latestConsent(registration?.consents, deal._id);
  if (latest) return latest.decision as PledgeeConsentState;
  // A deal finished before this pledge (or abandoned, or being refunded) needs nothing from its pledgee.
  return ['COMPLETED', 'CANCELLED', 'REFUND_PENDING'].includes(deal.status) ? 'NOT_REQUIRED' : 'REQUIRED';
}
