// A TRANSFER deal that will not happen gives its listing back: UNDER_NEGOTIATION -> PUBLISHED.
import { Listing, type ListingDoc } from '../../models/listing';
import type { ServiceContext } from '../context';
import { transition } from '../workflow';
import { LISTING_MACHINE, type ListingStatus } from '../listings/machine';

export async function reopenListing(ctx: ServiceContext, listingId: unknown, reason: string): Promise<void> {
  const listing = await Listing.findById(listingId);
  if (listing?.status !== 'UNDER_NEGOTIATION') return; // withdrawn or closed meanwhile: leave it
  try {
    await transition<ListingStatus, ListingDoc>(ctx, {
      model: Listing,
      id: listing._id,
      machine: LISTING_MACHINE,
      current: 'UNDER_NEGOTIATION',
      to: 'PUBLISHED',
      what: 'Listing',
      reason,
    });
  } catch (err) {
    ctx.log.warn({ err, listingId: String(listing._id) }, 'could not reopen the listing');
  }
}
