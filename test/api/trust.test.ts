// Issue 11 points 1, 3, 4, 9 over HTTP: verified rights and competing claims, the attack of a
// thousand invented "strategic" patents, rights changing over time with history, listings that stop
// advertising what a pledged asset can no longer do, and the regulator's audit trail.
import { expect } from 'chai';
import { Client, registerOrg, signInAdmin, type Registered } from '../helpers/client';
import { sharedStack } from '../helpers/hooks';
import { ADMIN_EMAIL, ADMIN_PASSWORD, startStack } from '../helpers/stack';
import { VERIFY_ASSET } from '../helpers/verify';
import { AUDIT, change, createInvention, createTrademark, platformSeries, uniquePatentNumber } from '../helpers/indicators';
import { apply, approve, bankWithProduct, createAsset, register, RELEASE, world } from '../helpers/financing';

const CREATE = `mutation($input: IpAssetInput!) { createIpAsset(input: $input) { id verification } }`;
const ASSET = `query($id: ID!) { ipAsset(id: $id) {
  id verification legalStatus lapsedOn renewals expiresOn title classes highValueReasons
  verificationDetail { status reason at by { name organization { id name } } }
  history { kind reason at by { name } fields { field before after } }
} }`;
const EVENT = `mutation($id: ID!, $event: LegalStatusEvent!, $on: Date!, $reason: String!) {
  recordLegalStatusEvent(id: $id, event: $event, on: $on, reason: $reason) { id legalStatus lapsedOn history { kind } } }`;
const RENEW = `mutation($id: ID!) { renewTrademark(id: $id, reason: "renewal granted") { id legalStatus expiresOn renewals } }`;
const CORRECT = `mutation($id: ID!, $input: IpAssetCorrectionInput!, $reason: String!) {
  correctIpAsset(id: $id, input: $input, reason: $reason) { id title classes highValueReasons history { kind fields { field before after } } } }`;
const AUDIT_LOG = `query($first: Int, $after: String, $kind: String) {
  auditLog(first: $first, after: $after, kind: $kind) { edges { cursor node { id kind at summary reason targetId actor { name } } } pageInfo { hasNextPage endCursor } } }`;

function invention(number: string, extra: Record<string, unknown> = {}) {
  return {
    kind: 'INVENTION_PATENT', number, title: '一种石墨烯的制备方法', filingDate: `${number.slice(0, 4)}-03-01`, grantDate: '2022-05-10',
    legalStatus: 'VALID', classes: ['C01B 32/184'], industries: ['GRAPHITE'], ...extra,
  };
}

