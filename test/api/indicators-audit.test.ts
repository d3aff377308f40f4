// The figures kept current by writes agree with a full recomputation from the records, through the
// REGULATOR's indicatorAudit; a damaged figure is caught, and `recompute-indicators` repairs it.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { expect } from 'chai';
import mongoose from 'mongoose';
import { sharedStack } from '../helpers/hooks';
import { ADMIN_EMAIL, ADMIN_PASSWORD, type Stack } from '../helpers/stack';
import { Client, registerOrg, signInAdmin } from '../helpers/client';
import { AUDIT, createInvention, createTrademark, platformSeries } from '../helpers/indicators';
import { projectRoot } from '../../server/paths';

type Audit = { year: number; consistent: boolean; rows: { code: string; county: string | null; live: number; recomputed: number; consistent: boolean }[] };

describe('plan indicators: live figures equal a recomputation from the records', () => {
  let stack: Stack;
  let anon: Client;
  let admin: Client;

  const audit = async (year: number): Promise<Audit> => (await admin.ok<{ indicatorAudit: Audit }>(AUDIT, { year })).indicatorAudit;

  before(async () => {
    stack = await sharedStack();
    anon = new Client(stack.server.url);
    admin = await signInAdmin(anon, ADMIN_EMAIL, ADMIN_PASSWORD);
  });

  it('after a series of writes in several counties, every year 2020-2030 is consistent', async () => {
    const xingshan = await registerOrg(anon, 'ENTERPRISE', { county: 'XINGSHAN' });
    const gongnong = await registerOrg(anon, 'ENTERPRISE', { county: 'GONGNONG' });
    const uni = await registerOrg(anon, 'UNIVERSITY', { county: 'XIANGYANG' });
    await createInvention(xingshan.client, { filingDate: '2010-05-04', grantDate: '2013-01-01' }); // high-value from 2020, expires 2030
    await createInvention(xingshan.client, { filingDate: '2019-12-31', grantDate: '2021-12-31', chinaPatentAward: true });
    await createInvention(gongnong.client, { filingDate: '2016-02-29', grantDate: '2020-01-01', foreignFamily: true });
    await createInvention(uni.client, { filingDate: '2021-07-07', grantDate: '2024-03-03' });
    await createInvention(uni.client, { filingDate: '2022-07-07', grantDate: null, legalStatus: 'PENDING' });
    await createTrademark(gongnong.client, '2016-01-01'); // expires 2026-01-01: counted to 2025
    await createTrademark(gongnong.client, '2021-06-30');
    await createTrademark(xingshan.client, '2019-03-03', 'EXPIRED'); // recorded EXPIRED today
    await admin.ok(`mutation($id: ID!) { certifyIpAdvantage(organizationId: $id, level: MUNICIPAL, certifiedOn: "2023-12-31") { id } }`, { id: gongnong.orgId });
    await admin.ok(`mutation($id: ID!) { certifyIpAdvantage(organizationId: $id, level: NATIONAL, certifiedOn: "2021-01-01") { id } }`, { id: xingshan.orgId });

    for (let year = 2020; year <= 2030; year++) {
      const a = await audit(year);
      expect(a.rows, `${year}`).to.have.length(54); // 6 ledger series (the five + PCT applications) x (city + 8 counties)
      expect(a.rows.filter((r) => !r.consistent), `${year}`).to.deep.equal([]);
      expect(a.consistent).to.equal(true);
    }
    const y2024 = await audit(2024);
    const row = (code: string, county: string | null) => y2024.rows.find((r) => r.code === code && r.county === county)!;
    expect(row('IP_ADVANTAGE_ENTERPRISES', 'GONGNONG').live).to.be.at.least(1);
    expect(row('HIGH_VALUE_INVENTION_PATENTS', 'XINGSHAN').live).to.be.at.least(2);
    expect(row('VALID_TRADEMARKS', null).live).to.be.at.least(2);
  });

  it('stays exact under concurrent writes to the same figure', async () => {
    const ent = await registerOrg(anon, 'ENTERPRISE', { county: 'XINGAN' });
    const before = await platformSeries(anon, 'VALID_TRADEMARKS', 'XINGAN');
    await Promise.all(Array.from({ length: 20 }, () => createTrademark(ent.client, '2022-09-09')));
    const after = await platformSeries(anon, 'VALID_TRADEMARKS', 'XINGAN');
    expect(after[2022]! - before[2022]!).to.equal(20);
    expect(after[2021]! - before[2021]!).to.equal(0);
    expect((await audit(2022)).consistent).to.equal(true);
  });

  it('catches a damaged figure, and `recompute-indicators` finds and repairs it', async () => {
    const ent = await registerOrg(anon, 'ENTERPRISE', { county: 'XINGAN' });
    await createTrademark(ent.client, '2022-10-10');
    const correct = (await platformSeries(anon, 'VALID_TRADEMARKS', 'XINGAN'))[2023]!;
    // Damage one stored figure behind the API's back.
    const conn = await mongoose.createConnection(stack.db.uri).asPromise();
    try {
      await conn.collection('indicatordeltas').updateOne(
        { code: 'VALID_TRADEMARKS', year: 2022, county: 'XINGAN' },
        { $inc: { amount: 3 } },
      );
    } finally {
      await conn.close();
    }
    // Any indicator write makes every server re-read the figures: now the damage shows.
    await admin.ok(`mutation { setPopulation(year: 2030, county: XIANGYANG, population: 190000) }`);
    expect((await platformSeries(anon, 'VALID_TRADEMARKS', 'XINGAN'))[2023]).to.equal(correct + 3);
    const damaged = await audit(2023);
    expect(damaged.consistent).to.equal(false);
    const bad = damaged.rows.filter((r) => !r.consistent);
    expect(bad.map((r) => [r.code, r.county, r.live - r.recomputed])).to.deep.equal([
      ['VALID_TRADEMARKS', null, 3],
      ['VALID_TRADEMARKS', 'XINGAN', 3],
    ]);

    const script = path.join(projectRoot, 'dist/scripts/recompute-indicators.js');
    const env = { PATH: process.env.PATH ?? '', MONGODB_URI: stack.db.uri };
    const check = spawnSync(process.execPath, [script, '--check'], { env, encoding: 'utf8', timeout: 60_000 });
    expect(check.status, check.stderr).to.equal(1);
    expect(check.stdout).to.match(/VALID_TRADEMARKS 2022 XINGAN: stored \d+, records say \d+/);
    expect(check.stdout).to.match(/; 1 differ\./);

    const fix = spawnSync(process.execPath, [script], { env, encoding: 'utf8', timeout: 60_000 });
    expect(fix.status, fix.stderr).to.equal(0);
    expect(fix.stdout).to.match(/; 1 corrected\./);
    const repaired = await audit(2023);
    expect(repaired.consistent).to.equal(true);
    // The server sees the other process's repair (the shared stamp changed).
    expect((await platformSeries(anon, 'VALID_TRADEMARKS', 'XINGAN'))[2023]).to.equal(correct);

    const again = spawnSync(process.execPath, [script, '--check'], { env, encoding: 'utf8', timeout: 60_000 });
    expect(again.status, again.stdout + again.stderr).to.equal(0);
    expect(again.stdout).to.match(/; 0 differ\./);

    const noUri = spawnSync(process.execPath, [script], { env: { PATH: env.PATH }, encoding: 'utf8', timeout: 60_000 });
    expect(noUri.status).to.equal(2);
    expect(noUri.stderr).to.match(/MONGODB_URI is not set/);
  });
});
