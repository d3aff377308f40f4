// Bounded pledge registrations and REGULATOR corrections (issue 11, point 6), and the dating of
// HIGH_PLEDGE_FINANCING (point 4): the indicator follows every correction, and indicatorAudit
// agrees with a full recomputation afterwards.
import { expect } from 'chai';
import type { Registered } from '../helpers/client';
import { AUDIT, platformSeries } from '../helpers/indicators';
import {
  APPLICATION, ASSET_PLEDGE, REGISTER, RELEASE, REVIEW, apply, bankWithProduct, countDocs, createAsset, enterprise, oid, pledgeIndicatorFen,
  register, registrationInput, review, world, type World,
  approverOf,
} from '../helpers/financing';
import { addYears, todayInShanghai } from '../../services/rules/calendar';

const CORRECT = `mutation($id: ID!, $input: PledgeRegistrationCorrectionInput!, $reason: String!) {
  correctPledgeRegistration(id: $id, input: $input, reason: $reason) {
    id registrationNumber securedAmount registeredOn expiresOn status
    corrections { at by { id } reason changes { field from to } }
    history { from to reason }
  }
}`;

type Audit = { consistent: boolean; rows: { code: string; county: string | null; consistent: boolean }[] };

describe('pledge registrations: bounds, corrections and the dating of HIGH_PLEDGE_FINANCING', () => {
  let w: World;
  const today = todayInShanghai();
  const year = Number(today.slice(0, 4));

  before(async () => {
    w = await world();
  });

  const audit = async (y: number): Promise<Audit> => (await w.regulator.ok(AUDIT, { year: y })).indicatorAudit;
  const consistent = async (...years: number[]) => {
    for (const y of years) expect((await audit(y)).rows.filter((r) => !r.consistent), `audit ${y}`).to.deep.equal([]);
  };

  /** An application approved today (a raw REVIEW call: no fixture back-dating). */
  async function approvedToday(owner: Registered, requestedAmount: string, maxAmount = '50000000.00') {
    const bp = await bankWithProduct(w, { maxAmount });
    const assetId = await createAsset(owner.client);
    const applicationId = await apply(owner, bp.productId, [assetId], { requestedAmount, valuation: { amount: '90000000.00', method: 'MARKET', valuedOn: today } });
    await bp.bank.client.ok(REVIEW, { input: { applicationId, decision: 'START_REVIEW' } });
    await approverOf(bp.bank).ok(REVIEW, { input: { applicationId, decision: 'APPROVE' } });
    return { bp, assetId, applicationId };
  }

  it('a back-dated (1985, or before the approval) or oversized registration is BAD_USER_INPUT naming the field; nothing is written', async () => {
    const owner = await enterprise(w, 'DONGSHAN');
    const { bp, assetId, applicationId } = await approvedToday(owner, '2000000.00');
    const before = { lastYear: await pledgeIndicatorFen(year - 1, 'DONGSHAN'), thisYear: await pledgeIndicatorFen(year, 'DONGSHAN') };
    const cases: [Record<string, unknown>, string, RegExp][] = [
      [{ registeredOn: '1985-06-01', expiresOn: '1986-06-01', securedAmount: '1000000.00' }, 'input.registeredOn', /approved/],
      [{ registeredOn: addYears(today, -1), expiresOn: addYears(today, 1), securedAmount: '1000000.00' }, 'input.registeredOn', /approved/],
      [{ registeredOn: today, expiresOn: addYears(today, 1), securedAmount: '2000000.01' }, 'input.securedAmount', /2000000\.00/],
      [{ registeredOn: today, expiresOn: addYears(today, 1), securedAmount: '90000000000.00' }, 'input.securedAmount', /approved amount/],
    ];
    for (const [override, field, message] of cases) {
      const err = await bp.bank.client.fails(REGISTER, { input: registrationInput(applicationId, override) }, 'BAD_USER_INPUT', field);
      expect(err.message).to.match(message);
    }
    expect(await countDocs('pledgeregistrations', { application: oid(applicationId) })).to.equal(0);
    expect(await countDocs('ipassets', { _id: oid(assetId), pledge: { $ne: null } })).to.equal(0);
    expect((await owner.client.ok(APPLICATION, { id: applicationId })).pledgeApplication.status).to.equal('APPROVED');
    expect(await pledgeIndicatorFen(year - 1, 'DONGSHAN')).to.equal(before.lastYear);
    expect(await pledgeIndicatorFen(year, 'DONGSHAN')).to.equal(before.thisYear);
    // On the bounds: the full approved amount, registered on the approval day, is accepted.
    const reg = (await bp.bank.client.ok(REGISTER, { input: registrationInput(applicationId, { registeredOn: today, expiresOn: addYears(today, 1), securedAmount: '2000000.00' }) })).recordPledgeRegistration;
    expect(reg).to.deep.include({ securedAmount: '2000000.00', registeredOn: today });
    expect(await pledgeIndicatorFen(year, 'DONGSHAN')).to.equal(before.thisYear + 200_000_000);
  });

  it(`HIGH_PLEDGE_FINANCING counts from the registration's year on: the closed year before is unchanged`, async () => {
    const owner = await enterprise(w, 'SUIBIN');
    const { bp, assetId, applicationId } = await approvedToday(owner, '10000000.00'); // the threshold, default 10,000,000 yuan
    const before = await platformSeries(w.anon, 'HIGH_VALUE_INVENTION_PATENTS', 'SUIBIN');
    await bp.bank.client.ok(REGISTER, { input: registrationInput(applicationId, { registeredOn: today, expiresOn: addYears(today, 1), securedAmount: '10000000.00' }) });
    expect((await owner.client.ok(ASSET_PLEDGE, { id: assetId })).ipAsset.highValueReasons).to.deep.equal(['HIGH_PLEDGE_FINANCING']);
    const after = await platformSeries(w.anon, 'HIGH_VALUE_INVENTION_PATENTS', 'SUIBIN');
    expect(after[year - 1], `${year - 1} is closed: a later registration does not change it`).to.equal(before[year - 1]);
    expect(after[year]! - before[year]!).to.equal(1);
    expect(after[year + 1]! - before[year + 1]!).to.equal(1);
    await consistent(year - 1, year);
  });

  it('the REGULATOR corrects amount, date and number: history, audit entry, and the indicator moves from the old year and value to the new', async () => {
    const owner = await enterprise(w, 'XIANGYANG');
    const bp = await bankWithProduct(w, { maxAmount: '50000000.00' });
    const assetId = await createAsset(owner.client);
    const applicationId = await apply(owner, bp.productId, [assetId], { requestedAmount: '12000000.00', valuation: { amount: '90000000.00', method: 'MARKET', valuedOn: '2025-01-01' } });
    await review(bp.bank, applicationId, 'START_REVIEW');
    await review(bp.bank, applicationId, 'APPROVE'); // approved on FIXTURE_APPROVED_ON (2025-01-01)
    const series0 = await platformSeries(w.anon, 'HIGH_VALUE_INVENTION_PATENTS', 'XIANGYANG');
    const fen0 = { y2025: await pledgeIndicatorFen(2025, 'XIANGYANG'), y2026: await pledgeIndicatorFen(2026, 'XIANGYANG') };
    const reg = await register(bp.bank, applicationId, { securedAmount: '11000000.00', registeredOn: '2025-06-01', expiresOn: '2027-05-31' });
    expect(await pledgeIndicatorFen(2025, 'XIANGYANG')).to.equal(fen0.y2025 + 1_100_000_000);
    const series1 = await platformSeries(w.anon, 'HIGH_VALUE_INVENTION_PATENTS', 'XIANGYANG');
    expect(series1[2024]).to.equal(series0[2024]);
    expect(series1[2025]! - series0[2025]!).to.equal(1);

    // Only the REGULATOR corrects, with a reason, within the same bounds; a refusal changes nothing.
    await bp.bank.client.fails(CORRECT, { id: reg.id, input: { securedAmount: '9000000.00' }, reason: '登记簿记载' }, 'FORBIDDEN');
    await owner.client.fails(CORRECT, { id: reg.id, input: { securedAmount: '9000000.00' }, reason: '登记簿记载' }, 'FORBIDDEN');
    await w.regulator.fails(CORRECT, { id: reg.id, input: { securedAmount: '9000000.00' }, reason: ' ' }, 'BAD_USER_INPUT', 'reason');
    await w.regulator.fails(CORRECT, { id: reg.id, input: { securedAmount: '12000000.01' }, reason: 'x' }, 'BAD_USER_INPUT', 'input.securedAmount');
    await w.regulator.fails(CORRECT, { id: reg.id, input: { registeredOn: '1985-06-01' }, reason: 'x' }, 'BAD_USER_INPUT', 'input.registeredOn');
    await w.regulator.fails(CORRECT, { id: reg.id, input: { registeredOn: '2024-12-31' }, reason: 'x' }, 'BAD_USER_INPUT', 'input.registeredOn');
    await w.regulator.fails(CORRECT, { id: reg.id, input: { registeredOn: addYears(today, 1) }, reason: 'x' }, 'BAD_USER_INPUT', 'input.registeredOn');
    await w.regulator.fails(CORRECT, { id: reg.id, input: { securedAmount: '11000000.00' }, reason: 'x' }, 'BAD_USER_INPUT', 'input');
    expect(await pledgeIndicatorFen(2025, 'XIANGYANG')).to.equal(fen0.y2025 + 1_100_000_000);

    // Amount and date: 11,000,000.00 on 2025-06-01 -> 9,500,000.00 on 2026-02-01.
    const number = `Y2026${String(Date.now()).slice(-9)}`;
    const fixed = (await w.regulator.ok(CORRECT, {
      id: reg.id,
      input: { securedAmount: '9500000.00', registeredOn: '2026-02-01', registrationNumber: number.toLowerCase() },
      reason: '与国家知识产权局质押登记簿核对',
    })).correctPledgeRegistration;
    expect(fixed).to.deep.include({ securedAmount: '9500000.00', registeredOn: '2026-02-01', registrationNumber: number, expiresOn: '2027-05-31', status: 'ACTIVE' });
    expect(fixed.corrections).to.have.length(1);
    expect(fixed.corrections[0].reason).to.equal('与国家知识产权局质押登记簿核对');
    expect(fixed.corrections[0].changes).to.deep.equal([
      { field: 'registrationNumber', from: reg.registrationNumber, to: number },
      { field: 'securedAmount', from: '11000000.00', to: '9500000.00' },
      { field: 'registeredOn', from: '2025-06-01', to: '2026-02-01' },
    ]);
    expect(fixed.history.map((h: { to: string }) => h.to)).to.deep.equal(['ACTIVE', 'ACTIVE']);
    expect(fixed.history[1].reason).to.contain('corrected').and.to.contain('与国家知识产权局质押登记簿核对');
    expect(await pledgeIndicatorFen(2025, 'XIANGYANG')).to.equal(fen0.y2025);
    expect(await pledgeIndicatorFen(2026, 'XIANGYANG')).to.equal(fen0.y2026 + 950_000_000);
    // Below the threshold now: the patent is no longer high-value, in any year.
    expect((await owner.client.ok(ASSET_PLEDGE, { id: assetId })).ipAsset.highValueReasons).to.deep.equal([]);
    expect(await platformSeries(w.anon, 'HIGH_VALUE_INVENTION_PATENTS', 'XIANGYANG')).to.deep.equal(series0);
    await consistent(2024, 2025, 2026, 2027);

    // Back above the threshold, from 2026 on only.
    await w.regulator.ok(CORRECT, { id: reg.id, input: { securedAmount: '12000000.00' }, reason: '补正金额' });
    const series2 = await platformSeries(w.anon, 'HIGH_VALUE_INVENTION_PATENTS', 'XIANGYANG');
    expect(series2[2025]).to.equal(series0[2025]);
    expect(series2[2026]! - series0[2026]!).to.equal(1);
    expect(await pledgeIndicatorFen(2026, 'XIANGYANG')).to.equal(fen0.y2026 + 1_200_000_000);
    await consistent(2025, 2026);

    // Each correction is in the regulator's audit log (read from the collection: auditLog is another branch's query).
    expect(await countDocs('auditentries', { kind: 'CORRECT_PLEDGE_REGISTRATION', targetId: reg.id })).to.equal(2);
    expect(await countDocs('auditentries', { kind: 'CORRECT_PLEDGE_REGISTRATION', targetId: reg.id, reason: '补正金额', actor: { $ne: null } })).to.equal(1);

    // A released registration: not dated after its release.
    await bp.bank.client.ok(RELEASE, { id: reg.id, releasedOn: '2026-03-01' });
    await w.regulator.fails(CORRECT, { id: reg.id, input: { registeredOn: '2026-03-02' }, reason: 'x' }, 'BAD_USER_INPUT', 'input.registeredOn');
  });

  it('a correction to a number already recorded is CONFLICT and changes nothing', async () => {
    const owner = await enterprise(w, 'NANSHAN');
    const a = await approvedToday(owner, '1000000.00');
    const b = await approvedToday(owner, '1000000.00');
    const input = (id: string) => registrationInput(id, { registeredOn: today, expiresOn: addYears(today, 1), securedAmount: '1000000.00' });
    const first = (await a.bp.bank.client.ok(REGISTER, { input: input(a.applicationId) })).recordPledgeRegistration;
    const second = (await b.bp.bank.client.ok(REGISTER, { input: input(b.applicationId) })).recordPledgeRegistration;
    await w.regulator.fails(CORRECT, { id: second.id, input: { registrationNumber: first.registrationNumber, securedAmount: '900000.00' }, reason: '笔误' }, 'CONFLICT');
    expect(await countDocs('pledgeregistrations', { _id: oid(second.id), registrationNumber: second.registrationNumber, securedAmount: 100_000_000 })).to.equal(1);
  });
});
