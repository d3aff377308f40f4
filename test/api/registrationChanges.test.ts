// Issue 16, point 2: registration changes (变更) with history, moving the pledge indicator in the
// year of the change (and agreeing with a full recomputation); and registrations past their end date
// EXPIRED by the daily job, which frees their assets.
import { expect } from 'chai';
import { Client, registerOrg, signInAdmin } from '../helpers/client';
import { AUDIT } from '../helpers/indicators';
import { startStack, ADMIN_EMAIL, ADMIN_PASSWORD, type Stack } from '../helpers/stack';
import {
  RELEASE, apply, approve, bankWithProduct, createAsset, enterprise, pledgeIndicatorFen, pledgedThroughApi, register, world, type World,
} from '../helpers/financing';
import { runMonitorScript } from '../helpers/loans';
import { addMonths, addYears, todayInShanghai } from '../../services/rules/calendar';

const CHANGE = `mutation($id: ID!, $input: PledgeRegistrationChangeInput!) {
  changePledgeRegistration(id: $id, input: $input) {
    id status securedAmount expiresOn history { from to reason }
    changes { changedOn reason securedAmountBefore securedAmountAfter expiresOnBefore expiresOnAfter by { id } }
  }
}`;
const REG = `query($id: ID!) { ipAsset(id: $id) { activePledge { id } } }`;
const REGS = `query { pledgeRegistrations(first: 100) { edges { node { id status history { to reason } } } } }`;

describe('registration changes (变更) (issue 16, point 2)', function () {
  this.timeout(120_000); // each case runs a whole application to a registration first
  let w: World;
  before(async () => {
    w = await world();
  });

  it('the pledgee changes the amount and the term; the indicator moves by the difference in the year of the change; history kept; audit consistent', async () => {
    const bp = await bankWithProduct(w);
    const owner = await enterprise(w, 'SUIBIN');
    const assetId = await createAsset(owner.client);
    const applicationId = await apply(owner, bp.productId, [assetId], { requestedAmount: '5000000.00' });
    await approve(bp.bank, applicationId);
    const reg = await register(bp.bank, applicationId, { securedAmount: '3000000.00', registeredOn: '2025-07-15', expiresOn: '2026-07-14' });
    const before2025 = await pledgeIndicatorFen(2025, 'SUIBIN');
    const before2026 = await pledgeIndicatorFen(2026, 'SUIBIN');
    const changed = (await bp.bank.client.ok(CHANGE, { id: reg.id, input: { securedAmount: '4000000.00', expiresOn: '2027-07-14', changedOn: '2026-03-01', reason: '展期并增加担保金额' } })).changePledgeRegistration;
    expect(changed).to.include({ status: 'ACTIVE', securedAmount: '4000000.00', expiresOn: '2027-07-14' });
    expect(changed.changes).to.deep.equal([{
      changedOn: '2026-03-01', reason: '展期并增加担保金额', securedAmountBefore: '3000000.00', securedAmountAfter: '4000000.00',
      expiresOnBefore: '2026-07-14', expiresOnAfter: '2027-07-14', by: { id: bp.bank.userId },
    }]);
    expect(changed.history.at(-1)).to.deep.equal({ from: 'ACTIVE', to: 'ACTIVE', reason: 'changed (变更) on 2026-03-01: secured amount 3000000.00 -> 4000000.00 yuan, term to 2027-07-14; 展期并增加担保金额' });
    expect(await pledgeIndicatorFen(2025, 'SUIBIN')).to.equal(before2025);
    expect(await pledgeIndicatorFen(2026, 'SUIBIN')).to.equal(before2026 + 100_000_000);
    // A decrease later that year moves the same year back.
    await bp.bank.client.ok(CHANGE, { id: reg.id, input: { securedAmount: '3500000.00', changedOn: '2026-04-01' } });
    expect(await pledgeIndicatorFen(2026, 'SUIBIN')).to.equal(before2026 + 50_000_000);
    for (const y of [2025, 2026]) {
      const audit = (await w.regulator.ok(AUDIT, { year: y })).indicatorAudit;
      expect(audit.rows.filter((r: any) => !r.consistent), `audit ${y}`).to.deep.equal([]);
    }
  });

  it('refusals: bad input naming the field, nothing to change, wrong parties, a released registration; nothing written', async () => {
    const bp = await bankWithProduct(w);
    const owner = await enterprise(w, 'SUIBIN');
    const assetId = await createAsset(owner.client); // expires 2038-03-01
    const applicationId = await apply(owner, bp.productId, [assetId]);
    await approve(bp.bank, applicationId);
    const reg = await register(bp.bank, applicationId, { registeredOn: '2025-07-15', expiresOn: '2026-07-14' });
    const before = await pledgeIndicatorFen(2026, 'SUIBIN');
    const cases: [Record<string, unknown>, string][] = [
      [{ securedAmount: '3000000.01', changedOn: '2026-03-01' }, 'input.securedAmount'], // above the approved amount
      [{ securedAmount: '0.00', changedOn: '2026-03-01' }, 'input.securedAmount'],
      [{ expiresOn: '2026-03-01', changedOn: '2026-03-01' }, 'input.expiresOn'],
      [{ expiresOn: '2038-03-02', changedOn: '2026-03-01' }, 'input.expiresOn'],
      [{ expiresOn: '2027-01-01', changedOn: '2025-07-14' }, 'input.changedOn'],
      [{ expiresOn: '2099-01-01', changedOn: addYears(todayInShanghai(), 1) }, 'input.changedOn'],
      [{ securedAmount: '3000000.00', expiresOn: '2026-07-14', changedOn: '2026-03-01' }, 'input'],
    ];
    for (const [input, field] of cases) await bp.bank.client.fails(CHANGE, { id: reg.id, input }, 'BAD_USER_INPUT', field);
    await owner.client.fails(CHANGE, { id: reg.id, input: { expiresOn: '2027-01-01', changedOn: '2026-03-01' } }, 'FORBIDDEN');
    const stranger = await registerOrg(w.anon, 'BANK');
    await stranger.client.fails(CHANGE, { id: reg.id, input: { expiresOn: '2027-01-01', changedOn: '2026-03-01' } }, 'NOT_FOUND');
    await bp.bank.client.ok(RELEASE, { id: reg.id, releasedOn: '2026-01-01' });
    await bp.bank.client.fails(CHANGE, { id: reg.id, input: { expiresOn: '2027-01-01', changedOn: '2026-03-01' } }, 'CONFLICT');
    expect(await pledgeIndicatorFen(2026, 'SUIBIN')).to.equal(before);
    const regs = (await bp.bank.client.ok(REGS)).pledgeRegistrations.edges.map((e: any) => e.node);
    expect(regs.find((r: any) => r.id === reg.id).history.map((h: any) => h.to)).to.deep.equal(['ACTIVE', 'RELEASED']); // no change entry
  });
});

