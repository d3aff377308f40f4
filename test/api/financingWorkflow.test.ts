// Every move of a pledge application from every status, by the right and the wrong party.
// Illegal moves are CONFLICT, wrong parties FORBIDDEN, and a failed mutation changes nothing.
import { expect } from 'chai';
import { registerOrg, type Registered } from '../helpers/client';
import {
  APPLICATION, APPLY, REGISTER, RELEASE, REVIEW, WITHDRAW, apply, bankWithProduct, financingParties, countDocs, createAsset, enterprise, oid,
  registrationInput, register, review, world, type BankWithProduct, type World,
  approverOf,
} from '../helpers/financing';

type Status = 'SUBMITTED' | 'UNDER_REVIEW' | 'APPROVED' | 'REJECTED' | 'WITHDRAWN' | 'REGISTERED' | 'RELEASED';
type Move = 'START_REVIEW' | 'APPROVE' | 'REJECT' | 'WITHDRAW' | 'REGISTER';

/** The expected outcome of each move from each status: the status it leads to, or CONFLICT. */
const EXPECTED: Record<Status, Record<Move, Status | 'CONFLICT'>> = {
  SUBMITTED: { START_REVIEW: 'UNDER_REVIEW', APPROVE: 'CONFLICT', REJECT: 'REJECTED', WITHDRAW: 'WITHDRAWN', REGISTER: 'CONFLICT' },
  UNDER_REVIEW: { START_REVIEW: 'CONFLICT', APPROVE: 'APPROVED', REJECT: 'REJECTED', WITHDRAW: 'WITHDRAWN', REGISTER: 'CONFLICT' },
  APPROVED: { START_REVIEW: 'CONFLICT', APPROVE: 'CONFLICT', REJECT: 'CONFLICT', WITHDRAW: 'CONFLICT', REGISTER: 'REGISTERED' },
  REJECTED: { START_REVIEW: 'CONFLICT', APPROVE: 'CONFLICT', REJECT: 'CONFLICT', WITHDRAW: 'CONFLICT', REGISTER: 'CONFLICT' },
  WITHDRAWN: { START_REVIEW: 'CONFLICT', APPROVE: 'CONFLICT', REJECT: 'CONFLICT', WITHDRAW: 'CONFLICT', REGISTER: 'CONFLICT' },
  REGISTERED: { START_REVIEW: 'CONFLICT', APPROVE: 'CONFLICT', REJECT: 'CONFLICT', WITHDRAW: 'CONFLICT', REGISTER: 'CONFLICT' },
  RELEASED: { START_REVIEW: 'CONFLICT', APPROVE: 'CONFLICT', REJECT: 'CONFLICT', WITHDRAW: 'CONFLICT', REGISTER: 'CONFLICT' },
};