describe('Trust: verified rights (issue 11)', function () {
  this.timeout(1_200_000); // a thousand records through the API; FerretDB scans on a loaded machine
  let anon: Client;
  let regulator: Client;
  before(async () => {
    anon = new Client((await sharedStack()).server.url);
    regulator = await signInAdmin(anon, ADMIN_EMAIL, ADMIN_PASSWORD);
  });

  it('an earlier false claim does not block the real owner; verifying one rejects the others', async () => {
    const squatter = await registerOrg(anon, 'ENTERPRISE', { name: '抢注公司' });
    const owner = await registerOrg(anon, 'UNIVERSITY', { name: '鹤岗师专' });
    const number = uniquePatentNumber(2019);
    const fake = (await squatter.client.ok(CREATE, { input: invention(number) })).createIpAsset;
    expect(fake.verification).to.equal('UNVERIFIED');
    const real = (await owner.client.ok(CREATE, { input: invention(number) })).createIpAsset; // no CONFLICT
    await owner.client.fails(CREATE, { input: invention(number) }, 'CONFLICT'); // the same org twice
    await owner.client.fails(VERIFY_ASSET, { id: real.id, decision: 'VERIFY' }, 'FORBIDDEN');
    await regulator.fails(VERIFY_ASSET, { id: real.id, decision: 'REJECT' }, 'BAD_USER_INPUT', 'reason');

    const verified = (await regulator.ok(VERIFY_ASSET, { id: real.id, decision: 'VERIFY' })).verifyIpAsset;
    expect(verified.verification).to.equal('VERIFIED');
    expect(verified.verificationDetail.by.name).to.be.a('string');
    expect(verified.verificationDetail.by).to.not.have.property('email');
    const loser = (await squatter.client.ok(ASSET, { id: fake.id })).ipAsset;
    expect(loser.verification).to.equal('REJECTED');
    expect(loser.verificationDetail.reason).to.equal('verified for 鹤岗师专');
    // Nobody else records or verifies it now.
    await registerOrg(anon, 'ENTERPRISE').then((o) => o.client.fails(CREATE, { input: invention(number) }, 'CONFLICT'));
    await regulator.fails(VERIFY_ASSET, { id: fake.id, decision: 'VERIFY' }, 'CONFLICT');
  });

  it('two concurrent verifications of competing claims: the database lets exactly one win', async () => {
    const number = uniquePatentNumber(2020);
    const orgs = await Promise.all([registerOrg(anon, 'ENTERPRISE'), registerOrg(anon, 'ENTERPRISE'), registerOrg(anon, 'ENTERPRISE')]);
    const ids = await Promise.all(orgs.map(async (o) => (await o.client.ok(CREATE, { input: invention(number) })).createIpAsset.id as string));
    const results = await Promise.all(ids.map((id) => regulator.raw(VERIFY_ASSET, { id, decision: 'VERIFY' })));
    expect(results.filter((r) => !r.errors).length).to.equal(1);
    expect(results.filter((r) => r.errors?.[0]?.extensions?.code === 'CONFLICT').length).to.equal(2);
    const statuses = await Promise.all(ids.map(async (id) => (await regulator.ok(ASSET, { id })).ipAsset.verification));
    expect(statuses.filter((s) => s === 'VERIFIED').length).to.equal(1);
  });

  it('the owner cannot tick STRATEGIC_EMERGING_INDUSTRY, FOREIGN_FAMILY or CHINA_PATENT_AWARD', async () => {
    const o = await registerOrg(anon, 'ENTERPRISE');
    await o.client.fails(CREATE, { input: invention(uniquePatentNumber(2019), { classes: ['A47J 27/00'], strategicEmergingIndustry: true }) }, 'BAD_USER_INPUT', 'input.strategicEmergingIndustry');
    await o.client.fails(CREATE, { input: invention(uniquePatentNumber(2019), { foreignFamily: true }) }, 'BAD_USER_INPUT', 'input.foreignFamily');
    await o.client.fails(CREATE, { input: invention(uniquePatentNumber(2019), { chinaPatentAward: true }) }, 'BAD_USER_INPUT', 'input.chinaPatentAward');
    // Derived from the classes through the concordance: graphene yes, a cooking pot no.
    const g = (await o.client.ok(CREATE, { input: invention(uniquePatentNumber(2019)) })).createIpAsset.id;
    const pot = (await o.client.ok(CREATE, { input: invention(uniquePatentNumber(2019), { classes: ['A47J 27/00'] }) })).createIpAsset.id;
    expect((await o.client.ok(ASSET, { id: g })).ipAsset.highValueReasons).to.include('STRATEGIC_EMERGING_INDUSTRY');
    expect((await o.client.ok(ASSET, { id: pot })).ipAsset.highValueReasons).to.not.include('STRATEGIC_EMERGING_INDUSTRY');
  });

  it('a thousand invented "strategic" patents move no indicator', async () => {
    // On a stack of its own: the shared database holds every other test's records, and FerretDB
    // scans what it cannot serve by _id, so a thousand creates there cost minutes.
    const own = await startStack();
    try {
      await thousandInventedPatents(new Client(own.server.url));
    } finally {
      await own.stop();
    }
  });

  async function thousandInventedPatents(anon: Client): Promise<void> {
    const before = await platformSeries(anon, 'HIGH_VALUE_INVENTION_PATENTS', 'SUIBIN');
    const beforeCount = await platformSeries(anon, 'INVENTION_PATENTS_PER_10K_POPULATION', 'SUIBIN');
    const attackers = await Promise.all(Array.from({ length: 10 }, () => registerOrg(anon, 'ENTERPRISE', { county: 'SUIBIN' })));
    let made = 0;
    await Promise.all(attackers.map(async (a) => {
      for (let i = 0; i < 100; i++) {
        await a.client.ok(CREATE, { input: invention(uniquePatentNumber(2021), { grantDate: '2022-01-05', strategicEmergingIndustry: true }) });
        made++;
      }
    }));
    expect(made).to.equal(1000);
    expect(await platformSeries(anon, 'HIGH_VALUE_INVENTION_PATENTS', 'SUIBIN')).to.deep.equal(before);
    expect(await platformSeries(anon, 'INVENTION_PATENTS_PER_10K_POPULATION', 'SUIBIN')).to.deep.equal(beforeCount);
    // A verified one counts, from its grant year on.
    const id = await createInvention(attackers[0]!.client, { filingDate: '2021-03-01', grantDate: '2022-01-05', strategicEmergingIndustry: true });
    expect(id).to.be.a('string');
    const moved = change(before, await platformSeries(anon, 'HIGH_VALUE_INVENTION_PATENTS', 'SUIBIN'));
    expect(moved[2022]).to.equal(1);
    expect(moved[2021]).to.equal(0);
    expect(moved[2025]).to.equal(1);
  }

  it('only VERIFIED rights can be pledged, transferred or put under an open licence; unverified ones can be listed', async () => {
    const w = await world();
    const bp = await bankWithProduct(w);
    const o = await registerOrg(w.anon, 'ENTERPRISE');
    const id = await createAsset(o.client, { verified: false });
    await o.client.fails(`mutation($input: PledgeApplicationInput!) { applyForPledgeLoan(input: $input) { id } }`,
      { input: { productId: bp.productId, assetIds: [id], requestedAmount: '1000000.00', termMonths: 12 } }, 'CONFLICT', 'input.assetIds');
    const open = await o.client.ok(`mutation($input: ListingInput!) { createListing(input: $input) { id } }`,
      { input: { assetId: id, modes: ['OPEN_LICENSE'], askingPrice: '10000.00', negotiable: false } });
    const err = await o.client.fails(`mutation($id: ID!) { publishListing(id: $id) { id } }`, { id: open.createListing.id }, 'CONFLICT');
    expect(err.message).to.match(/not verified/);
    await o.client.ok(`mutation($id: ID!) { withdrawListing(id: $id) { id } }`, { id: open.createListing.id });
    const transfer = await o.client.ok(`mutation($input: ListingInput!) { createListing(input: $input) { id } }`,
      { input: { assetId: id, modes: ['TRANSFER'], askingPrice: '10000.00' } });
    const listed = await o.client.ok(`mutation($id: ID!) { publishListing(id: $id) { id status availableModes asset { verification } } }`, { id: transfer.createListing.id });
    expect(listed.publishListing.status).to.equal('PUBLISHED');
    expect(listed.publishListing.asset.verification).to.equal('UNVERIFIED');
    expect(listed.publishListing.availableModes).to.deep.equal([]);
    const buyer = await registerOrg(w.anon, 'ENTERPRISE');
    await buyer.client.fails(`mutation($input: ProposeDealInput!) { proposeDeal(input: $input) { id } }`,
      { input: { listingId: transfer.createListing.id, type: 'TRANSFER', price: '10000.00' } }, 'CONFLICT');
  });

  it("a pledged asset's listing stops advertising transfer at once, and resumes on release", async () => {
    const w = await world();
    const bp = await bankWithProduct(w);
    const o = await registerOrg(w.anon, 'ENTERPRISE');
    const id = await createAsset(o.client, { title: `质押检索 ${Date.now()}` });
    const listing = (await o.client.ok(`mutation($input: ListingInput!) { createListing(input: $input) { id } }`,
      { input: { assetId: id, modes: ['TRANSFER', 'LICENSE'], licenseTypes: ['NON_EXCLUSIVE'], askingPrice: '20000.00' } })).createListing.id;
    await o.client.ok(`mutation($id: ID!) { publishListing(id: $id) { id } }`, { id: listing });
    const search = async () => (await anon.ok(`query($f: ListingFilter) { listings(filter: $f, first: 100) { edges { node { id availableModes } } } }`,
      { f: { modes: ['TRANSFER'], holderKinds: ['ENTERPRISE'] } })).listings.edges.map((e: { node: { id: string } }) => e.node.id);
    expect(await search()).to.include(listing);
    const app = await apply(o, bp.productId, [id]);
    await approve(bp.bank, app);
    const reg = await register(bp.bank, app);
    expect(await search()).to.not.include(listing);
    const l = (await anon.ok(`query($id: ID!) { listing(id: $id) { availableModes } }`, { id: listing })).listing;
    expect(l.availableModes).to.deep.equal(['LICENSE']);
    await bp.bank.client.ok(RELEASE, { id: reg.id, releasedOn: '2025-08-01' });
    expect(await search()).to.include(listing);
  });
});

