// Figures the city IP office can read without a footnote (issue 11, points 7 and 8), on a stack of
// its own started in demo mode and restarted without it: estimates where no official statistic is
// reported (stock: latest official + the platform's net change; flow: the platform figure), official
// statistics that keep their history and can be withdrawn (audited), and demo records that count
// only in demo mode.
import path from 'node:path';
import { expect } from 'chai';
import mongoose from 'mongoose';
import { startStack, startServer, ADMIN_EMAIL, ADMIN_PASSWORD, JWT_SECRET, type Stack } from '../helpers/stack';
import { Client, registerOrg, signInAdmin, type Registered } from '../helpers/client';
import { AUDIT, createTrademark, readIndicators } from '../helpers/indicators';

const TM = 'VALID_TRADEMARKS';
const PLEDGE = 'PLEDGE_FINANCING_REGISTERED_AMOUNT';
const REPORT = `mutation($code: IndicatorCode!, $year: Int!, $county: County, $value: Float!) {
  reportOfficialStatistic(code: $code, year: $year, county: $county, value: $value) { code year value source officialValue } }`;
const WITHDRAW = `mutation($code: IndicatorCode!, $year: Int!, $county: County, $reason: String) {
  withdrawOfficialStatistic(code: $code, year: $year, county: $county, reason: $reason) { code year value source officialValue estimateValue estimateNote } }`;
const STATISTIC = `query($code: IndicatorCode!, $year: Int!, $county: County) { officialStatistic(code: $code, year: $year, county: $county) {
  value withdrawn origin reportedBy reportedAt history { value origin reportedBy ended endedBy endedAt reason } } }`;
const ESTIMATE_ROW = `query($year: Int!, $county: County) { planIndicators(year: $year, county: $county) { code value platformValue officialValue estimateValue estimateNote source } }`;

