// recordPledgeRegistration re-checks CNIPA's refusal grounds and its inputs; a refused registration
// changes nothing. Reading registrations and applications: scope, filters, totals, pagination.
import { expect } from 'chai';
import type { Registered } from '../helpers/client';
import { addYears, todayInShanghai } from '../../services/rules/calendar';
import {
  APPLICATION, ASSET_PLEDGE, REGISTER, REGISTRATIONS, RELEASE, apply, approve, approvedApplication, bankWithProduct, financingParties, countDocs,
  createAsset, enterprise, oid, pledgeIndicatorFen, register, registrationInput, review, transferOwnership, uniqueRegistrationNumber,
  world, type BankWithProduct, type World,
} from '../helpers/financing';

const FACTS = `mutation($input: AssetPledgeFactsInput!) { recordAssetPledgeFacts(input: $input) { id } }`;
const RESTRICT = `mutation($input: AssetRestrictionInput!) { setAssetRestriction(input: $input) { id } }`;
const APPLICATIONS = `query($status: PledgeApplicationStatus, $first: Int, $after: String) {
  pledgeApplications(status: $status, first: $first, after: $after) { id status applicant { id } bank { id } }
}`;

describe('recording a registration: inputs and CNIPA grounds', () => {
  let w: World, bp: BankWithProduct, owner: Registered;
  before(async () => ({ w, bp, owner } = await financingParties('XINGAN')));

  /** Asserts a refused registration left the application APPROVED, its assets free and the indicator as it was. */
  async function unchanged(applicationId: string, assetIds: string[], indicatorBefore: number) {
    const { pledgeApplication } = await owner.client.ok(APPLICATION, { id: applicationId });
    expect(pledgeApplication.status).to.equal('APPROVED');
    expect(pledgeApplication.history).to.have.length(3);
    expect(await countDocs('ipassets', { _id: { $in: assetIds.map(oid) }, pledge: { $ne: null } })).to.equal(0);
    expect(await countDocs('pledgeregistrations', { application: oid(applicationId) })).to.equal(0);
    expect(await pledgeIndicatorFen(2025, 'XINGAN')).to.equal(indicatorBefore);
  }

  it('bad inputs are BAD_USER_INPUT naming the field, and change nothing', async () => {
    const { applicationId, assetIds } = await approvedApplication(w, bp, owner); // asset expires 2038-03-01
    const before = await pledgeIndicatorFen(2025, 'XINGAN');
    const today = todayInShanghai();
    const cases: [Record<string, unknown>, string][] = [
      [{ securedAmount: '0.00' }, 'input.securedAmount'],
      [{ registrationNumber: '  ' }, 'input.registrationNumber'],
      [{ registrationNumber: 'Y2025/1' }, 'input.registrationNumber'],
      [{ registeredOn: addYears(today, 1), expiresOn: addYears(today, 2) }, 'input.registeredOn'],
      [{ registeredOn: '1984-12-31' }, 'input.registeredOn'],
      // Bounded (issue 11): not before the approval (FIXTURE_APPROVED_ON), not above the approved amount (3,000,000.00).
      [{ registeredOn: '1985-06-01', expiresOn: '1986-06-01' }, 'input.registeredOn'],
      [{ registeredOn: '2024-12-31' }, 'input.registeredOn'],
      [{ securedAmount: '3000000.01' }, 'input.securedAmount'],
      [{ securedAmount: '900000000.00' }, 'input.securedAmount'],
      [{ registeredOn: '2025-07-15', expiresOn: '2025-07-15' }, 'input.expiresOn'],
      [{ registeredOn: '2025-07-15', expiresOn: '2025-07-14' }, 'input.expiresOn'],
      [{ expiresOn: '2038-03-02' }, 'input.expiresOn'], // past the patent's expiry: CNIPA refuses
      [{ registeredOn: '2025-02-30' }, 'input.registeredOn'],
      [{ securedAmount: 3000000 }, 'input.securedAmount'], // Money is a string, never a number
    ];
    for (const [override, field] of cases) {
      await bp.bank.client.fails(REGISTER, { input: registrationInput(applicationId, override) }, 'BAD_USER_INPUT', field);
    }
    await unchanged(applicationId, assetIds, before);
    // The pledge may run up to the last day of protection.
    const reg = await register(bp.bank, applicationId, { expiresOn: '2038-03-01' });
    expect(reg.expiresOn).to.equal('2038-03-01');
  });

  it('a registration number already recorded is CONFLICT, and changes nothing', async () => {
    const first = await approvedApplication(w, bp, owner);
    const number = uniqueRegistrationNumber();
    await register(bp.bank, first.applicationId, { registrationNumber: number });
    const second = await approvedApplication(w, bp, owner);
    const before = await pledgeIndicatorFen(2025, 'XINGAN');
    await bp.bank.client.fails(REGISTER, { input: registrationInput(second.applicationId, { registrationNumber: number }) }, 'CONFLICT');
    await bp.bank.client.fails(REGISTER, { input: registrationInput(second.applicationId, { registrationNumber: ` ${number.toLowerCase()} ` }) }, 'CONFLICT');
    await unchanged(second.applicationId, second.assetIds, before);
  });

  it('ten concurrent registrations of different applications under one number: one wins, the others leave their assets free', async () => {
    const apps = [];
    for (let i = 0; i < 10; i++) apps.push(await approvedApplication(w, bp, owner));
    const number = uniqueRegistrationNumber();
    const results = await Promise.all(apps.map((a) => bp.bank.client.raw(REGISTER, { input: registrationInput(a.applicationId, { registrationNumber: number }) })));
    const wins = results.filter((r) => !r.errors);
    expect(wins).to.have.length(1);
    expect(results.filter((r) => r.errors?.[0]?.extensions?.code === 'CONFLICT')).to.have.length(9);
    const allAssets = apps.flatMap((a) => a.assetIds).map(oid);
    expect(await countDocs('ipassets', { _id: { $in: allAssets }, pledge: { $ne: null } })).to.equal(1);
    expect(await countDocs('pledgeregistrations', { registrationNumber: number })).to.equal(1);
    expect(await countDocs('pledgeapplications', { _id: { $in: apps.map((a) => oid(a.applicationId)) }, status: 'APPROVED' })).to.equal(9);
  });

  describe('CNIPA refusal grounds are checked again at registration time (CONFLICT naming the ground)', () => {
    async function refused(applicationId: string, assetIds: string[], ground: string) {
      const before = await pledgeIndicatorFen(2025, 'XINGAN');
      const err = await bp.bank.client.fails(REGISTER, { input: registrationInput(applicationId) }, 'CONFLICT');
      expect(err.extensions?.grounds).to.include(ground);
      await unchanged(applicationId, assetIds, before);
    }

    it('ASSET_NOT_VALID: a lapsed patent', async () => {
      const lapsed = await createAsset(owner.client, { legalStatus: 'LAPSED' });
      const { applicationId } = await approvedApplication(w, bp, owner, [lapsed]);
      await refused(applicationId, [lapsed], 'ASSET_NOT_VALID');
    });

    it('OWNER_MISMATCH: the asset changed hands after approval', async () => {
      const { applicationId, assetIds } = await approvedApplication(w, bp, owner);
      const buyer = await enterprise(w, 'XINGAN'); // same county: the indicator figures do not move
      await transferOwnership(assetIds[0]!, owner.orgId, buyer.orgId);
      await refused(applicationId, assetIds, 'OWNER_MISMATCH');
    });

    it('ALREADY_PLEDGED: another bank registered it first', async () => {
      const asset = await createAsset(owner.client);
      const other = await bankWithProduct(w);
      const mine = await approvedApplication(w, bp, owner, [asset]);
      const theirs = await approvedApplication(w, other, owner, [asset]);
      await register(other.bank, theirs.applicationId);
      const err = await bp.bank.client.fails(REGISTER, { input: registrationInput(mine.applicationId) }, 'CONFLICT');
      expect(err.extensions?.grounds).to.deep.equal(['ALREADY_PLEDGED']);
      expect((await owner.client.ok(APPLICATION, { id: mine.applicationId })).pledgeApplication.status).to.equal('APPROVED');
    });

    it('ANNUAL_FEE_OVERDUE', async () => {
      const { applicationId, assetIds } = await approvedApplication(w, bp, owner);
      await owner.client.ok(FACTS, { input: { assetId: assetIds[0], annualFeesPaidUntil: '2025-03-01' } });
      await refused(applicationId, assetIds, 'ANNUAL_FEE_OVERDUE');
    });

    it('OWNERSHIP_RESTRICTED', async () => {
      const { applicationId, assetIds } = await approvedApplication(w, bp, owner);
      await w.regulator.ok(RESTRICT, { input: { assetId: assetIds[0], kind: 'OWNERSHIP_DISPUTE' } });
      await refused(applicationId, assetIds, 'OWNERSHIP_RESTRICTED');
    });

    it('CO_OWNER_CONSENT_MISSING', async () => {
      const { applicationId, assetIds } = await approvedApplication(w, bp, owner);
      await owner.client.ok(FACTS, { input: { assetId: assetIds[0], coOwners: ['鹤岗市某研究所'] } });
      await refused(applicationId, assetIds, 'CO_OWNER_CONSENT_MISSING');
    });

    it('one refused asset of three: none of the three is claimed', async () => {
      const assets = [await createAsset(owner.client), await createAsset(owner.client), await createAsset(owner.client)];
      const { applicationId } = await approvedApplication(w, bp, owner, assets);
      await w.regulator.ok(RESTRICT, { input: { assetId: assets[1], kind: 'COURT_PRESERVATION' } });
      await refused(applicationId, assets, 'OWNERSHIP_RESTRICTED');
    });
  });

  it('releasedOn must not be before the registration nor in the future', async () => {
    const { applicationId, assetIds } = await approvedApplication(w, bp, owner);
    const reg = await register(bp.bank, applicationId, { registeredOn: '2025-07-15' });
    await bp.bank.client.fails(RELEASE, { id: reg.id, releasedOn: '2025-07-14' }, 'BAD_USER_INPUT', 'releasedOn');
    await bp.bank.client.fails(RELEASE, { id: reg.id, releasedOn: addYears(todayInShanghai(), 1) }, 'BAD_USER_INPUT', 'releasedOn');
    expect((await owner.client.ok(ASSET_PLEDGE, { id: assetIds[0] })).ipAsset.activePledge.id).to.equal(reg.id);
    const ok = await bp.bank.client.ok(RELEASE, { id: reg.id, releasedOn: '2025-07-15' });
    expect(ok.releasePledgeRegistration.status).to.equal('RELEASED');
  });
});

