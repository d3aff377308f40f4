// Issue 16, point 6: pledge-financing guarantee insurance that really backs the loan. The insurer
// underwrites the quote before it binds; the policy is in force only once its premium is paid (a
// signed Stripe webhook, applied once under replay, or a bank transfer the insurer confirms); it
// names the bank, covers the assets and the approved amount × its share, and backs one loan only;
// after the default the bank files a claim for the insurer's share and the insurer pays it.
import { expect } from 'chai';
import { Client, signInAdmin, type Registered } from '../helpers/client';
import { ADMIN_EMAIL, ADMIN_PASSWORD } from '../helpers/stack';
import mongoose from 'mongoose';
import { APPLY, APPLICATION, approve, apply, bankWithProduct, countDocs, createAsset, db, enterprise, oid, register, review, world, WITHDRAW, type World } from '../helpers/financing';
import { touchMirrors } from '../helpers/mirrors';
import { at, CONTRACT, contractInput, DEFAULT, DISBURSE, REPAY } from '../helpers/loans';
import { deliver, intentEvent, paymentsStack } from '../helpers/deals';
import {
  BIND_POLICY, CONFIRM_PREMIUM_TRANSFER, GUARANTEE_QUOTE, MY_POLICIES, RECORD_PREMIUM_TRANSFER, UNDERWRITE, guaranteeInsurer, guaranteePolicy, uniqueReference, type GuaranteeInsurer,
} from '../helpers/guarantee';
import { todayInShanghai } from '../../services/rules/calendar';
import { inbox } from '../helpers/notifications';
import { requiredCoverage } from '../../services/insurance/guaranteeCover';

const PAY_PREMIUM = `mutation($policyId: ID!) { payInsurancePremium(policyId: $policyId) { policyId paymentIntentId clientSecret amount currency } }`;
const FILE_CLAIM = `mutation($loanId: ID!) { fileInsuranceClaim(loanId: $loanId) { id status loss amount basis bank { id } insurer { id } loan { id } policy { id } history { from to } } }`;
const PAY_CLAIM = `mutation($input: PayClaimInput!) { payInsuranceClaim(input: $input) { id status amount paymentReference paidOn history { from to } } }`;
const LOAN_CLAIM = `query($id: ID!) { loan(id: $id) { id status lossAtDefault insuranceClaim { id status amount } } }`;
const SET_SCHEME = `mutation($input: RiskSharingSchemeInput!) { setRiskSharingScheme(input: $input) { year } }`;

const policyOf = async (client: Client, id: string) => (await client.ok(MY_POLICIES)).myInsurancePolicies.find((p: { id: string }) => p.id === id);

