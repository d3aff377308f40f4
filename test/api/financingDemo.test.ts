// The demo data set: a bank with a product, an insurer with the three products, one application in
// each status, and a 2021-2024 registration history; loading it twice adds nothing and counts each
// registration once in the indicator.
import path from 'node:path';
import { expect } from 'chai';
import mongoose from 'mongoose';
import { Client, LOGIN, signInAdmin } from '../helpers/client';
import { ADMIN_EMAIL, ADMIN_PASSWORD, JWT_SECRET, startServer, startStack, type Stack } from '../helpers/stack';
import { REGISTRATIONS } from '../helpers/financing';

const DEMO_PASSWORD = 'Hegang-demo-2025';
const EXPECTED_YEARS: Record<number, string> = { 2021: '5000000.00', 2022: '8000000.00', 2023: '12000000.00', 2024: '18000000.00' };

describe('demo financing and insurance data', function () {
  this.timeout(120_000);
  let stack: Stack;
  let conn: mongoose.Connection;

  before(async () => {
    stack = await startStack({ DEMO_DATA: 'true' });
    conn = await mongoose.createConnection(stack.db.uri).asPromise();
  });
  after(async () => {
    await conn?.close();
    await stack?.stop();
  });

  async function snapshot() {
    const counts: Record<string, number> = {};
    for (const c of ['ipassets', 'loanproducts', 'pledgeapplications', 'pledgeregistrations', 'insuranceproducts', 'insurancequotes', 'insurancepolicies']) {
      counts[c] = await conn.collection(c).countDocuments({});
    }
    const deltas = await conn.collection('indicatordeltas').find({ code: 'PLEDGE_FINANCING_REGISTERED_AMOUNT' }).sort({ year: 1, county: 1 }).toArray();
    return { counts, deltas: deltas.map((d) => [d.year, d.county, d.amount]) };
  }

  it('the regulator sees a believable 2021-2024 history by year, over three counties, and the indicator figures agree', async () => {
    const anon = new Client(stack.server.url);
    const regulator = await signInAdmin(anon, ADMIN_EMAIL, ADMIN_PASSWORD);
    const counties = new Set<string>();
    for (const [year, total] of Object.entries(EXPECTED_YEARS)) {
      const conn2 = (await regulator.ok(REGISTRATIONS, { filter: { year: Number(year) }, first: 100 })).pledgeRegistrations;
      expect(conn2.totalSecuredAmount, year).to.equal(total);
      for (const e of conn2.edges) counties.add(e.node.county);
      const fen = (await conn.collection('indicatordeltas').find({ code: 'PLEDGE_FINANCING_REGISTERED_AMOUNT', year: Number(year) }).toArray()).reduce((n, d) => n + d.amount, 0);
      expect(fen, `indicator ${year}`).to.equal(Math.round(Number(total) * 100));
    }
    expect([...counties].sort()).to.deep.equal(['LUOBEI', 'XIANGYANG', 'XINGSHAN']);
    const active = (await regulator.ok(REGISTRATIONS, { filter: { status: 'ACTIVE' } })).pledgeRegistrations;
    expect(active.totalCount).to.equal(3);
  });

  it('the demo bank has a product and one application in each status, the APPROVED one backed by a guarantee policy', async () => {
    const anon = new Client(stack.server.url);
    const { login } = await anon.ok(LOGIN, { email: 'credit@xinqu-bank.demo.cn', password: DEMO_PASSWORD });
    const bank = anon.as(login.token);
    const products = (await anon.ok(`{ loanProducts { id bank { id } } }`)).loanProducts;
    expect(products.filter((p: { bank: { id: string } }) => p.bank.id === login.user.organization.id)).to.have.length(1);
    const apps = (await bank.ok(`{ pledgeApplications(first: 100) { status insurancePolicy { type status } registration { registrationNumber } dueDiligence { risks } } }`)).pledgeApplications;
    expect(apps.map((a: { status: string }) => a.status).sort()).to.deep.equal(['APPROVED', 'REGISTERED', 'REJECTED', 'RELEASED', 'SUBMITTED', 'UNDER_REVIEW', 'WITHDRAWN']);
    const approved = apps.find((a: { status: string }) => a.status === 'APPROVED');
    expect(approved.insurancePolicy).to.deep.equal({ type: 'PLEDGE_FINANCING_GUARANTEE', status: 'ACTIVE' });
    expect(apps.find((a: { status: string }) => a.status === 'REGISTERED').registration.registrationNumber).to.equal('Y2024230000133');
    const types = (await anon.ok(`{ insuranceProducts { type insurer { name } } }`)).insuranceProducts.map((p: { type: string }) => p.type).sort();
    expect(types).to.deep.equal(['INFRINGEMENT_LIABILITY', 'INFRINGEMENT_LOSS', 'PLEDGE_FINANCING_GUARANTEE']);
  });

  it('a second start on the same database adds nothing and counts nothing twice', async () => {
    const before = await snapshot();
    expect(before.counts.pledgeregistrations).to.equal(10);
    expect(before.counts.pledgeapplications).to.equal(7);
    await stack.server.stop();
    stack.server = await startServer({
      NODE_ENV: 'test', DATA_DIR: path.join(stack.tmp, 'data'), MONGODB_URI: stack.db.uri, DB_TIMEOUT_MS: '1500', JWT_SECRET,
      BOOTSTRAP_ADMIN_EMAIL: ADMIN_EMAIL, BOOTSTRAP_ADMIN_PASSWORD: ADMIN_PASSWORD, DEMO_DATA: 'true',
    });
    expect(await snapshot()).to.deep.equal(before);
    const pledged = await conn.collection('ipassets').countDocuments({ demo: true, pledge: { $ne: null } });
    expect(pledged, 'the three ACTIVE registrations hold four assets').to.equal(4);
  });
});
