// The response cache's rules (server/responseCache.ts), with a hand-moved clock and hand-set stamps:
// which requests may use it, which answers are kept, and when a kept answer is no longer served.
import { expect } from 'chai';
import { MAX_KEY_CHARS, ResponseCache } from '../../server/responseCache';
import { BumpLog, type RequestScope } from '../../services/sharedStamp';

const ANON = { url: '/graphql', authorization: undefined, testNow: undefined };
const OK = { status: 200, headers: [['content-type', 'application/json; charset=utf-8']] as [string, string][], body: '{"data":{"x":1}}' };

function harness(ttl = 1000) {
  let now = 1_000_000;
  let stamps = new Map([['col:listings', 'a'], ['col:organizations', 'b']]);
  let reads = 0;
  const cache = new ResponseCache(ttl, () => now, async () => {
    reads++;
    return new Map(stamps);
  });
  /** The scope of a request that read the stamps and answered a query without errors. */
  const answered = (over: Partial<RequestScope> = {}): RequestScope => ({ stamps: Promise.resolve(new Map(stamps)), answered: { query: true, errors: false }, ...over });
  return {
    cache,
    answered,
    tick: (ms: number) => (now += ms),
    setStamp: (k: string, v: string) => (stamps = new Map(stamps).set(k, v)),
    reads: () => reads,
  };
}

