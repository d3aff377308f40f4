// Crash recovery (issue 10, point 12): each multi-document sequence is crashed at each step by an
// injected fault (FAULT_INJECT: the server SIGKILLs itself at that step, services/faults.ts), then a
// normal server starts on the same database; its start-up repair pass (services/repair) must leave
// a clean state, checked over the API, in which the operation can be done again.
import { expect } from 'chai';
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import mongoose from 'mongoose';
import { projectRoot } from '../../server/paths';
import { todayInShanghai } from '../../services/rules/calendar';
import { Client, REGISTER as REGISTER_ORG, signInAdmin, uniqueCreditCode, uniqueEmail, LOGIN, type Registered } from '../helpers/client';
import { ADMIN_EMAIL, ADMIN_PASSWORD, startServer, type ServerHandle } from '../helpers/stack';
import { CrashBench, expectCrash, repairsLogged } from '../helpers/crash';
import {
  APPLICATION,
  ASSET_PLEDGE,
  REGISTER,
  REGISTRATIONS,
  RELEASE,
  apply,
  approve,
  bankWithProduct,
  createAsset,
  enterprise,
  todayRegistrationInput,
  approveToday,
  uniqueRegistrationNumber,
} from '../helpers/financing';
import { registerVerified } from '../helpers/client';
import { publishedListing, SEARCH } from '../helpers/listings';
import { touchMirrors, writeStamp } from '../helpers/mirrors';
import { AUDIT } from '../helpers/indicators';

const execFileAsync = promisify(execFile);

/** Clients of the same users against another server (tokens survive: same JWT secret). */
const on = (s: ServerHandle, r: Registered): Client => new Client(s.url, r.token);

async function world(s: ServerHandle) {
  const anon = new Client(s.url);
  return { anon, regulator: await signInAdmin(anon, ADMIN_EMAIL, ADMIN_PASSWORD) };
}

async function auditConsistent(s: ServerHandle, year: number): Promise<{ consistent: boolean; rows: { code: string; consistent: boolean }[] }> {
  const { regulator } = await world(s);
  return (await regulator.ok(AUDIT, { year })).indicatorAudit;
}

