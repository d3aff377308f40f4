// Whether a deal may take money now (Stripe or bank transfer): its public notice is over and every
// objection answered, and the asset is still available on the deal's terms.
import type { DealDoc } from '../../models/deal';
import { IpAsset } from '../../models/ipAsset';
import { conflict, notFound } from '../errors';
import { today } from '../clock';
import { todayInShanghai } from '../rules/calendar';
import { dealProblem, termsOf } from './availability';
import { noticeProblem } from './publicNotice';

/** CONFLICT (nothing written) unless the deal may be paid now. */
export async function requirePayable(deal: DealDoc): Promise<void> {
  const noticed = noticeProblem(deal, today());
  if (noticed) throw conflict(`Cannot pay for this deal yet: ${noticed}`);
  const asset = await IpAsset.findById(deal.asset);
  if (!asset) throw notFound('Asset', String(deal.asset));
  const problem = await dealProblem(asset, termsOf(deal), { startsOn: todayInShanghai(), checkInFlight: true });
  if (problem) throw conflict(`Cannot pay for this deal now: ${problem}`);
}
