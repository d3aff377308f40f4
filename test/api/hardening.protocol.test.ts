// Issue 10, point 14 (second half): client mistakes at the protocol level get client codes and
// HTTP 4xx, never INTERNAL_SERVER_ERROR: a persisted-query request (this server keeps no persisted
// queries) and a `subscription` operation (the schema has none).
import { expect } from 'chai';
import { sharedStack } from '../helpers/hooks';

describe('hardening: protocol-level client errors', () => {
  let url: string;
  before(async () => {
    url = `${(await sharedStack()).server.url}/graphql`;
  });

  async function post(body: unknown) {
    const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    return { status: res.status, body: (await res.json()) as { errors?: { message: string; extensions?: { code?: string } }[]; data?: unknown } };
  }

  const persisted = { version: 1, sha256Hash: 'ecf4edb46db40b5132295c0291d62fb65d6759a9eedfa4d5d612dd5ec54a6b38' };

  it('a persisted-query hash without a query: 400 PERSISTED_QUERY_NOT_SUPPORTED', async () => {
    for (const body of [{ extensions: { persistedQuery: persisted } }, { extensions: { persistedQuery: persisted }, variables: {} }]) {
      const res = await post(body);
      expect(res.status, JSON.stringify(res.body)).to.be.within(400, 499);
      expect(res.body.errors![0]!.extensions?.code).to.equal('PERSISTED_QUERY_NOT_SUPPORTED');
    }
  });

  it('a persisted-query hash with a query: the same client error, nothing runs', async () => {
    const res = await post({ query: '{ __typename }', extensions: { persistedQuery: persisted } });
    expect(res.status, JSON.stringify(res.body)).to.be.within(400, 499);
    expect(res.body.errors![0]!.extensions?.code).to.equal('PERSISTED_QUERY_NOT_SUPPORTED');
    expect(res.body.data ?? null).to.equal(null);
  });

  it('a subscription operation: 400 with a client code, not INTERNAL_SERVER_ERROR', async () => {
    for (const query of ['subscription { me { id } }', 'subscription S { __typename }']) {
      const res = await post({ query });
      expect(res.status, JSON.stringify(res.body)).to.equal(400);
      const code = res.body.errors![0]!.extensions?.code;
      expect(code, JSON.stringify(res.body)).to.be.oneOf(['GRAPHQL_VALIDATION_FAILED', 'BAD_REQUEST']);
      expect(res.body.errors![0]!.message).to.match(/subscription/i);
    }
  });
});
