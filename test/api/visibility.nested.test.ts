// Nested reads go through the same visibility rules as the top-level queries (docs/visibility.md).
// One world: an owner with a PUBLISHED asset A and a private asset B, both pledged together to a
// bank (one registration), a licence on each, a court preservation on B. Each nested path is walked
// anonymously, as a stranger organization, and as the parties who may see it.
import { expect } from 'chai';
import { Client, registerOrg, registerVerified, type Registered } from '../helpers/client';
import { approve, apply, bankWithProduct, createAsset, enterprise, insertLicense, register, world, type BankWithProduct, type World } from '../helpers/financing';
import { guaranteeInsurer, guaranteePolicy } from '../helpers/guarantee';

const ASSET_DEEP = `query($id: ID!) { ipAsset(id: $id) {
  id pledged owner { id name }
  licenses { id licensee { id } }
  activePledge { id registrationNumber securedAmount pledgee { id } history { to }
    application { id requestedAmount }
    assets { id title licenses { id licensee { id } } restriction { kind note } } }
} }`;
const LISTING_DEEP = `query($id: ID!) { listing(id: $id) { id status
  asset { id pledged activePledge { id assets { id } } licenses { id } }
  history { to by { id name organization { id name } } }
} }`;
const LISTING_EMAIL = `query($id: ID!) { listing(id: $id) { id history { to by { name email } } } }`;
const LISTING_ROLE = `query($id: ID!) { listing(id: $id) { id history { to by { name role } } } }`;
const SEARCH_DEEP = `query($text: String) { listings(filter: { text: $text }, first: 10) { totalCount
  edges { node { id asset { id activePledge { id } licenses { id } } } } } }`;
const LICENCE_DEAL = `query($id: ID!) { ipAsset(id: $id) { id licenses { id deal { id } asset { id } } } }`;

