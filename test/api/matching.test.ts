// Issue 18 point 2: suggestions with reasons, both ways, across the two languages; hidden names
// stay hidden in suggestions; bad input.
import { expect } from 'chai';
import { sharedStack } from '../helpers/hooks';
import { Client, registerOrg, type Registered } from '../helpers/client';
import { marker, publishedListing } from '../helpers/listings';
import { CREATE_NEED, needInput, openNeed } from '../helpers/needs';

const SUGGEST_LISTINGS = `query($id: ID!, $first: Int) { suggestedListings(needId: $id, first: $first) { score reasons listing { id holder { id } } } }`;
const SUGGEST_NEEDS = `query($id: ID!, $first: Int) { suggestedNeeds(listingId: $id, first: $first) { score reasons need { id title nameHidden owner { id name } } } }`;

describe('matching: suggestedListings and suggestedNeeds with reasons (issue 18 point 2)', () => {
  let anon: Client;
  let holder: Registered;
  let seeker: Registered;
  let M: string;
  const L: Record<string, string> = {};
  let needId: string;
  let hiddenId: string;

  before(async function () {
    this.timeout(120_000);
    anon = new Client((await sharedStack()).server.url);
    M = marker();
    [holder, seeker] = await Promise.all([registerOrg(anon, 'UNIVERSITY'), registerOrg(anon, 'ENTERPRISE', { name: `隐名${M}企业` })]);
    L.anode = (await publishedListing(holder.client, { title: '一种球形石墨负极材料及其包覆方法', abstract: `沥青包覆球形石墨。${M}`, classes: ['H01M 4/587'], industries: ['GRAPHITE', 'ENERGY'] }, { askingPrice: '800000.00' })).id;
    L.film = (await publishedListing(holder.client, { title: 'Graphene thermal film', abstract: `A graphene heat-dissipation film. ${M}`, classes: ['C01B 32/184'], industries: ['NEW_MATERIALS'] }, { askingPrice: '5000000.00' })).id;
    L.soy = (await publishedListing(holder.client, { title: '一种大豆分离蛋白的制备方法', abstract: `豆粕碱溶酸沉。${M}`, classes: ['A23J 1/14'], industries: ['GREEN_FOOD'] })).id;
    needId = (await openNeed(seeker.client, {
      title: 'Spherical graphite anode material', description: 'We want a coating process for spherical graphite anodes.',
      industries: ['GRAPHITE'], ipcPrefixes: ['H01M 4/58'], dealTypes: ['LICENSE'], budgetMin: null, budgetMax: '1000000.00',
    })).id;
    hiddenId = (await openNeed(seeker.client, { title: `需要石墨负极材料 ${M}`, hideName: true })).id;
  });

  it('suggests listings for a need, across the languages, with the reasons, best first', async () => {
    const res = (await anon.ok(SUGGEST_LISTINGS, { id: needId, first: 50 })).suggestedListings;
    const ours = res.filter((s: any) => Object.values(L).includes(s.listing.id));
    expect(ours.map((s: any) => s.listing.id)[0]).to.equal(L.anode);
    const anode = ours[0];
    expect(anode.reasons[0]).to.match(/^text: .*球形石墨\/spherical graphite/);
    expect(anode.reasons).to.include('IPC H01M 4/58 matches (H01M 4/587)');
    expect(anode.reasons).to.include('industry GRAPHITE');
    expect(anode.reasons).to.include('offers LICENSE');
    expect(anode.reasons).to.include('within budget (800000.00 ≤ 1000000.00 yuan)');
    expect(ours.map((s: any) => s.listing.id)).not.to.include(L.soy); // nothing in common
    const scores = res.map((s: any) => s.score);
    expect(scores).to.deep.equal([...scores].sort((a: number, b: number) => b - a));
    // the owner's own listings are never suggested to it
    expect(res.every((s: any) => s.listing.holder.id !== seeker.orgId)).to.equal(true);
  });

  it('says when a listing is above the budget', async () => {
    const film = await publishedListing(holder.client, { title: '球形石墨负极材料（高价）', abstract: `${M}`, classes: ['H01M 4/587'], industries: ['GRAPHITE'] }, { askingPrice: '9000000.00' });
    const res = (await anon.ok(SUGGEST_LISTINGS, { id: needId, first: 50 })).suggestedListings;
    const pricey = res.find((s: any) => s.listing.id === film.id);
    expect(pricey.reasons).to.include('above budget (9000000.00 > 1000000.00 yuan)');
    expect(pricey.score).to.be.lessThan(res.find((s: any) => s.listing.id === L.anode).score);
  });

  it('suggests needs for a listing; a hidden owner stays hidden', async () => {
    const res = (await anon.ok(SUGGEST_NEEDS, { id: L.anode, first: 50 })).suggestedNeeds;
    const open = res.find((s: any) => s.need.id === needId);
    expect(open.reasons).to.include('IPC H01M 4/58 matches (H01M 4/587)');
    expect(open.reasons[0]).to.match(/^text: /);
    const hidden = res.find((s: any) => s.need.id === hiddenId);
    expect(hidden.need).to.include({ nameHidden: true, owner: null });
    expect(JSON.stringify(hidden)).not.to.contain(`隐名${M}企业`); // (the same owner's public need names it, rightly)
    expect(open.need.owner.name).to.equal(`隐名${M}企业`);
    expect(res.map((s: any) => s.need.id)).not.to.include(undefined);
  });

  it('bad input and what cannot be seen', async () => {
    await anon.fails(SUGGEST_LISTINGS, { id: needId, first: 51 }, 'BAD_USER_INPUT', 'first');
    await anon.fails(SUGGEST_LISTINGS, { id: 'nope' }, 'BAD_USER_INPUT', 'needId');
    await anon.fails(SUGGEST_LISTINGS, { id: '0123456789abcdef01234567' }, 'NOT_FOUND');
    const draft = (await seeker.client.ok(CREATE_NEED, { input: needInput({ title: `草稿 ${M}` }) })).createTechnologyNeed;
    await anon.fails(SUGGEST_LISTINGS, { id: draft.id }, 'NOT_FOUND');
    expect((await seeker.client.ok(SUGGEST_LISTINGS, { id: draft.id, first: 1 })).suggestedListings).to.be.an('array');
    await anon.fails(SUGGEST_NEEDS, { id: '0123456789abcdef01234567' }, 'NOT_FOUND');
    // drafts are never suggested
    const res = (await anon.ok(SUGGEST_NEEDS, { id: L.anode, first: 50 })).suggestedNeeds;
    expect(res.map((s: any) => s.need.id)).not.to.include(draft.id);
  });
});
