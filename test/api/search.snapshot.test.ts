// Search serves the public set from a per-process snapshot (services/listings/searchSnapshot.ts);
// these tests prove it is never stale after a write: a published listing is found at once, a
// withdrawn one is gone at once, in every sort and in totalCount/facets, and a write through one
// server process is seen by another process's search on the same database.
import { expect } from 'chai';
import { sharedStack } from '../helpers/hooks';
import { Client, registerOrg, type Registered } from '../helpers/client';
import { createAsset, createListing, marker, publish, publishedListing, SEARCH, WITHDRAW } from '../helpers/listings';
import { startSecondServer, type ServerHandle } from '../helpers/stack';

const FACETS = `query($filter: ListingFilter) { listings(filter: $filter) { totalCount facets { modes { value count } } } }`;

async function found(client: Client, M: string, sort: string): Promise<{ ids: string[]; total: number }> {
  const res = (await client.ok(SEARCH, { filter: { text: M }, sort, first: 100 })).listings;
  return { ids: res.edges.map((e: any) => e.node.id), total: res.totalCount };
}

describe('search snapshot: invalidation on writes', () => {
  let anon: Client;
  let holder: Registered;

  before(async function () {
    this.timeout(60_000);
    anon = new Client((await sharedStack()).server.url);
    holder = await registerOrg(anon, 'ENTERPRISE', { county: 'LUOBEI' });
  });

  it('a listing is in search right after publishListing, and out of it right after withdrawListing', async () => {
    const M = marker();
    const asset = await createAsset(holder.client, { abstract: `snapshot test ${M}` });
    const listing = await createListing(holder.client, asset.id, { modes: ['TRANSFER'], licenseTypes: null, askingPrice: '123456.00' });
    // Searched while a draft (so every sort order of the snapshot is built before the publish).
    for (const sort of ['RELEVANCE', 'NEWEST', 'PRICE_ASC', 'PRICE_DESC']) expect(await found(anon, M, sort)).to.deep.equal({ ids: [], total: 0 });

    const published = await publish(holder.client, listing.id);
    expect(published.status).to.equal('PUBLISHED');
    for (const sort of ['RELEVANCE', 'NEWEST', 'PRICE_ASC', 'PRICE_DESC']) expect(await found(anon, M, sort), sort).to.deep.equal({ ids: [listing.id], total: 1 });
    const node = (await anon.ok(SEARCH, { filter: { text: M }, first: 1 })).listings.edges[0].node;
    expect(node).to.include({ status: 'PUBLISHED', askingPrice: '123456.00' });
    expect((await anon.ok(FACETS, { filter: { text: M } })).listings).to.deep.equal({ totalCount: 1, facets: { modes: [{ value: 'TRANSFER', count: 1 }] } });

    await holder.client.ok(WITHDRAW, { id: listing.id });
    for (const sort of ['RELEVANCE', 'NEWEST', 'PRICE_ASC', 'PRICE_DESC']) expect(await found(anon, M, sort), sort).to.deep.equal({ ids: [], total: 0 });
    expect((await anon.ok(FACETS, { filter: { text: M } })).listings).to.deep.equal({ totalCount: 0, facets: { modes: [] } });
    // The holder still finds it through mine: true (the database path), as WITHDRAWN.
    const mine = (await holder.client.ok(SEARCH, { filter: { text: M, mine: true } })).listings.edges.map((e: any) => [e.node.id, e.node.status]);
    expect(mine).to.deep.equal([[listing.id, 'WITHDRAWN']]);
  });

  describe('two server processes on one database', () => {
    let second: ServerHandle;
    let other: Client; // anonymous, on the second process

    before(async function () {
      this.timeout(90_000);
      second = await startSecondServer(await sharedStack());
      other = new Client(second.url);
    });

    after(async function () {
      this.timeout(30_000);
      if (second) await second.stop();
    });

    it('a publish or withdrawal through one process is seen at once by the other process’s search', async () => {
      const M = marker();
      // Both processes hold a snapshot before the writes.
      expect(await found(anon, M, 'NEWEST')).to.deep.equal({ ids: [], total: 0 });
      expect(await found(other, M, 'NEWEST')).to.deep.equal({ ids: [], total: 0 });

      const a = await publishedListing(holder.client, { abstract: `first process ${M}` }); // through the shared server
      expect(await found(other, M, 'NEWEST')).to.deep.equal({ ids: [a.id], total: 1 });

      const holderOnSecond = new Client(second.url, holder.client.token); // the same signed-in user, on the second process
      const b = await publishedListing(holderOnSecond, { abstract: `second process ${M}` });
      expect(await found(anon, M, 'NEWEST')).to.deep.equal({ ids: [b.id, a.id], total: 2 });
      expect(await found(other, M, 'NEWEST')).to.deep.equal({ ids: [b.id, a.id], total: 2 });

      await holder.client.ok(WITHDRAW, { id: b.id }); // through the first, b was published through the second
      expect(await found(other, M, 'RELEVANCE')).to.deep.equal({ ids: [a.id], total: 1 });
      expect(await found(anon, M, 'RELEVANCE')).to.deep.equal({ ids: [a.id], total: 1 });
      await holderOnSecond.ok(WITHDRAW, { id: a.id }); // through the second, a was published through the first
      expect(await found(anon, M, 'PRICE_ASC')).to.deep.equal({ ids: [], total: 0 });
      expect(await found(other, M, 'PRICE_ASC')).to.deep.equal({ ids: [], total: 0 });
    });
  });
});