describe('guarantee insurance backs the loan (issue 16, point 6)', function () {
  this.timeout(120_000);
  let w: World;
  let gi: GuaranteeInsurer;
  before(async () => {
    w = await world();
    gi = await guaranteeInsurer(w);
  });

  it('the insurer underwrites a guarantee quote (accept, or decline with a reason) before it binds', async () => {
    const bp = await bankWithProduct(w);
    const owner = await enterprise(w);
    const asset = await createAsset(owner.client);
    const base = { productId: gi.productId, assetIds: [asset], coverage: '3000000.00' };
    // Bad input names the field, and nothing is written.
    await owner.client.fails(GUARANTEE_QUOTE, base, 'BAD_USER_INPUT', 'beneficiaryBankId');
    await owner.client.fails(GUARANTEE_QUOTE, { ...base, bank: owner.orgId }, 'BAD_USER_INPUT', 'beneficiaryBankId');
    await owner.client.fails(GUARANTEE_QUOTE, { ...base, bank: bp.bank.orgId, share: 0 }, 'BAD_USER_INPUT', 'coverageShareBps');
    await owner.client.fails(GUARANTEE_QUOTE, { ...base, bank: bp.bank.orgId, share: 10_001 }, 'BAD_USER_INPUT', 'coverageShareBps');
    expect(await countDocs('insurancequotes', { requester: oid(owner.orgId) })).to.equal(0);

    const declined = (await owner.client.ok(GUARANTEE_QUOTE, { ...base, bank: bp.bank.orgId, share: 8000 })).requestInsuranceQuote;
    expect(declined).to.deep.include({ underwriting: 'PENDING', coverageShareBps: 8000, bound: false, premium: '60000.00', beneficiaryBank: { id: bp.bank.orgId } });
    let err = await owner.client.fails(BIND_POLICY, { quoteId: declined.id }, 'CONFLICT');
    expect(err.message).to.match(/underwriting/);
    await owner.client.fails(UNDERWRITE, { input: { quoteId: declined.id, decision: 'ACCEPT' } }, 'FORBIDDEN'); // only the insurer
    await gi.insurer.client.fails(UNDERWRITE, { input: { quoteId: declined.id, decision: 'DECLINE' } }, 'BAD_USER_INPUT', 'input.reason');
    const d = (await gi.insurer.client.ok(UNDERWRITE, { input: { quoteId: declined.id, decision: 'DECLINE', reason: '质押物估值依据不足' } })).underwriteInsuranceQuote;
    expect(d).to.deep.equal({ id: declined.id, underwriting: 'DECLINED', underwritingReason: '质押物估值依据不足', bound: false });
    err = await owner.client.fails(BIND_POLICY, { quoteId: declined.id }, 'CONFLICT');
    expect(err.message).to.contain('质押物估值依据不足');
    await gi.insurer.client.fails(UNDERWRITE, { input: { quoteId: declined.id, decision: 'ACCEPT' } }, 'CONFLICT'); // one decision

    const accepted = (await owner.client.ok(GUARANTEE_QUOTE, { ...base, bank: bp.bank.orgId })).requestInsuranceQuote;
    expect(accepted.coverageShareBps).to.equal(10_000); // the whole amount unless a share is stated
    // Two decisions at once: exactly one is taken.
    const both = await Promise.all([
      gi.insurer.client.raw(UNDERWRITE, { input: { quoteId: accepted.id, decision: 'ACCEPT' } }),
      gi.insurer.client.raw(UNDERWRITE, { input: { quoteId: accepted.id, decision: 'DECLINE', reason: '重复' } }),
    ]);
    expect(both.filter((r) => !r.errors).length).to.equal(1);
    expect(both.filter((r) => r.errors?.[0]?.extensions?.code === 'CONFLICT').length).to.equal(1);
    const outcome = both.find((r) => !r.errors)!.data.underwriteInsuranceQuote.underwriting;
    if (outcome === 'DECLINED') return; // the decline won the race: nothing to bind (both outcomes are correct)
    const policy = (await owner.client.ok(BIND_POLICY, { quoteId: accepted.id })).bindInsurancePolicy;
    expect(policy).to.deep.include({ premiumStatus: 'UNPAID', premiumPaidVia: null, inForce: false, backsApplication: null, coverageShareBps: 10_000, beneficiaryBank: { id: bp.bank.orgId } });
  });

  it('an unpaid policy is not in force and does not back an application; the premium is paid by a bank transfer the insurer confirms', async () => {
    const bp = await bankWithProduct(w, { name: '投保必选贷', eligibility: { insuranceRequired: true } } as never);
    const owner = await enterprise(w);
    const asset = await createAsset(owner.client);
    const policy = await guaranteePolicy(gi, owner, [asset], bp.bank.orgId, { paid: false });
    expect(policy.inForce).to.equal(false);
    const err = await owner.client.fails(APPLY, { input: { productId: bp.productId, assetIds: [asset], requestedAmount: '1000000.00', termMonths: 12, insurancePolicyId: policy.id } }, 'BAD_USER_INPUT', 'input.insurancePolicyId');
    expect(err.message).to.match(/premium is not paid/);
    expect(await countDocs('pledgeapplications', { applicant: oid(owner.orgId) })).to.equal(0);

    const transfer = { reference: uniqueReference(), amount: policy.premium, paidOn: todayInShanghai() };
    await owner.client.fails(RECORD_PREMIUM_TRANSFER, { policyId: policy.id, input: { ...transfer, amount: '100.00' } }, 'BAD_USER_INPUT', 'input.amount');
    await owner.client.fails(RECORD_PREMIUM_TRANSFER, { policyId: policy.id, input: { ...transfer, reference: '流水' } }, 'BAD_USER_INPUT', 'input.reference');
    await owner.client.fails(RECORD_PREMIUM_TRANSFER, { policyId: policy.id, input: { ...transfer, paidOn: '2099-01-01' } }, 'BAD_USER_INPUT', 'input.paidOn');
    await gi.insurer.client.fails(CONFIRM_PREMIUM_TRANSFER, { policyId: policy.id }, 'CONFLICT'); // nothing recorded yet
    expect((await policyOf(owner.client, policy.id)).premiumTransfer).to.equal(null);
    await gi.insurer.client.fails(RECORD_PREMIUM_TRANSFER, { policyId: policy.id, input: transfer }, 'FORBIDDEN'); // the holder records
    const recorded = (await owner.client.ok(RECORD_PREMIUM_TRANSFER, { policyId: policy.id, input: transfer })).recordPremiumBankTransfer;
    expect(recorded).to.deep.include({ premiumStatus: 'UNPAID', inForce: false, premiumTransfer: { ...transfer, confirmedAt: null } });
    await owner.client.fails(RECORD_PREMIUM_TRANSFER, { policyId: policy.id, input: { ...transfer, reference: uniqueReference() } }, 'CONFLICT');
    await owner.client.fails(CONFIRM_PREMIUM_TRANSFER, { policyId: policy.id }, 'FORBIDDEN'); // the insurer confirms
    const paid = (await gi.insurer.client.ok(CONFIRM_PREMIUM_TRANSFER, { policyId: policy.id })).confirmPremiumBankTransfer;
    expect(paid).to.deep.include({ premiumStatus: 'PAID', premiumPaidVia: 'BANK_TRANSFER', inForce: true });
    expect(paid.premiumTransfer.confirmedAt).to.be.a('string');
    await gi.insurer.client.fails(CONFIRM_PREMIUM_TRANSFER, { policyId: policy.id }, 'CONFLICT');

    const id = await apply(owner, bp.productId, [asset], { requestedAmount: '1000000.00', insurancePolicyId: policy.id });
    expect((await policyOf(owner.client, policy.id)).backsApplication).to.equal(id);
    expect((await bp.bank.client.ok(APPLICATION, { id })).pledgeApplication.insurancePolicy.id).to.equal(policy.id);
  });

  it('a policy that does not cover the loan is refused: wrong bank, assets not covered, coverage below approved amount × share (to the fen)', async () => {
    const bp = await bankWithProduct(w);
    const otherBank = await bankWithProduct(w);
    const owner = await enterprise(w);
    const [a1, a2] = [await createAsset(owner.client), await createAsset(owner.client)];
    const input = { productId: bp.productId, assetIds: [a1], requestedAmount: '3000000.00', termMonths: 12 };
    const forOtherBank = await guaranteePolicy(gi, owner, [a1], otherBank.bank.orgId);
    let err = await owner.client.fails(APPLY, { input: { ...input, insurancePolicyId: forOtherBank.id } }, 'BAD_USER_INPUT', 'input.insurancePolicyId');
    expect(err.message).to.match(/beneficiary/);
    const onlyA2 = await guaranteePolicy(gi, owner, [a2], bp.bank.orgId);
    err = await owner.client.fails(APPLY, { input: { ...input, insurancePolicyId: onlyA2.id } }, 'BAD_USER_INPUT', 'input.insurancePolicyId');
    expect(err.message).to.contain(a1);
    expect(await countDocs('pledgeapplications', { applicant: oid(owner.orgId) })).to.equal(0);

    // Half of the loan covered by 1,000,000.00: an approval up to 2,000,000.00 passes; 2,000,000.01 needs 1,000,000.01 (rounded up).
    expect(requiredCoverage(200_000_001, 5000)).to.equal(100_000_001);
    const half = await guaranteePolicy(gi, owner, [a1], bp.bank.orgId, { coverage: '1000000.00', shareBps: 5000 });
    const id = await apply(owner, bp.productId, [a1], { requestedAmount: '3000000.00', insurancePolicyId: half.id });
    await review(bp.bank, id, 'START_REVIEW');
    err = await bp.bank.approver!.fails(`mutation($input: ReviewInput!) { reviewPledgeApplication(input: $input) { id } }`, { input: { applicationId: id, decision: 'APPROVE' } }, 'BAD_USER_INPUT', 'input.approvedAmount');
    expect(err.message).to.contain('50% of 3000000.00 yuan (1500000.00 yuan)');
    await bp.bank.approver!.fails(`mutation($input: ReviewInput!) { reviewPledgeApplication(input: $input) { id } }`, { input: { applicationId: id, decision: 'APPROVE', approvedAmount: '2000000.01' } }, 'BAD_USER_INPUT', 'input.approvedAmount');
    expect((await bp.bank.client.ok(APPLICATION, { id })).pledgeApplication.status).to.equal('UNDER_REVIEW'); // nothing written
    const approved = await review(bp.bank, id, 'APPROVE', { approvedAmount: '2000000.00' });
    expect(approved.status).to.equal('APPROVED');
  });

  it('backs one loan only: two applications naming the policy at once, one wins; withdrawing frees it', async () => {
    const bp = await bankWithProduct(w);
    const owner = await enterprise(w);
    const asset = await createAsset(owner.client);
    const policy = await guaranteePolicy(gi, owner, [asset], bp.bank.orgId);
    const input = { productId: bp.productId, assetIds: [asset], requestedAmount: '1000000.00', termMonths: 12, insurancePolicyId: policy.id };
    const results = await Promise.all([0, 1, 2].map(() => owner.client.raw(APPLY, { input })));
    const won = results.filter((r) => !r.errors);
    expect(won.length).to.equal(1);
    expect(results.filter((r) => r.errors?.[0]?.extensions?.code === 'CONFLICT').length).to.equal(2);
    const winner = won[0]!.data.applyForPledgeLoan.id as string;
    expect(await countDocs('pledgeapplications', { applicant: oid(owner.orgId) })).to.equal(1);
    expect((await policyOf(owner.client, policy.id)).backsApplication).to.equal(winner);
    await owner.client.fails(APPLY, { input }, 'CONFLICT');

    await owner.client.ok(WITHDRAW, { id: winner });
    expect((await policyOf(owner.client, policy.id)).backsApplication).to.equal(null);
    const next = await apply(owner, bp.productId, [asset], { requestedAmount: '1000000.00', insurancePolicyId: policy.id });
    expect((await policyOf(owner.client, policy.id)).backsApplication).to.equal(next);
  });

  it('a claim left by a crash (an application never inserted) blocks the policy for a minute, then is taken over', async () => {
    const bp = await bankWithProduct(w);
    const owner = await enterprise(w);
    const asset = await createAsset(owner.client);
    const policy = await guaranteePolicy(gi, owner, [asset], bp.bank.orgId);
    const conn = await db();
    const phantom = async (secondsAgo: number) => {
      await conn.collection('insurancepolicies').updateOne({ _id: oid(policy.id) }, { $set: { backsApplication: mongoose.Types.ObjectId.createFromTime(Math.floor(Date.now() / 1000) - secondsAgo) } });
      await touchMirrors(conn, 'insurancepolicies');
    };
    const input = { productId: bp.productId, assetIds: [asset], requestedAmount: '1000000.00', termMonths: 12, insurancePolicyId: policy.id };
    await phantom(5); // the crash was just now: another request may still be inserting it
    await owner.client.fails(APPLY, { input }, 'CONFLICT');
    expect(await countDocs('pledgeapplications', { applicant: oid(owner.orgId) })).to.equal(0);
    await phantom(120);
    const id = (await owner.client.ok(APPLY, { input })).applyForPledgeLoan.id;
    expect((await policyOf(owner.client, policy.id)).backsApplication).to.equal(id);
  });

  it('after the default the bank files a claim for the insurer’s share (to the fen); the insurer pays it; a second filing is CONFLICT', async () => {
    // The same 2025 scheme as test/api/riskSharing.test.ts (all test files share one database).
    await w.regulator.ok(SET_SCHEME, { input: { year: 2025, bankSharePercent: 60, insurerSharePercent: 20, cityFundSharePercent: 20, interestSubsidyPercent: 50, subsidyIndustries: ['GRAPHITE'] } });
    const bp = await bankWithProduct(w, { daysPastDueBeforeDefault: 30 } as never);
    const owner = await enterprise(w);
    const asset = await createAsset(owner.client);
    const policy = await guaranteePolicy(gi, owner, [asset], bp.bank.orgId, { coverage: '10000.00' });
    const applicationId = await apply(owner, bp.productId, [asset], { requestedAmount: '10000.00', insurancePolicyId: policy.id });
    await approve(bp.bank, applicationId);
    const bank = bp.bank.client;
    const loan = (await bank.ok(CONTRACT, { input: contractInput(applicationId) })).recordLoanContract;
    await register(bp.bank, applicationId, { registeredOn: '2025-01-25', expiresOn: '2027-01-25', securedAmount: '10000.00' });
    await at(bank, '2025-02-01').ok(DISBURSE, { input: { loanId: loan.id, disbursedOn: '2025-01-31', amount: '10000.00' } });
    await at(bank, '2025-02-28').ok(REPAY, { input: { loanId: loan.id, paidOn: '2025-02-28', amount: '3400.22' } });
    let err = await bank.fails(FILE_CLAIM, { loanId: loan.id }, 'CONFLICT'); // not defaulted yet
    expect(err.message).to.match(/CURRENT|OVERDUE/);
    await at(bank, '2025-06-01').ok(DEFAULT, { input: { loanId: loan.id, reason: '经营困难，停止还款' } });

    await gi.insurer.client.fails(FILE_CLAIM, { loanId: loan.id }, 'NOT_FOUND'); // the insurer does not see the loan
    await owner.client.fails(FILE_CLAIM, { loanId: loan.id }, 'FORBIDDEN'); // the borrower sees it, only the bank claims
    // Loss 10,000.00 - 3,300.22 = 6,699.78 (669,978 fen); the insurer's 20% = 133,995.6 -> 133,996 fen.
    const claim = (await bank.ok(FILE_CLAIM, { loanId: loan.id })).fileInsuranceClaim;
    expect(claim).to.deep.include({ status: 'FILED', loss: '6699.78', amount: '1339.96', basis: 'SCHEME', bank: { id: bp.bank.orgId }, insurer: { id: gi.insurer.orgId }, loan: { id: loan.id }, policy: { id: policy.id } });
    const twice = await Promise.all([bank.raw(FILE_CLAIM, { loanId: loan.id }), bank.raw(FILE_CLAIM, { loanId: loan.id })]);
    expect(twice.map((r) => r.errors?.[0]?.extensions?.code)).to.deep.equal(['CONFLICT', 'CONFLICT']);
    expect(await countDocs('insuranceclaims', { loan: oid(loan.id) })).to.equal(1);

    expect((await bank.ok(LOAN_CLAIM, { id: loan.id })).loan.insuranceClaim).to.deep.equal({ id: claim.id, status: 'FILED', amount: '1339.96' });
    expect((await policyOf(gi.insurer.client, policy.id)).claim).to.deep.equal({ id: claim.id, status: 'FILED', amount: '1339.96' });

    const pay = { claimId: claim.id, reference: uniqueReference(), paidOn: todayInShanghai() };
    await bank.fails(PAY_CLAIM, { input: pay }, 'FORBIDDEN'); // the insurer pays
    await gi.insurer.client.fails(PAY_CLAIM, { input: { ...pay, reference: 'x' } }, 'BAD_USER_INPUT', 'input.reference');
    await gi.insurer.client.fails(PAY_CLAIM, { input: { ...pay, paidOn: '2099-01-01' } }, 'BAD_USER_INPUT', 'input.paidOn');
    expect((await bank.ok(LOAN_CLAIM, { id: loan.id })).loan.insuranceClaim.status).to.equal('FILED'); // nothing written
    const paid = (await gi.insurer.client.ok(PAY_CLAIM, { input: pay })).payInsuranceClaim;
    expect(paid).to.deep.include({ status: 'PAID', amount: '1339.96', paymentReference: pay.reference, paidOn: pay.paidOn });
    expect(paid.history.map((h: { to: string }) => h.to)).to.deep.equal(['FILED', 'PAID']);
    await gi.insurer.client.fails(PAY_CLAIM, { input: pay }, 'CONFLICT');
    expect((await bank.ok(LOAN_CLAIM, { id: loan.id })).loan.insuranceClaim.status).to.equal('PAID');
    // The insurer was told of the claim, the bank of the payment (once each).
    const told = async (client: Client, kind: string) => (await inbox(client, { first: 100 })).filter((n) => n.kind === kind && n.objectId === claim.id);
    expect(await told(gi.insurer.client, 'INSURANCE_CLAIM_FILED')).to.have.length(1);
    const paidNote = await told(bank, 'INSURANCE_CLAIM_PAID');
    expect(paidNote).to.have.length(1);
    expect(paidNote[0].summary).to.contain('1339.96');
  });
});