describe('reading registrations and applications', () => {
  let w: World;
  let bp: BankWithProduct;
  let owners: Registered[];
  const regIds: string[] = [];

  before(async () => {
    w = await world();
    bp = await bankWithProduct(w);
    owners = [await enterprise(w, 'DONGSHAN'), await enterprise(w, 'NANSHAN')];
    const plan: [number, string, string][] = [
      [0, '2023-05-10', '500000.00'],
      [0, '2024-03-01', '1200000.00'],
      [1, '2024-06-30', '800000.00'],
      [1, '2024-11-11', '333333.33'],
      [0, '2025-01-02', '99.99'],
    ];
    for (const [o, registeredOn, amount] of plan) {
      const { applicationId } = await approvedApplication(w, bp, owners[o]!);
      regIds.push((await register(bp.bank, applicationId, { registeredOn, expiresOn: addYears(registeredOn, 1), securedAmount: amount })).id);
    }
  });

  it('the bank sees its five registrations newest first, with the totals of the filter', async () => {
    const all = (await bp.bank.client.ok(REGISTRATIONS)).pledgeRegistrations;
    expect(all.totalCount).to.equal(5);
    expect(all.totalSecuredAmount).to.equal('2833433.32');
    expect(all.edges.map((e: { node: { id: string } }) => e.node.id)).to.deep.equal([...regIds].reverse());
    const y2024 = (await bp.bank.client.ok(REGISTRATIONS, { filter: { year: 2024 } })).pledgeRegistrations;
    expect(y2024).to.deep.include({ totalCount: 3, totalSecuredAmount: '2333333.33' });
    const nanshan = (await bp.bank.client.ok(REGISTRATIONS, { filter: { year: 2024, county: 'NANSHAN' } })).pledgeRegistrations;
    expect(nanshan).to.deep.include({ totalCount: 2, totalSecuredAmount: '1133333.33' });
    expect(nanshan.edges.map((e: { node: { county: string } }) => e.node.county)).to.deep.equal(['NANSHAN', 'NANSHAN']);
  });

  it('pages by cursor without skipping or repeating; totals stay those of the whole filter', async () => {
    const seen: string[] = [];
    let after: string | null = null;
    for (let page = 0; page < 3; page++) {
      const conn: any = (await bp.bank.client.ok(REGISTRATIONS, { first: 2, after })).pledgeRegistrations;
      expect(conn.totalCount).to.equal(5);
      seen.push(...conn.edges.map((e: { node: { id: string } }) => e.node.id));
      expect(conn.pageInfo.hasNextPage).to.equal(page < 2);
      after = conn.pageInfo.endCursor;
    }
    expect(seen).to.deep.equal([...regIds].reverse());
    await bp.bank.client.fails(REGISTRATIONS, { after: 'garbage' }, 'BAD_USER_INPUT', 'after');
    await bp.bank.client.fails(REGISTRATIONS, { first: 0 }, 'BAD_USER_INPUT', 'first');
    await bp.bank.client.fails(REGISTRATIONS, { filter: { year: 1900 } }, 'BAD_USER_INPUT', 'filter.year');
  });

  it('each pledgor sees only its own; the regulator sees them all', async () => {
    const mine = (await owners[1]!.client.ok(REGISTRATIONS)).pledgeRegistrations;
    expect(mine).to.deep.include({ totalCount: 2, totalSecuredAmount: '1133333.33' });
    const reg = (await w.regulator.ok(REGISTRATIONS, { filter: { year: 2023, county: 'DONGSHAN' }, first: 100 })).pledgeRegistrations;
    expect(reg.edges.map((e: { node: { id: string } }) => e.node.id)).to.include(regIds[0]);
  });

  it('pledgeApplications: the bank sees those sent to it, an applicant its own, filtered by status and paged by id', async () => {
    const pending = await apply(owners[0]!, bp.productId, [await createAsset(owners[0]!.client)]);
    const bankView = (await bp.bank.client.ok(APPLICATIONS, { first: 100 })).pledgeApplications;
    expect(bankView).to.have.length(6);
    expect(bankView.every((a: { bank: { id: string } }) => a.bank.id === bp.bank.orgId)).to.equal(true);
    const registered = (await bp.bank.client.ok(APPLICATIONS, { status: 'REGISTERED' })).pledgeApplications;
    expect(registered).to.have.length(5);
    const submitted = (await owners[0]!.client.ok(APPLICATIONS, { status: 'SUBMITTED' })).pledgeApplications;
    expect(submitted.map((a: { id: string }) => a.id)).to.deep.equal([pending]);
    expect((await owners[1]!.client.ok(APPLICATIONS)).pledgeApplications).to.have.length(2);
    const page1 = (await bp.bank.client.ok(APPLICATIONS, { first: 4 })).pledgeApplications;
    const page2 = (await bp.bank.client.ok(APPLICATIONS, { first: 4, after: page1[3].id })).pledgeApplications;
    expect([...page1, ...page2].map((a: { id: string }) => a.id)).to.deep.equal(bankView.map((a: { id: string }) => a.id));
    await w.anon.fails(APPLICATIONS, {}, 'UNAUTHENTICATED');
    const stranger = await enterprise(w);
    expect((await stranger.client.ok(APPLICATIONS)).pledgeApplications).to.deep.equal([]);
  });

  it('PledgeRegistration.application is shown to the parties only; the regulator sees the registration without it', async () => {
    const q = `query($filter: PledgeRegistrationFilter) { pledgeRegistrations(filter: $filter, first: 100) { edges { node { id application { id } } } } }`;
    const regView = (await w.regulator.ok(q, { filter: { year: 2023, county: 'DONGSHAN' } })).pledgeRegistrations.edges;
    const mine = regView.find((e: { node: { id: string } }) => e.node.id === regIds[0]);
    expect(mine.node.application).to.equal(null);
    const bankView = (await bp.bank.client.ok(q, { filter: { year: 2023 } })).pledgeRegistrations.edges;
    expect(bankView[0].node.application).to.not.equal(null);
  });

  it('a rejected application can be followed by a new one on the same asset', async () => {
    const asset = await createAsset(owners[0]!.client);
    const first = await apply(owners[0]!, bp.productId, [asset]);
    await review(bp.bank, first, 'REJECT', { reason: '估值偏高' });
    const second = await apply(owners[0]!, bp.productId, [asset]);
    await approve(bp.bank, second);
    const reg = await register(bp.bank, second);
    expect(reg.assets[0].activePledge.id).to.equal(reg.id);
  });
});
