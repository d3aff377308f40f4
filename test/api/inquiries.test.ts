// Inquiries: an organization asks about a listing, the holder answers, both sides write in one
// thread, nobody else sees it.
import { expect } from 'chai';
import { sharedStack } from '../helpers/hooks';
import { Client, registerOrg, type Registered } from '../helpers/client';
import { createAsset, createListing, publishedListing, WITHDRAW } from '../helpers/listings';

const THREAD = `id dealType createdAt listing { id status } from { id name } messages { author { id } body at }`;
const SEND = `mutation($listingId: ID!, $dealType: DealType!, $message: String!) {
  sendInquiry(listingId: $listingId, dealType: $dealType, message: $message) { ${THREAD} }
}`;
const REPLY = `mutation($inquiryId: ID!, $message: String!) { replyToInquiry(inquiryId: $inquiryId, message: $message) { ${THREAD} } }`;
const INQUIRIES = `query($listingId: ID) { inquiries(listingId: $listingId) { ${THREAD} } }`;

describe('inquiries', () => {
  let anon: Client;
  let holder: Registered;
  let asker: Registered;
  let stranger: Registered;
  let listing: any;

  before(async () => {
    anon = new Client((await sharedStack()).server.url);
    [holder, asker, stranger] = await Promise.all([
      registerOrg(anon, 'UNIVERSITY'),
      registerOrg(anon, 'ENTERPRISE', { county: 'LUOBEI' }),
      registerOrg(anon, 'ENTERPRISE'),
    ]);
    listing = await publishedListing(holder.client, {}, { modes: ['LICENSE', 'TRANSFER'], licenseTypes: ['NON_EXCLUSIVE'] });
  });

  it('the asker writes, the holder answers, both see one thread; nobody else does', async () => {
    const sent = (await asker.client.ok(SEND, { listingId: listing.id, dealType: 'LICENSE', message: '  请问普通许可的年费和技术支持方式？ ' })).sendInquiry;
    expect(sent).to.deep.include({ dealType: 'LICENSE', listing: { id: listing.id, status: 'PUBLISHED' } });
    expect(sent.from.id).to.equal(asker.orgId);
    expect(sent.messages).to.have.length(1);
    expect(sent.messages[0]).to.deep.include({ author: { id: asker.orgId }, body: '请问普通许可的年费和技术支持方式？' });

    const replied = (await holder.client.ok(REPLY, { inquiryId: sent.id, message: '年费20万元，含现场指导。' })).replyToInquiry;
    expect(replied.messages.map((m: any) => [m.author.id, m.body])).to.deep.equal([
      [asker.orgId, '请问普通许可的年费和技术支持方式？'],
      [holder.orgId, '年费20万元，含现场指导。'],
    ]);
    await asker.client.ok(REPLY, { inquiryId: sent.id, message: '好的，我们安排考察。' });

    for (const side of [holder, asker]) {
      const threads = (await side.client.ok(INQUIRIES, { listingId: listing.id })).inquiries;
      expect(threads.map((t: any) => t.id)).to.deep.equal([sent.id]);
      expect(threads[0].messages.map((m: any) => m.author.id)).to.deep.equal([asker.orgId, holder.orgId, asker.orgId]);
      expect((await side.client.ok(INQUIRIES, {})).inquiries.map((t: any) => t.id)).to.include(sent.id);
    }
    expect((await stranger.client.ok(INQUIRIES, { listingId: listing.id })).inquiries).to.deep.equal([]);
    expect((await stranger.client.ok(INQUIRIES, {})).inquiries).to.deep.equal([]);
    await stranger.client.fails(REPLY, { inquiryId: sent.id, message: '我也想问' }, 'NOT_FOUND');
    await anon.fails(INQUIRIES, {}, 'UNAUTHENTICATED');
    await anon.fails(REPLY, { inquiryId: sent.id, message: 'hi' }, 'UNAUTHENTICATED');
    // the stranger's attempt left no trace
    const after = (await holder.client.ok(INQUIRIES, { listingId: listing.id })).inquiries[0];
    expect(after.messages).to.have.length(3);
  });

  it('asking again about the same deal type continues the thread; another deal type opens another', async () => {
    const org = await registerOrg(anon, 'ENTERPRISE');
    const a = (await org.client.ok(SEND, { listingId: listing.id, dealType: 'TRANSFER', message: '转让价格可谈吗？' })).sendInquiry;
    const b = (await org.client.ok(SEND, { listingId: listing.id, dealType: 'TRANSFER', message: '补充：希望分期付款。' })).sendInquiry;
    expect(b.id).to.equal(a.id);
    expect(b.messages.map((m: any) => m.body)).to.deep.equal(['转让价格可谈吗？', '补充：希望分期付款。']);
    const c = (await org.client.ok(SEND, { listingId: listing.id, dealType: 'LICENSE', message: '也考虑许可。' })).sendInquiry;
    expect(c.id).to.not.equal(a.id);
    expect((await org.client.ok(INQUIRIES, { listingId: listing.id })).inquiries).to.have.length(2);
  });

  describe('refusals', () => {
    it('bad input gets BAD_USER_INPUT naming the field', async () => {
      await asker.client.fails(SEND, { listingId: listing.id, dealType: 'LICENSE', message: '   ' }, 'BAD_USER_INPUT', 'message');
      await asker.client.fails(SEND, { listingId: listing.id, dealType: 'LICENSE', message: '问'.repeat(2001) }, 'BAD_USER_INPUT', 'message');
      await asker.client.fails(SEND, { listingId: listing.id, dealType: 'PLEDGE', message: '可以质押吗？' }, 'BAD_USER_INPUT', 'dealType');
      await asker.client.fails(SEND, { listingId: 'nope', dealType: 'LICENSE', message: 'hi' }, 'BAD_USER_INPUT', 'listingId');
      const thread = (await asker.client.ok(INQUIRIES, { listingId: listing.id })).inquiries[0];
      await holder.client.fails(REPLY, { inquiryId: thread.id, message: '' }, 'BAD_USER_INPUT', 'message');
      await holder.client.fails(REPLY, { inquiryId: 'nope', message: 'hi' }, 'BAD_USER_INPUT', 'inquiryId');
      const same = (await asker.client.ok(INQUIRIES, { listingId: listing.id })).inquiries[0];
      expect(same.messages).to.have.length(thread.messages.length);
    });

    it('a 2000-character message is fine', async () => {
      const org = await registerOrg(anon, 'ENTERPRISE');
      const t = (await org.client.ok(SEND, { listingId: listing.id, dealType: 'LICENSE', message: '问'.repeat(2000) })).sendInquiry;
      expect(t.messages[0].body).to.have.length(2000);
    });

    it('the holder does not inquire about its own listing (FORBIDDEN)', async () => {
      await holder.client.fails(SEND, { listingId: listing.id, dealType: 'LICENSE', message: 'self' }, 'FORBIDDEN');
    });

    it('drafts cannot be asked about (NOT_FOUND); withdrawn listings take no new inquiries', async () => {
      const a = await createAsset(holder.client);
      const draft = await createListing(holder.client, a.id);
      await asker.client.fails(SEND, { listingId: draft.id, dealType: 'LICENSE', message: 'hi' }, 'NOT_FOUND');
      const l = await publishedListing(holder.client);
      const t = (await asker.client.ok(SEND, { listingId: l.id, dealType: 'LICENSE', message: '第一次询问' })).sendInquiry;
      await holder.client.ok(WITHDRAW, { id: l.id });
      await asker.client.fails(SEND, { listingId: l.id, dealType: 'LICENSE', message: '还在吗？' }, 'CONFLICT');
      await stranger.client.fails(SEND, { listingId: l.id, dealType: 'LICENSE', message: '还在吗？' }, 'NOT_FOUND');
      // the thread lives on for both sides, and shows the listing's new state
      const r = (await holder.client.ok(REPLY, { inquiryId: t.id, message: '已撤回，抱歉。' })).replyToInquiry;
      expect(r.listing.status).to.equal('WITHDRAWN');
      expect((await asker.client.ok(INQUIRIES, { listingId: l.id })).inquiries[0].messages).to.have.length(2);
    });

    it('a thread holds at most 200 messages, even when they arrive all at once', async function () {
      this.timeout(120_000);
      const org = await registerOrg(anon, 'ENTERPRISE');
      const t = (await org.client.ok(SEND, { listingId: listing.id, dealType: 'TRANSFER', message: 'm0' })).sendInquiry;
      const results = await Promise.all(
        Array.from({ length: 205 }, (_, i) => (i % 2 ? holder.client : org.client).raw(REPLY, { inquiryId: t.id, message: `m${i + 1}` })),
      );
      expect(results.filter((r) => !r.errors).length).to.equal(199);
      expect(results.filter((r) => r.errors?.[0]?.extensions?.code === 'CONFLICT').length).to.equal(6);
      const thread = (await org.client.ok(INQUIRIES, { listingId: listing.id })).inquiries.find((x: any) => x.id === t.id);
      expect(thread.messages).to.have.length(200);
      expect(new Set(thread.messages.map((m: any) => m.body)).size).to.equal(200);
    });
  });
});
