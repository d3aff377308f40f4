// Only the city IP office (REGULATOR) verifies organizations and certifies IP-advantage enterprises.
import { expect } from 'chai';
import { sharedStack } from '../helpers/hooks';
import { ADMIN_EMAIL, ADMIN_PASSWORD } from '../helpers/stack';
import { Client, LOGIN, registerOrg, signInAdmin, type Registered } from '../helpers/client';
import { addYears, todayInShanghai } from '../../services/rules/calendar';

const VERIFY = `mutation($id: ID!) { verifyOrganization(id: $id) { id kind verified } }`;
const CERTIFY = `mutation($organizationId: ID!, $level: AdvantageLevel!, $certifiedOn: Date!) {
  certifyIpAdvantage(organizationId: $organizationId, level: $level, certifiedOn: $certifiedOn) {
    id kind ipAdvantage { level certifiedOn expiresOn }
  }
}`;
const ORG = `query($id: ID!) { organization(id: $id) { id kind verified ipAdvantage { level certifiedOn expiresOn } } }`;
const UNKNOWN_ID = '0123456789abcdef01234567';

describe('authorization: verifying and certifying organizations', () => {
  let anon: Client;
  let regulator: Client;
  let bank: Registered;
  let insurer: Registered;
  let enterprise: Registered;
  let university: Registered;

  before(async () => {
    anon = new Client((await sharedStack()).server.url);
    regulator = await signInAdmin(anon, ADMIN_EMAIL, ADMIN_PASSWORD);
    [bank, insurer, enterprise, university] = await Promise.all(
      ['BANK', 'INSURER', 'ENTERPRISE', 'UNIVERSITY'].map((kind) => registerOrg(anon, kind)),
    );
  });

  it('the bootstrap admin belongs to the REGULATOR organization, which is verified', async () => {
    const { login } = await anon.ok(LOGIN, { email: ADMIN_EMAIL, password: ADMIN_PASSWORD });
    expect(login.user.organization.kind).to.equal('REGULATOR');
    const { organization } = await regulator.ok(ORG, { id: login.user.organization.id });
    expect(organization.verified).to.equal(true);
  });

  it('BANK and INSURER start unverified', async () => {
    for (const reg of [bank, insurer]) {
      const { organization } = await reg.client.ok(ORG, { id: reg.orgId });
      expect(organization.verified, organization.kind).to.equal(false);
    }
  });

  describe('verifyOrganization', () => {
    it('the REGULATOR verifies a bank, and the change is stored', async () => {
      const { verifyOrganization } = await regulator.ok(VERIFY, { id: bank.orgId });
      expect(verifyOrganization).to.deep.equal({ id: bank.orgId, kind: 'BANK', verified: true });
      const { organization } = await bank.client.ok(ORG, { id: bank.orgId });
      expect(organization.verified).to.equal(true);
    });

    it('any other organization is FORBIDDEN, and nothing changes', async () => {
      for (const caller of [insurer, enterprise, university, bank]) {
        await caller.client.fails(VERIFY, { id: insurer.orgId }, 'FORBIDDEN');
      }
      const { organization } = await regulator.ok(ORG, { id: insurer.orgId });
      expect(organization.verified).to.equal(false);
    });

    it('without a token it is UNAUTHENTICATED', async () => {
      await anon.fails(VERIFY, { id: insurer.orgId }, 'UNAUTHENTICATED');
    });

    it('an unknown id is NOT_FOUND and a malformed one BAD_USER_INPUT', async () => {
      await regulator.fails(VERIFY, { id: UNKNOWN_ID }, 'NOT_FOUND');
      await regulator.fails(VERIFY, { id: 'not-an-id' }, 'BAD_USER_INPUT', 'id');
    });
  });

  describe('certifyIpAdvantage', () => {
    it('the REGULATOR certifies an enterprise; the certificate runs three years', async () => {
      const { certifyIpAdvantage } = await regulator.ok(CERTIFY, { organizationId: enterprise.orgId, level: 'PROVINCIAL', certifiedOn: '2024-02-29' });
      expect(certifyIpAdvantage.ipAdvantage).to.deep.equal({ level: 'PROVINCIAL', certifiedOn: '2024-02-29', expiresOn: '2027-02-28' });
      const { organization } = await enterprise.client.ok(ORG, { id: enterprise.orgId });
      expect(organization.ipAdvantage).to.deep.equal({ level: 'PROVINCIAL', certifiedOn: '2024-02-29', expiresOn: '2027-02-28' });
    });

    it('today is accepted, tomorrow is BAD_USER_INPUT on certifiedOn', async () => {
      const today = todayInShanghai();
      const { certifyIpAdvantage } = await regulator.ok(CERTIFY, { organizationId: enterprise.orgId, level: 'MUNICIPAL', certifiedOn: today });
      expect(certifyIpAdvantage.ipAdvantage.expiresOn).to.equal(addYears(today, 3));
      const tomorrow = new Date(Date.parse(`${today}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
      await regulator.fails(CERTIFY, { organizationId: enterprise.orgId, level: 'NATIONAL', certifiedOn: tomorrow }, 'BAD_USER_INPUT', 'certifiedOn');
      const { organization } = await regulator.ok(ORG, { id: enterprise.orgId });
      expect(organization.ipAdvantage.level).to.equal('MUNICIPAL');
    });

    it('a date that does not exist is BAD_USER_INPUT on certifiedOn', async () => {
      await regulator.fails(CERTIFY, { organizationId: enterprise.orgId, level: 'NATIONAL', certifiedOn: '2023-02-29' }, 'BAD_USER_INPUT', 'certifiedOn');
    });

    it('only an ENTERPRISE can be certified: anything else is CONFLICT and stays uncertified', async () => {
      for (const org of [university, bank]) {
        await regulator.fails(CERTIFY, { organizationId: org.orgId, level: 'MUNICIPAL', certifiedOn: '2024-01-01' }, 'CONFLICT');
        const { organization } = await regulator.ok(ORG, { id: org.orgId });
        expect(organization.ipAdvantage).to.equal(null);
      }
    });

    it('any other organization is FORBIDDEN, without a token UNAUTHENTICATED, an unknown id NOT_FOUND', async () => {
      const vars = { organizationId: university.orgId, level: 'NATIONAL', certifiedOn: '2024-01-01' };
      for (const caller of [enterprise, bank, university]) await caller.client.fails(CERTIFY, { ...vars, organizationId: enterprise.orgId }, 'FORBIDDEN');
      await anon.fails(CERTIFY, vars, 'UNAUTHENTICATED');
      await regulator.fails(CERTIFY, { ...vars, organizationId: UNKNOWN_ID }, 'NOT_FOUND');
      const { organization } = await regulator.ok(ORG, { id: enterprise.orgId });
      expect(organization.ipAdvantage.level).to.equal('MUNICIPAL');
    });
  });

  describe('organization(id)', () => {
    it('needs a token', async () => {
      await anon.fails(ORG, { id: enterprise.orgId }, 'UNAUTHENTICATED');
    });

    it('is null for an unknown or malformed id', async () => {
      expect((await enterprise.client.ok(ORG, { id: UNKNOWN_ID })).organization).to.equal(null);
      expect((await enterprise.client.ok(ORG, { id: 'nope' })).organization).to.equal(null);
    });
  });
});