describe('visibility of nested fields', () => {
  let w: World;
  let bp: BankWithProduct;
  let owner: Registered;
  let stranger: Registered;
  let licensee: Registered;
  let publicAsset: string;
  let privateAsset: string;
  let listingId: string;
  let registrationId: string;
  let applicationId: string;
  const title = `可见性测试石墨专利 ${Date.now().toString(36)}`;

  before(async function () {
    this.timeout(120_000);
    w = await world();
    bp = await bankWithProduct(w);
    owner = await enterprise(w, 'NANSHAN');
    stranger = await registerOrg(w.anon, 'ENTERPRISE');
    licensee = await registerOrg(w.anon, 'ENTERPRISE');
    publicAsset = await createAsset(owner.client, { title });
    privateAsset = await createAsset(owner.client, { title: '未公开的质押专利' });
    const listing = await owner.client.ok(`mutation($input: ListingInput!) { createListing(input: $input) { id } }`, {
      input: { assetId: publicAsset, modes: ['LICENSE'], licenseTypes: ['NON_EXCLUSIVE'], askingPrice: '80000.00' },
    });
    listingId = listing.createListing.id;
    await owner.client.ok(`mutation($id: ID!) { publishListing(id: $id) { id } }`, { id: listingId });
    await insertLicense(publicAsset, owner.orgId, licensee.orgId, 'NON_EXCLUSIVE', '2024-01-01', '2030-12-31');
    await insertLicense(privateAsset, owner.orgId, licensee.orgId, 'NON_EXCLUSIVE', '2024-01-01', '2030-12-31');
    applicationId = await apply(owner, bp.productId, [publicAsset, privateAsset]);
    await approve(bp.bank, applicationId);
    registrationId = (await register(bp.bank, applicationId)).id;
    await w.regulator.ok(`mutation($input: AssetRestrictionInput!) { setAssetRestriction(input: $input) { id } }`, {
      input: { assetId: privateAsset, kind: 'COURT_PRESERVATION', since: '2025-08-01', note: '（2025）黑04财保12号' },
    });
  });

  const outsiders = (): [string, Client][] => [['anonymous', w.anon], ['a stranger organization', stranger.client]];

  describe('IpAsset.activePledge and what hangs below it', () => {
    it('outsiders see that the public asset is pledged, not the registration, its co-pledged assets or any licence', async () => {
      for (const [who, client] of outsiders()) {
        const res = await client.raw(ASSET_DEEP, { id: publicAsset });
        expect(res.errors, who).to.equal(undefined);
        const a = res.data.ipAsset;
        expect(a.id, who).to.equal(publicAsset);
        expect(a.pledged, who).to.equal(true);
        expect(a.activePledge, who).to.equal(null);
        expect(a.licenses, who).to.deep.equal([]);
        expect(a.owner.id, who).to.equal(owner.orgId);
      }
    });

    it('outsiders cannot read the private co-pledged asset at all', async () => {
      for (const [who, client] of outsiders()) {
        expect((await client.ok(ASSET_DEEP, { id: privateAsset })).ipAsset, who).to.equal(null);
      }
    });

    it('the owner sees the whole registration: amount, application, both assets, their licences and the restriction', async () => {
      const a = (await owner.client.ok(ASSET_DEEP, { id: publicAsset })).ipAsset;
      expect(a.activePledge.id).to.equal(registrationId);
      expect(a.activePledge.securedAmount).to.equal('3000000.00');
      expect(a.activePledge.pledgee.id).to.equal(bp.bank.orgId);
      expect(a.activePledge.application.id).to.equal(applicationId);
      expect(a.licenses).to.have.length(1);
      const assets = a.activePledge.assets;
      expect(assets.map((x: any) => x.id).sort()).to.deep.equal([publicAsset, privateAsset].sort());
      const priv = assets.find((x: any) => x.id === privateAsset);
      expect(priv.licenses).to.have.length(1);
      expect(priv.restriction.kind).to.equal('COURT_PRESERVATION');
    });

    it('the pledgee bank sees the registration and both pledged assets, but not the licences (not a party to them)', async () => {
      const a = (await bp.bank.client.ok(ASSET_DEEP, { id: publicAsset })).ipAsset;
      expect(a.activePledge.id).to.equal(registrationId);
      expect(a.activePledge.application.id).to.equal(applicationId);
      expect(a.activePledge.assets.map((x: any) => x.id).sort()).to.deep.equal([publicAsset, privateAsset].sort());
      expect(a.licenses).to.deep.equal([]);
      for (const x of a.activePledge.assets) expect(x.licenses).to.deep.equal([]);
    });

    it('a licensee sees its licences and the licensed private asset, but not the pledge registration', async () => {
      for (const id of [publicAsset, privateAsset]) {
        const a = (await licensee.client.ok(ASSET_DEEP, { id })).ipAsset;
        expect(a.id).to.equal(id);
        expect(a.pledged).to.equal(true);
        expect(a.activePledge).to.equal(null);
        expect(a.licenses.map((l: any) => l.licensee.id)).to.deep.equal([licensee.orgId]);
      }
    });

    it('the REGULATOR sees the registration (not the application, which is the applicant’s and the bank’s)', async () => {
      const a = (await w.regulator.ok(ASSET_DEEP, { id: publicAsset })).ipAsset;
      expect(a.activePledge.id).to.equal(registrationId);
      expect(a.activePledge.application).to.equal(null);
      expect(a.activePledge.assets).to.have.length(2);
    });
  });

  describe('Listing -> asset and Listing -> history -> by', () => {
    it('outsiders reading a public listing get the asset without its pledge or licences, and users by name and organization', async () => {
      for (const [who, client] of outsiders()) {
        const res = await client.raw(LISTING_DEEP, { id: listingId });
        expect(res.errors, who).to.equal(undefined);
        const l = res.data.listing;
        expect(l.asset.id, who).to.equal(publicAsset);
        expect(l.asset.pledged, who).to.equal(true);
        expect(l.asset.activePledge, who).to.equal(null);
        expect(l.asset.licenses, who).to.deep.equal([]);
        const published = l.history.find((h: any) => h.to === 'PUBLISHED');
        expect(published.by.id, who).to.equal(owner.userId);
        expect(published.by.name, who).to.be.a('string').and.not.empty;
        expect(published.by.organization.id, who).to.equal(owner.orgId);
      }
    });

    for (const [field, query] of [['email', LISTING_EMAIL], ['role', LISTING_ROLE]] as const) {
      it(`outsiders asking for a user's ${field} get FORBIDDEN on that field and no value`, async () => {
        for (const [who, client] of outsiders()) {
          const res = await client.raw(query, { id: listingId });
          const text = JSON.stringify(res.data);
          expect(text, who).to.not.include(owner.email);
          expect(text, who).to.not.include('ORG_ADMIN');
          expect(res.errors, who).to.be.an('array').that.is.not.empty;
          for (const e of res.errors!) {
            expect(e.extensions?.code, who).to.equal('FORBIDDEN');
            expect((e as { path?: unknown[] }).path?.at(-1), who).to.equal(field);
          }
          expect(res.data.listing.history.every((h: any) => h.by === null), who).to.equal(true);
        }
      });
    }

    it('the holder’s members and the REGULATOR see the email', async () => {
      for (const client of [owner.client, w.regulator]) {
        const l = (await client.ok(LISTING_EMAIL, { id: listingId })).listing;
        expect(l.history.find((h: any) => h.to === 'PUBLISHED').by.email).to.equal(owner.email);
      }
    });

    it('search results hide the pledge and licences of the assets they list', async () => {
      for (const [who, client] of outsiders()) {
        const res = await client.ok(SEARCH_DEEP, { text: title });
        const node = res.listings.edges.find((e: any) => e.node.id === listingId)?.node;
        expect(node, who).to.not.equal(undefined);
        expect(node.asset.activePledge, who).to.equal(null);
        expect(node.asset.licenses, who).to.deep.equal([]);
      }
      const mine = (await owner.client.ok(SEARCH_DEEP, { text: title })).listings.edges.find((e: any) => e.node.id === listingId).node;
      expect(mine.asset.activePledge.id).to.equal(registrationId);
    });
  });

  describe('License -> deal and License -> asset', () => {
    it('a licence reads its asset for the licensee; the deal behind it stays hidden from a non-party', async () => {
      const a = (await licensee.client.ok(LICENCE_DEAL, { id: privateAsset })).ipAsset;
      expect(a.licenses).to.have.length(1);
      expect(a.licenses[0].asset.id).to.equal(privateAsset);
      expect(a.licenses[0].deal).to.equal(null); // recorded without a deal
    });
  });

  describe('Deal -> history -> by', () => {
    it('the counterparty sees who acted by name only; its own members see the email', async () => {
      const buyer = await registerOrg(w.anon, 'ENTERPRISE');
      const deal = (await buyer.client.ok(`mutation($input: ProposeDealInput!) { proposeDeal(input: $input) { id } }`, {
        // The listed asset is pledged: the proposal asks the pledgee's consent (Civil Code art. 444).
        input: { listingId, type: 'LICENSE', licenseType: 'NON_EXCLUSIVE', price: '80000.00', termMonths: 12, pledgeConsentRequested: true },
      })).proposeDeal;
      const q = `query($id: ID!) { deal(id: $id) { id history { to by { name organization { id } email } } } }`;
      const own = (await buyer.client.ok(q, { id: deal.id })).deal;
      expect(own.history[0].by.email).to.equal(buyer.email);
      const seen = await owner.client.raw(q, { id: deal.id });
      expect(seen.data.deal.id).to.equal(deal.id);
      expect(seen.data.deal.history[0].by).to.equal(null);
      expect(seen.errors?.[0].extensions?.code).to.equal('FORBIDDEN');
      expect(JSON.stringify(seen)).to.not.include(buyer.email);
      const nameOnly = (await owner.client.ok(`query($id: ID!) { deal(id: $id) { history { by { name organization { id } } } } }`, { id: deal.id })).deal;
      expect(nameOnly.history[0].by.organization.id).to.equal(buyer.orgId);
      for (const [who, client] of outsiders()) expect((await client.ok(q, { id: deal.id })).deal, who).to.equal(null);
    });
  });

  describe('PledgeApplication and PledgeRegistration reached by id', () => {
    it('outsiders and the licensee get null; the applicant and the bank get them with their assets', async () => {
      const qa = `query($id: ID!) { pledgeApplication(id: $id) { id assets { id } registration { id assets { id } } history { by { email } } } }`;
      for (const [who, client] of [...outsiders(), ['the licensee', licensee.client] as [string, Client]]) {
        expect((await client.ok(qa, { id: applicationId })).pledgeApplication, who).to.equal(null);
      }
      for (const party of [owner, bp.bank]) {
        const res = await party.client.raw(qa, { id: applicationId });
        const app = res.data.pledgeApplication;
        expect(app.assets).to.have.length(2);
        expect(app.registration.id).to.equal(registrationId);
        expect(app.registration.assets).to.have.length(2);
        // Each side sees its own members' emails only.
        const emails = app.history.map((h: any) => h.by?.email).filter(Boolean);
        const mine = party === owner ? [owner.email] : [bp.bank.email, bp.bank.approverEmail]; // four-eyes: the bank's approver approved
        for (const e of emails) expect(mine).to.include(e);
      }
    });

    it('me and the register/login answer still carry the caller’s own email', async () => {
      expect((await owner.client.ok(`{ me { email role } }`)).me).to.deep.equal({ email: owner.email, role: 'ORG_ADMIN' });
      const r = await registerOrg(w.anon, 'ENTERPRISE');
      expect(r.email).to.be.a('string');
      const login = await w.anon.ok(`mutation($e: String!, $p: String!) { login(email: $e, password: $p) { user { email role } } }`, { e: r.email, p: 'correct-horse-battery' });
      expect(login.login.user).to.deep.equal({ email: r.email, role: 'ORG_ADMIN' });
    });
  });
  describe('InsurancePolicy reached through PledgeApplication.insurancePolicy and myInsurancePolicies', () => {
    it('the application’s bank sees the policy backing it; the insurer sees the insured asset; strangers reach neither', async () => {
      const gi = await guaranteeInsurer(w);
      const insurer = gi.insurer;
      const insured = await createAsset(owner.client, { title: '投保的未公开专利' });
      const policy = await guaranteePolicy(gi, owner, [insured], bp.bank.orgId);
      const app = await apply(owner, bp.productId, [insured], { insurancePolicyId: policy.id });
      const q = `query($id: ID!) { pledgeApplication(id: $id) { id insurancePolicy { id holder { id } assets { id } } } }`;
      const seenByBank = (await bp.bank.client.ok(q, { id: app })).pledgeApplication;
      expect(seenByBank.insurancePolicy.id).to.equal(policy.id);
      expect(seenByBank.insurancePolicy.assets.map((a: any) => a.id)).to.deep.equal([insured]);
      for (const [who, client] of outsiders()) expect((await client.ok(q, { id: app })).pledgeApplication, who).to.equal(null);
      const mine = `{ myInsurancePolicies { id assets { id activePledge { id } licenses { id } } } }`;
      const insurerView = (await insurer.client.ok(mine)).myInsurancePolicies.find((p: any) => p.id === policy.id);
      expect(insurerView.assets.map((a: any) => a.id)).to.deep.equal([insured]);
      expect((await stranger.client.ok(mine)).myInsurancePolicies).to.deep.equal([]);
      expect((await insurer.client.ok(`query($id: ID!) { ipAsset(id: $id) { id } }`, { id: privateAsset })).ipAsset).to.equal(null);
    });
  });
});
