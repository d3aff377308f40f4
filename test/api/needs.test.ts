// Issue 18 point 1: technology needs. Their life (DRAFT -> OPEN -> CLOSED with history), who sees
// them (drafts only the owner; a hidden name never leaks, nested fields included), answers by
// holders (an inquiry thread, a notification), search with the listings' engine and facets, and
// bad input (named field, nothing written).
import { expect } from 'chai';
import { sharedStack } from '../helpers/hooks';
import { Client, registerOrg, registerVerified, signInAdmin, type Registered } from '../helpers/client';
import { ADMIN_EMAIL, ADMIN_PASSWORD } from '../helpers/stack';
import { createAsset, createListing, marker, publishedListing } from '../helpers/listings';
import { inbox } from '../helpers/notifications';
import { ANSWER, CLOSE_NEED, CREATE_NEED, GET_NEED, needInput, openNeed, PUBLISH_NEED, SEARCH_NEEDS } from '../helpers/needs';

const REPLY = `mutation($id: ID!, $m: String!) { replyToInquiry(inquiryId: $id, message: $m) { id } }`;
const THREADS = `{ inquiries { id from { id name creditCode } messages { author { id name } body } needs { id owner { id name } } } }`;
// Everything an anonymous visitor can reach from a need, nested.
const DEEP = `query($filter: TechnologyNeedFilter) { technologyNeeds(filter: $filter, first: 50) { edges { node {
  id owner { id name creditCode } nameHidden history { by { name organization { name } } }
  answers { id from { name } messages { author { name } } listing { holder { name } } } } } } }`;