describe('pledge application workflow: every move from every status', () => {
  let w: World, bp: BankWithProduct, owner: Registered;
  before(async () => ({ w, bp, owner } = await financingParties()));

  /** A fresh application (on a fresh asset) brought to `status` through the API. */
  async function inStatus(status: Status): Promise<string> {
    const id = await apply(owner, bp.productId, [await createAsset(owner.client)]);
    if (status === 'SUBMITTED') return id;
    if (status === 'WITHDRAWN') return (await owner.client.ok(WITHDRAW, { id })).withdrawPledgeApplication.id;
    if (status === 'REJECTED') return (await review(bp.bank, id, 'REJECT', { reason: '估值依据不足' })).id;
    await review(bp.bank, id, 'START_REVIEW');
    if (status === 'UNDER_REVIEW') return id;
    await review(bp.bank, id, 'APPROVE');
    if (status === 'APPROVED') return id;
    const reg = await register(bp.bank, id);
    if (status === 'REGISTERED') return id;
    await bp.bank.client.ok(RELEASE, { id: reg.id, releasedOn: '2025-09-01' });
    return id;
  }

  function attempt(move: Move, id: string) {
    switch (move) {
      case 'WITHDRAW':
        return owner.client.raw(WITHDRAW, { id });
      case 'REGISTER':
        return bp.bank.client.raw(REGISTER, { input: registrationInput(id) });
      case 'REJECT':
        return bp.bank.client.raw(REVIEW, { input: { applicationId: id, decision: move, reason: '不符合条件' } });
      case 'APPROVE': // four-eyes: the bank's APPROVER approves what its admin put under review
        return approverOf(bp.bank).raw(REVIEW, { input: { applicationId: id, decision: move } });
      default:
        return bp.bank.client.raw(REVIEW, { input: { applicationId: id, decision: move } });
    }
  }

  async function snapshot(id: string) {
    const { pledgeApplication } = await owner.client.ok(APPLICATION, { id });
    return { status: pledgeApplication.status, history: pledgeApplication.history.length, approvedAmount: pledgeApplication.approvedAmount };
  }

  for (const [from, moves] of Object.entries(EXPECTED) as [Status, Record<Move, Status | 'CONFLICT'>][]) {
    it(`from ${from}: ${Object.entries(moves).map(([m, r]) => `${m} -> ${r}`).join(', ')}`, async () => {
      for (const [move, outcome] of Object.entries(moves) as [Move, Status | 'CONFLICT'][]) {
        const id = await inStatus(from);
        const before = await snapshot(id);
        expect(before.status).to.equal(from);
        const res = await attempt(move, id);
        if (outcome === 'CONFLICT') {
          expect(res.errors?.[0]?.extensions?.code, `${move} from ${from}`).to.equal('CONFLICT');
          expect(await snapshot(id), `${move} from ${from} changed nothing`).to.deep.equal(before);
        } else {
          expect(res.errors, `${move} from ${from}: ${JSON.stringify(res.errors)}`).to.equal(undefined);
          const after = await snapshot(id);
          expect(after.status, `${move} from ${from}`).to.equal(outcome);
          expect(after.history).to.equal(before.history + 1);
        }
      }
    });
  }

  it('a registration is released once: the second release is CONFLICT', async () => {
    const id = await inStatus('APPROVED');
    const reg = await register(bp.bank, id);
    await bp.bank.client.ok(RELEASE, { id: reg.id, releasedOn: '2025-09-01' });
    const err = await bp.bank.client.fails(RELEASE, { id: reg.id, releasedOn: '2025-09-02' }, 'CONFLICT');
    expect(err.extensions?.status).to.equal('RELEASED');
  });
});