describe('Trust: rights change over time, with history (issue 11)', function () {
  this.timeout(300_000);
  let anon: Client;
  let regulator: Client;
  let owner: Registered;
  before(async () => {
    anon = new Client((await sharedStack()).server.url);
    regulator = await signInAdmin(anon, ADMIN_EMAIL, ADMIN_PASSWORD);
    owner = await registerOrg(anon, 'ENTERPRISE', { county: 'DONGSHAN' });
  });

  it('a lapse on a date removes the right from that date on, not before; RESTORE brings it back', async () => {
    const before = await platformSeries(anon, 'INVENTION_PATENTS_PER_10K_POPULATION', 'DONGSHAN');
    const id = await createInvention(owner.client, { filingDate: '2019-03-01', grantDate: '2021-04-01' });
    await owner.client.fails(EVENT, { id, event: 'LAPSE', on: '2024-03-01', reason: 'annual fee unpaid' }, 'FORBIDDEN'); // verified: REGULATOR only
    const today = new Date().toISOString().slice(0, 10);
    await regulator.fails(EVENT, { id, event: 'LAPSE', on: today, reason: 'annual fee unpaid' }, 'BAD_USER_INPUT', 'on'); // grace period not over
    const lapsed = (await regulator.ok(EVENT, { id, event: 'LAPSE', on: '2024-03-01', reason: 'CNIPA announcement: annual fee unpaid' })).recordLegalStatusEvent;
    expect(lapsed.legalStatus).to.equal('LAPSED');
    expect(lapsed.lapsedOn).to.equal('2024-03-01');
    const moved = change(before, await platformSeries(anon, 'INVENTION_PATENTS_PER_10K_POPULATION', 'DONGSHAN'));
    // counted at the end of 2021, 2022 and 2023; not from 2024 on (the per-10k figure is a ratio: compare the sign)
    const s = await platformSeries(anon, 'INVENTION_PATENTS_PER_10K_POPULATION', 'DONGSHAN');
    expect(moved[2024] ?? 0).to.equal(0);
    expect(s[2023]! >= (before[2023] ?? 0)).to.equal(true);
    const audit = (await regulator.ok(AUDIT, { year: 2024 })).indicatorAudit;
    expect(audit.consistent).to.equal(true);
    const restored = (await regulator.ok(EVENT, { id, event: 'RESTORE', on: '2024-09-01', reason: 'rights restored (恢复权利)' })).recordLegalStatusEvent;
    expect(restored.legalStatus).to.equal('VALID');
    const asset = (await owner.client.ok(ASSET, { id })).ipAsset;
    expect(asset.history.map((h: { kind: string }) => h.kind)).to.deep.equal(['VERIFY', 'LAPSE', 'RESTORE']);
    expect(asset.history[1].by.name).to.be.a('string');
    expect(asset.history[1].reason).to.match(/annual fee/);
    expect((await regulator.ok(AUDIT, { year: 2024 })).indicatorAudit.consistent).to.equal(true);
  });

  it('counts a lapse in the ledger exactly (ledger units)', async () => {
    const c = await registerOrg(anon, 'ENTERPRISE', { county: 'XINGAN' });
    const id = await createInvention(c.client, { filingDate: '2019-03-01', grantDate: '2021-04-01' });
    const audit = async (year: number) => (await regulator.ok(AUDIT, { year })).indicatorAudit.rows
      .find((r: { code: string; county: string | null }) => r.code === 'INVENTION_PATENTS_PER_10K_POPULATION' && r.county === 'XINGAN').live as number;
    const [b23, b24] = [await audit(2023), await audit(2024)];
    await regulator.ok(EVENT, { id, event: 'LAPSE', on: '2024-03-01', reason: 'annual fee unpaid' });
    expect(await audit(2023)).to.equal(b23);
    expect(await audit(2024)).to.equal(b24 - 1);
  });

  it('a renewed trademark is VALID again for 10 more years and counts', async () => {
    const grant = new Date(Date.now() - (10 * 365 + 30) * 86_400_000).toISOString().slice(0, 10); // term ended a month ago
    const id = await createTrademark(owner.client, grant);
    const before = (await owner.client.ok(ASSET, { id })).ipAsset;
    expect(before.legalStatus).to.equal('EXPIRED');
    await owner.client.fails(RENEW, { id }, 'FORBIDDEN');
    const renewed = (await regulator.ok(RENEW, { id })).renewTrademark;
    expect(renewed.legalStatus).to.equal('VALID');
    expect(renewed.renewals).to.equal(1);
    expect(Number(renewed.expiresOn.slice(0, 4))).to.equal(Number(before.expiresOn.slice(0, 4)) + 10);
    const year = new Date().getFullYear();
    expect((await regulator.ok(AUDIT, { year })).indicatorAudit.consistent).to.equal(true);
  });

  it('owners correct their unverified assets; corrections re-derive the strategic reason; history keeps before and after', async () => {
    const id = await createAsset(owner.client, { verified: false });
    const fixed = (await owner.client.ok(CORRECT, { id, input: { title: '一种锅具', classes: ['A47J 27/00'] }, reason: 'typo in the title' })).correctIpAsset;
    expect(fixed.title).to.equal('一种锅具');
    expect(fixed.highValueReasons).to.not.include('STRATEGIC_EMERGING_INDUSTRY');
    const entry = fixed.history[0];
    expect(entry.kind).to.equal('CORRECT');
    expect(entry.fields.find((f: { field: string }) => f.field === 'title').before).to.equal(JSON.stringify('高纯石墨提纯工艺'));
    const stranger = await registerOrg(anon, 'ENTERPRISE');
    await stranger.client.fails(CORRECT, { id, input: { title: 'x' }, reason: 'mine' }, 'NOT_FOUND');
  });
});

