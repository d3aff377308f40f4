// The HTTP surface: JSON everywhere (even for broken requests), GET for queries only, CSRF
// prevention, health and readiness, unknown routes, request ids.
import { gzipSync } from 'node:zlib';
import { expect } from 'chai';
import { sharedStack } from '../helpers/hooks';
import { Client, REGISTER, registerOrg, uniqueCreditCode, uniqueEmail } from '../helpers/client';

interface HttpResult {
  status: number;
  type: string;
  text: string;
  json: any;
  headers: Headers;
}

async function http(url: string, init: RequestInit = {}): Promise<HttpResult> {
  const res = await fetch(url, init);
  const text = await res.text();
  let json: unknown = null;
  try {
    json = JSON.parse(text);
  } catch {
    /* asserted by the caller */
  }
  return { status: res.status, type: res.headers.get('content-type') ?? '', text, json, headers: res.headers };
}

/** A JSON error body in the GraphQL shape with this code, and nothing that looks like a stack trace or HTML. */
function expectJsonError(res: HttpResult, status: number, code: string): void {
  expect(res.status, res.text).to.equal(status);
  expect(res.type).to.match(/^application\/(graphql-response\+)?json/);
  expect(res.json?.errors?.[0]?.extensions?.code, res.text).to.equal(code);
  expect(res.text).not.to.match(/<html|<pre|stacktrace|\n\s+at /i);
}

function registerVars(email = uniqueEmail('http')) {
  return { input: { email, password: 'correct-horse-battery', name: 'HTTP', organization: { name: 'HTTP测试', kind: 'ENTERPRISE', creditCode: uniqueCreditCode(), county: 'NANSHAN' } } };
}

