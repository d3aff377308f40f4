// Prepared queries (server/preparedQueries.ts): a query whose text Apollo already accepted is
// answered without Apollo's pipeline, with the same bytes, status and headers; anything that is not
// a clean answer (a refused rule, a bad token, an error, another Accept type, a mutation, extensions)
// is still Apollo's. `x-prepared-query: hit` marks an answer sent from the prepared path.
import { randomUUID } from 'node:crypto';
import { expect } from 'chai';
import { sharedStack } from '../helpers/hooks';
import { Client, registerOrg } from '../helpers/client';

interface Answer {
  status: number;
  text: string;
  json: any;
  prepared: string | null;
  type: string | null;
  cacheControl: string | null;
  requestId: string | null;
}

describe('prepared queries: answered without Apollo once it accepted the text', function () {
  this.timeout(60_000);
  let base: string;
  let token: string;
  let userEmail: string;

  before(async () => {
    base = (await sharedStack()).server.url;
    const org = await registerOrg(new Client(base), 'ENTERPRISE');
    token = org.token;
    userEmail = org.email;
  });

  async function post(body: unknown, headers: Record<string, string> = {}): Promise<Answer> {
    const res = await fetch(`${base}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, ...headers },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });
    const text = await res.text();
    return {
      status: res.status,
      text,
      json: JSON.parse(text),
      prepared: res.headers.get('x-prepared-query'),
      type: res.headers.get('content-type'),
      cacheControl: res.headers.get('cache-control'),
      requestId: res.headers.get('x-request-id'),
    };
  }

  /** A text no earlier request sent (a comment makes it new to both Apollo and the prepared path). */
  const fresh = (query: string) => `${query}\n# ${randomUUID()}`;

  it('the second time, the same bytes, status and headers come from the prepared path', async () => {
    const query = fresh('query Me($n: Int) { me { email role organization { kind } } myAssets(first: $n) { id } }');
    const first = await post({ query, variables: { n: 5 }, operationName: 'Me' });
    const second = await post({ query, variables: { n: 5 }, operationName: 'Me' });
    expect(first.prepared, 'the first answer is Apollo\'s').to.equal(null);
    expect(second.prepared).to.equal('hit');
    expect(first.json.data.me.email).to.equal(userEmail);
    for (const a of [first, second]) {
      expect(a.status).to.equal(200);
      expect(a.type).to.equal('application/json; charset=utf-8');
      expect(a.cacheControl).to.equal('no-store');
      expect(a.requestId).to.match(/^[\w.-]+$/);
    }
    expect(second.text).to.equal(first.text); // byte for byte, the trailing newline included
    expect(second.text.endsWith('}\n')).to.equal(true);
  });

  it('the content type follows the Accept header as Apollo picks it; an unacceptable one is still a 406', async () => {
    const query = fresh('{ me { email } }');
    await post({ query });
    const graphqlResponse = await post({ query }, { accept: 'application/graphql-response+json' });
    expect(graphqlResponse.prepared).to.equal('hit');
    expect(graphqlResponse.type).to.equal('application/graphql-response+json; charset=utf-8');
    const html = await post({ query }, { accept: 'text/html' });
    expect(html.prepared).to.equal(null);
    expect(html.status).to.equal(406);
    const other = fresh('{ me { id } }');
    const apolloFirst = await post({ query: other }, { accept: 'application/graphql-response+json' });
    expect(apolloFirst.prepared).to.equal(null);
    expect(apolloFirst.type).to.equal(graphqlResponse.type);
  });

  it('variables are still weighed and checked on every request: over-cost and NUL are refused as by Apollo', async () => {
    const query = fresh('query($n: Int, $after: String) { myAssets(first: $n, after: $after) { id title number kind } }');
    expect((await post({ query, variables: { n: 2 } })).prepared).to.equal(null);
    expect((await post({ query, variables: { n: 2 } })).prepared).to.equal('hit');

    const nul = await post({ query, variables: { n: 2, after: 'a\u0000b' } });
    expect(nul.prepared).to.equal(null);
    expect(nul.status).to.equal(400);
    expect(nul.json.errors[0].extensions).to.deep.equal({ code: 'BAD_USER_INPUT', field: 'after' });

    const many = fresh(`query($n: Int) { listings(first: $n) { edges { node { ${'id '.repeat(60)}} } } }`);
    expect((await post({ query: many, variables: { n: 1 } })).status).to.equal(200);
    expect((await post({ query: many, variables: { n: 1 } })).prepared).to.equal('hit');
    const overCost = await post({ query: many, variables: { n: 100 } });
    expect(overCost.prepared).to.equal(null);
    expect(overCost.status).to.equal(400);
    expect(overCost.json.errors[0].extensions.code).to.equal('GRAPHQL_VALIDATION_FAILED');
    expect(overCost.json.errors[0].message).to.match(/^Syntax Error: Query Cost limit of \d+ exceeded, found \d+\.$/);
    expect(overCost.json.data ?? null).to.equal(null);
  });

  it('a bad token after the text was accepted is 401 UNAUTHENTICATED, as before', async () => {
    const query = fresh('{ me { email } }');
    await post({ query });
    expect((await post({ query })).prepared).to.equal('hit');
    const bad = await post({ query }, { authorization: `Bearer ${token.slice(0, -2)}xx` });
    expect(bad.prepared).to.equal(null);
    expect(bad.status).to.equal(401);
    expect(bad.json.errors[0].extensions.code).to.equal('UNAUTHENTICATED');
  });

  it('an answer with an error is Apollo\'s, formatted and masked as always', async () => {
    const query = fresh('query($first: Int) { myDeals(first: $first) { id } }');
    expect((await post({ query, variables: { first: 2 } })).status).to.equal(200);
    expect((await post({ query, variables: { first: 2 } })).prepared).to.equal('hit');
    const wrong = await post({ query, variables: { first: 101 } });
    expect(wrong.prepared).to.equal(null);
    expect(wrong.status).to.equal(200);
    expect(wrong.json.errors[0].extensions).to.deep.include({ code: 'BAD_USER_INPUT', field: 'first' });
    expect(wrong.text).not.to.match(/stacktrace|\n\s+at /);
    // The text is Apollo's for a while: an error every other request cannot make each one run twice.
    const after = await post({ query, variables: { first: 2 } });
    expect(after.status).to.equal(200);
    expect(after.prepared).to.equal(null);
    // A variable that does not coerce: Apollo's 400 with the input path named.
    const other = fresh('query($first: Int) { myDeals(first: $first) { id } }');
    await post({ query: other, variables: { first: 2 } });
    expect((await post({ query: other, variables: { first: 2 } })).prepared).to.equal('hit');
    const coerce = await post({ query: other, variables: { first: 'many' } });
    expect(coerce.prepared).to.equal(null);
    expect(coerce.status).to.equal(400);
    expect(coerce.json.errors[0].extensions.code).to.equal('BAD_USER_INPUT');
  });

  it('anonymous callers get the same answer from either path (the viewer is per request, never the text)', async () => {
    const query = fresh('{ me { email } }');
    const signedIn = await post({ query });
    const anonymous = await post({ query }, { authorization: '' });
    expect(signedIn.json.data.me.email).to.equal(userEmail);
    expect(anonymous.json).to.deep.equal({ data: { me: null } });
    const again = await post({ query }, { authorization: '' });
    expect(again.json).to.deep.equal({ data: { me: null } });
  });

  it('mutations, bodies with extensions or other fields, and unknown operation names always go to Apollo', async () => {
    const mutation = fresh('mutation($ids: [ID!]) { markNotificationsRead(ids: $ids) }');
    for (let i = 0; i < 2; i++) {
      const marked = await post({ query: mutation, variables: { ids: [] } });
      expect(marked.status).to.equal(200);
      expect(marked.prepared).to.equal(null);
    }

    const query = fresh('query A { me { email } } query B { me { id } }');
    await post({ query, operationName: 'A' });
    expect((await post({ query, operationName: 'A' })).prepared).to.equal('hit');
    expect((await post({ query, operationName: 'B' })).prepared).to.equal('hit');
    const unknownName = await post({ query, operationName: 'C' });
    expect(unknownName.prepared).to.equal(null);
    expect(unknownName.status).to.equal(400);
    const noName = await post({ query });
    expect(noName.prepared).to.equal(null);
    expect(noName.status).to.equal(400);

    const apq = await post({ query, operationName: 'A', extensions: { persistedQuery: { version: 1, sha256Hash: 'x' } } });
    expect(apq.prepared).to.equal(null);
    expect(apq.status).to.equal(400);
    expect(apq.json.errors[0].extensions.code).to.equal('PERSISTED_QUERY_NOT_SUPPORTED');
    expect((await post({ query, operationName: 'A', extra: 1 })).prepared).to.equal(null);
  });
});