describe('Trust: the audit trail (issue 11)', function () {
  this.timeout(300_000);
  it('REGULATOR only, newest first, keyset-paged, filtered by kind', async () => {
    const anon = new Client((await sharedStack()).server.url);
    const regulator = await signInAdmin(anon, ADMIN_EMAIL, ADMIN_PASSWORD);
    const o = await registerOrg(anon, 'ENTERPRISE');
    await o.client.fails(AUDIT_LOG, { first: 5 }, 'FORBIDDEN');
    await anon.fails(AUDIT_LOG, { first: 5 }, 'UNAUTHENTICATED');
    const bank = await registerOrg(anon, 'BANK');
    await regulator.ok(`mutation($id: ID!) { verifyOrganization(id: $id) { id } }`, { id: bank.orgId });
    const ids = [await createAsset(o.client, { verified: false }), await createAsset(o.client, { verified: false }), await createAsset(o.client, { verified: false })];
    for (const id of ids) await regulator.ok(VERIFY_ASSET, { id, decision: 'VERIFY', reason: `checked ${id}` });
    const first = (await regulator.ok(AUDIT_LOG, { first: 2, kind: 'VERIFY_IP_ASSET' })).auditLog;
    expect(first.edges.map((e: { node: { targetId: string } }) => e.node.targetId)).to.deep.equal([ids[2], ids[1]]);
    expect(first.edges[0].node.reason).to.equal(`checked ${ids[2]}`);
    expect(first.edges[0].node.actor.name).to.be.a('string');
    expect(first.pageInfo.hasNextPage).to.equal(true);
    const next = (await regulator.ok(AUDIT_LOG, { first: 1, kind: 'VERIFY_IP_ASSET', after: first.pageInfo.endCursor })).auditLog;
    expect(next.edges[0].node.targetId).to.equal(ids[0]);
    const orgs = (await regulator.ok(AUDIT_LOG, { first: 1, kind: 'VERIFY_ORGANIZATION' })).auditLog;
    expect(orgs.edges[0].node.targetId).to.equal(bank.orgId);
    await regulator.fails(AUDIT_LOG, { first: 1, after: 'nonsense' }, 'BAD_USER_INPUT', 'after');
  });
});