describe('pledge application workflow: wrong parties', () => {
  let w: World;
  let bp: BankWithProduct;
  let otherBank: BankWithProduct;
  let owner: Registered;
  let stranger: Registered;

  before(async () => {
    w = await world();
    [bp, otherBank] = await Promise.all([bankWithProduct(w), bankWithProduct(w)]);
    owner = await enterprise(w);
    stranger = await registerOrg(w.anon, 'ENTERPRISE');
  });

  async function statusOf(id: string) {
    const { pledgeApplication } = await bp.bank.client.ok(APPLICATION, { id });
    return [pledgeApplication.status, pledgeApplication.history.length];
  }

  it('only the bank the application was sent to reviews it', async () => {
    const id = await apply(owner, bp.productId, [await createAsset(owner.client)]);
    // The applicant sees it (FORBIDDEN); those who cannot see it get NOT_FOUND, as for a missing id.
    for (const [caller, code] of [[owner, 'FORBIDDEN'], [otherBank.bank, 'NOT_FOUND'], [stranger, 'NOT_FOUND']] as const) {
      for (const decision of ['START_REVIEW', 'APPROVE', 'REJECT']) {
        await caller.client.fails(REVIEW, { input: { applicationId: id, decision, reason: 'x' } }, code);
      }
    }
    await w.anon.fails(REVIEW, { input: { applicationId: id, decision: 'START_REVIEW' } }, 'UNAUTHENTICATED');
    await w.regulator.fails(REVIEW, { input: { applicationId: id, decision: 'START_REVIEW' } }, 'NOT_FOUND');
    expect(await statusOf(id)).to.deep.equal(['SUBMITTED', 1]);
  });

  it('only the applicant withdraws', async () => {
    const id = await apply(owner, bp.productId, [await createAsset(owner.client)]);
    await bp.bank.client.fails(WITHDRAW, { id }, 'FORBIDDEN');
    for (const caller of [otherBank.bank, stranger]) await caller.client.fails(WITHDRAW, { id }, 'NOT_FOUND');
    await w.anon.fails(WITHDRAW, { id }, 'UNAUTHENTICATED');
    expect(await statusOf(id)).to.deep.equal(['SUBMITTED', 1]);
  });

  it('only the bank records the registration, and only the pledgee releases it', async () => {
    const assetId = await createAsset(owner.client);
    const id = await apply(owner, bp.productId, [assetId]);
    await review(bp.bank, id, 'START_REVIEW');
    await review(bp.bank, id, 'APPROVE');
    await owner.client.fails(REGISTER, { input: registrationInput(id) }, 'FORBIDDEN');
    for (const caller of [otherBank.bank, stranger]) await caller.client.fails(REGISTER, { input: registrationInput(id) }, 'NOT_FOUND');
    expect(await statusOf(id)).to.deep.equal(['APPROVED', 3]);
    expect(await countDocs('pledgeregistrations', { application: oid(id) })).to.equal(0);
    const reg = await register(bp.bank, id);
    await owner.client.fails(RELEASE, { id: reg.id, releasedOn: '2025-09-01' }, 'FORBIDDEN');
    for (const caller of [otherBank.bank, stranger]) await caller.client.fails(RELEASE, { id: reg.id, releasedOn: '2025-09-01' }, 'NOT_FOUND');
    await w.regulator.fails(RELEASE, { id: reg.id, releasedOn: '2025-09-01' }, 'FORBIDDEN');
    expect(await statusOf(id)).to.deep.equal(['REGISTERED', 4]);
    expect(await countDocs('ipassets', { _id: oid(assetId), 'pledge.registration': oid(reg.id) })).to.equal(1);
  });

  it('unknown ids are NOT_FOUND and malformed ones BAD_USER_INPUT naming the field', async () => {
    const unknown = '0123456789abcdef01234567';
    await bp.bank.client.fails(REVIEW, { input: { applicationId: unknown, decision: 'START_REVIEW' } }, 'NOT_FOUND');
    await bp.bank.client.fails(REVIEW, { input: { applicationId: 'nope', decision: 'START_REVIEW' } }, 'BAD_USER_INPUT', 'input.applicationId');
    await owner.client.fails(WITHDRAW, { id: 'nope' }, 'BAD_USER_INPUT', 'id');
    await bp.bank.client.fails(REGISTER, { input: registrationInput(unknown) }, 'NOT_FOUND');
    await bp.bank.client.fails(RELEASE, { id: unknown, releasedOn: '2025-09-01' }, 'NOT_FOUND');
    await bp.bank.client.fails(RELEASE, { id: 'x', releasedOn: '2025-09-01' }, 'BAD_USER_INPUT', 'id');
  });
});