describe('guarantee premium paid through Stripe (stripe-mock, signed webhooks)', function () {
  this.timeout(120_000);
  let url: string;
  let pw: World;
  let gi: GuaranteeInsurer;
  before(async () => {
    url = (await paymentsStack()).stack.server.url;
    const anon = new Client(url);
    pw = { anon, regulator: await signInAdmin(anon, ADMIN_EMAIL, ADMIN_PASSWORD) };
    gi = await guaranteeInsurer(pw);
  });

  it('payment_intent.succeeded marks the premium PAID once, whatever the replays', async () => {
    const bp = await bankWithProduct(pw);
    const owner: Registered = await enterprise(pw);
    const asset = await createAsset(owner.client);
    const policy = await guaranteePolicy(gi, owner, [asset], bp.bank.orgId, { coverage: '3000000.00', paid: false });
    await gi.insurer.client.fails(PAY_PREMIUM, { policyId: policy.id }, 'FORBIDDEN');
    const session = (await owner.client.ok(PAY_PREMIUM, { policyId: policy.id })).payInsurancePremium;
    expect(session).to.include({ policyId: policy.id, amount: '60000.00', currency: 'cny' });
    expect(session.paymentIntentId).to.match(/^pi_/);
    expect((await owner.client.ok(PAY_PREMIUM, { policyId: policy.id })).payInsurancePremium.paymentIntentId).to.equal(session.paymentIntentId); // one intent per policy

    const event = intentEvent('payment_intent.succeeded', { intentId: session.paymentIntentId, amount: 6_000_000 });
    ((event.data as { object: { metadata: Record<string, string> } }).object).metadata = { policyId: policy.id };
    const wrongAmount = intentEvent('payment_intent.succeeded', { intentId: session.paymentIntentId, amount: 5_999_999 });
    ((wrongAmount.data as { object: { metadata: Record<string, string> } }).object).metadata = { policyId: policy.id };
    expect((await deliver(url, wrongAmount)).body.outcome).to.equal('rejected');
    expect((await policyOf(owner.client, policy.id)).premiumStatus).to.equal('UNPAID');

    const first = await deliver(url, event);
    expect(first.status).to.equal(200);
    expect(first.body.outcome).to.equal('applied');
    const replays = await Promise.all([deliver(url, event), deliver(url, event)]);
    expect(replays.map((r) => r.body.outcome).sort()).to.deep.equal(['duplicate', 'duplicate']);
    const again = { ...event, id: `${String(event.id)}_again` }; // another event for the same intent
    expect((await deliver(url, again)).body.outcome).to.equal('ignored');

    const paid = await policyOf(owner.client, policy.id);
    expect(paid).to.deep.include({ premiumStatus: 'PAID', premiumPaidVia: 'STRIPE', inForce: true });
    await owner.client.fails(PAY_PREMIUM, { policyId: policy.id }, 'CONFLICT');
    await owner.client.fails(RECORD_PREMIUM_TRANSFER, { policyId: policy.id, input: { reference: uniqueReference(), amount: '60000.00', paidOn: todayInShanghai() } }, 'CONFLICT');
    const id = await apply(owner, bp.productId, [asset], { requestedAmount: '3000000.00', insurancePolicyId: policy.id });
    expect((await policyOf(owner.client, policy.id)).backsApplication).to.equal(id);
  });
});
