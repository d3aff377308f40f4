// The urql client: POST to /graphql (Apollo's CSRF protection refuses simple GETs), the signed-in
// user's JWT as a Bearer token. A new client (and so a fresh cache) is made when the token changes.
import { Client, cacheExchange, fetchExchange } from '@urql/core';

export function makeClient(token: string | null): Client {
  return new Client({
    url: '/graphql',
    exchanges: [cacheExchange, fetchExchange],
    preferGetMethod: false,
    requestPolicy: 'cache-and-network',
    fetchOptions: (): RequestInit => (token ? { headers: { authorization: `Bearer ${token}` } } : {}),
  });
}