describe('crash recovery: a fault injected at each step, then the start-up repair pass', function () {
  this.timeout(180_000);
  let bench: CrashBench;

  before(async () => {
    bench = await CrashBench.start();
  });
  afterEach(async () => bench.stopServers());
  after(async () => bench?.stop());

  describe('FAULT_INJECT is refused outside tests', () => {
    it('NODE_ENV=production with FAULT_INJECT set does not start, naming the variable', async () => {
      const err = await startServer(bench.env({ NODE_ENV: 'production', FAULT_INJECT: 'registration.afterClaim' })).then(
        () => null,
        (e: Error) => e,
      );
      expect(err?.message).to.match(/exited \(1\)/).and.to.include('FAULT_INJECT is only allowed with NODE_ENV=test');
    });

    it('an unknown fault point is refused too (a typo would test nothing)', async () => {
      const err = await startServer(bench.env({ FAULT_INJECT: 'registration.afterNothing' })).then(
        () => null,
        (e: Error) => e,
      );
      expect(err?.message).to.include('FAULT_INJECT must be one of');
    });
  });

  describe('recordPledgeRegistration (PENDING registration -> claims -> application -> ACTIVE)', () => {
    /** An approved application over two assets, prepared on `s`. */
    async function approvedTwoAssets(s: ServerHandle) {
      const w = await world(s);
      const bp = await bankWithProduct(w);
      const owner = await enterprise(w);
      const assetIds = [await createAsset(owner.client), await createAsset(owner.client)];
      const applicationId = await apply(owner, bp.productId, assetIds);
      await approveToday(bp.bank, applicationId);
      return { bank: bp.bank, owner, assetIds, applicationId, number: uniqueRegistrationNumber() };
    }
    type Prepared = Awaited<ReturnType<typeof approvedTwoAssets>>;

    async function crashRecording(point: string): Promise<Prepared> {
      const faulty = await bench.server({ FAULT_INJECT: point });
      const p = await approvedTwoAssets(faulty);
      await expectCrash(faulty, point, () => p.bank.client.raw(REGISTER, { input: todayRegistrationInput(p.applicationId, { registrationNumber: p.number }) }));
      return p;
    }

    async function pledgesOf(s: ServerHandle, p: Prepared): Promise<(string | null)[]> {
      const owner = on(s, p.owner);
      const out: (string | null)[] = [];
      for (const id of p.assetIds) out.push((await owner.ok(ASSET_PLEDGE, { id })).ipAsset.activePledge?.registrationNumber ?? null);
      return out;
    }

    async function registrationsNumbered(s: ServerHandle, p: Prepared) {
      const edges = (await on(s, p.bank).ok(REGISTRATIONS, { first: 50 })).pledgeRegistrations.edges as { node: { registrationNumber: string; status: string } }[];
      return edges.filter((e) => e.node.registrationNumber === p.number).map((e) => e.node.status);
    }

    /** Before the commit point: everything undone, and the same registration can be recorded again. */
    async function expectUndoneThenRedo(point: string): Promise<void> {
      const p = await crashRecording(point);
      const s = await bench.server();
      expect(repairsLogged(s)).to.include('pledge.registration.undone');
      expect(await pledgesOf(s, p)).to.deep.equal([null, null]);
      expect((await on(s, p.bank).ok(APPLICATION, { id: p.applicationId })).pledgeApplication.status).to.equal('APPROVED');
      expect(await registrationsNumbered(s, p)).to.deep.equal([]);

      const again = (await on(s, p.bank).ok(REGISTER, { input: todayRegistrationInput(p.applicationId, { registrationNumber: p.number }) })).recordPledgeRegistration;
      expect(again.status).to.equal('ACTIVE');
      expect(await pledgesOf(s, p)).to.deep.equal([p.number, p.number]);
      expect(await registrationsNumbered(s, p)).to.deep.equal(['ACTIVE']);
      expect((await auditConsistent(s, 2025)).consistent).to.equal(true);
    }

    it('crash after the PENDING registration is written: it is deleted and its number freed', async () => {
      await expectUndoneThenRedo('registration.afterPending');
    });

    it('crash after the first of two assets is claimed: the claim is released, the registration deleted', async () => {
      await expectUndoneThenRedo('registration.afterFirstClaim');
    });

    it('crash after every asset is claimed: the claims are released, the registration deleted', async () => {
      await expectUndoneThenRedo('registration.afterClaim');
    });

    /** Past the commit point: the registration is completed, counted once, and can be released. */
    async function expectCompletedThenRelease(point: string, kind: string): Promise<void> {
      const p = await crashRecording(point);
      const s = await bench.server();
      expect(repairsLogged(s)).to.include(kind);
      expect(repairsLogged(s)).to.include('pledge.registration.counted');
      const app = (await on(s, p.bank).ok(APPLICATION, { id: p.applicationId })).pledgeApplication;
      expect(app.status).to.equal('REGISTERED');
      expect(await pledgesOf(s, p)).to.deep.equal([p.number, p.number]);
      expect(await registrationsNumbered(s, p)).to.deep.equal(['ACTIVE']);
      expect((await auditConsistent(s, 2025)).consistent).to.equal(true);
      // A second pass (another start) finds nothing more to do.
      await bench.stopServers();
      const s2 = await bench.server();
      expect(repairsLogged(s2)).to.deep.equal([]);
      expect((await auditConsistent(s2, 2025)).consistent).to.equal(true);
      // The registration works like any other: the bank releases it and the assets are free.
      const edges = (await on(s2, p.bank).ok(REGISTRATIONS, { first: 50 })).pledgeRegistrations.edges as { node: { id: string; registrationNumber: string } }[];
      const regId = edges.find((e) => e.node.registrationNumber === p.number)!.node.id;
      expect((await on(s2, p.bank).ok(RELEASE, { id: regId, releasedOn: todayInShanghai() })).releasePledgeRegistration.status).to.equal('RELEASED');
      expect(await pledgesOf(s2, p)).to.deep.equal([null, null]);
    }

    it('crash after the application moved to REGISTERED: the PENDING registration is activated and counted', async () => {
      await expectCompletedThenRelease('registration.afterApplication', 'pledge.registration.activated');
    });

    it('crash after activation, before the indicator: the registration is counted once', async () => {
      await expectCompletedThenRelease('registration.afterActivate', 'pledge.registration.counted');
    });
  });

  describe('register (organization -> user)', () => {
    it('crash after the organization is created: it is deleted, and the email and credit code register again', async () => {
      const faulty = await bench.server({ FAULT_INJECT: 'register.afterOrganization' });
      const input = {
        email: uniqueEmail('crash'),
        password: 'correct-horse-battery',
        name: 'crash admin',
        organization: { name: '中断注册测试', kind: 'ENTERPRISE', creditCode: uniqueCreditCode(), county: 'XIANGYANG' },
      };
      await expectCrash(faulty, 'register.afterOrganization', () => new Client(faulty.url).raw(REGISTER_ORG, { input }));

      const s = await bench.server();
      expect(repairsLogged(s)).to.deep.equal(['organization.deleted']);
      const anon = new Client(s.url);
      await anon.fails(LOGIN, { email: input.email, password: input.password }, 'UNAUTHENTICATED');
      const again = (await anon.ok(REGISTER_ORG, { input })).register;
      expect(again.user.email).to.equal(input.email);
      expect(again.user.organization.creditCode).to.equal(input.organization.creditCode);
    });
  });

  describe('npm run repair (dist/scripts/repair.js)', () => {
    it('finds and undoes the same leftover as the start-up pass, prints it, and a second run finds nothing', async () => {
      const faulty = await bench.server({ FAULT_INJECT: 'register.afterOrganization' });
      const input = {
        email: uniqueEmail('script'),
        password: 'correct-horse-battery',
        name: 'script admin',
        organization: { name: '脚本修复测试', kind: 'ENTERPRISE', creditCode: uniqueCreditCode(), county: 'XIANGYANG' },
      };
      await expectCrash(faulty, 'register.afterOrganization', () => new Client(faulty.url).raw(REGISTER_ORG, { input }));

      const run = () => execFileAsync(process.execPath, [path.join(projectRoot, 'dist/scripts/repair.js')], { env: { PATH: process.env.PATH ?? '', MONGODB_URI: bench.db.uri, REPAIR_GRACE_SECONDS: '0' } });
      const first = await run();
      expect(first.stdout).to.match(/^organization\.deleted [0-9a-f]{24}: .*no user/m);
      expect(first.stdout).to.include('1 leftover(s) fixed.');
      expect((await run()).stdout).to.include('0 leftover(s) fixed.');

      // A server whose own pass would touch nothing (grace period of a day): the script did the work.
      const s = await bench.server({ REPAIR_GRACE_SECONDS: '86400' });
      expect(repairsLogged(s)).to.deep.equal([]);
      expect((await new Client(s.url).ok(REGISTER_ORG, { input })).register.user.email).to.equal(input.email);
    });

    it('fills in the holder-name key an open listing written by an older version lacks, once', async () => {
      const s = await bench.server({ REPAIR_GRACE_SECONDS: '86400' });
      const { anon, regulator } = await world(s);
      const holder = await registerVerified(anon, regulator, 'UNIVERSITY');
      const listing = await publishedListing(holder.client, { title: '旧版本写入的石墨挂牌' });
      const byText = async () => (await anon.ok(SEARCH, { filter: { text: '旧版本写入' }, first: 10 })).listings.edges.map((e: any) => e.node.id);
      expect(await byText()).to.deep.equal([listing.id]);
      const conn = await mongoose.createConnection(bench.db.uri).asPromise();
      try {
        await conn.collection('listings').updateOne({ _id: new mongoose.Types.ObjectId(String(listing.id)) }, { $unset: { holderName: '' } });
        await touchMirrors(conn, 'listings');
        await writeStamp(conn, 'listings', `test:${Date.now()}`); // and the search snapshot's stamp
      } finally {
        await conn.close();
      }
      const filter = { holderName: '测试 university', text: '旧版本写入' }; // the name is 测试UNIVERSITY机构: case and spaces ignored
      const byHolder = async () => (await anon.ok(SEARCH, { filter, first: 10 })).listings.edges.map((e: any) => e.node.id);
      expect(await byText()).to.deep.equal([listing.id]);
      expect(await byHolder()).to.deep.equal([]); // the filter cannot see it yet

      const run = () => execFileAsync(process.execPath, [path.join(projectRoot, 'dist/scripts/repair.js')], { env: { PATH: process.env.PATH ?? '', MONGODB_URI: bench.db.uri, REPAIR_GRACE_SECONDS: '0' } });
      const first = await run();
      expect(first.stdout).to.match(/^listing\.facts\.refreshed [0-9a-f]{24}: 1 open listing/m);
      expect((await run()).stdout).to.not.include('listing.facts.refreshed');
      expect(await byHolder()).to.deep.equal([listing.id]); // the running server sees the script's write (it touches the read mirrors)
    });

    it('without MONGODB_URI it explains and exits 2', async () => {
      const err = await execFileAsync(process.execPath, [path.join(projectRoot, 'dist/scripts/repair.js')], { env: { PATH: process.env.PATH ?? '' } }).then(
        () => null,
        (e: { code: number; stderr: string }) => e,
      );
      expect(err?.code).to.equal(2);
      expect(err?.stderr).to.include('MONGODB_URI is not set');
    });
  });

  describe('bindInsurancePolicy (quote marked -> policy inserted)', () => {
    const CREATE_PRODUCT = `mutation($input: InsuranceProductInput!) { createInsuranceProduct(input: $input) { id } }`;
    const QUOTE = `mutation($productId: ID!, $assetIds: [ID!]!, $coverage: Money!) { requestInsuranceQuote(productId: $productId, assetIds: $assetIds, coverage: $coverage) { id bound } }`;
    const BIND = `mutation($quoteId: ID!) { bindInsurancePolicy(quoteId: $quoteId) { id policyNumber holder { id } } }`;
    const MY_POLICIES = `{ myInsurancePolicies { id policyNumber } }`;

    it('crash after the quote is marked bound: the mark is cleared and the quote binds (once)', async () => {
      const faulty = await bench.server({ FAULT_INJECT: 'bind.afterQuoteClaim' });
      const w = await world(faulty);
      const insurer = await registerVerified(w.anon, w.regulator, 'INSURER');
      const productId = (await insurer.client.ok(CREATE_PRODUCT, { input: { type: 'INFRINGEMENT_LOSS', name: '专利被侵权损失保险', premiumRatePercent: 1.75, maxCoverage: '2000000.00' } }))
        .createInsuranceProduct.id;
      const owner = await enterprise(w);
      const asset = await createAsset(owner.client);
      const quoteId = (await owner.client.ok(QUOTE, { productId, assetIds: [asset], coverage: '1000000.00' })).requestInsuranceQuote.id;
      await expectCrash(faulty, 'bind.afterQuoteClaim', () => owner.client.raw(BIND, { quoteId }));

      const s = await bench.server();
      expect(repairsLogged(s)).to.deep.equal(['insurance.quote.unmarked']);
      const client = on(s, owner);
      expect((await client.ok(MY_POLICIES)).myInsurancePolicies).to.deep.equal([]);
      const policy = (await client.ok(BIND, { quoteId })).bindInsurancePolicy;
      expect(policy.holder.id).to.equal(owner.orgId);
      await client.fails(BIND, { quoteId }, 'CONFLICT');
      expect((await client.ok(MY_POLICIES)).myInsurancePolicies.map((p: { id: string }) => p.id)).to.deep.equal([policy.id]);
    });
  });

  describe('indicator ledger rebuild (run marker -> rewrite -> marker cleared)', () => {
    /**
     * Damages `n` ledger figures straight in the database (as in the indicators tests), so the
     * rebuild has that much to rewrite: more than 100 differences take the replace-everything path.
     */
    async function damageLedger(n: number): Promise<void> {
      const conn = await mongoose.createConnection(bench.db.uri).asPromise();
      try {
        for (let i = 0; i < n; i++) {
          await conn.collection('indicatordeltas').updateOne({ code: 'VALID_TRADEMARKS', year: 2024 - i, county: 'XIANGYANG' }, { $inc: { amount: 7 } }, { upsert: true });
        }
      } finally {
        await conn.close();
      }
    }

    /** The start-up rebuild of the demo data set (DEMO_DATA=true), crashed at `point`. */
    async function crashDemoRebuild(point: string): Promise<void> {
      const err = await bench.server({ FAULT_INJECT: point, DEMO_DATA: 'true' }).then(
        () => null,
        (e: Error) => e,
      );
      expect(err?.message).to.include(`FAULT_INJECT: crashing at ${point}`);
    }

    async function expectRebuiltAtStart(): Promise<void> {
      // While the marker is younger than the grace period the repair leaves it: the damage shows.
      const waiting = await bench.server({ REPAIR_GRACE_SECONDS: '86400' });
      expect(repairsLogged(waiting)).to.deep.equal([]);
      expect((await auditConsistent(waiting, 2024)).consistent).to.equal(false);
      await bench.stopServers();
      const s = await bench.server();
      expect(repairsLogged(s)).to.deep.equal(['indicators.ledger.rebuilt']);
      for (const year of [2021, 2023, 2024, 2025]) expect((await auditConsistent(s, year)).consistent, String(year)).to.equal(true);
    }

    it('crash after the ledger was deleted, before it was re-inserted: the next start rebuilds it', async () => {
      await damageLedger(120);
      await crashDemoRebuild('indicators.rebuild.afterDelete');
      await expectRebuiltAtStart();
    });

    it('crash after the marker is written: the next start runs the rebuild again', async () => {
      await damageLedger(1);
      await crashDemoRebuild('indicators.rebuild.afterMarker');
      await expectRebuiltAtStart();
    });
  });
});
