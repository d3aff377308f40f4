// What a signed-in visitor can do on a listing (filled in with the holder pages).
import type { ListingPageQuery } from '../../gql/graphql';

export function ListingActions(_props: { listing: NonNullable<ListingPageQuery['listing']> }) {
  return null;
}