describe('pledge applications: review and apply inputs', () => {
  let w: World;
  let bp: BankWithProduct;
  let owner: Registered;

  before(async () => {
    w = await world();
    bp = await bankWithProduct(w); // max 10,000,000.00, 36 months
    owner = await enterprise(w);
  });

  it('REJECT needs a reason; approvedAmount only with APPROVE, > 0 and within the product maximum', async () => {
    const id = await apply(owner, bp.productId, [await createAsset(owner.client)]);
    await bp.bank.client.fails(REVIEW, { input: { applicationId: id, decision: 'REJECT' } }, 'BAD_USER_INPUT', 'input.reason');
    await bp.bank.client.fails(REVIEW, { input: { applicationId: id, decision: 'START_REVIEW', approvedAmount: '100.00' } }, 'BAD_USER_INPUT', 'input.approvedAmount');
    await review(bp.bank, id, 'START_REVIEW');
    await approverOf(bp.bank).fails(REVIEW, { input: { applicationId: id, decision: 'APPROVE', approvedAmount: '0.00' } }, 'BAD_USER_INPUT', 'input.approvedAmount');
    await approverOf(bp.bank).fails(REVIEW, { input: { applicationId: id, decision: 'APPROVE', approvedAmount: '10000000.01' } }, 'BAD_USER_INPUT', 'input.approvedAmount');
    const { pledgeApplication } = await owner.client.ok(APPLICATION, { id });
    expect(pledgeApplication).to.deep.include({ status: 'UNDER_REVIEW', approvedAmount: null });
    const ok = await review(bp.bank, id, 'APPROVE', { approvedAmount: '10000000.00' });
    expect(ok.approvedAmount).to.equal('10000000.00');
  });

  it('APPROVE without an amount approves the requested amount', async () => {
    const id = await apply(owner, bp.productId, [await createAsset(owner.client)], { requestedAmount: '1234567.89' });
    await review(bp.bank, id, 'START_REVIEW');
    expect((await review(bp.bank, id, 'APPROVE')).approvedAmount).to.equal('1234567.89');
  });

  it('bad application inputs are BAD_USER_INPUT naming the field, and no application is created', async () => {
    const applicant = await enterprise(w);
    const assetId = await createAsset(applicant.client);
    const agency = await registerOrg(w.anon, 'SERVICE_AGENCY');
    const base = { productId: bp.productId, assetIds: [assetId], requestedAmount: '1000000.00', termMonths: 12, valuation: { amount: '5000000.00', method: 'COST', valuedOn: '2025-01-02' } };
    const cases: [Record<string, unknown>, string][] = [
      [{ assetIds: [] }, 'input.assetIds'],
      [{ assetIds: ['nope'] }, 'input.assetIds[0]'],
      [{ productId: 'nope' }, 'input.productId'],
      [{ requestedAmount: '0.00' }, 'input.requestedAmount'],
      [{ termMonths: 0 }, 'input.termMonths'],
      [{ termMonths: 37 }, 'input.termMonths'],
      [{ valuation: { ...base.valuation, amount: '0.00' } }, 'input.valuation.amount'],
      [{ valuation: { ...base.valuation, valuedOn: '2999-01-01' } }, 'input.valuation.valuedOn'],
      [{ valuation: { ...base.valuation, valuedOn: '2025-02-30' } }, 'input.valuation.valuedOn'],
      [{ valuation: { ...base.valuation, appraiserId: '0123456789abcdef01234567' } }, 'input.valuation.appraiserId'],
      [{ valuation: { ...base.valuation, appraiserId: bp.bank.orgId } }, 'input.valuation.appraiserId'],
      [{ insurancePolicyId: 'nope' }, 'input.insurancePolicyId'],
      [{ insurancePolicyId: '0123456789abcdef01234567' }, 'input.insurancePolicyId'],
    ];
    for (const [override, field] of cases) {
      await applicant.client.fails(APPLY, { input: { ...base, ...override } }, 'BAD_USER_INPUT', field);
    }
    await applicant.client.fails(APPLY, { input: { ...base, productId: '0123456789abcdef01234567' } }, 'NOT_FOUND');
    await applicant.client.fails(APPLY, { input: { ...base, assetIds: ['0123456789abcdef01234567'] } }, 'NOT_FOUND');
    await w.anon.fails(APPLY, { input: base }, 'UNAUTHENTICATED');
    expect(await countDocs('pledgeapplications', { applicant: oid(applicant.orgId) })).to.equal(0);
    // An appraisal firm is accepted as appraiser.
    const ok = await applicant.client.ok(APPLY, { input: { ...base, valuation: { ...base.valuation, appraiserId: agency.orgId } } });
    const { pledgeApplication } = await applicant.client.ok(APPLICATION, { id: ok.applyForPledgeLoan.id });
    expect(pledgeApplication.valuation.appraiser.id).to.equal(agency.orgId);
  });

  it("applying with another organization's asset is NOT_FOUND (it is not visible), even mixed with one's own", async () => {
    const other = await enterprise(w);
    const theirs = await createAsset(other.client);
    const mine = await createAsset(owner.client);
    await owner.client.fails(APPLY, { input: { productId: bp.productId, assetIds: [mine, theirs], requestedAmount: '100.00', termMonths: 12 } }, 'NOT_FOUND');
    await bp.bank.client.fails(APPLY, { input: { productId: bp.productId, assetIds: [theirs], requestedAmount: '100.00', termMonths: 12 } }, 'NOT_FOUND');
    expect(await countDocs('pledgeapplications', { assets: oid(theirs) })).to.equal(0);
  });

  it('duplicate asset ids count once', async () => {
    const a = await createAsset(owner.client);
    const id = await apply(owner, bp.productId, [a, a]);
    const { pledgeApplication } = await owner.client.ok(APPLICATION, { id });
    expect(pledgeApplication.dueDiligence.assets).to.have.length(1);
  });
});