describe('response cache rules (server/responseCache.ts)', () => {
  it('only anonymous requests without a test clock, with a short enough body, have a key; the URL query string is part of it', () => {
    const { cache } = harness();
    expect(cache.keyOf(ANON, '{"query":"{x}"}')).to.be.a('string');
    expect(cache.keyOf({ ...ANON, authorization: 'Bearer t' }, '{"query":"{x}"}')).to.equal(null);
    expect(cache.keyOf({ ...ANON, authorization: '' }, '{"query":"{x}"}')).to.equal(null);
    expect(cache.keyOf({ ...ANON, testNow: '2026-01-01' }, '{"query":"{x}"}')).to.equal(null);
    expect(cache.keyOf(ANON, 'x'.repeat(MAX_KEY_CHARS + 1))).to.equal(null);
    expect(cache.keyOf({ ...ANON, url: '/graphql?a=1' }, 'b')).to.not.equal(cache.keyOf(ANON, 'b'));
    expect(new ResponseCache(0).keyOf(ANON, '{"query":"{x}"}')).to.equal(null);
  });

  it('serves a kept answer while every stamp is unchanged, with one fresh stamp read per request', async () => {
    const h = harness();
    await h.cache.store('k', h.answered(), OK, 1_000_000);
    const scope: RequestScope = {};
    expect(await h.cache.lookup('k', scope)).to.include({ body: OK.body, status: 200 });
    expect(h.reads()).to.equal(1);
    expect(scope.stamps, 'the fresh read becomes the request’s own').to.be.instanceOf(Promise);
    expect(await h.cache.lookup('missing', {})).to.equal(null);
  });

  it('any moved stamp, even of a collection the answer may not use, makes it stale and drops it', async () => {
    const h = harness();
    await h.cache.store('k', h.answered(), OK, 1_000_000);
    h.setStamp('col:organizations', 'b2');
    expect(await h.cache.lookup('k', {})).to.equal(null);
    h.setStamp('col:organizations', 'b'); // back to the old value: the entry is gone all the same
    expect(await h.cache.lookup('k', {})).to.equal(null);
    expect(h.cache.stats().entries).to.equal(0);
  });

  it('a new stamp appearing (a first write to a collection) makes it stale', async () => {
    const h = harness();
    await h.cache.store('k', h.answered(), OK, 1_000_000);
    h.setStamp('col:deals', 'new');
    expect(await h.cache.lookup('k', {})).to.equal(null);
  });

  it('an answer is served for at most the TTL from when its request began', async () => {
    const h = harness(1000);
    await h.cache.store('k', h.answered(), OK, 1_000_000 - 400); // the request began 400 ms ago
    h.tick(600);
    expect(await h.cache.lookup('k', {})).to.not.equal(null);
    h.tick(1);
    expect(await h.cache.lookup('k', {})).to.equal(null);
  });

  it('keeps nothing from a mutation, an answer with errors, a non-200, a request that read the database or read no stamps', async () => {
    const h = harness();
    await h.cache.store('m', h.answered({ answered: { query: false, errors: false } }), OK, 1_000_000);
    await h.cache.store('e', h.answered({ answered: { query: true, errors: true } }), OK, 1_000_000);
    await h.cache.store('u', h.answered({ answered: undefined }), OK, 1_000_000);
    await h.cache.store('s', h.answered(), { ...OK, status: 400 }, 1_000_000);
    await h.cache.store('d', h.answered({ readDatabase: true }), OK, 1_000_000);
    await h.cache.store('n', h.answered({ stamps: undefined }), OK, 1_000_000);
    await h.cache.store('f', h.answered({ stamps: Promise.reject(new Error('down')) }), OK, 1_000_000);
    expect(h.cache.stats().entries).to.equal(0);
  });

  it('a failed stamp read serves nothing (the request then runs and answers the outage)', async () => {
    let fail = false;
    const cache = new ResponseCache(1000, () => 0, async () => {
      if (fail) throw new Error('database down');
      return new Map([['col:listings', 'a']]);
    });
    await cache.store('k', { stamps: Promise.resolve(new Map([['col:listings', 'a']])), answered: { query: true, errors: false } }, OK, 0);
    fail = true;
    expect(await cache.lookup('k', {})).to.equal(null);
  });

  it('is bounded: an answer over 512 KB is not kept, and the least recently used go first', async () => {
    const h = harness(60_000);
    await h.cache.store('big', h.answered(), { ...OK, body: 'x'.repeat(600 * 1024) }, 1_000_000);
    expect(h.cache.stats().entries).to.equal(0);
    for (let i = 0; i < 2000; i++) await h.cache.store(`k${i}`, h.answered(), OK, 1_000_000);
    expect(h.cache.stats().entries).to.equal(2000);
    expect(await h.cache.lookup('k0', {})).to.not.equal(null); // k0 used: now the most recent
    await h.cache.store('k2000', h.answered(), OK, 1_000_000);
    expect(h.cache.stats().entries).to.equal(2000);
    expect(await h.cache.lookup('k1', {})).to.equal(null); // the least recently used went
    expect(await h.cache.lookup('k0', {})).to.not.equal(null);
    // 500 KB answers: at most 32 MB in all.
    for (let i = 0; i < 80; i++) await h.cache.store(`b${i}`, h.answered(), { ...OK, body: 'y'.repeat(500 * 1024) }, 1_000_000);
    expect(h.cache.stats().bytes).to.be.at.most(32 * 1024 * 1024);
    expect(await h.cache.lookup('b79', {})).to.not.equal(null);
    expect(await h.cache.lookup('b0', {})).to.equal(null);
  });

  it('a request finding nothing waits for one running for the same key when both read the same stamps', async () => {
    const h = harness();
    const leader = h.answered({ answered: undefined });
    expect(await h.cache.lookup('k', leader)).to.equal(null);
    const end = h.cache.begin('k', leader);
    const waiter = h.cache.lookup('k', {});
    await new Promise((r) => setImmediate(r)); // the waiter is waiting
    end(OK);
    expect(await waiter).to.deep.equal(OK);
    // Ended: a later request finds no flight (and nothing kept: store was not called).
    expect(await h.cache.lookup('k', {})).to.equal(null);
  });

  it('does not wait for a runner that read other stamps, read no stamps, read the database, or kept nothing', async () => {
    const h = harness();
    const stale = h.answered();
    const end1 = h.cache.begin('a', stale);
    h.setStamp('col:listings', 'a2'); // a write after the runner read its stamps
    expect(await h.cache.lookup('a', {})).to.equal(null);
    end1(OK);

    const reads = h.reads();
    const end2 = h.cache.begin('b', {}); // read no stamps (yet): { __typename } never makes a waiter read them
    expect(await h.cache.lookup('b', {})).to.equal(null);
    expect(h.reads()).to.equal(reads);
    end2(null);

    const end3 = h.cache.begin('c', h.answered({ readDatabase: true }));
    expect(await h.cache.lookup('c', {})).to.equal(null);
    end3(null);

    const end4 = h.cache.begin('d', h.answered());
    const waiter = h.cache.lookup('d', {});
    await new Promise((r) => setImmediate(r));
    end4(null);
    expect(await waiter).to.equal(null);
  });

  it('a runner that read newer stamps replaces one that read older ones: later requests wait for the newer', async () => {
    const h = harness();
    const endOld = h.cache.begin('k', h.answered());
    h.setStamp('col:listings', 'a2');
    const fresh = h.answered();
    expect(await h.cache.lookup('k', fresh)).to.equal(null); // cannot join the older one
    const endNew = h.cache.begin('k', fresh);
    const waiter = h.cache.lookup('k', {});
    await new Promise((r) => setImmediate(r));
    endOld(null); // ending the replaced flight does not end the newer one
    const NEW = { ...OK, body: '{"data":{"x":2}}' };
    endNew(NEW);
    expect(await waiter).to.deep.equal(NEW);
  });

  it('serves an answer older only by writes still being answered, when the cache is told so, and drops it otherwise', async () => {
    let concurrent = true;
    let stamps = new Map([['col:listings', 'a']]);
    const cache = new ResponseCache(1000, () => 0, async () => new Map(stamps), () => concurrent);
    await cache.store('k', { stamps: Promise.resolve(new Map(stamps)), answered: { query: true, errors: false } }, OK, 0);
    stamps = new Map([['col:listings', 'b']]);
    expect(await cache.lookup('k', {})).to.not.equal(null);
    concurrent = false;
    expect(await cache.lookup('k', {})).to.equal(null);
    concurrent = true;
    expect(await cache.lookup('k', {}), 'dropped for good').to.equal(null);
  });
});

