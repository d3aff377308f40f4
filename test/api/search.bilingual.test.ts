// Issue 18 point 4: search across the two languages through the industry glossary, the holder-name
// filter, and the holder-kind and IPC-subclass facets. Every query carries this run's marker word.
import { expect } from 'chai';
import { sharedStack } from '../helpers/hooks';
import { Client, registerOrg, type Registered } from '../helpers/client';
import { marker, patentNumber, publishedListing, SEARCH, trademarkNumber } from '../helpers/listings';

const FACETS = `query($filter: ListingFilter) { listings(filter: $filter, first: 100) {
  totalCount edges { node { id } } facets { holderKinds { value count } ipcSubclasses { value count } kinds { value count } } } }`;

describe('search: bilingual glossary, holder name, holder-kind and IPC facets (issue 18 point 4)', () => {
  let anon: Client;
  let university: Registered;
  let enterprise: Registered;
  let M: string;
  const L: Record<string, string> = {};

  const ids = async (text: string, extra: Record<string, unknown> = {}) =>
    (await anon.ok(SEARCH, { filter: { text: `${text} ${M}`, ...extra }, first: 100 })).listings.edges.map((e: any) => e.node.id);
  const names = (list: string[]) => list.map((id) => Object.keys(L).find((k) => L[k] === id) ?? id).sort();

  before(async function () {
    this.timeout(120_000);
    anon = new Client((await sharedStack()).server.url);
    M = marker();
    [university, enterprise] = await Promise.all([
      registerOrg(anon, 'UNIVERSITY', { county: 'XIANGYANG', name: `鹤岗${M}理工学院` }),
      registerOrg(anon, 'ENTERPRISE', { county: 'LUOBEI', name: `萝北${M.toUpperCase()}石墨新材料有限公司` }),
    ]);
    const u = university.client;
    const e = enterprise.client;
    L.anodeZh = (await publishedListing(e, { title: '一种石墨负极材料及其制备方法', abstract: `以鳞片石墨为原料制备锂离子电池负极材料。${M}`, classes: ['H01M 4/587'], industries: ['GRAPHITE', 'ENERGY'] })).id;
    L.grapheneEn = (await publishedListing(u, { title: 'Graphene oxide dispersion for anticorrosive coatings', abstract: `A stable aqueous dispersion of graphene oxide. ${M}`, classes: ['C01B 32/198', 'C09D 5/08'], industries: ['NEW_MATERIALS'] })).id;
    L.grapheneZh = (await publishedListing(u, { title: '石墨烯导热膜', abstract: `高导热石墨烯薄膜。${M}`, classes: ['C01B 32/184'], industries: ['NEW_MATERIALS'] })).id;
    L.sphericalZh = (await publishedListing(e, { title: '球形石墨的整形装置', abstract: `用于天然石墨球形化。${M}`, classes: ['B02C 19/06'], industries: ['GRAPHITE'] })).id;
    L.expandedEn = (await publishedListing(u, { kind: 'UTILITY_MODEL', number: patentNumber('2', 2021), filingDate: '2021-04-01', grantDate: '2021-12-01', title: 'Expanded graphite sealing gasket', abstract: `Flexible sealing material. ${M}`, classes: ['C04B 35/536'], industries: ['GRAPHITE'] })).id;
    L.soyZh = (await publishedListing(u, { title: '一种大豆蛋白的提取工艺', abstract: `绿色食品原料加工。${M}`, classes: ['A23J 1/14'], industries: ['GREEN_FOOD'] })).id;
    L.riceTm = (await publishedListing(e, { kind: 'TRADEMARK', number: trademarkNumber(), title: '寒地黑土', abstract: `Green food rice from cold regions. ${M}`, filingDate: '2019-01-10', grantDate: '2020-05-07', classes: ['30'], industries: ['GREEN_FOOD'] })).id;
  });

  describe('English query, Chinese listing', () => {
    it('"graphite anode" finds the Chinese listing of 石墨负极材料', async () => {
      expect(names(await ids('graphite anode'))).to.deep.equal(['anodeZh']);
      expect(names(await ids('Graphite Anodes'))).to.deep.equal(['anodeZh']);
    });
    it('"spherical graphite" finds 球形石墨; "soybean" finds 大豆; "green food" finds 绿色食品 and the English one', async () => {
      expect(names(await ids('spherical graphite'))).to.deep.equal(['sphericalZh']);
      expect(names(await ids('soybean protein'))).to.deep.equal(['soyZh']);
      expect(names(await ids('green food'))).to.deep.equal(['riceTm', 'soyZh']);
    });
    it('"graphite" does not find a Chinese graphene listing (石墨 followed by 烯 is graphene), but finds Chinese graphite', async () => {
      expect(names(await ids('graphite'))).to.deep.equal(['anodeZh', 'expandedEn', 'sphericalZh']);
    });
  });

  describe('Chinese query, English listing', () => {
    it('石墨烯 finds the "graphene" listing and the Chinese one', async () => {
      expect(names(await ids('石墨烯'))).to.deep.equal(['grapheneEn', 'grapheneZh']);
    });
    it('膨胀石墨 finds "expanded graphite"; 氧化石墨烯 finds "graphene oxide" only', async () => {
      expect(names(await ids('膨胀石墨'))).to.deep.equal(['expandedEn']);
      expect(names(await ids('氧化石墨烯'))).to.deep.equal(['grapheneEn']);
    });
    it('a Chinese run made of glossary terms finds the English words: 石墨密封垫片 -> graphite + sealing gasket', async () => {
      expect(names(await ids('石墨密封垫片'))).to.deep.equal(['expandedEn']);
    });
    it('what is typed in Chinese keeps its substring meaning: 石墨 still finds 石墨烯', async () => {
      expect(names(await ids('石墨'))).to.include.members(['anodeZh', 'grapheneZh', 'sphericalZh', 'expandedEn']);
    });
    it('a listing in the typed language ranks above an equal one in the other only by where the words are (title first)', async () => {
      const order = await ids('石墨烯');
      expect(order).to.have.length(2); // both titles carry the term: same score, newest first
      expect(order[0]).to.equal(L.grapheneZh);
    });
  });

  describe('holder name', () => {
    it('finds the listings of holders whose name contains the words, case and width ignored', async () => {
      const byName = async (holderName: string, extra: Record<string, unknown> = {}) =>
        names((await anon.ok(SEARCH, { filter: { holderName, ...extra }, first: 100 })).listings.edges.map((e: any) => e.node.id));
      expect(await byName(`${M}石墨`)).to.deep.equal(['anodeZh', 'riceTm', 'sphericalZh']);
      expect(await byName(`萝北 ${M.toUpperCase()}`)).to.deep.equal(['anodeZh', 'riceTm', 'sphericalZh']);
      expect(await byName(`${M}理工`, { kinds: ['UTILITY_MODEL'] })).to.deep.equal(['expandedEn']);
      expect(await byName(`${M}银行`)).to.deep.equal([]);
      // with text: ANDed
      expect(names(await ids('graphite', { holderName: `${M}理工` }))).to.deep.equal(['expandedEn']);
    });
    it('refuses an overlong name, naming the field', async () => {
      await anon.fails(SEARCH, { filter: { holderName: '石'.repeat(101) } }, 'BAD_USER_INPUT', 'filter.holderName');
    });
  });

  describe('facets on holder kinds and IPC subclasses', () => {
    it('counts over the filtered set; a listing counts once per subclass; trademark classes have none', async () => {
      const res = (await anon.ok(FACETS, { filter: { text: M } })).listings;
      expect(res.totalCount).to.equal(7);
      expect(res.facets.holderKinds).to.deep.equal([{ value: 'UNIVERSITY', count: 4 }, { value: 'ENTERPRISE', count: 3 }]);
      expect(res.facets.ipcSubclasses).to.deep.equal([
        { value: 'C01B', count: 2 },
        { value: 'A23J', count: 1 },
        { value: 'B02C', count: 1 },
        { value: 'C04B', count: 1 },
        { value: 'C09D', count: 1 },
        { value: 'H01M', count: 1 },
      ]);
      const narrowed = (await anon.ok(FACETS, { filter: { text: M, classPrefix: 'C01B' } })).listings;
      expect(narrowed.facets.holderKinds).to.deep.equal([{ value: 'UNIVERSITY', count: 2 }]);
      expect(narrowed.facets.ipcSubclasses).to.deep.equal([{ value: 'C01B', count: 2 }, { value: 'C09D', count: 1 }]);
    });
    it('the same facets on the database path (mine: true)', async () => {
      const res = (await university.client.ok(FACETS, { filter: { text: M, mine: true } })).listings;
      expect(res.totalCount).to.equal(4);
      expect(res.facets.holderKinds).to.deep.equal([{ value: 'UNIVERSITY', count: 4 }]);
      expect(res.facets.ipcSubclasses.map((f: any) => f.value)).to.deep.equal(['C01B', 'A23J', 'C04B', 'C09D']);
    });
  });
});