describe('technology needs (issue 18 point 1)', () => {
  let anon: Client;
  let seeker: Registered; // an enterprise that looks for technology
  let holder: Registered; // a university that answers with its listings
  let other: Registered;
  let M: string;
  let listingId: string;

  before(async function () {
    this.timeout(120_000);
    anon = new Client((await sharedStack()).server.url);
    M = marker();
    [seeker, holder, other] = await Promise.all([
      registerOrg(anon, 'ENTERPRISE', { county: 'LUOBEI', name: `萝北${M}负极材料有限公司` }),
      registerOrg(anon, 'UNIVERSITY', { county: 'XIANGYANG', name: `鹤岗${M}学院` }),
      registerOrg(anon, 'ENTERPRISE', { county: 'XINGSHAN' }),
    ]);
    listingId = (await publishedListing(holder.client, { title: '球形石墨负极材料的包覆方法', abstract: `沥青包覆球形石墨。${M}`, classes: ['H01M 4/587'], industries: ['GRAPHITE'] })).id;
  });

  describe('life: DRAFT -> OPEN -> CLOSED, with history', () => {
    it('a draft is seen by its owner only, then opens to everyone, then closes as FOUND', async () => {
      const draft = (await seeker.client.ok(CREATE_NEED, { input: needInput({ title: `石墨负极需求 ${M}` }) })).createTechnologyNeed;
      expect(draft).to.include({ status: 'DRAFT', budgetMin: '500000.00', budgetMax: '3000000.00', county: 'LUOBEI', deadline: '2099-12-31', nameHidden: false });
      expect(draft.ipcPrefixes).to.deep.equal(['H01M 4/58', 'C01B 32']);
      expect(draft.owner.id).to.equal(seeker.orgId);
      expect((await anon.ok(GET_NEED, { id: draft.id })).technologyNeed).to.equal(null);
      expect((await other.client.ok(GET_NEED, { id: draft.id })).technologyNeed).to.equal(null);
      await other.client.fails(PUBLISH_NEED, { id: draft.id }, 'NOT_FOUND');
      expect((await anon.ok(SEARCH_NEEDS, { filter: { text: M } })).technologyNeeds.totalCount).to.equal(0);
      const mine = (await seeker.client.ok(SEARCH_NEEDS, { filter: { text: M, mine: true } })).technologyNeeds;
      expect(mine.edges.map((e: any) => e.node.id)).to.deep.equal([draft.id]);

      const open = (await seeker.client.ok(PUBLISH_NEED, { id: draft.id })).publishTechnologyNeed;
      expect(open.status).to.equal('OPEN');
      expect(open.publishedAt).to.be.a('string');
      const seen = (await anon.ok(GET_NEED, { id: draft.id })).technologyNeed;
      expect(seen).to.include({ status: 'OPEN', title: `石墨负极需求 ${M}` });
      expect(seen.owner.name).to.equal(`萝北${M}负极材料有限公司`);
      expect(seen.history).to.equal(null); // the owner's members only
      await seeker.client.fails(PUBLISH_NEED, { id: draft.id }, 'CONFLICT');
      await other.client.fails(CLOSE_NEED, { id: draft.id, reason: 'WITHDRAWN' }, 'FORBIDDEN');

      const closed = (await seeker.client.ok(CLOSE_NEED, { id: draft.id, reason: 'FOUND', note: '已与高校签约' })).closeTechnologyNeed;
      expect(closed).to.include({ status: 'CLOSED', closeReason: 'FOUND' });
      expect(closed.history.map((h: any) => [h.from, h.to])).to.deep.equal([[null, 'DRAFT'], ['DRAFT', 'OPEN'], ['OPEN', 'CLOSED']]);
      expect(closed.history[2].reason).to.equal('FOUND: 已与高校签约');
      expect(closed.history[2].by.id).to.be.a('string');
      await seeker.client.fails(CLOSE_NEED, { id: draft.id, reason: 'WITHDRAWN' }, 'CONFLICT');
      expect((await anon.ok(GET_NEED, { id: draft.id })).technologyNeed).to.equal(null); // closed: not public
      expect((await anon.ok(SEARCH_NEEDS, { filter: { text: M } })).technologyNeeds.totalCount).to.equal(0);
    });
    it('a draft can be withdrawn, not closed as FOUND', async () => {
      const draft = (await seeker.client.ok(CREATE_NEED, { input: needInput({ title: `撤回的需求 ${M}` }) })).createTechnologyNeed;
      await seeker.client.fails(CLOSE_NEED, { id: draft.id, reason: 'FOUND' }, 'BAD_USER_INPUT', 'reason');
      const closed = (await seeker.client.ok(CLOSE_NEED, { id: draft.id, reason: 'WITHDRAWN' })).closeTechnologyNeed;
      expect(closed).to.include({ status: 'CLOSED', closeReason: 'WITHDRAWN' });
      await seeker.client.fails(PUBLISH_NEED, { id: draft.id }, 'CONFLICT');
    });
  });

  describe('bad input names the field and writes nothing', () => {
    const cases: [string, Record<string, unknown>, string][] = [
      ['a deadline in the past', { deadline: '2020-01-01' }, 'input.deadline'],
      ['a budget floor above the ceiling', { budgetMin: '900.00', budgetMax: '100.00' }, 'input.budgetMax'],
      ['a malformed IPC prefix', { ipcPrefixes: ['C01B', 'graphite'] }, 'input.ipcPrefixes[1]'],
      ['PLEDGE as a wanted deal', { dealTypes: ['PLEDGE'] }, 'input.dealTypes'],
      ['no deal type', { dealTypes: [] }, 'input.dealTypes'],
      ['an empty title', { title: ' ' }, 'input.title'],
      ['a negative budget floor', { budgetMin: '-1.00' }, 'input.budgetMin'],
    ];
    for (const [name, overrides, field] of cases) {
      it(name, async () => {
        await seeker.client.fails(CREATE_NEED, { input: needInput({ ...overrides, title: overrides.title ?? `bad ${M}` }) }, 'BAD_USER_INPUT', field);
      });
    }
    it('nothing was written, and banks do not post needs', async () => {
      const mine = (await seeker.client.ok(SEARCH_NEEDS, { filter: { text: `bad ${M}`, mine: true } })).technologyNeeds;
      expect(mine.totalCount).to.equal(0);
      const regulator = await signInAdmin(anon, ADMIN_EMAIL, ADMIN_PASSWORD);
      const bank = await registerVerified(anon, regulator, 'BANK');
      await bank.client.fails(CREATE_NEED, { input: needInput() }, 'FORBIDDEN');
      await anon.fails(CREATE_NEED, { input: needInput() }, 'UNAUTHENTICATED');
    });
  });

  describe('answers: a holder replies with a listing, which opens an inquiry thread', () => {
    let needId: string;
    before(async () => {
      needId = (await openNeed(seeker.client, { title: `公开名称的负极需求 ${M}` })).id;
    });
    it('opens a thread between the two, tells the owner, and lists it on the need', async () => {
      const inq = (await holder.client.ok(ANSWER, { needId, listingId, message: '我校的包覆技术可满足贵方需求。' })).answerTechnologyNeed;
      expect(inq.dealType).to.equal('LICENSE');
      expect(inq.from).to.deep.equal({ id: seeker.orgId, name: `萝北${M}负极材料有限公司` });
      expect(inq.listing.id).to.equal(listingId);
      expect(inq.needs.map((n: any) => n.id)).to.deep.equal([needId]);
      expect(inq.messages).to.deep.equal([{ author: { id: holder.orgId, name: `鹤岗${M}学院` }, body: '我校的包覆技术可满足贵方需求。' }]);
      const told = (await inbox(seeker.client)).filter((n) => n.kind === 'NEED_ANSWERED');
      expect(told).to.have.length(1);
      expect(told[0]).to.include({ objectType: 'Inquiry', objectId: inq.id });
      expect(told[0].title).to.contain(`鹤岗${M}学院`);
      const own = (await seeker.client.ok(GET_NEED.replace('history {', 'answers { id } history {'), { id: needId })).technologyNeed;
      expect(own.answers.map((a: any) => a.id)).to.deep.equal([inq.id]);
      // the owner replies in the ordinary thread
      await seeker.client.ok(REPLY, { id: inq.id, m: '请提供中试数据。' });
      expect((await inbox(holder.client)).some((n) => n.kind === 'INQUIRY_MESSAGE' && n.objectId === inq.id)).to.equal(true);
      // a second answer with the same listing adds to the same thread
      const again = (await holder.client.ok(ANSWER, { needId, listingId, message: '补充：可提供样品。' })).answerTechnologyNeed;
      expect(again.id).to.equal(inq.id);
      expect(again.messages).to.have.length(3);
    });
    it('refuses: the owner answering, someone else’s or an unpublished listing, a listing that offers nothing wanted, a closed need', async () => {
      await seeker.client.fails(ANSWER, { needId, listingId, message: 'x' }, 'FORBIDDEN');
      await other.client.fails(ANSWER, { needId, listingId, message: 'x' }, 'FORBIDDEN');
      const draftAsset = await createAsset(holder.client, { title: `未发布 ${M}` });
      const draft = await createListing(holder.client, draftAsset.id);
      await holder.client.fails(ANSWER, { needId, listingId: draft.id, message: 'x' }, 'CONFLICT');
      const pledgeOnly = await publishedListing(holder.client, { title: `质押 ${M}` }, { modes: ['PLEDGE'], licenseTypes: null, askingPrice: null });
      await holder.client.fails(ANSWER, { needId, listingId: pledgeOnly.id, message: 'x' }, 'BAD_USER_INPUT', 'listingId');
      await holder.client.fails(ANSWER, { needId, listingId, message: 'x', dealType: 'OPEN_LICENSE' }, 'BAD_USER_INPUT', 'dealType');
      await holder.client.fails(ANSWER, { needId, listingId, message: ' ' }, 'BAD_USER_INPUT', 'message');
      await holder.client.fails(ANSWER, { needId: '0123456789abcdef01234567', listingId, message: 'x' }, 'NOT_FOUND');
      const closed = await openNeed(seeker.client, { title: `已关闭 ${M}` });
      await seeker.client.ok(CLOSE_NEED, { id: closed.id, reason: 'WITHDRAWN' });
      await holder.client.fails(ANSWER, { needId: closed.id, listingId, message: 'x' }, 'NOT_FOUND');
    });
  });

  describe('a hidden name never leaks', () => {
    let needId: string;
    let inquiryId: string;
    const hiddenName = () => `萝北${M}负极材料有限公司`;
    before(async () => {
      needId = (await openNeed(seeker.client, { title: `匿名的石墨烯需求 ${M}`, hideName: true, dealTypes: ['LICENSE'] })).id;
      // a listing of its own: on the listing of the answers above the holder already knows the seeker (see the last test)
      const other = await publishedListing(holder.client, { title: '石墨烯导热膜', abstract: `石墨烯。${M}`, classes: ['C01B 32/184'], industries: ['NEW_MATERIALS'] });
      inquiryId = (await holder.client.ok(ANSWER, { needId, listingId: other.id, message: '可以许可。' })).answerTechnologyNeed.id;
    });
    it('anonymously, through every nested field of the search', async () => {
      for (const client of [anon, other.client]) {
        const res = await client.raw(DEEP, { filter: { text: `匿名 ${M}` } });
        expect(res.errors).to.equal(undefined);
        expect(JSON.stringify(res.data)).not.to.contain(hiddenName());
        expect(JSON.stringify(res.data)).not.to.contain(seeker.orgId);
        const node = res.data.technologyNeeds.edges[0].node;
        expect(node).to.include({ id: needId, owner: null, nameHidden: true, history: null });
        expect(node.answers).to.deep.equal([]);
        expect((await client.ok(GET_NEED, { id: needId })).technologyNeed.owner).to.equal(null);
      }
    });
    it('to the holder that answered, until the owner writes to it', async () => {
      const before = await holder.client.raw(THREADS);
      const thread = before.data.inquiries.find((i: any) => i.id === inquiryId);
      expect(JSON.stringify(thread)).not.to.contain(hiddenName()); // (the public need's thread above names it, rightly)
      expect(thread.from.name).to.equal('匿名需求方（技术需求发布者）');
      expect(thread.from.id).not.to.equal(seeker.orgId);
      expect(thread.from.creditCode).to.equal('');
      expect(thread.needs.map((n: any) => n.owner)).to.deep.equal([null]);
      const deep = await holder.client.raw(DEEP, { filter: { text: `匿名 ${M}` } });
      expect(JSON.stringify(deep.data)).not.to.contain(hiddenName());
      expect(deep.data.technologyNeeds.edges[0].node.answers[0].id).to.equal(inquiryId);
      // the owner sees its own name and the holder's
      expect((await seeker.client.ok(GET_NEED, { id: needId })).technologyNeed.owner.name).to.equal(hiddenName());

      await seeker.client.ok(REPLY, { id: inquiryId, m: '请联系我们。' });
      const after = (await holder.client.ok(THREADS)).inquiries.find((i: any) => i.id === inquiryId);
      expect(after.from).to.include({ id: seeker.orgId, name: hiddenName() });
      expect(after.messages.map((m: any) => m.author.name)).to.deep.equal([`鹤岗${M}学院`, hiddenName()]);
      expect(after.needs[0].owner.name).to.equal(hiddenName());
      // still hidden from everybody else
      expect((await anon.ok(GET_NEED, { id: needId })).technologyNeed.owner).to.equal(null);
      expect((await other.client.ok(GET_NEED, { id: needId })).technologyNeed.owner).to.equal(null);
    });
    it('answered in a thread where the holder already knows the seeker, a hidden need hides nothing from it', async () => {
      const second = (await openNeed(seeker.client, { title: `另一个匿名需求 ${M}`, hideName: true })).id;
      const thread = (await holder.client.ok(ANSWER, { needId: second, listingId, message: '同一项技术。' })).answerTechnologyNeed;
      expect(thread.from.name).to.equal(hiddenName());
      expect(thread.needs.map((n: any) => n.id)).to.include(second);
      expect((await holder.client.ok(GET_NEED, { id: second })).technologyNeed.owner.name).to.equal(hiddenName());
      expect((await anon.ok(GET_NEED, { id: second })).technologyNeed.owner).to.equal(null);
    });
    it('the holder keeps seeing a need it answered after it closes', async () => {
      await seeker.client.ok(CLOSE_NEED, { id: needId, reason: 'FOUND' });
      expect((await holder.client.ok(GET_NEED, { id: needId })).technologyNeed.status).to.equal('CLOSED');
      expect((await other.client.ok(GET_NEED, { id: needId })).technologyNeed).to.equal(null);
    });
  });

  describe('technologyNeeds: search, facets, sorts and pages', () => {
    const ids: Record<string, string> = {};
    before(async () => {
      ids.anode = (await openNeed(seeker.client, { title: `石墨负极材料包覆技术 ${M}x`, deadline: '2099-03-01' })).id;
      ids.soy = (await openNeed(other.client, { title: `大豆蛋白提取工艺 ${M}x`, description: '寻求绿色食品加工技术', industries: ['GREEN_FOOD'], ipcPrefixes: ['A23J'], dealTypes: ['TRANSFER'], budgetMin: null, budgetMax: '200000.00', county: 'XINGSHAN', deadline: '2099-01-15' })).id;
      ids.graphene = (await openNeed(other.client, { title: `Graphene thermal film supplier ${M}x`, description: 'We need graphene heat-dissipation films.', industries: ['NEW_MATERIALS'], ipcPrefixes: ['C01B 32/184'], dealTypes: ['LICENSE', 'OPEN_LICENSE'], budgetMin: null, budgetMax: null, county: 'XINGSHAN', deadline: '2099-06-30' })).id;
    });
    const found = async (filter: Record<string, unknown>, sort?: string) =>
      (await anon.ok(SEARCH_NEEDS, { filter: { ...filter, text: `${filter.text ?? ''} ${M}x` }, sort, first: 50 })).technologyNeeds.edges.map((e: any) => Object.keys(ids).find((k) => ids[k] === e.node.id));
    it('in both languages, through the glossary', async () => {
      expect(await found({ text: 'graphite anode' })).to.deep.equal(['anode']);
      expect(await found({ text: '石墨烯' })).to.deep.equal(['graphene']);
      expect(await found({ text: 'soybean' })).to.deep.equal(['soy']);
    });
    it('filters: industries, counties, deal types, IPC prefix, budget', async () => {
      expect(await found({ industries: ['GREEN_FOOD'] })).to.deep.equal(['soy']);
      expect(await found({ counties: ['XINGSHAN'] }, 'NEWEST')).to.deep.equal(['graphene', 'soy']);
      expect(await found({ dealTypes: ['OPEN_LICENSE'] })).to.deep.equal(['graphene']);
      expect(await found({ classPrefix: 'C01B' })).to.deep.equal(['graphene', 'anode']);
      expect(await found({ classPrefix: 'H01M 4' })).to.deep.equal(['anode']);
      expect(await found({ budgetAtLeast: '1000000.00' }, 'NEWEST')).to.deep.equal(['graphene', 'anode']);
      await anon.fails(SEARCH_NEEDS, { filter: { classPrefix: 'graphite' } }, 'BAD_USER_INPUT', 'filter.classPrefix');
      await anon.fails(SEARCH_NEEDS, { filter: { text: '石'.repeat(201) } }, 'BAD_USER_INPUT', 'filter.text');
      await anon.fails(SEARCH_NEEDS, { first: 101 }, 'BAD_USER_INPUT', 'first');
    });
    it('facets and totalCount over the filtered set', async () => {
      const res = (await anon.ok(SEARCH_NEEDS, { filter: { text: `${M}x` } })).technologyNeeds;
      expect(res.totalCount).to.equal(3);
      expect(res.facets.counties).to.deep.equal([{ value: 'XINGSHAN', count: 2 }, { value: 'LUOBEI', count: 1 }]);
      expect(res.facets.dealTypes).to.deep.equal([{ value: 'LICENSE', count: 2 }, { value: 'OPEN_LICENSE', count: 1 }, { value: 'TRANSFER', count: 2 }].sort((a, b) => b.count - a.count || (a.value < b.value ? -1 : 1)));
      expect(res.facets.ipcSubclasses).to.deep.equal([{ value: 'C01B', count: 2 }, { value: 'A23J', count: 1 }, { value: 'H01M', count: 1 }]);
      expect(res.facets.ownerKinds).to.deep.equal([{ value: 'ENTERPRISE', count: 3 }]);
    });
    it('DEADLINE sort, paged by cursor, gives each once in order', async () => {
      expect(await found({}, 'DEADLINE')).to.deep.equal(['soy', 'anode', 'graphene']);
      const seen: string[] = [];
      let after: string | null = null;
      for (let i = 0; i < 5; i++) {
        const page: any = (await anon.ok(SEARCH_NEEDS, { filter: { text: `${M}x` }, sort: 'DEADLINE', first: 1, after })).technologyNeeds;
        seen.push(...page.edges.map((e: any) => e.node.id));
        if (!page.pageInfo.hasNextPage) break;
        after = page.pageInfo.endCursor;
      }
      expect(seen).to.deep.equal([ids.soy, ids.anode, ids.graphene]);
      await anon.fails(SEARCH_NEEDS, { filter: { text: `${M}x` }, sort: 'NEWEST', after }, 'BAD_USER_INPUT', 'after');
    });
  });
});
