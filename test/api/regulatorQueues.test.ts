// The city IP office's queues (issue 14, point 3): organizations for the REGULATOR (awaiting
// verification first, keyset-paged), revoking a verification (audited), the public directory of
// verified banks and insurers with their active products.
import { expect } from 'chai';
import { registerOrg, registerVerified, uniqueCreditCode } from '../helpers/client';
import { CREATE_PRODUCT, DEFAULT_PRODUCT, countDocs, world, type World } from '../helpers/financing';

const ORGS = `query($filter: OrganizationFilter, $first: Int, $after: String) {
  organizations(filter: $filter, first: $first, after: $after) { totalCount pageInfo { hasNextPage endCursor } edges { node { id name verified kind county } } }
}`;
const REVOKE = `mutation($id: ID!, $reason: String!) { revokeOrganizationVerification(id: $id, reason: $reason) { id verified } }`;
const DIRECTORY = `query($kind: OrgKind!) { financialInstitutions(kind: $kind) { id name verified loanProducts { id name active } insuranceProducts { id } } }`;

describe('the city IP office’s queues', function () {
  this.timeout(120_000);
  let w: World;
  before(async () => {
    w = await world();
  });

  it('organizations: REGULATOR only, unverified first, filtered, keyset-paged without gaps or repeats', async () => {
    const tag = `队列${uniqueCreditCode().slice(-6)}`;
    const verified = await registerVerified(w.anon, w.regulator, 'SERVICE_AGENCY');
    const a = await registerOrg(w.anon, 'SERVICE_AGENCY', { name: `${tag}甲`, county: 'NANSHAN' });
    const b = await registerOrg(w.anon, 'SERVICE_AGENCY', { name: `${tag}乙`, county: 'NANSHAN' });
    const c = await registerOrg(w.anon, 'SERVICE_AGENCY', { name: `${tag}丙`, county: 'NANSHAN' });
    await w.regulator.ok(`mutation($id: ID!) { verifyOrganization(id: $id) { id } }`, { id: a.orgId });
    const seen: { id: string; verified: boolean }[] = [];
    let after: string | null = null;
    for (;;) {
      const page: any = (await w.regulator.ok(ORGS, { filter: { text: tag, kind: 'SERVICE_AGENCY', county: 'NANSHAN' }, first: 1, after })).organizations;
      expect(page.totalCount).to.equal(3);
      seen.push(...page.edges.map((e: { node: { id: string; verified: boolean } }) => e.node));
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
    }
    expect(seen.map((o) => o.id)).to.deep.equal([b.orgId, c.orgId, a.orgId]);
    expect(seen.map((o) => o.verified)).to.deep.equal([false, false, true]);
    const onlyVerified = (await w.regulator.ok(ORGS, { filter: { text: tag, verified: true } })).organizations;
    expect(onlyVerified.edges.map((e: { node: { id: string } }) => e.node.id)).to.deep.equal([a.orgId]);

    await verified.client.fails(ORGS, {}, 'FORBIDDEN');
    await w.anon.fails(ORGS, {}, 'UNAUTHENTICATED');
    await w.regulator.fails(ORGS, { after: 'not-a-cursor' }, 'BAD_USER_INPUT', 'after');
    await w.regulator.fails(ORGS, { first: 1000 }, 'BAD_USER_INPUT', 'first');
  });

  it('revoking a verification needs a reason, is audited, and takes the bank out of the directory', async () => {
    const bank = await registerVerified(w.anon, w.regulator, 'BANK');
    const product = (await bank.client.ok(CREATE_PRODUCT, { input: { ...DEFAULT_PRODUCT, name: '目录测试产品' } })).createLoanProduct;
    const listed = (await w.anon.ok(DIRECTORY, { kind: 'BANK' })).financialInstitutions;
    const entry = listed.find((o: { id: string }) => o.id === bank.orgId);
    expect(entry.verified).to.equal(true);
    expect(entry.loanProducts.map((p: { id: string }) => p.id)).to.deep.equal([product.id]);
    expect(listed.every((o: { verified: boolean }) => o.verified)).to.equal(true);

    await bank.client.fails(REVOKE, { id: bank.orgId, reason: '自行撤销' }, 'FORBIDDEN');
    await w.regulator.fails(REVOKE, { id: bank.orgId, reason: '  ' }, 'BAD_USER_INPUT', 'reason');
    expect(await countDocs('auditentries', { kind: 'REVOKE_ORGANIZATION_VERIFICATION', targetId: bank.orgId })).to.equal(0);
    const revoked = (await w.regulator.ok(REVOKE, { id: bank.orgId, reason: '营业执照已吊销' })).revokeOrganizationVerification;
    expect(revoked.verified).to.equal(false);
    expect(await countDocs('auditentries', { kind: 'REVOKE_ORGANIZATION_VERIFICATION', targetId: bank.orgId, reason: '营业执照已吊销' })).to.equal(1);
    await w.regulator.fails(REVOKE, { id: bank.orgId, reason: '再次撤销' }, 'CONFLICT');
    const after = (await w.anon.ok(DIRECTORY, { kind: 'BANK' })).financialInstitutions;
    expect(after.map((o: { id: string }) => o.id)).not.to.include(bank.orgId);
    // An unverified bank may no longer act as a bank.
    await bank.client.fails(CREATE_PRODUCT, { input: { ...DEFAULT_PRODUCT, name: '撤销后产品' } }, 'FORBIDDEN');
    await w.anon.fails(DIRECTORY, { kind: 'ENTERPRISE' }, 'BAD_USER_INPUT', 'kind');
  });
});