describe('registration expiry by the daily job (issue 16, point 2)', function () {
  this.timeout(120_000);
  let stack: Stack;
  after(async () => {
    await stack?.stop();
  });

  it('an ACTIVE registration past its end date becomes EXPIRED and frees its assets; once', async () => {
    stack = await startStack();
    const anon = new Client(stack.server.url);
    const w = { anon, regulator: await signInAdmin(anon, ADMIN_EMAIL, ADMIN_PASSWORD) };
    const owner = await registerOrg(anon, 'ENTERPRISE');
    const assetId = await createAsset(owner.client);
    const { registration, bank } = await pledgedThroughApi(w, owner, [assetId]);
    const today = todayInShanghai();
    expect(registration.expiresOn).to.equal(addYears(today, 1));
    // On its last day it stands; the day after, it expires.
    expect(await runMonitorScript(stack.db.uri, ['--job', 'registration-expiry', '--day', addYears(today, 1)])).to.contain('"expired":0');
    expect((await owner.client.ok(REG, { id: assetId })).ipAsset.activePledge).to.deep.equal({ id: registration.id });
    expect(await runMonitorScript(stack.db.uri, ['--job', 'registration-expiry', '--day', addMonths(today, 13)])).to.contain('"expired":1');
    expect((await owner.client.ok(REG, { id: assetId })).ipAsset.activePledge).to.equal(null);
    const regs = (await bank.client.ok(REGS)).pledgeRegistrations.edges.map((e: any) => e.node);
    const expired = regs.find((r: any) => r.id === registration.id);
    expect(expired.status).to.equal('EXPIRED');
    expect(expired.history.at(-1).reason).to.match(/^expired: its term ended on/);
    expect(await runMonitorScript(stack.db.uri, ['--job', 'registration-expiry', '--day', addMonths(today, 13), '--force'])).to.contain('"expired":0');
    // The bank cannot release or change an EXPIRED registration.
    await bank.client.fails(RELEASE, { id: registration.id, releasedOn: today }, 'CONFLICT');
  });
});
