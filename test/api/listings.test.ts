// Listings: the university journey (register -> asset -> listing -> publish), the state machine,
// publication rules, open licences and who may do what.
import { verifyAsset } from '../helpers/verify';
import { expect } from 'chai';
import { sharedStack } from '../helpers/hooks';
import { Client, registerOrg, type Registered } from '../helpers/client';
import {
  CREATE_LISTING, createAsset, createListing, GET_LISTING, patentNumber, publish, PUBLISH, trademarkNumber, WITHDRAW,
} from '../helpers/listings';

describe('listings', () => {
  let anon: Client;
  let university: Registered;
  let stranger: Registered;

  before(async () => {
    anon = new Client((await sharedStack()).server.url);
    stranger = await registerOrg(anon, 'ENTERPRISE', { county: 'LUOBEI' });
  });

  it('the university journey: register, record a patent, draft a listing, publish it', async () => {
    university = await registerOrg(anon, 'UNIVERSITY', { name: '鹤岗师范高等专科学校（测试）', county: 'XIANGYANG' });
    const asset = await createAsset(university.client, { title: '一种球形石墨的制备方法', classes: ['C01B 32/21'] });
    const draft = await createListing(university.client, asset.id, {
      modes: ['LICENSE', 'TRANSFER'],
      licenseTypes: ['EXCLUSIVE', 'NON_EXCLUSIVE'],
      askingPrice: '1200000.50',
      description: '可提供技术指导',
    });
    expect(draft).to.include({ status: 'DRAFT', askingPrice: '1200000.50', negotiable: true, description: '可提供技术指导', publishedAt: null });
    expect(draft.modes).to.deep.equal(['LICENSE', 'TRANSFER']);
    expect(draft.licenseTypes).to.deep.equal(['EXCLUSIVE', 'NON_EXCLUSIVE']);
    expect(draft.holder).to.deep.equal({ id: university.orgId, name: '鹤岗师范高等专科学校（测试）', kind: 'UNIVERSITY', county: 'XIANGYANG' });
    expect(draft.asset).to.deep.include({ id: asset.id, number: asset.number });
    expect(draft.history).to.have.length(1);
    expect(draft.history[0]).to.include({ from: null, to: 'DRAFT' });
    expect(draft.history[0].by.id).to.equal(university.userId);

    const published = await publish(university.client, draft.id);
    expect(published.status).to.equal('PUBLISHED');
    expect(Date.parse(published.publishedAt)).to.be.closeTo(Date.now(), 60_000);
    expect(published.history.map((h: any) => [h.from, h.to])).to.deep.equal([[null, 'DRAFT'], ['DRAFT', 'PUBLISHED']]);

    // Now public: anyone reads it, with its asset.
    const seen = (await anon.ok(GET_LISTING, { id: draft.id })).listing;
    expect(seen).to.deep.include({ id: draft.id, status: 'PUBLISHED', askingPrice: '1200000.50' });
    expect(seen.asset.title).to.equal('一种球形石墨的制备方法');
  });

  it('shows a draft to its holder only', async () => {
    const asset = await createAsset(university.client);
    const draft = await createListing(university.client, asset.id);
    expect((await university.client.ok(GET_LISTING, { id: draft.id })).listing.status).to.equal('DRAFT');
    expect((await stranger.client.ok(GET_LISTING, { id: draft.id })).listing).to.equal(null);
    expect((await anon.ok(GET_LISTING, { id: draft.id })).listing).to.equal(null);
  });

  describe('the state machine', () => {
    it('a withdrawn draft can be neither withdrawn again nor published (CONFLICT), and keeps its state', async () => {
      const asset = await createAsset(university.client);
      const listing = await createListing(university.client, asset.id);
      expect((await university.client.ok(WITHDRAW, { id: listing.id })).withdrawListing.status).to.equal('WITHDRAWN');
      const again = await university.client.fails(WITHDRAW, { id: listing.id }, 'CONFLICT');
      expect(again.extensions?.status).to.equal('WITHDRAWN');
      await university.client.fails(PUBLISH, { id: listing.id }, 'CONFLICT');
      const still = (await university.client.ok(GET_LISTING, { id: listing.id })).listing;
      expect(still.status).to.equal('WITHDRAWN');
      expect(still.history.map((h: any) => h.to)).to.deep.equal(['DRAFT', 'WITHDRAWN']);
    });

    it('withdrawing twice: the second is CONFLICT; publishing twice: the second is CONFLICT', async () => {
      const a = await createAsset(university.client);
      const l = await createListing(university.client, a.id);
      await publish(university.client, l.id);
      await university.client.fails(PUBLISH, { id: l.id }, 'CONFLICT');
      expect((await university.client.ok(WITHDRAW, { id: l.id })).withdrawListing.status).to.equal('WITHDRAWN');
      await university.client.fails(WITHDRAW, { id: l.id }, 'CONFLICT');
      const h = (await university.client.ok(GET_LISTING, { id: l.id })).listing.history;
      expect(h.map((x: any) => x.to)).to.deep.equal(['DRAFT', 'PUBLISHED', 'WITHDRAWN']);
    });

    it('allows one open listing per asset; after withdrawing, a new one', async () => {
      const a = await createAsset(university.client);
      const first = await createListing(university.client, a.id);
      await university.client.fails(CREATE_LISTING, { input: { assetId: a.id, modes: ['TRANSFER'] } }, 'CONFLICT');
      await university.client.ok(WITHDRAW, { id: first.id });
      const second = await createListing(university.client, a.id, { modes: ['TRANSFER'], licenseTypes: null });
      expect(second.status).to.equal('DRAFT');
    });

    it('of five concurrent listings of one asset, exactly one is created', async () => {
      const a = await createAsset(university.client);
      const input = { assetId: a.id, modes: ['TRANSFER'] };
      const results = await Promise.all(Array.from({ length: 5 }, () => university.client.raw(CREATE_LISTING, { input })));
      expect(results.filter((r) => !r.errors).length).to.equal(1);
      expect(results.filter((r) => r.errors?.[0]?.extensions?.code === 'CONFLICT').length).to.equal(4);
    });
  });

  describe('publication rules', () => {
    it('an EXPIRED asset cannot be published (CONFLICT), and the listing stays a draft', async () => {
      const expired = await createAsset(university.client, { number: patentNumber('1', 2004), filingDate: '2004-02-02', grantDate: '2007-03-03' });
      expect(expired.legalStatus).to.equal('EXPIRED');
      const l = await createListing(university.client, expired.id);
      const err = await university.client.fails(PUBLISH, { id: l.id }, 'CONFLICT');
      expect(err.message).to.match(/EXPIRED/);
      expect((await university.client.ok(GET_LISTING, { id: l.id })).listing.status).to.equal('DRAFT');
    });

    it('a PENDING application can be offered for licensing or transfer of the application right, not for pledge', async () => {
      const pending = await createAsset(university.client, { legalStatus: 'PENDING', grantDate: null, number: patentNumber('1', 2024), filingDate: '2024-05-06' });
      const forPledge = await createListing(university.client, pending.id, { modes: ['PLEDGE'], licenseTypes: null });
      expect((await university.client.fails(PUBLISH, { id: forPledge.id }, 'CONFLICT')).message).to.match(/PENDING/);
      await university.client.ok(WITHDRAW, { id: forPledge.id });
      const forTransfer = await createListing(university.client, pending.id, { modes: ['TRANSFER'], licenseTypes: null });
      expect((await publish(university.client, forTransfer.id)).status).to.equal('PUBLISHED');
      await university.client.ok(WITHDRAW, { id: forTransfer.id });
      const forLicence = await createListing(university.client, pending.id, { modes: ['LICENSE'] });
      expect((await publish(university.client, forLicence.id)).status).to.equal('PUBLISHED');
    });

    it('bad terms get BAD_USER_INPUT naming the field', async () => {
      const a = await createAsset(university.client);
      const cases: [Record<string, unknown>, string][] = [
        [{ askingPrice: '-5.00' }, 'input.askingPrice'],
        [{ askingPrice: '0.00' }, 'input.askingPrice'],
        [{ modes: [] }, 'input.modes'],
        [{ modes: ['LICENSE'], licenseTypes: [] }, 'input.licenseTypes'],
        [{ modes: ['TRANSFER'], licenseTypes: ['EXCLUSIVE'] }, 'input.licenseTypes'],
        [{ assetId: 'nope' }, 'input.assetId'],
        [{ description: 'x'.repeat(5001) }, 'input.description'],
      ];
      for (const [overrides, field] of cases) {
        const input = { assetId: a.id, modes: ['LICENSE'], licenseTypes: ['NON_EXCLUSIVE'], askingPrice: '100.00', ...overrides };
        await university.client.fails(CREATE_LISTING, { input }, 'BAD_USER_INPUT', field);
      }
      const money = await university.client.fails(CREATE_LISTING, { input: { assetId: a.id, modes: ['TRANSFER'], askingPrice: '12.345' } }, 'BAD_USER_INPUT');
      expect(money.extensions?.field).to.equal('input.askingPrice');
      // nothing was created: a valid listing can still be made
      expect((await createListing(university.client, a.id)).status).to.equal('DRAFT');
    });
  });

  describe('open licences (专利开放许可)', () => {
    it('publishes a fixed, non-exclusive fee for a valid patent', async () => {
      const a = await createAsset(university.client);
      await verifyAsset(university.client, a.id); // only VERIFIED rights go under an open licence
      const l = await createListing(university.client, a.id, { modes: ['OPEN_LICENSE'], licenseTypes: null, askingPrice: '20000.00', negotiable: false });
      expect(l).to.include({ negotiable: false, askingPrice: '20000.00' });
      expect(l.licenseTypes).to.deep.equal(['NON_EXCLUSIVE']);
      expect((await publish(university.client, l.id)).status).to.equal('PUBLISHED');
    });

    it('refuses what an open licence cannot be', async () => {
      const a = await createAsset(university.client);
      const tm = await createAsset(university.client, { kind: 'TRADEMARK', number: trademarkNumber(), filingDate: '2019-01-01', grantDate: '2020-01-01', classes: ['30'] });
      const input = (o: Record<string, unknown>) => ({ input: { assetId: a.id, modes: ['OPEN_LICENSE'], askingPrice: '20000.00', ...o } });
      await university.client.fails(CREATE_LISTING, input({ askingPrice: null }), 'BAD_USER_INPUT', 'input.askingPrice');
      await university.client.fails(CREATE_LISTING, input({ negotiable: true }), 'BAD_USER_INPUT', 'input.negotiable');
      await university.client.fails(CREATE_LISTING, input({ modes: ['OPEN_LICENSE', 'TRANSFER'] }), 'BAD_USER_INPUT', 'input.modes');
      await university.client.fails(CREATE_LISTING, input({ licenseTypes: ['EXCLUSIVE'] }), 'BAD_USER_INPUT', 'input.licenseTypes');
      await university.client.fails(CREATE_LISTING, input({ assetId: tm.id }), 'BAD_USER_INPUT', 'input.modes');
      const pending = await createAsset(university.client, { legalStatus: 'PENDING', grantDate: null, number: patentNumber('1', 2025), filingDate: '2025-01-06' });
      const l = await createListing(university.client, pending.id, { modes: ['OPEN_LICENSE'], licenseTypes: null, askingPrice: '1000.00' });
      expect((await university.client.fails(PUBLISH, { id: l.id }, 'CONFLICT')).message).to.match(/VALID/);
    });
  });

  describe('authorization', () => {
    it('a stranger cannot list an asset it does not own (NOT_FOUND while it cannot see it); nothing is created', async () => {
      const a = await createAsset(university.client);
      await stranger.client.fails(CREATE_LISTING, { input: { assetId: a.id, modes: ['TRANSFER'] } }, 'NOT_FOUND');
      expect((await createListing(university.client, a.id)).status).to.equal('DRAFT'); // still free to list
    });

    it('a stranger cannot publish a draft (NOT_FOUND: drafts are invisible) or withdraw a published listing (FORBIDDEN)', async () => {
      const a = await createAsset(university.client);
      const l = await createListing(university.client, a.id);
      await stranger.client.fails(PUBLISH, { id: l.id }, 'NOT_FOUND');
      expect((await university.client.ok(GET_LISTING, { id: l.id })).listing.status).to.equal('DRAFT');
      await publish(university.client, l.id);
      await stranger.client.fails(WITHDRAW, { id: l.id }, 'FORBIDDEN');
      await anon.fails(WITHDRAW, { id: l.id }, 'UNAUTHENTICATED');
      expect((await anon.ok(GET_LISTING, { id: l.id })).listing.status).to.equal('PUBLISHED');
    });

    it('unknown and malformed ids', async () => {
      await university.client.fails(PUBLISH, { id: '0123456789abcdef01234567' }, 'NOT_FOUND');
      await university.client.fails(PUBLISH, { id: 'nope' }, 'BAD_USER_INPUT', 'id');
      expect((await anon.ok(GET_LISTING, { id: 'nope' })).listing).to.equal(null);
    });
  });
});