describe('indicator figures: estimates, official statistics with history, demo records', function () {
  this.timeout(180_000);
  let stack: Stack;
  let anon: Client;
  let admin: Client;
  let ent: Registered;

  const row = async (code: string, year: number, county: string | null = null) =>
    ((await anon.ok(ESTIMATE_ROW, { year, county })).planIndicators as any[]).find((r) => r.code === code);

  const db = async <T>(fn: (conn: mongoose.Connection) => Promise<T>): Promise<T> => {
    const conn = await mongoose.createConnection(stack.db.uri).asPromise();
    try {
      return await fn(conn);
    } finally {
      await conn.close();
    }
  };

  before(async () => {
    stack = await startStack({ DEMO_DATA: 'true' });
    anon = new Client(stack.server.url);
    admin = await signInAdmin(anon, ADMIN_EMAIL, ADMIN_PASSWORD);
    ent = await registerOrg(anon, 'ENTERPRISE', { county: 'XINGSHAN' });
    await createTrademark(ent.client, '2022-04-01');
    await createTrademark(ent.client, '2024-04-01');
  });

  after(async () => {
    // stack.stop() stops the server it started; the restarted one is stopped here.
    await stack?.server.stop();
    await stack?.stop();
  });

  it('estimates a stock as the latest official figure plus the platform\'s net change, and a flow as the platform\'s figure', async () => {
    const t2024 = await row(TM, 2024);
    const t2020 = await row(TM, 2020);
    const change = t2024.platformValue - t2020.platformValue;
    expect(change).to.be.at.least(2); // at least the two trademarks registered above
    expect([t2024.value, t2024.source, t2024.officialValue, t2024.estimateValue]).to.deep.equal([5024 + change, 'ESTIMATE', null, 5024 + change]);
    expect(t2024.estimateNote).to.equal(`official 2020 (5024) + platform net change since 2020 (+${change})`);
    // A flow: the platform's own figure (the demo registrations of 2022: 5,000,000 + 3,000,000 yuan = 0.08 亿元).
    const p2022 = await row(PLEDGE, 2022);
    expect([p2022.value, p2022.platformValue, p2022.source]).to.deep.equal([0.08, 0.08, 'ESTIMATE']);
    // A county without any official figure: no estimate for a stock, the platform's figure.
    const county = await row(TM, 2024, 'XINGSHAN');
    expect([county.value, county.source, county.estimateValue]).to.deep.equal([county.platformValue, 'PLATFORM_RECORDS', null]);
  });

  it('keeps the history of official statistics: replaced values with who and when, withdrawal falls back to the estimate; both audited', async () => {
    const platform2023 = (await row(TM, 2023)).platformValue;
    const platform2024 = (await row(TM, 2024)).platformValue;
    await admin.ok(REPORT, { code: TM, year: 2023, value: 6000 });
    expect(await row(TM, 2024)).to.deep.include({ value: 6000 + platform2024 - platform2023, source: 'ESTIMATE' });
    const replaced = (await admin.ok(REPORT, { code: TM, year: 2023, value: 6100 })).reportOfficialStatistic;
    expect([replaced.value, replaced.source]).to.deep.equal([6100, 'OFFICIAL_STATISTIC']);
    let stat = (await admin.ok(STATISTIC, { code: TM, year: 2023 })).officialStatistic;
    expect([stat.value, stat.withdrawn, stat.origin]).to.deep.equal([6100, false, 'REGULATOR']);
    expect(stat.history).to.have.length(1);
    expect(stat.history[0]).to.deep.include({ value: 6000, origin: 'REGULATOR', ended: 'REPLACED', reason: null });
    expect(stat.history[0].reportedBy).to.match(/^[0-9a-f]{24}$/);
    expect(stat.history[0].endedBy).to.equal(stat.history[0].reportedBy);
    expect(Date.parse(stat.history[0].endedAt)).to.be.at.most(Date.parse(stat.reportedAt));

    // Others may not withdraw; an unknown figure is NOT_FOUND.
    await ent.client.fails(WITHDRAW, { code: TM, year: 2023 }, 'FORBIDDEN');
    await admin.fails(WITHDRAW, { code: TM, year: 2022, county: 'SUIBIN' }, 'NOT_FOUND');
    const withdrawn = (await admin.ok(WITHDRAW, { code: TM, year: 2023, reason: '统计口径有误' })).withdrawOfficialStatistic;
    const fallback = 5024 + platform2023 - (await row(TM, 2020)).platformValue;
    expect([withdrawn.value, withdrawn.source, withdrawn.officialValue, withdrawn.estimateValue]).to.deep.equal([fallback, 'ESTIMATE', null, fallback]);
    await admin.fails(WITHDRAW, { code: TM, year: 2023 }, 'NOT_FOUND');
    stat = (await admin.ok(STATISTIC, { code: TM, year: 2023 })).officialStatistic;
    expect([stat.value, stat.withdrawn]).to.deep.equal([null, true]);
    expect(stat.history.map((h: any) => [h.value, h.ended, h.reason])).to.deep.equal([[6000, 'REPLACED', null], [6100, 'WITHDRAWN', '统计口径有误']]);
    // Reported again: it counts again, the history is kept as it was.
    await admin.ok(REPORT, { code: TM, year: 2023, value: 6050 });
    stat = (await admin.ok(STATISTIC, { code: TM, year: 2023 })).officialStatistic;
    expect([stat.value, stat.withdrawn, stat.history.length]).to.deep.equal([6050, false, 2]);
    expect((await row(TM, 2023)).value).to.equal(6050);

    const entries = await db((conn) =>
      conn.collection('auditentries').find({ targetId: `${TM}:2023:CITY` }).sort({ at: 1 }).toArray(),
    );
    expect(entries.map((e) => e.kind)).to.deep.equal(['REPORT_OFFICIAL_STATISTIC', 'REPORT_OFFICIAL_STATISTIC', 'WITHDRAW_OFFICIAL_STATISTIC', 'REPORT_OFFICIAL_STATISTIC']);
    expect(entries[2]!.reason).to.equal('统计口径有误');
    expect(entries[1]!.details).to.deep.include({ value: 6100, previous: 6000 });
  });

  it('counts demo records only in demo mode (DEMO_DATA=true), and leaves them out after a restart without it', async () => {
    // Demo mode: the demo trademarks valid at the end of 2024 count, next to the two recorded through the API.
    const demoTrademarks = await db((conn) =>
      conn.collection('ipassets').countDocuments({ demo: true, kind: 'TRADEMARK', legalStatus: 'VALID', grantDate: { $lte: '2024-12-31' }, expiresOn: { $gt: '2024-12-31' } }),
    );
    expect(demoTrademarks).to.be.greaterThan(0);
    const withDemo = (await readIndicators(anon, 2024)).byCode;
    expect(withDemo[TM]!.platformValue).to.equal(demoTrademarks + 2);
    expect(withDemo[PLEDGE]!.series.find((p) => p.year === 2022)!.platformValue).to.equal(0.08);
    expect(withDemo.INVENTION_PATENTS_PER_10K_POPULATION!.population).to.equal(891_271); // the demo population
    expect((await admin.ok(AUDIT, { year: 2024 })).indicatorAudit.consistent).to.equal(true);

    // The same database, the server restarted with DEMO_DATA=false.
    await stack.server.stop();
    stack.server = await startServer({
      NODE_ENV: 'test', DATA_DIR: path.join(stack.tmp, 'data'), MONGODB_URI: stack.db.uri, DB_TIMEOUT_MS: '1500', JWT_SECRET,
      BOOTSTRAP_ADMIN_EMAIL: ADMIN_EMAIL, BOOTSTRAP_ADMIN_PASSWORD: ADMIN_PASSWORD, DEMO_DATA: 'false',
    });
    anon = new Client(stack.server.url);
    admin = await signInAdmin(anon, ADMIN_EMAIL, ADMIN_PASSWORD);
    const without = (await readIndicators(anon, 2024)).byCode;
    expect(without[TM]!.platformValue).to.equal(2);
    expect(without[PLEDGE]!.series.map((p) => p.platformValue)).to.deep.equal([0, 0, 0, 0, 0]);
    expect(without.INVENTION_PATENTS_PER_10K_POPULATION!.population).to.equal(null);
    // The audit's recomputation leaves them out too, every year.
    for (const year of [2021, 2022, 2024, 2026]) {
      const audit = (await admin.ok(AUDIT, { year })).indicatorAudit;
      expect(audit.consistent, `${year}`).to.equal(true);
    }
    // A record written through the API still counts.
    await createTrademark(new Client(stack.server.url, ent.token), '2024-09-09');
    expect((await readIndicators(anon, 2024)).byCode[TM]!.platformValue).to.equal(3);
  });
});
