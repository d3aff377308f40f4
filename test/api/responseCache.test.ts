// The response cache (server/responseCache.ts): anonymous queries answered again from an earlier
// answer. These tests attack what it must never do: serve an answer a write has made wrong (in
// this process or another), hand an anonymous answer to a signed-in caller, replay a mutation, keep
// an answer built from a database read no stamp vouches for, or answer while the database is down.
import { expect } from 'chai';
import mongoose from 'mongoose';
import { sharedStack } from '../helpers/hooks';
import { registerVerified, REGISTER, uniqueCreditCode, uniqueEmail, type Registered } from '../helpers/client';
import { createAsset, createListing, marker, publishedListing, WITHDRAW } from '../helpers/listings';
import { world, type World } from '../helpers/financing';
import { todayInShanghai } from '../../services/rules/calendar';
import { CREATE_INSURANCE_PRODUCT } from '../helpers/guarantee';
import { startSecondServer, startStack, type ServerHandle, type Stack } from '../helpers/stack';

interface Answer {
  status: number;
  cache: string | null;
  text: string;
  body: any;
}

/** POSTs one GraphQL request and keeps the raw answer (its bytes and the x-response-cache header). */
async function post(baseUrl: string, query: string, variables: Record<string, unknown> = {}, headers: Record<string, string> = {}): Promise<Answer> {
  const res = await fetch(`${baseUrl}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ query, variables }) });
  const text = await res.text();
  return { status: res.status, cache: res.headers.get('x-response-cache'), text, body: JSON.parse(text) };
}

/** Asks until the answer comes from the cache (the first asks may load mirrors: database reads). */
async function untilHit(baseUrl: string, query: string, variables: Record<string, unknown> = {}): Promise<Answer> {
  let last: Answer | undefined;
  for (let i = 0; i < 5; i++) {
    last = await post(baseUrl, query, variables);
    if (last.cache === 'hit') return last;
  }
  throw new Error(`never answered from the cache: ${last?.cache} ${last?.text.slice(0, 300)}`);
}

const SEARCH_PAGE = `query($text: String) { listings(filter: {text: $text}, first: 20) {
  totalCount edges { node { id askingPrice status asset { title number } holder { name } } } } }`;
const LISTING = `query($id: ID!) { listing(id: $id) { id status askingPrice } }`;

describe('response cache: anonymous answers replayed only while nothing they depend on changed', function () {
  this.timeout(120_000);
  let w: World;
  let url: string;
  let holder: Registered;

  before(async () => {
    w = await world();
    url = (await sharedStack()).server.url;
    holder = await registerVerified(w.anon, w.regulator, 'ENTERPRISE');
  });

  it('replays the search page byte for byte, and the very next search after a publish or a withdrawal sees it', async () => {
    const M = marker();
    const a = await publishedListing(holder.client, { abstract: `cache ${M}` });
    const first = await untilHit(url, SEARCH_PAGE, { text: M });
    expect(first.body.data.listings.edges.map((e: any) => e.node.id)).to.deep.equal([a.id]);
    const again = await post(url, SEARCH_PAGE, { text: M });
    expect(again.cache).to.equal('hit');
    expect(again.text).to.equal(first.text);

    const b = await publishedListing(holder.client, { abstract: `cache ${M} second` });
    const afterPublish = await post(url, SEARCH_PAGE, { text: M });
    expect(afterPublish.cache).to.equal('miss');
    expect(afterPublish.body.data.listings.totalCount).to.equal(2);
    expect(afterPublish.body.data.listings.edges.map((e: any) => e.node.id)).to.have.members([a.id, b.id]);

    await untilHit(url, SEARCH_PAGE, { text: M });
    await holder.client.ok(WITHDRAW, { id: a.id });
    const afterWithdraw = await post(url, SEARCH_PAGE, { text: M });
    expect(afterWithdraw.cache).to.equal('miss');
    expect(afterWithdraw.body.data.listings.edges.map((e: any) => e.node.id)).to.deep.equal([b.id]);
  });

  it('a change to a holder (another collection than the listings) is seen by the next search', async () => {
    const M = marker();
    const page = `query($text: String) { listings(filter: {text: $text}) { edges { node { id holder { name ipAdvantage { level } } } } } }`;
    await publishedListing(holder.client, { abstract: `holder change ${M}` });
    const before = await untilHit(url, page, { text: M });
    expect(before.body.data.listings.edges[0].node.holder.ipAdvantage).to.equal(null);
    const CERTIFY = `mutation($o: ID!, $on: Date!) { certifyIpAdvantage(organizationId: $o, level: MUNICIPAL, certifiedOn: $on) { id } }`;
    await w.regulator.ok(CERTIFY, { o: holder.orgId, on: todayInShanghai() });
    const after = await post(url, page, { text: M });
    expect(after.cache).to.equal('miss');
    expect(after.body.data.listings.edges[0].node.holder.ipAdvantage).to.deep.equal({ level: 'MUNICIPAL' });
  });

  it('a stamp moved without its generation (its writer died between the two writes) is still seen, within seconds', async () => {
    const M = marker();
    const a = await publishedListing(holder.client, { abstract: `no generation ${M}` });
    expect((await untilHit(url, SEARCH_PAGE, { text: M })).body.data.listings.totalCount).to.equal(1);
    const conn = await mongoose.createConnection((await sharedStack()).db.uri).asPromise();
    try {
      await conn.collection('listings').updateOne({ _id: new mongoose.Types.ObjectId(String(a.id)) }, { $set: { status: 'WITHDRAWN' } });
      // The stamps a withdrawal moves, but not the generation (services/sharedStamp.ts) after them.
      const stamps = conn.collection<{ _id: string; stamp: string }>('indicatorstamps');
      for (const key of ['col:listings', 'listings']) await stamps.updateOne({ _id: key }, { $set: { stamp: `full:${marker()}` } }, { upsert: true });
    } finally {
      await conn.close();
    }
    let seen: Answer | undefined;
    for (const started = Date.now(); Date.now() - started < 15_000; await new Promise((r) => setTimeout(r, 200))) {
      seen = await post(url, SEARCH_PAGE, { text: M });
      if (seen.body.data.listings.totalCount === 0) break;
    }
    expect(seen?.body.data.listings.totalCount, 'the withdrawal never reached the search').to.equal(0);
  });

  it('never gives an anonymous answer to a signed-in caller, nor a signed-in answer to anyone', async () => {
    const asset = await createAsset(holder.client);
    const draft = await createListing(holder.client, asset.id);
    const anon = await untilHit(url, LISTING, { id: draft.id });
    expect(anon.body.data.listing).to.equal(null); // a draft is the holder's alone
    const signedIn = await post(url, LISTING, { id: draft.id }, { authorization: `Bearer ${holder.client.token}` });
    expect(signedIn.cache).to.equal(null); // a signed-in request does not use the cache at all
    expect(signedIn.body.data.listing).to.include({ id: draft.id, status: 'DRAFT' });
    // The holder's answer was not kept for anyone: the anonymous caller still gets null.
    expect((await post(url, LISTING, { id: draft.id })).body.data.listing).to.equal(null);
    // A bad token is refused, not answered from the anonymous entry.
    const forged = await post(url, LISTING, { id: draft.id }, { authorization: 'Bearer not-a-token' });
    expect(forged.cache).to.equal(null);
    expect(forged.body.errors[0].extensions.code).to.equal('UNAUTHENTICATED');
  });

  it('never replays a mutation: the same registration sent twice is refused the second time', async () => {
    const input = { email: uniqueEmail('cache'), password: 'correct-horse-battery', name: '测试', organization: { name: `缓存测试${marker()}`, kind: 'ENTERPRISE', creditCode: uniqueCreditCode(), county: 'XINGSHAN' } };
    const once = await post(url, REGISTER, { input });
    expect(once.body.errors, once.text).to.equal(undefined);
    const twice = await post(url, REGISTER, { input });
    expect(twice.cache).to.not.equal('hit');
    expect(twice.body.errors[0].extensions.code).to.equal('CONFLICT');
  });

  it('does not keep an answer read from the database: insurance products (not mirrored) are read afresh', async () => {
    // With the search's totalCount, the request reads the stamps too: only the database read stops it being kept.
    const PRODUCTS = `{ listings(first: 1) { totalCount } insuranceProducts(type: PLEDGE_FINANCING_GUARANTEE) { id name } }`;
    for (let i = 0; i < 3; i++) expect((await post(url, PRODUCTS)).cache).to.equal('miss');
    const insurer = await registerVerified(w.anon, w.regulator, 'INSURER');
    const input = { type: 'PLEDGE_FINANCING_GUARANTEE', name: `缓存保险${marker()}`, premiumRatePercent: 2, maxCoverage: '10000000.00' };
    const created = (await insurer.client.ok(CREATE_INSURANCE_PRODUCT, { input })).createInsuranceProduct.id as string;
    const after = await post(url, PRODUCTS);
    expect(after.body.data.insuranceProducts.map((p: any) => p.id)).to.include(created);
  });

  it('does not keep answers with errors, and a moved test clock makes a kept answer stale', async () => {
    const bad = `{ listings(first: 1000) { totalCount } }`;
    for (let i = 0; i < 2; i++) {
      const r = await post(url, bad);
      expect(r.body.errors[0].extensions.code).to.equal('BAD_USER_INPUT');
      expect(r.cache).to.equal('miss');
    }
    const M = marker();
    await publishedListing(holder.client, { abstract: `clock ${M}` });
    await untilHit(url, SEARCH_PAGE, { text: M });
    const stack = await sharedStack();
    try {
      stack.shiftClockDays(1);
      expect((await post(url, SEARCH_PAGE, { text: M })).cache).to.equal('miss');
    } finally {
      stack.shiftClockDays(0);
    }
  });

  it('answers concurrent identical searches alike while a publish lands, and the search after it sees it', async () => {
    const M = marker();
    await publishedListing(holder.client, { abstract: `parallel ${M}` });
    await untilHit(url, SEARCH_PAGE, { text: M });
    const [answers, b] = await Promise.all([
      Promise.all(Array.from({ length: 20 }, () => post(url, SEARCH_PAGE, { text: M }))),
      publishedListing(holder.client, { abstract: `parallel ${M} second` }),
    ]);
    for (const r of answers) expect(r.body.data.listings.totalCount).to.be.oneOf([1, 2]);
    const after = await post(url, SEARCH_PAGE, { text: M });
    expect(after.body.data.listings.totalCount).to.equal(2);
    expect(after.body.data.listings.edges.map((e: any) => e.node.id)).to.include(b.id);
  });

  describe('with a second server process on the same database', () => {
    let second: ServerHandle;

    before(async function () {
      this.timeout(90_000);
      second = await startSecondServer(await sharedStack());
    });

    after(async function () {
      this.timeout(30_000);
      if (second) await second.stop();
    });

    it('a write through one process makes the other process’s kept answers stale at once', async () => {
      const M = marker();
      const a = await publishedListing(holder.client, { abstract: `two processes ${M}` });
      const kept = await untilHit(second.url, SEARCH_PAGE, { text: M });
      expect(kept.body.data.listings.totalCount).to.equal(1);
      await holder.client.ok(WITHDRAW, { id: a.id }); // through the first process
      const after = await post(second.url, SEARCH_PAGE, { text: M });
      expect(after.cache).to.equal('miss');
      expect(after.body.data.listings.totalCount).to.equal(0);
    });
  });

  describe('while the database is down', () => {
    let own: Stack;
    before(async function () {
      this.timeout(90_000);
      // No write probe (as test/api/readiness.test.ts): this stops FerretDB under a MONGODB_URI server.
      own = await startStack({ FERRETDB_SQLITE_DIR: '' });
    });
    after(async function () {
      this.timeout(30_000);
      if (own) await own.stop();
    });

    it('a kept answer is not served: the request answers SERVICE_UNAVAILABLE', async () => {
      const q = `{ listings(first: 5) { totalCount } }`;
      const kept = await untilHit(own.server.url, q);
      expect(kept.body.data.listings.totalCount).to.equal(0);
      await own.stopDb();
      try {
        const r = await post(own.server.url, q);
        expect(r.cache).to.not.equal('hit');
        expect(r.status).to.equal(503);
        expect(r.body.errors[0].extensions.code).to.equal('SERVICE_UNAVAILABLE');
      } finally {
        await own.restartDb();
      }
    });
  });
});
