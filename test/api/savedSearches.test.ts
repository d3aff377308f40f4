// Issue 18 point 3: saved searches and their alerts. A matching publication tells the user once,
// through the inbox, within a minute; a non-matching one, a draft and a job whose listing is not
// published tell nobody; a job found in the database (written by another process, or left by a
// restart) is done by the running server's poll; a second job for the same listing tells nobody again.
import { expect } from 'chai';
import mongoose, { Types } from 'mongoose';
import { sharedStack } from '../helpers/hooks';
import { addMember, Client, registerOrg, type Registered } from '../helpers/client';
import { createAsset, createListing, marker, publishedListing } from '../helpers/listings';
import { inbox } from '../helpers/notifications';

const SAVE = `mutation($name: String!, $filter: ListingFilter!) { saveSearch(name: $name, filter: $filter) {
  id name createdAt filter { text modes kinds maxPrice classPrefix holderName } } }`;
const LIST = `{ savedSearches { id name filter { text modes maxPrice } } }`;
const DELETE = `mutation($id: ID!) { deleteSavedSearch(id: $id) }`;

describe('saved searches and alerts (issue 18 point 3)', function () {
  this.timeout(180_000);
  let anon: Client;
  let seeker: Registered;
  let colleague: Client;
  let holder: Registered;
  let conn: mongoose.Connection;
  let M: string;
  let savedId: string;

  const alerts = async (client: Client) => (await inbox(client)).filter((n) => n.kind === 'SAVED_SEARCH_MATCH');
  /** Waits until the alert outbox holds no job for these listings (the server's passes are done with them). */
  const jobsDone = async (...listingIds: string[]) => {
    const ids = listingIds.map((id) => new Types.ObjectId(id));
    for (let i = 0; i < 240; i++) {
      if ((await conn.collection('listingalertjobs').countDocuments({ listing: { $in: ids } })) === 0) return;
      await new Promise((r) => setTimeout(r, 250));
    }
    throw new Error('alert jobs still pending after 60 s');
  };

  before(async () => {
    const stack = await sharedStack();
    anon = new Client(stack.server.url);
    conn = await mongoose.createConnection(stack.db.uri).asPromise();
    M = marker();
    [seeker, holder] = await Promise.all([registerOrg(anon, 'ENTERPRISE', { county: 'LUOBEI' }), registerOrg(anon, 'UNIVERSITY')]);
    colleague = (await addMember(seeker, 'MEMBER')).client;
  });
  after(async () => {
    await conn?.close();
  });

  it('saves a named filter; bad input names the field and writes nothing', async () => {
    const saved = (await seeker.client.ok(SAVE, { name: '石墨负极许可', filter: { text: `graphite anode ${M}`, modes: ['LICENSE'], maxPrice: '2000000.00' } })).saveSearch;
    savedId = saved.id;
    expect(saved.filter).to.deep.include({ text: `graphite anode ${M}`, modes: ['LICENSE'], maxPrice: '2000000.00', kinds: null });
    await seeker.client.fails(SAVE, { name: ' ', filter: { text: M } }, 'BAD_USER_INPUT', 'name');
    await seeker.client.fails(SAVE, { name: 'x', filter: { text: M, mine: true } }, 'BAD_USER_INPUT', 'filter.mine');
    await seeker.client.fails(SAVE, { name: 'x', filter: { classPrefix: 'graphite' } }, 'BAD_USER_INPUT', 'filter.classPrefix');
    await seeker.client.fails(SAVE, { name: 'x', filter: {} }, 'BAD_USER_INPUT', 'filter');
    await anon.fails(SAVE, { name: 'x', filter: { text: M } }, 'UNAUTHENTICATED');
    expect((await seeker.client.ok(LIST)).savedSearches.map((s: any) => s.id)).to.deep.equal([savedId]);
    expect((await colleague.ok(LIST)).savedSearches).to.deep.equal([]); // saved per user
    await colleague.fails(DELETE, { id: savedId }, 'NOT_FOUND');
  });

  it('a matching publication (in the other language) tells the user once, within a minute; nobody else', async () => {
    const listing = await publishedListing(holder.client, { title: '一种石墨负极材料', abstract: `球形石墨负极。${M}`, classes: ['H01M 4/587'] }, { modes: ['LICENSE'], licenseTypes: ['NON_EXCLUSIVE'], askingPrice: '800000.00' });
    let got: any[] = [];
    for (let i = 0; i < 240 && got.length === 0; i++) {
      got = await alerts(seeker.client);
      if (got.length === 0) await new Promise((r) => setTimeout(r, 250));
    }
    expect(got).to.have.length(1);
    expect(got[0]).to.include({ objectType: 'Listing', objectId: listing.id, read: false });
    expect(got[0].title).to.contain('石墨负极许可');
    await jobsDone(listing.id);
    expect(await alerts(seeker.client)).to.have.length(1);
    expect(await alerts(colleague)).to.deep.equal([]);
    expect(await alerts(holder.client)).to.deep.equal([]);
    expect(await conn.collection('savedsearchmatches').countDocuments({ listing: new Types.ObjectId(listing.id) })).to.equal(1);

    // the same listing's job again (another process, a retry after a crash): nobody is told twice
    await conn.collection('listingalertjobs').insertOne({ listing: new Types.ObjectId(listing.id), createdAt: new Date() });
    await jobsDone(listing.id);
    expect(await alerts(seeker.client)).to.have.length(1);
    expect(await conn.collection('savedsearchmatches').countDocuments({ listing: new Types.ObjectId(listing.id) })).to.equal(1);
  });

  it('not for a non-matching publication, a draft, or a job whose listing is not published', async () => {
    const before = (await alerts(seeker.client)).length;
    const transfer = await publishedListing(holder.client, { title: '石墨负极材料的转让', abstract: `转让。${M}` }, { modes: ['TRANSFER'], licenseTypes: null, askingPrice: '800000.00' });
    const pricey = await publishedListing(holder.client, { title: '石墨负极材料（高价）', abstract: `许可。${M}` }, { askingPrice: '9000000.00' });
    const asset = await createAsset(holder.client, { title: '石墨负极材料草稿', abstract: `草稿。${M}` });
    const draft = await createListing(holder.client, asset.id);
    // an outbox job whose publication never happened (a publish that failed after writing it)
    await conn.collection('listingalertjobs').insertOne({ listing: new Types.ObjectId(draft.id), createdAt: new Date(Date.now() - 10 * 60_000) });
    await jobsDone(transfer.id, pricey.id, draft.id);
    expect(await alerts(seeker.client)).to.have.length(before);
  });

  it('a job found in the database is done by the poll (durable: no memory of the publish needed)', async () => {
    // published before this search was saved: its own job is long done, without a match
    const older = await publishedListing(holder.client, { title: '膨胀石墨密封材料', abstract: `柔性石墨。${M}` });
    await jobsDone(older.id);
    const second = (await seeker.client.ok(SAVE, { name: '膨胀石墨', filter: { text: `expanded graphite ${M}` } })).saveSearch;
    // as left by a server that stopped between writing the job and matching it
    await conn.collection('listingalertjobs').insertOne({ listing: new Types.ObjectId(older.id), createdAt: new Date() });
    let got: any[] = [];
    for (let i = 0; i < 240 && got.length === 0; i++) {
      got = (await alerts(seeker.client)).filter((n) => n.objectId === older.id);
      if (got.length === 0) await new Promise((r) => setTimeout(r, 250));
    }
    expect(got).to.have.length(1);
    expect(got[0].title).to.contain('膨胀石墨');
    expect((await seeker.client.ok(DELETE, { id: second.id })).deleteSavedSearch).to.equal(true);
    expect((await seeker.client.ok(LIST)).savedSearches.map((s: any) => s.id)).to.deep.equal([savedId]);
  });
});
