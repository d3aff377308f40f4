import type { Machine } from '../workflow';

export type ListingStatus = 'DRAFT' | 'PUBLISHED' | 'UNDER_NEGOTIATION' | 'CLOSED' | 'WITHDRAWN';

/** DRAFT -> PUBLISHED -> UNDER_NEGOTIATION -> CLOSED, or WITHDRAWN; a failed negotiation reopens. */
export const LISTING_MACHINE: Machine<ListingStatus> = {
  DRAFT: ['PUBLISHED', 'WITHDRAWN'],
  PUBLISHED: ['UNDER_NEGOTIATION', 'CLOSED', 'WITHDRAWN'],
  UNDER_NEGOTIATION: ['PUBLISHED', 'CLOSED', 'WITHDRAWN'],
  CLOSED: [],
  WITHDRAWN: [],
};

/** Listings that still offer the asset. */
export const OPEN_LISTING_STATUSES: ListingStatus[] = ['DRAFT', 'PUBLISHED', 'UNDER_NEGOTIATION'];
