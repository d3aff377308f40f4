// One active pledge per asset, under contention: 50 concurrent registrations end with exactly one
// registration, the rest CONFLICT, and no asset left half-claimed.
import { expect } from 'chai';
import type { Registered } from '../helpers/client';
import {
  APPLICATION, ASSET_PLEDGE, REGISTER, apply, approve, bankWithProduct, financingParties, countDocs, createAsset, enterprise, oid, pledgeIndicatorFen,
  registrationInput, world, type BankWithProduct, type World,
} from '../helpers/financing';

const N = 50;

function outcomes(results: { data?: any; errors?: { extensions?: { code?: string } }[] }[]) {
  const wins = results.filter((r) => !r.errors && r.data?.recordPledgeRegistration);
  const codes = results.filter((r) => r.errors).map((r) => r.errors![0]!.extensions?.code);
  return { wins, codes };
}

describe('pledge registration races', function () {
  this.timeout(120_000);
  let w: World, bp: BankWithProduct, owner: Registered;
  before(async () => ({ w, bp, owner } = await financingParties('SUIBIN')));

  it(`${N} concurrent registrations of the same application: exactly one wins, counted once in the indicator`, async () => {
    const assetId = await createAsset(owner.client);
    const id = await apply(owner, bp.productId, [assetId]);
    await approve(bp.bank, id);
    const before = await pledgeIndicatorFen(2025, 'SUIBIN');
    const results = await Promise.all(
      Array.from({ length: N }, () => bp.bank.client.raw(REGISTER, { input: registrationInput(id, { securedAmount: '1000000.00' }) })),
    );
    const { wins, codes } = outcomes(results);
    expect(wins).to.have.length(1);
    expect(codes).to.have.length(N - 1);
    expect(new Set(codes)).to.deep.equal(new Set(['CONFLICT']));
    const winner = wins[0]!.data.recordPledgeRegistration;
    expect(await countDocs('pledgeregistrations', { application: oid(id) })).to.equal(1);
    const { ipAsset } = await owner.client.ok(ASSET_PLEDGE, { id: assetId });
    expect(ipAsset.activePledge.id).to.equal(winner.id);
    const { pledgeApplication } = await owner.client.ok(APPLICATION, { id });
    expect(pledgeApplication.status).to.equal('REGISTERED');
    expect(pledgeApplication.registration.id).to.equal(winner.id);
    expect(pledgeApplication.history.map((h: { to: string }) => h.to)).to.deep.equal(['SUBMITTED', 'UNDER_REVIEW', 'APPROVED', 'REGISTERED']);
    expect(await pledgeIndicatorFen(2025, 'SUIBIN')).to.equal(before + 100_000_000);
  });

  it(`${N} approved applications at five banks racing for the same asset: exactly one registration`, async () => {
    const assetId = await createAsset(owner.client);
    const banks = await Promise.all(Array.from({ length: 5 }, () => bankWithProduct(w)));
    const apps: { bank: BankWithProduct; id: string }[] = [];
    for (let i = 0; i < N; i++) {
      const bank = banks[i % banks.length]!;
      const id = await apply(owner, bank.productId, [assetId]);
      await approve(bank.bank, id);
      apps.push({ bank, id });
    }
    const before = await pledgeIndicatorFen(2025, 'SUIBIN');
    const results = await Promise.all(apps.map((a) => a.bank.bank.client.raw(REGISTER, { input: registrationInput(a.id, { securedAmount: '2000000.00' }) })));
    const { wins, codes } = outcomes(results);
    expect(wins).to.have.length(1);
    expect(codes.filter((c) => c === 'CONFLICT')).to.have.length(N - 1);
    const winner = wins[0]!.data.recordPledgeRegistration;
    expect(await countDocs('pledgeregistrations', { assets: oid(assetId) })).to.equal(1);
    expect((await owner.client.ok(ASSET_PLEDGE, { id: assetId })).ipAsset.activePledge.id).to.equal(winner.id);
    expect(await countDocs('pledgeapplications', { _id: { $in: apps.map((a) => oid(a.id)) }, status: 'REGISTERED' })).to.equal(1);
    expect(await countDocs('pledgeapplications', { _id: { $in: apps.map((a) => oid(a.id)) }, status: 'APPROVED' })).to.equal(N - 1);
    expect(await pledgeIndicatorFen(2025, 'SUIBIN')).to.equal(before + 200_000_000);
  });

  it(`${N} two-asset applications sharing one asset: one wins, and no loser's other asset is left claimed`, async () => {
    const shared = await createAsset(owner.client);
    const apps: { id: string; own: string }[] = [];
    for (let i = 0; i < N; i++) {
      const own = await createAsset(owner.client);
      const id = await apply(owner, bp.productId, [own, shared]);
      await approve(bp.bank, id);
      apps.push({ id, own });
    }
    const results = await Promise.all(apps.map((a) => bp.bank.client.raw(REGISTER, { input: registrationInput(a.id) })));
    const { wins, codes } = outcomes(results);
    expect(wins).to.have.length(1);
    expect(codes.filter((c) => c === 'CONFLICT')).to.have.length(N - 1);
    const winner = wins[0]!.data.recordPledgeRegistration;
    const winnerApp = apps.find((a) => a.id === winner.application.id)!;
    expect(winner.assets.map((a: { id: string }) => a.id).sort()).to.deep.equal([winnerApp.own, shared].sort());
    // Only the winner's two assets carry a pledge, both pointing at the winning registration.
    const all = [shared, ...apps.map((a) => a.own)].map(oid);
    expect(await countDocs('ipassets', { _id: { $in: all }, pledge: { $ne: null } })).to.equal(2);
    expect(await countDocs('ipassets', { _id: { $in: all }, 'pledge.registration': oid(winner.id) })).to.equal(2);
    expect(await countDocs('pledgeregistrations', { application: { $in: apps.map((a) => oid(a.id)) } })).to.equal(1);
  });

  it('overlapping multi-asset applications racing: every claimed asset belongs to an ACTIVE registration that lists it', async () => {
    const pool = await Promise.all(Array.from({ length: 6 }, () => createAsset(owner.client)));
    const apps: string[] = [];
    for (let i = 0; i < 30; i++) {
      const pair = [pool[i % 6]!, pool[(i + 1 + (i % 3)) % 6]!];
      const id = await apply(owner, bp.productId, pair);
      await approve(bp.bank, id);
      apps.push(id);
    }
    const results = await Promise.all(apps.map((id) => bp.bank.client.raw(REGISTER, { input: registrationInput(id) })));
    const { wins, codes } = outcomes(results);
    expect(wins.length).to.be.at.least(1);
    expect(wins.length + codes.filter((c) => c === 'CONFLICT').length).to.equal(apps.length);
    const db = await (await import('../helpers/financing')).db();
    const assets = await db.collection('ipassets').find({ _id: { $in: pool.map(oid) } }).toArray();
    const regs = await db.collection('pledgeregistrations').find({ application: { $in: apps.map(oid) } }).toArray();
    expect(regs).to.have.length(wins.length);
    const regById = new Map(regs.map((r) => [String(r._id), r]));
    for (const a of assets) {
      if (!a.pledge) continue;
      const reg = regById.get(String(a.pledge.registration));
      expect(reg, `asset ${String(a._id)} is claimed by a registration that exists`).to.not.equal(undefined);
      expect(reg!.status).to.equal('ACTIVE');
      expect(reg!.assets.map(String)).to.include(String(a._id));
    }
    for (const r of regs) {
      for (const id of r.assets) {
        const a = assets.find((x) => String(x._id) === String(id))!;
        expect(String(a.pledge?.registration), 'every asset of a registration points back at it').to.equal(String(r._id));
      }
    }
  });
});