describe('the log of this process’s stamp writes (sharedStamp.ts BumpLog)', () => {
  const unanswered = (): RequestScope => ({ responded: false });
  const m = (o: Record<string, string>) => new Map(Object.entries(o));

  it('older only by writes whose requests are unanswered: true, through a chain of them, and for a first write ("none")', () => {
    const log = new BumpLog();
    const w1 = unanswered();
    const w2 = unanswered();
    log.note('col:listings', 'a', 'b', w1);
    log.note('col:listings', 'b', 'c', w2);
    log.note('listings', 'none', 'x', w1);
    expect(log.onlyUnansweredBetween(m({ 'col:listings': 'a' }), m({ 'col:listings': 'c', listings: 'x' }))).to.equal(true);
    expect(log.onlyUnansweredBetween(m({ 'col:listings': 'a' }), m({ 'col:listings': 'a' }))).to.equal(true);
  });

  it('false once a write in the chain is answered (or its GraphQL answer is made), for a write not noted, a job’s write, or another key’s stamp', () => {
    const log = new BumpLog();
    const w1 = unanswered();
    const w2 = unanswered();
    log.note('col:listings', 'a', 'b', w1);
    log.note('col:listings', 'b', 'c', w2);
    const older = m({ 'col:listings': 'a' });
    const newer = m({ 'col:listings': 'c' });
    w1.responded = true;
    expect(log.onlyUnansweredBetween(older, newer)).to.equal(false);
    w1.responded = false;
    w2.answered = { query: false, errors: false };
    expect(log.onlyUnansweredBetween(older, newer)).to.equal(false);
    w2.answered = undefined;
    expect(log.onlyUnansweredBetween(older, newer)).to.equal(true);
    expect(log.onlyUnansweredBetween(older, m({ 'col:listings': 'z' })), 'another process’s stamp').to.equal(false);
    log.note('col:deals', 'd', 'e', undefined); // a job, outside any request
    expect(log.onlyUnansweredBetween(m({ 'col:deals': 'd' }), m({ 'col:deals': 'e' }))).to.equal(false);
    log.note('col:users', 'u', 'v', unanswered());
    expect(log.onlyUnansweredBetween(m({ 'col:deals': 'u' }), m({ 'col:deals': 'v' })), 'noted for another key').to.equal(false);
    const scopeOfNoHttp: RequestScope = {}; // a scope without `responded`: not an HTTP request being answered
    log.note('col:x', 'p', 'q', scopeOfNoHttp);
    expect(log.onlyUnansweredBetween(m({ 'col:x': 'p' }), m({ 'col:x': 'q' }))).to.equal(false);
  });

  it('forgets the oldest writes beyond its bound', () => {
    const log = new BumpLog(2);
    const w = unanswered();
    log.note('k', 'a', 'b', w);
    log.note('k', 'b', 'c', w);
    log.note('k', 'c', 'd', w);
    expect(log.onlyUnansweredBetween(m({ k: 'b' }), m({ k: 'd' }))).to.equal(true);
    expect(log.onlyUnansweredBetween(m({ k: 'a' }), m({ k: 'd' }))).to.equal(false);
  });
});