describe('HTTP', () => {
  let base: string;
  let anon: Client;
  before(async () => {
    base = (await sharedStack()).server.url;
    anon = new Client(base);
  });

  const post = (body: string, headers: Record<string, string> = { 'content-type': 'application/json' }) =>
    http(`${base}/graphql`, { method: 'POST', headers, body });
  const get = (query: string, headers: Record<string, string> = {}, variables?: object) => {
    const url = new URL(`${base}/graphql`);
    url.searchParams.set('query', query);
    if (variables) url.searchParams.set('variables', JSON.stringify(variables));
    return http(url.toString(), { headers });
  };

  it('malformed JSON is a 400 JSON error (BAD_REQUEST), not an HTML page', async () => {
    expectJsonError(await post('{"query": "{ me { id } }"'), 400, 'BAD_REQUEST');
    expectJsonError(await post('not json at all'), 400, 'BAD_REQUEST');
  });

  it('a body over the limit (1mb) is a 413 JSON error', async () => {
    const big = JSON.stringify({ query: '{ __typename }', variables: { pad: 'x'.repeat(1_100_000) } });
    expectJsonError(await post(big), 413, 'BAD_REQUEST');
  });

  it('a body just under the limit is accepted', async () => {
    const body = JSON.stringify({ query: '{ __typename }', variables: { pad: 'x'.repeat(1_000_000) } });
    const res = await post(body);
    expect(res.status, res.text).to.equal(200);
    expect(res.json.data).to.deep.equal({ __typename: 'Query' });
  });

  it('GET runs a query (with a CSRF-safe header) and sees the bearer token', async () => {
    const reg = await registerOrg(anon, 'ENTERPRISE');
    const res = await get('{ me { email } }', { 'apollo-require-preflight': 'true', authorization: `Bearer ${reg.token}` });
    expect(res.status, res.text).to.equal(200);
    expect(res.json).to.deep.equal({ data: { me: { email: reg.email } } });
    const withVars = await get('query($id: ID!) { organization(id: $id) { id kind } }', { 'apollo-require-preflight': 'true', authorization: `Bearer ${reg.token}` }, { id: reg.orgId });
    expect(withVars.json).to.deep.equal({ data: { organization: { id: reg.orgId, kind: 'ENTERPRISE' } } });
  });

  it('GET refuses a mutation (405) and does not run it', async () => {
    const vars = registerVars();
    const url = new URL(`${base}/graphql`);
    url.searchParams.set('query', REGISTER);
    url.searchParams.set('variables', JSON.stringify(vars));
    const res = await http(url.toString(), { headers: { 'apollo-require-preflight': 'true' } });
    expectJsonError(res, 405, 'BAD_REQUEST');
    expect(res.headers.get('allow')).to.equal('POST');
    await anon.ok(REGISTER, vars); // the email and credit code were never used
  });

  it('CSRF prevention: a GET without a preflight-forcing header and a text/plain POST are refused unexecuted', async () => {
    expectJsonError(await get('{ __typename }'), 400, 'BAD_REQUEST');
    const vars = registerVars();
    expectJsonError(await post(JSON.stringify({ query: REGISTER, variables: vars }), { 'content-type': 'text/plain' }), 400, 'BAD_REQUEST');
    expectJsonError(await post(JSON.stringify({ query: REGISTER, variables: vars }), { 'content-type': 'application/x-www-form-urlencoded' }), 400, 'BAD_REQUEST');
    await anon.ok(REGISTER, vars);
  });

  it('batched requests are refused', async () => {
    const res = await post(JSON.stringify([{ query: '{ __typename }' }, { query: '{ __typename }' }]));
    expectJsonError(res, 400, 'BAD_REQUEST');
  });

  it('a document that does not parse is 400 GRAPHQL_PARSE_FAILED; one that does not validate 400 GRAPHQL_VALIDATION_FAILED', async () => {
    expectJsonError(await post(JSON.stringify({ query: '{ me { id ' })), 400, 'GRAPHQL_PARSE_FAILED');
    expectJsonError(await post(JSON.stringify({ query: '{ nope }' })), 400, 'GRAPHQL_VALIDATION_FAILED');
  });

  it('/healthz answers 200 and /readyz 200 while the database answers', async () => {
    const health = await http(`${base}/healthz`);
    expect(health.status).to.equal(200);
    expect(health.json).to.deep.equal({ status: 'ok' });
    const ready = await http(`${base}/readyz`);
    expect(ready.status).to.equal(200);
    expect(ready.json).to.deep.equal({ status: 'ready' });
  });

  it('an unknown route is a JSON 404', async () => {
    expectJsonError(await http(`${base}/nope`), 404, 'NOT_FOUND');
    expectJsonError(await http(`${base}/webhooks/nope`, { method: 'POST', body: '{}', headers: { 'content-type': 'application/json' } }), 404, 'NOT_FOUND');
  });

  it('echoes a well-formed x-request-id and makes one up otherwise', async () => {
    const given = await http(`${base}/healthz`, { headers: { 'x-request-id': 'trace-123.abc' } });
    expect(given.headers.get('x-request-id')).to.equal('trace-123.abc');
    const junk = await http(`${base}/healthz`, { headers: { 'x-request-id': 'bad id <script>' } });
    expect(junk.headers.get('x-request-id')).to.match(/^[0-9a-f-]{36}$/);
  });

  // POST /graphql with a plain JSON body is served by server/graphqlHttp.ts, anything else by
  // Express (server/app.ts): both must answer alike.
  it('POST /graphql answers alike on both paths: not stored, with a request id, strict JSON', async () => {
    const body = JSON.stringify({ query: '{ __typename }' });
    const fast = await post(body, { 'content-type': 'application/json', 'x-request-id': 'fast-1' });
    const zipped = await http(`${base}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'content-encoding': 'gzip', 'x-request-id': 'express-1' },
      body: gzipSync(body),
    });
    for (const [res, id] of [[fast, 'fast-1'], [zipped, 'express-1']] as const) {
      expect(res.status, res.text).to.equal(200);
      expect(res.json.data).to.deep.equal({ __typename: 'Query' });
      expect(res.headers.get('cache-control')).to.equal('no-store');
      expect(res.headers.get('x-request-id')).to.equal(id);
      expect(res.headers.get('etag')).to.equal(null);
    }
    expectJsonError(await post('"{ __typename }"'), 400, 'BAD_REQUEST'); // strict: objects and arrays only
    expectJsonError(await post(''), 400, 'BAD_REQUEST'); // an empty body is {}: no query
    const bom = await post(`\ufeff${body}`, { 'content-type': 'application/json; charset=UTF-8' });
    expect(bom.status, bom.text).to.equal(200);
  });

  it('does not announce the framework', async () => {
    const res = await http(`${base}/healthz`);
    expect(res.headers.get('x-powered-by')).to.equal(null);
  });
});
