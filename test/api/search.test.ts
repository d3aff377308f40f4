// Search: Chinese and English text, every filter, facets, sorts, keyset pages, visibility.
// Every query carries this run's marker word, so other tests' listings never interfere.
import { expect } from 'chai';
import { sharedStack } from '../helpers/hooks';
import { Client, registerOrg, type Registered } from '../helpers/client';
import { createAsset, createListing, marker, pageThrough, patentNumber, publish, publishedListing, SEARCH, trademarkNumber, WITHDRAW } from '../helpers/listings';

describe('search: listings(filter, sort, first, after)', () => {
  let anon: Client;
  let university: Registered; // XIANGYANG
  let enterprise: Registered; // LUOBEI
  let M: string;
  const L: Record<string, string> = {}; // name -> listing id
  let draftId: string;

  const ids = async (filter: Record<string, unknown>, sort?: string, client: Client = anon) =>
    (await client.ok(SEARCH, { filter: { ...filter, text: `${filter.text ?? ''} ${M}` }, sort, first: 100 })).listings.edges.map((e: any) => e.node.id);
  const names = (list: string[]) => list.map((id) => Object.keys(L).find((k) => L[k] === id) ?? id);

  before(async function () {
    this.timeout(120_000);
    anon = new Client((await sharedStack()).server.url);
    [university, enterprise] = await Promise.all([
      registerOrg(anon, 'UNIVERSITY', { county: 'XIANGYANG' }),
      registerOrg(anon, 'ENTERPRISE', { county: 'LUOBEI' }),
    ]);
    M = marker();
    const u = university.client;
    const e = enterprise.client;
    // Published one after the other, so NEWEST order is the reverse of this list.
    L.purification = (await publishedListing(u,
      { title: '一种高纯石墨的提纯方法', abstract: `以天然鳞片石墨为原料，碱熔酸浸，纯度达99.99%。${M}`, classes: ['C01B 32/215'], industries: ['GRAPHITE'] },
      { modes: ['LICENSE'], licenseTypes: ['NON_EXCLUSIVE'], askingPrice: '500000.00' })).id;
    L.graphene = (await publishedListing(e,
      { title: '石墨烯导热膜及其制备方法', abstract: `A graphene heat-dissipation film. ${M}`, classes: ['C01B 32/184', 'H05K 7/20'], industries: ['GRAPHITE', 'NEW_MATERIALS'] },
      { modes: ['LICENSE', 'TRANSFER'], licenseTypes: ['SOLE'], askingPrice: '800000.00' })).id;
    L.anode = (await publishedListing(e,
      { kind: 'UTILITY_MODEL', number: patentNumber('2', 2020), title: '锂离子电池球形石墨负极材料', abstract: `Spherical graphite anodes for lithium-ion batteries. ${M}`, classes: ['H01M 4/587'], industries: ['GRAPHITE', 'ENERGY'] },
      { modes: ['TRANSFER'], licenseTypes: null, askingPrice: '300000.00' })).id;
    L.expanded = (await publishedListing(u,
      { kind: 'UTILITY_MODEL', number: patentNumber('2', 2021), filingDate: '2021-04-01', grantDate: '2021-12-01', title: '膨胀石墨密封垫片', abstract: `柔性石墨密封材料。${M}`, classes: ['C04B 35/536'], industries: ['GRAPHITE'] },
      { modes: ['PLEDGE'], licenseTypes: null, askingPrice: null })).id;
    L.rice = (await publishedListing(u,
      { kind: 'TRADEMARK', number: trademarkNumber(), title: '鹤岗大米', abstract: `绿色食品 寒地黑土粳米 ${M}`, filingDate: '2019-01-10', grantDate: '2020-05-07', classes: ['30'], industries: ['GREEN_FOOD'] },
      { modes: ['LICENSE'], licenseTypes: ['NON_EXCLUSIVE'], askingPrice: '200000.00' })).id;
    L.silicon = (await publishedListing(e,
      { title: '硅碳负极材料及其制备方法', abstract: `Silicon-carbon composite anode for high-energy batteries. ${M}`, classes: ['H01M 4/38'], industries: ['ENERGY'], strategicEmergingIndustry: true },
      { modes: ['LICENSE'], licenseTypes: ['EXCLUSIVE'], askingPrice: '1200000.00' })).id;
    L.recycling = (await publishedListing(u,
      { kind: 'UTILITY_MODEL', number: patentNumber('2', 2022), filingDate: '2022-03-01', grantDate: '2022-09-01', title: '废旧锂电池回收装置', abstract: `回收负极中的石墨。${M}`, classes: ['H01M 10/54'], industries: ['ENERGY'] },
      { modes: ['TRANSFER'], licenseTypes: null, askingPrice: '300000.00' })).id;
    const draftAsset = await createAsset(u, { title: '石墨烯改性涂料', abstract: `draft ${M}` });
    draftId = (await createListing(u, draftAsset.id)).id;
    const withdrawn = await publishedListing(u, { title: '石墨坩埚', abstract: `withdrawn ${M}` });
    await u.ok(WITHDRAW, { id: withdrawn.id });
  });

  describe('text that a person types', () => {
    it('石墨 finds every graphite listing, title matches first, newest first among equals', async () => {
      expect(names(await ids({ text: '石墨' }))).to.deep.equal(['expanded', 'anode', 'graphene', 'purification', 'recycling']);
    });
    it('石墨烯 finds graphene only', async () => {
      expect(names(await ids({ text: '石墨烯' }))).to.deep.equal(['graphene']);
    });
    it('负极材料 finds both anode materials', async () => {
      expect(names(await ids({ text: '负极材料' }))).to.deep.equal(['silicon', 'anode']);
    });
    it('"graphite anode" needs both words, in any case and number (and, through the glossary, in Chinese)', async () => {
      // recycling says 回收负极中的石墨 in Chinese only: found through 石墨/graphite and 负极/anode (glossary)
      expect(names(await ids({ text: 'graphite anode' }))).to.deep.equal(['anode', 'recycling']);
      expect(names(await ids({ text: 'Graphite ANODES' }))).to.deep.equal(['anode', 'recycling']);
      expect(names(await ids({ text: 'anode' }))).to.deep.equal(['silicon', 'anode', 'recycling']);
      // 电池 in the titles of anode and recycling (title weight), "batteries" in silicon's abstract
      expect(names(await ids({ text: 'battery' }))).to.deep.equal(['recycling', 'anode', 'silicon']);
    });
    it('Chinese and English together, and Chinese and 和', async () => {
      expect(names(await ids({ text: '负极 graphite' }))).to.deep.equal(['anode', 'recycling']);
      expect(names(await ids({ text: '石墨和负极' }))).to.deep.equal(['anode', 'recycling']);
    });
    it('a patent number in any written form, and a class symbol', async () => {
      const number = (await anon.ok(`query($id: ID!) { listing(id: $id) { asset { number } } }`, { id: L.purification })).listing.asset.number;
      expect(names(await ids({ text: `ZL${number}` }))).to.deep.equal(['purification']);
      expect(names(await ids({ text: number.replace('.', '') }))).to.deep.equal(['purification']);
      expect(names(await ids({ text: 'H01M 4/587' }))).to.deep.equal(['anode']);
    });
    it('words of a trademark', async () => {
      expect(names(await ids({ text: '绿色食品 大米' }))).to.deep.equal(['rice']);
    });
    it('nothing for a word no listing has', async () => {
      expect(await ids({ text: '蓝莓' })).to.deep.equal([]);
    });
  });

  describe('filters, all combined with AND', () => {
    it('kinds, modes, industries, counties, holder kinds', async () => {
      expect(names(await ids({ kinds: ['UTILITY_MODEL'] }, 'NEWEST'))).to.deep.equal(['recycling', 'expanded', 'anode']);
      expect(names(await ids({ modes: ['TRANSFER'] }, 'NEWEST'))).to.deep.equal(['recycling', 'anode', 'graphene']);
      expect(names(await ids({ modes: ['PLEDGE', 'TRANSFER'], industries: ['GRAPHITE'] }, 'NEWEST'))).to.deep.equal(['expanded', 'anode', 'graphene']);
      expect(names(await ids({ counties: ['LUOBEI'] }, 'NEWEST'))).to.deep.equal(['silicon', 'anode', 'graphene']);
      expect(names(await ids({ holderKinds: ['UNIVERSITY'], industries: ['ENERGY'] }, 'NEWEST'))).to.deep.equal(['recycling']);
    });
    it('class prefix, high value, price ceiling, remaining years', async () => {
      expect(names(await ids({ classPrefix: 'H01M' }, 'NEWEST'))).to.deep.equal(['recycling', 'silicon', 'anode']);
      expect(names(await ids({ classPrefix: 'c01b 32/1' }, 'NEWEST'))).to.deep.equal(['graphene']);
      expect(names(await ids({ classPrefix: '30' }, 'NEWEST'))).to.deep.equal(['rice']);
      // STRATEGIC_EMERGING_INDUSTRY follows the IPC classes (CNIPA concordance): graphite purification and graphene inventions qualify.
      expect(names(await ids({ highValueOnly: true }, 'NEWEST'))).to.deep.equal(['silicon', 'graphene', 'purification']);
      expect(names(await ids({ maxPrice: '300000.00' }, 'NEWEST'))).to.deep.equal(['recycling', 'rice', 'anode']);
      // inventions filed 2020 run to 2040; utility models and the trademark end by 2032
      expect(names(await ids({ minRemainingYears: 10 }, 'NEWEST'))).to.deep.equal(['silicon', 'graphene', 'purification']);
    });
    it('text and filters together', async () => {
      expect(names(await ids({ text: '石墨', modes: ['LICENSE'], counties: ['XIANGYANG'] }))).to.deep.equal(['purification']);
      expect(await ids({ text: '石墨烯', counties: ['XIANGYANG'] })).to.deep.equal([]);
    });
  });

  it('counts facets and totalCount over the filtered set', async () => {
    const res = (await anon.ok(SEARCH, { filter: { text: `石墨 ${M}` }, first: 2 })).listings;
    expect(res.totalCount).to.equal(5);
    expect(res.edges).to.have.length(2);
    expect(res.facets.kinds).to.deep.equal([{ value: 'UTILITY_MODEL', count: 3 }, { value: 'INVENTION_PATENT', count: 2 }]);
    expect(res.facets.modes).to.deep.equal([{ value: 'TRANSFER', count: 3 }, { value: 'LICENSE', count: 2 }, { value: 'PLEDGE', count: 1 }]);
    expect(res.facets.industries).to.deep.equal([{ value: 'GRAPHITE', count: 4 }, { value: 'ENERGY', count: 2 }, { value: 'NEW_MATERIALS', count: 1 }]);
    expect(res.facets.counties).to.deep.equal([{ value: 'XIANGYANG', count: 3 }, { value: 'LUOBEI', count: 2 }]);
    const all = (await anon.ok(SEARCH, { filter: { text: M, kinds: ['TRADEMARK'] } })).listings;
    expect(all.totalCount).to.equal(1);
    expect(all.facets.industries).to.deep.equal([{ value: 'GREEN_FOOD', count: 1 }]);
  });

  describe('sorts', () => {
    it('PRICE_ASC and PRICE_DESC put listings without a price last; ties newest first', async () => {
      expect(names(await ids({}, 'PRICE_ASC'))).to.deep.equal(['rice', 'recycling', 'anode', 'purification', 'graphene', 'silicon', 'expanded']);
      expect(names(await ids({}, 'PRICE_DESC'))).to.deep.equal(['silicon', 'graphene', 'purification', 'recycling', 'anode', 'rice', 'expanded']);
    });
    it('NEWEST, and RELEVANCE without text, are newest first', async () => {
      const newest = ['recycling', 'silicon', 'rice', 'expanded', 'anode', 'graphene', 'purification'];
      expect(names(await ids({}, 'NEWEST'))).to.deep.equal(newest);
      expect(names(await ids({}))).to.deep.equal(newest);
    });
  });

  describe('keyset pages', () => {
    for (const sort of ['RELEVANCE', 'NEWEST', 'PRICE_ASC', 'PRICE_DESC']) {
      it(`${sort}: pages of 2 give every listing once, in the one-page order`, async () => {
        const text = sort === 'RELEVANCE' ? `石墨 ${M}` : M;
        const whole = (await anon.ok(SEARCH, { filter: { text }, sort, first: 100 })).listings.edges.map((e: any) => e.node.id);
        const paged = await pageThrough(anon, { text }, sort, 2);
        expect(paged.ids).to.deep.equal(whole);
        expect(paged.pages.every((n) => n <= 2)).to.equal(true);
      });
    }

    it('stay stable when listings are published between pages', async function () {
      this.timeout(180_000); // 3 sorts x 8 publishes (each verifies its asset) on a loaded machine
      const text = `stable ${M}`;
      const seller = await registerOrg(anon, 'ENTERPRISE');
      const prices = ['100.00', '200.00', '300.00', '400.00', '500.00'];
      const before: string[] = [];
      for (const p of prices) before.push((await publishedListing(seller.client, { title: '石墨 stable', abstract: M }, { askingPrice: p })).id);
      for (const sort of ['PRICE_ASC', 'NEWEST', 'RELEVANCE']) {
        const inserted: string[] = [];
        const paged = await pageThrough(anon, { text }, sort, 2, async () => {
          // a new listing priced in the middle of the range (and newest of all) after every page
          inserted.push((await publishedListing(seller.client, { title: '石墨 stable', abstract: M }, { askingPrice: '250.00' })).id);
        });
        expect(new Set(paged.ids).size, `${sort}: no duplicates`).to.equal(paged.ids.length);
        for (const id of before) expect(paged.ids, `${sort}: nothing missing`).to.include(id);
        for (const id of paged.ids) expect([...before, ...inserted, ...paged.ids.filter((x) => !before.includes(x))]).to.include(id);
        before.push(...inserted); // now part of the set for the next sort
      }
    });

    it('reject a cursor of another sort, and garbage', async () => {
      const res = (await anon.ok(SEARCH, { filter: { text: M }, sort: 'NEWEST', first: 1 })).listings;
      await anon.fails(SEARCH, { filter: { text: M }, sort: 'PRICE_ASC', first: 1, after: res.pageInfo.endCursor }, 'BAD_USER_INPUT', 'after');
      await anon.fails(SEARCH, { filter: { text: M }, first: 1, after: 'garbage' }, 'BAD_USER_INPUT', 'after');
    });
  });

  describe('bad input gets BAD_USER_INPUT naming the field', () => {
    const cases: [string, Record<string, unknown>, string][] = [
      ['first: 1000', { first: 1000 }, 'first'],
      ['first: 101', { first: 101 }, 'first'],
      ['first: 0', { first: 0 }, 'first'],
      ['a malformed class prefix', { filter: { classPrefix: 'graphite' } }, 'filter.classPrefix'],
      ['a negative price ceiling', { filter: { maxPrice: '-1.00' } }, 'filter.maxPrice'],
      ['negative remaining years', { filter: { minRemainingYears: -1 } }, 'filter.minRemainingYears'],
      ['overlong text', { filter: { text: '石'.repeat(201) } }, 'filter.text'],
    ];
    for (const [what, vars, field] of cases) {
      it(what, async () => {
        await anon.fails(SEARCH, vars, 'BAD_USER_INPUT', field);
      });
    }
    it('first: 100 is allowed', async () => {
      expect((await anon.ok(SEARCH, { filter: { text: M }, first: 100 })).listings.totalCount).to.be.at.least(7);
    });
  });

  describe('visibility', () => {
    it('drafts and withdrawn listings are in nobody’s public search', async () => {
      for (const client of [anon, enterprise.client, university.client]) {
        const found = (await client.ok(SEARCH, { filter: { text: M }, first: 100 })).listings.edges.map((e: any) => e.node.id);
        expect(found).to.not.include(draftId);
        expect(found.every((id: string) => Object.values(L).includes(id) || true)).to.equal(true);
        expect((await client.ok(SEARCH, { filter: { text: `坩埚 ${M}` } })).listings.totalCount).to.equal(0);
      }
    });
    it('a holder finds its own drafts with mine: true; others never do', async () => {
      const mine = (await university.client.ok(SEARCH, { filter: { text: M, mine: true }, sort: 'NEWEST', first: 100 })).listings;
      const statuses = Object.fromEntries(mine.edges.map((e: any) => [e.node.id, e.node.status]));
      expect(statuses[draftId]).to.equal('DRAFT');
      expect(Object.values(statuses)).to.include('WITHDRAWN');
      expect(mine.edges.every((e: any) => e.node.holder.id === university.orgId)).to.equal(true);
      const theirs = (await enterprise.client.ok(SEARCH, { filter: { text: M, mine: true }, first: 100 })).listings.edges;
      expect(theirs.map((e: any) => e.node.id)).to.not.include(draftId);
      await anon.fails(SEARCH, { filter: { text: M, mine: true } }, 'UNAUTHENTICATED');
    });
    it('a listing disappears from search when withdrawn', async () => {
      const l = await publishedListing(university.client, { title: '石墨电极', abstract: `soon gone ${M}` });
      expect(await ids({ text: '石墨电极' })).to.deep.equal([l.id]);
      await university.client.ok(WITHDRAW, { id: l.id });
      expect(await ids({ text: '石墨电极' })).to.deep.equal([]);
    });
  });

  it('searches the listing description too', async () => {
    const own = marker(); // not M: this listing must not join the set the other tests count
    const a = await createAsset(university.client, { title: '高纯石墨', abstract: own });
    const l = await createListing(university.client, a.id, { description: '附带工艺包 processpack' });
    await publish(university.client, l.id);
    const found = await anon.ok(SEARCH, { filter: { text: `processpack ${own}` } });
    expect(found.listings.edges.map((e: any) => e.node.id)).to.deep.equal([l.id]);
  });
});
