// The enterprise journey: a graphite company searches licensable technology in Chinese, narrows it
// with filters and facets, pages through with cursors, inquires, and reads the holder's answer.
import { expect } from 'chai';
import { sharedStack } from '../helpers/hooks';
import { Client, registerOrg, type Registered } from '../helpers/client';
import { marker, publishedListing, SEARCH } from '../helpers/listings';

const SEND = `mutation($listingId: ID!, $dealType: DealType!, $message: String!) {
  sendInquiry(listingId: $listingId, dealType: $dealType, message: $message) { id dealType from { id } messages { author { id } body } }
}`;
const REPLY = `mutation($inquiryId: ID!, $message: String!) { replyToInquiry(inquiryId: $inquiryId, message: $message) { id messages { body } } }`;
const THREADS = `query($listingId: ID) { inquiries(listingId: $listingId) { id dealType listing { id } from { id } messages { author { id } body } } }`;

describe('the enterprise journey: search -> filter -> facet -> page -> inquire', () => {
  let anon: Client;
  let college: Registered;
  let other: Registered;
  let buyer: Registered;
  let M: string;
  const graphiteForLicence: string[] = [];

  before(async function () {
    this.timeout(120_000);
    anon = new Client((await sharedStack()).server.url);
    [college, other, buyer] = await Promise.all([
      registerOrg(anon, 'UNIVERSITY', { name: '鹤岗师范高等专科学校（测试）', county: 'XIANGYANG' }),
      registerOrg(anon, 'ENTERPRISE', { county: 'XINGSHAN' }),
      registerOrg(anon, 'ENTERPRISE', { name: '萝北某石墨企业（测试）', county: 'LUOBEI' }),
    ]);
    M = marker();
    const titles = ['高纯石墨提纯工艺', '球形石墨整形装置', '石墨烯分散液制备', '石墨负极包覆方法', '膨胀石墨导热膜', '微晶石墨提纯'];
    for (const [i, title] of titles.entries()) {
      const l = await publishedListing(college.client, { title, abstract: `${M} 鹤岗石墨产业` }, { modes: ['LICENSE'], licenseTypes: ['NON_EXCLUSIVE'], askingPrice: `${(i + 1) * 100000}.00` });
      graphiteForLicence.push(l.id);
    }
    await publishedListing(college.client, { title: '石墨矿尾矿综合利用', abstract: M }, { modes: ['TRANSFER'], licenseTypes: null, askingPrice: '900000.00' });
    await publishedListing(other.client, { title: '石墨烯电热膜', abstract: M }, { modes: ['LICENSE'], licenseTypes: ['SOLE'], askingPrice: '700000.00' });
    await publishedListing(college.client, { title: '黑木耳菌棒', abstract: M, industries: ['GREEN_FOOD'] }, { modes: ['LICENSE'], licenseTypes: ['NON_EXCLUSIVE'] });
  });

  it('finds, narrows, pages through and asks', async () => {
    const c = buyer.client;
    // 1. search in Chinese
    const all = (await c.ok(SEARCH, { filter: { text: `石墨 ${M}` }, first: 20 })).listings;
    expect(all.totalCount).to.equal(8);
    expect(all.facets.modes).to.deep.equal([{ value: 'LICENSE', count: 7 }, { value: 'TRANSFER', count: 1 }]);
    expect(all.facets.counties).to.deep.equal([{ value: 'XIANGYANG', count: 7 }, { value: 'XINGSHAN', count: 1 }]);

    // 2. narrow with the facets just seen: licences from Xiangyang
    const filter = { text: `石墨 ${M}`, modes: ['LICENSE'], counties: ['XIANGYANG'] };
    const narrowed = (await c.ok(SEARCH, { filter, first: 1 })).listings;
    expect(narrowed.totalCount).to.equal(6);
    expect(narrowed.facets.modes).to.deep.equal([{ value: 'LICENSE', count: 6 }]);
    expect(narrowed.facets.counties).to.deep.equal([{ value: 'XIANGYANG', count: 6 }]);

    // 3. page through, cheapest first, two at a time
    const seen: string[] = [];
    const prices: string[] = [];
    let after: string | null = null;
    let pages = 0;
    do {
      const page: any = (await c.ok(SEARCH, { filter, sort: 'PRICE_ASC', first: 2, after })).listings;
      seen.push(...page.edges.map((e: any) => e.node.id));
      prices.push(...page.edges.map((e: any) => e.node.askingPrice));
      expect(page.totalCount).to.equal(6);
      after = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
      pages++;
    } while (after);
    expect(pages).to.equal(3);
    expect(seen).to.deep.equal(graphiteForLicence); // published cheapest first
    expect(prices).to.deep.equal(['100000.00', '200000.00', '300000.00', '400000.00', '500000.00', '600000.00']);

    // 4. ask about the spherical graphite line
    const chosen = seen[1]!;
    const inquiry = (await c.ok(SEND, { listingId: chosen, dealType: 'LICENSE', message: '我司年产球形石墨5000吨，希望获得普通许可，请报价。' })).sendInquiry;
    expect(inquiry.from.id).to.equal(buyer.orgId);

    // 5. the college sees it among its received inquiries and answers
    const received = (await college.client.ok(THREADS, {})).inquiries;
    expect(received.map((t: any) => t.id)).to.include(inquiry.id);
    await college.client.ok(REPLY, { inquiryId: inquiry.id, message: '许可费20万元/年，可派技术人员驻厂指导。' });

    // 6. both see the same two messages; the other enterprise sees nothing
    for (const side of [buyer, college]) {
      const [thread] = (await side.client.ok(THREADS, { listingId: chosen })).inquiries;
      expect(thread.listing.id).to.equal(chosen);
      expect(thread.messages.map((m: any) => m.author.id)).to.deep.equal([buyer.orgId, college.orgId]);
      expect(thread.messages[1].body).to.equal('许可费20万元/年，可派技术人员驻厂指导。');
    }
    expect((await other.client.ok(THREADS, { listingId: chosen })).inquiries).to.deep.equal([]);
  });
});
