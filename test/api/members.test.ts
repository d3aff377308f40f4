// Members and roles (issue 14, point 1): invitations, roles from the database, the last ORG_ADMIN,
// four-eyes review at banks. Over HTTP against the shared stack.
import { expect } from 'chai';
import { ACCEPT, INVITE, addMember, registerOrg, uniqueEmail, type Registered } from '../helpers/client';
import { Client } from '../helpers/client';
import { ADMIN_EMAIL, ADMIN_PASSWORD, startStack } from '../helpers/stack';
import { REVIEW, apply, bankWithProduct, countDocs, createAsset, enterprise, oid, world, type World } from '../helpers/financing';

const ME = `{ me { id email role organization { id } } }`;
const MEMBERS = `query($first: Int, $after: String) { organizationMembers(first: $first, after: $after) { totalCount pageInfo { hasNextPage endCursor } edges { node { id email role } } } }`;
const SET_ROLE = `mutation($userId: ID!, $role: Role!) { setMemberRole(userId: $userId, role: $role) { id role } }`;
const REMOVE = `mutation($userId: ID!) { removeMember(userId: $userId) { id } }`;

describe('members and roles', function () {
  this.timeout(120_000);
  let w: World;
  before(async () => {
    w = await world();
  });

  it('an invitation journey: invite, accept, act for the organization, remove; the removed token fails', async () => {
    const uni = await registerOrg(w.anon, 'UNIVERSITY');
    const email = uniqueEmail('colleague');
    const inv = (await uni.client.ok(INVITE, { email, role: 'MEMBER' })).inviteMember;
    expect(inv.email).to.equal(email);
    expect(inv.role).to.equal('MEMBER');
    expect(inv.organization.id).to.equal(uni.orgId);
    expect(inv.token).to.match(/^[A-Za-z0-9_-]{43}$/);
    expect(await countDocs('invitations', { tokenHash: inv.token })).to.equal(0); // stored hashed only

    const accepted = (await w.anon.ok(ACCEPT, { token: inv.token, name: '同事', password: 'a-long-password-1' })).acceptInvitation;
    expect(accepted.user.organization.id).to.equal(uni.orgId);
    expect(accepted.user.role).to.equal('MEMBER');
    const member = w.anon.as(accepted.token);
    // A MEMBER acts for the organization: records an asset it owns.
    const assetId = await createAsset(member);
    expect((await uni.client.ok(`query($id: ID!) { ipAsset(id: $id) { owner { id } } }`, { id: assetId })).ipAsset.owner.id).to.equal(uni.orgId);
    // The token works once.
    await w.anon.fails(ACCEPT, { token: inv.token, name: '又一个', password: 'a-long-password-1' }, 'BAD_USER_INPUT', 'token');

    const list = (await uni.client.ok(MEMBERS, { first: 1 })).organizationMembers;
    expect(list.totalCount).to.equal(2);
    expect(list.pageInfo.hasNextPage).to.equal(true);
    const rest = (await uni.client.ok(MEMBERS, { first: 1, after: list.pageInfo.endCursor })).organizationMembers;
    expect(rest.edges.map((e: { node: { email: string } }) => e.node.email)).to.deep.equal([email]);

    await uni.client.ok(REMOVE, { userId: accepted.user.id });
    const after = await member.raw(ME);
    expect(after.errors?.[0]?.extensions?.code).to.equal('UNAUTHENTICATED');
    const login = await w.anon.raw(`mutation($e: String!, $p: String!) { login(email: $e, password: $p) { token } }`, { e: email, p: 'a-long-password-1' });
    expect(login.errors?.[0]?.extensions?.code).to.equal('UNAUTHENTICATED');
    expect((await uni.client.ok(MEMBERS, {})).organizationMembers.totalCount).to.equal(1);
    // The address may be invited again after removal.
    expect((await uni.client.ok(INVITE, { email, role: 'MEMBER' })).inviteMember.token).to.be.a('string');
  });

  it('only an ORG_ADMIN manages members: FORBIDDEN naming the role', async () => {
    const org = await registerOrg(w.anon, 'ENTERPRISE');
    const member = await addMember(org, 'MEMBER');
    for (const [q, vars] of [
      [INVITE, { email: uniqueEmail('x'), role: 'MEMBER' }],
      [SET_ROLE, { userId: org.userId, role: 'MEMBER' }],
      [REMOVE, { userId: org.userId }],
      [MEMBERS, {}],
    ] as const) {
      const err = await member.client.fails(q, vars, 'FORBIDDEN');
      expect(err.message).to.contain('ORG_ADMIN');
      expect(err.extensions?.requiredRoles).to.deep.equal(['ORG_ADMIN']);
    }
    // The role comes from the database: promoted, the same token may now invite.
    await org.client.ok(SET_ROLE, { userId: member.userId, role: 'ORG_ADMIN' });
    expect((await member.client.ok(INVITE, { email: uniqueEmail('y'), role: 'MEMBER' })).inviteMember.role).to.equal('MEMBER');
    // Demoted again, refused again at once.
    await org.client.ok(SET_ROLE, { userId: member.userId, role: 'MEMBER' });
    await member.client.fails(INVITE, { email: uniqueEmail('z'), role: 'MEMBER' }, 'FORBIDDEN');
    // Another organization's member is not found.
    const other = await registerOrg(w.anon, 'ENTERPRISE');
    await other.client.fails(REMOVE, { userId: member.userId }, 'NOT_FOUND');
  });

  it('the last ORG_ADMIN cannot be removed or demoted, also when two admins demote each other at once', async () => {
    const org = await registerOrg(w.anon, 'UNIVERSITY');
    await org.client.fails(SET_ROLE, { userId: org.userId, role: 'MEMBER' }, 'CONFLICT', 'userId');
    await org.client.fails(REMOVE, { userId: org.userId }, 'CONFLICT', 'userId');
    const second = await addMember(org, 'ORG_ADMIN');
    const results = await Promise.all([
      org.client.raw(SET_ROLE, { userId: second.userId, role: 'MEMBER' }),
      second.client.raw(SET_ROLE, { userId: org.userId, role: 'MEMBER' }),
    ]);
    expect(results.filter((r) => !r.errors).length).to.equal(1);
    expect(results.find((r) => r.errors)!.errors![0]!.extensions?.code).to.match(/CONFLICT|FORBIDDEN/);
    expect(await countDocs('users', { organization: oid(org.orgId), role: 'ORG_ADMIN', removedAt: null })).to.equal(1);
  });

  it('bad input: invalid email, existing member, unknown role, bank role outside a bank, unknown or expired token; nothing written', async () => {
    const org = await registerOrg(w.anon, 'ENTERPRISE');
    const before = await countDocs('invitations', { organization: oid(org.orgId) });
    await org.client.fails(INVITE, { email: 'not-an-email', role: 'MEMBER' }, 'BAD_USER_INPUT', 'email');
    await org.client.fails(INVITE, { email: org.email, role: 'MEMBER' }, 'CONFLICT', 'email');
    await org.client.fails(INVITE, { email: uniqueEmail('r'), role: 'OWNER' }, 'BAD_USER_INPUT', 'role');
    await org.client.fails(INVITE, { email: uniqueEmail('r'), role: 'APPROVER' }, 'BAD_USER_INPUT', 'role');
    expect(await countDocs('invitations', { organization: oid(org.orgId) })).to.equal(before);

    const users = await countDocs('users', {});
    await w.anon.fails(ACCEPT, { token: 'A'.repeat(43), name: 'x', password: 'a-long-password-1' }, 'BAD_USER_INPUT', 'token');
    await w.anon.fails(ACCEPT, { token: 'short', name: 'x', password: 'a-long-password-1' }, 'BAD_USER_INPUT', 'token');
    const inv = (await org.client.ok(INVITE, { email: uniqueEmail('exp'), role: 'MEMBER' })).inviteMember;
    await w.anon.fails(ACCEPT, { token: inv.token, name: 'x', password: 'short' }, 'BAD_USER_INPUT', 'password');
    await w.anon.fails(ACCEPT, { token: inv.token, name: 'x', password: 'password123' }, 'BAD_USER_INPUT', 'password');
    // Expired (test setup moves the expiry into the past).
    const { db } = await import('../helpers/financing');
    await (await db()).collection('invitations').updateOne({ _id: oid(inv.id) }, { $set: { expiresAt: new Date(Date.now() - 1000) } });
    const err = await w.anon.fails(ACCEPT, { token: inv.token, name: 'x', password: 'a-long-password-1' }, 'BAD_USER_INPUT', 'token');
    expect(err.message).to.contain('expired');
    expect(await countDocs('users', {})).to.equal(users);
  });

  it('two acceptances of one invitation at once: exactly one user is created', async () => {
    const org = await registerOrg(w.anon, 'UNIVERSITY');
    const email = uniqueEmail('twice');
    const inv = (await org.client.ok(INVITE, { email, role: 'MEMBER' })).inviteMember;
    const results = await Promise.all([1, 2, 3].map((i) => w.anon.raw(ACCEPT, { token: inv.token, name: `同事${i}`, password: 'a-long-password-1' })));
    expect(results.filter((r) => !r.errors).length).to.equal(1);
    for (const r of results.filter((x) => x.errors)) expect(r.errors![0]!.extensions?.field).to.equal('token');
    expect(await countDocs('users', { email })).to.equal(1);
  });

  it('an invitation to an address that has an account elsewhere is refused on acceptance', async () => {
    const a = await registerOrg(w.anon, 'ENTERPRISE');
    const b = await registerOrg(w.anon, 'ENTERPRISE');
    const inv = (await a.client.ok(INVITE, { email: b.email, role: 'MEMBER' })).inviteMember;
    await w.anon.fails(ACCEPT, { token: inv.token, name: 'x', password: 'a-long-password-1' }, 'CONFLICT', 'token');
    expect(await countDocs('invitations', { _id: oid(inv.id), acceptedAt: null })).to.equal(1);
  });

  describe('four-eyes at banks', () => {
    let owner: Registered;
    before(async () => {
      owner = await enterprise(w);
    });

    it('the officer who started the review cannot approve; a second user with APPROVER can', async () => {
      const bp = await bankWithProduct(w);
      const officer = await addMember(bp.bank, 'CREDIT_OFFICER');
      const id = await apply(owner, bp.productId, [await createAsset(owner.client)]);
      // APPROVER cannot start the review, CREDIT_OFFICER can.
      const e1 = await bp.bank.approver!.fails(REVIEW, { input: { applicationId: id, decision: 'START_REVIEW' } }, 'FORBIDDEN');
      expect(e1.message).to.contain('CREDIT_OFFICER');
      await officer.client.ok(REVIEW, { input: { applicationId: id, decision: 'START_REVIEW' } });
      const e2 = await officer.client.fails(REVIEW, { input: { applicationId: id, decision: 'APPROVE' } }, 'FORBIDDEN');
      expect(e2.extensions?.requiredRoles).to.deep.equal(['ORG_ADMIN', 'APPROVER']);
      const approved = (await bp.bank.approver!.ok(REVIEW, { input: { applicationId: id, decision: 'APPROVE' } })).reviewPledgeApplication;
      expect(approved.status).to.equal('APPROVED');
      expect(approved.history.map((h: { by: { id: string } }) => h.by.id).slice(1)).to.deep.equal([officer.userId, bp.bank.approverUserId]);
    });

    it('an ORG_ADMIN who started the review cannot approve it; a bank with a single user is told why', async () => {
      const bp = await bankWithProduct(w);
      const id = await apply(owner, bp.productId, [await createAsset(owner.client)]);
      await bp.bank.client.ok(REVIEW, { input: { applicationId: id, decision: 'START_REVIEW' } });
      const e = await bp.bank.client.fails(REVIEW, { input: { applicationId: id, decision: 'APPROVE' } }, 'FORBIDDEN');
      expect(e.message).to.contain('Four-eyes');
      expect(await countDocs('pledgeapplications', { _id: oid(id), status: 'UNDER_REVIEW' })).to.equal(1);

      // A bank whose only user is its admin: the error says to invite an APPROVER.
      const lone = await registerOrg(w.anon, 'BANK');
      await w.regulator.ok(`mutation($id: ID!) { verifyOrganization(id: $id) { id } }`, { id: lone.orgId });
      const product = (await lone.client.ok(`mutation($input: LoanProductInput!) { createLoanProduct(input: $input) { id } }`, {
        input: { name: '单人银行产品', maxAmount: '10000000.00', maxLoanToValue: 0.5, maxTermMonths: 36, annualRatePercent: 3.85, acceptedKinds: ['INVENTION_PATENT'] },
      })).createLoanProduct.id;
      const id2 = await apply(owner, product, [await createAsset(owner.client)]);
      await lone.client.ok(REVIEW, { input: { applicationId: id2, decision: 'START_REVIEW' } });
      const e2 = await lone.client.fails(REVIEW, { input: { applicationId: id2, decision: 'APPROVE' } }, 'FORBIDDEN');
      expect(e2.message).to.contain('single user');
      expect(e2.message).to.contain('APPROVER');
    });
  });

  it('with FOUR_EYES=false a bank with a single user approves what it put under review', async () => {
    const s = await startStack({ FOUR_EYES: 'false' });
    try {
      const anon = new Client(s.server.url);
      const regulator = anon.as((await anon.ok(`mutation($e: String!, $p: String!) { login(email: $e, password: $p) { token } }`, { e: ADMIN_EMAIL, p: ADMIN_PASSWORD })).login.token);
      const bank = await registerOrg(anon, 'BANK');
      await regulator.ok(`mutation($id: ID!) { verifyOrganization(id: $id) { id } }`, { id: bank.orgId });
      const product = (await bank.client.ok(`mutation($input: LoanProductInput!) { createLoanProduct(input: $input) { id } }`, {
        input: { name: '产品', maxAmount: '10000000.00', maxLoanToValue: 0.5, maxTermMonths: 36, annualRatePercent: 3.85, acceptedKinds: ['INVENTION_PATENT'] },
      })).createLoanProduct.id;
      const owner = await registerOrg(anon, 'ENTERPRISE');
      const id = await apply(owner, product, [await createAsset(owner.client)]);
      await bank.client.ok(REVIEW, { input: { applicationId: id, decision: 'START_REVIEW' } });
      expect((await bank.client.ok(REVIEW, { input: { applicationId: id, decision: 'APPROVE' } })).reviewPledgeApplication.status).to.equal('APPROVED');
    } finally {
      await s.stop();
    }
  });
});
