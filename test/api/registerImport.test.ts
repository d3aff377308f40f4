// Issue 11 point 2 over HTTP: an official register extract imported by the REGULATOR — dry run,
// real import of 10,000 rows through POST /imports/register, idempotence, unclaimed rights taken over
// on registration, malformed files, a 50 MB file refused, and indicatorAudit still consistent.
import { expect } from 'chai';
import { Client, REGISTER, registerOrg, signInAdmin, uniqueCreditCode, uniqueEmail } from '../helpers/client';
import { sharedStack } from '../helpers/hooks';
import { ADMIN_EMAIL, ADMIN_PASSWORD } from '../helpers/stack';
import { AUDIT, uniquePatentNumber } from '../helpers/indicators';
import { withWrongCheckDigit } from '../helpers/listings';

const HEADER = 'kind,number,title,holder name,holder credit code,filing date,grant date,legal status,classes';
const IMPORT = `mutation($csv: String!, $dryRun: Boolean!) { importRegisterExtract(csv: $csv, dryRun: $dryRun) {
  dryRun rows created updated unchanged errors results { line kind number outcome column reason assetId holderOnPlatform } } }`;
const MY_ASSETS = `query { myAssets(first: 100) { id number verification } }`;

function row(number: string, holder: string, code: string, extra: Partial<Record<'title' | 'filing' | 'grant' | 'status' | 'classes', string>> = {}): string {
  const filing = extra.filing ?? `${number.slice(0, 4)}-02-01`;
  return ['INVENTION_PATENT', number, `"${extra.title ?? '一种石墨提纯方法, 改进型'}"`, holder, code, filing, extra.grant ?? `${Number(number.slice(0, 4)) + 2}-06-01`, extra.status ?? 'VALID', extra.classes ?? 'C01B 32/215;C01B 32/20'].join(',');
}

describe('Register extract import (issue 11)', function () {
  this.timeout(600_000);
  let url: string;
  let anon: Client;
  let regulator: Client;
  before(async () => {
    url = (await sharedStack()).server.url;
    anon = new Client(url);
    regulator = await signInAdmin(anon, ADMIN_EMAIL, ADMIN_PASSWORD);
  });

  const post = (body: string | Buffer, token: string | undefined, dryRun = false) =>
    fetch(`${url}/imports/register${dryRun ? '?dryRun=true' : ''}`, {
      method: 'POST',
      headers: { 'content-type': 'text/csv; charset=utf-8', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body,
    });

  it('dry run writes nothing; the import writes VERIFIED rights; the same file again changes nothing', async () => {
    const holder = await registerOrg(anon, 'ENTERPRISE', { name: '鹤岗石墨公司' });
    const me = (await holder.client.ok(`query { me { organization { creditCode } } }`)).me.organization.creditCode;
    const numbers = [uniquePatentNumber(2018), uniquePatentNumber(2019)];
    const csv = `\uFEFF${HEADER}\r\n${numbers.map((n) => row(n, '鹤岗石墨公司', me)).join('\r\n')}\r\n`;
    const dry = (await regulator.ok(IMPORT, { csv, dryRun: true })).importRegisterExtract;
    expect([dry.dryRun, dry.created, dry.errors]).to.deep.equal([true, 2, 0]);
    expect((await holder.client.ok(MY_ASSETS)).myAssets).to.have.length(0);
    const real = (await regulator.ok(IMPORT, { csv, dryRun: false })).importRegisterExtract;
    expect([real.created, real.updated, real.unchanged, real.errors]).to.deep.equal([2, 0, 0, 0]);
    const mine = (await holder.client.ok(MY_ASSETS)).myAssets;
    expect(mine.map((a: { verification: string }) => a.verification)).to.deep.equal(['VERIFIED', 'VERIFIED']);
    const again = (await regulator.ok(IMPORT, { csv, dryRun: false })).importRegisterExtract;
    expect([again.created, again.updated, again.unchanged]).to.deep.equal([0, 0, 2]);
    // A corrected title in a later extract is an update, with history.
    const csv2 = `${HEADER}\n${row(numbers[0]!, '鹤岗石墨公司', me, { title: '一种石墨提纯方法' })}\n`;
    const upd = (await regulator.ok(IMPORT, { csv: csv2, dryRun: false })).importRegisterExtract;
    expect(upd.updated).to.equal(1);
    expect(upd.results[0].reason).to.match(/title/);
    await holder.client.fails(IMPORT, { csv, dryRun: true }, 'FORBIDDEN');
    const audit = (await regulator.ok(`query { auditLog(first: 1, kind: "IMPORT_REGISTER") { edges { node { summary details } } } }`)).auditLog;
    expect(JSON.parse(audit.edges[0].node.details).updated).to.equal(1);
  });

  it('an unclaimed right is taken over when its holder registers; an earlier false claim is rejected', async () => {
    const code = uniqueCreditCode();
    const number = uniquePatentNumber(2017);
    const squatter = await registerOrg(anon, 'ENTERPRISE');
    const fake = (await squatter.client.ok(`mutation($input: IpAssetInput!) { createIpAsset(input: $input) { id } }`, {
      input: { kind: 'INVENTION_PATENT', number, title: '抢注', filingDate: '2017-02-01', grantDate: '2019-06-01', legalStatus: 'VALID', classes: ['C01B 32/215'], industries: [] },
    })).createIpAsset.id;
    const res = (await regulator.ok(IMPORT, { csv: `${HEADER}\n${row(number, '萝北新材料公司', code)}\n`, dryRun: false })).importRegisterExtract;
    expect(res.results[0]).to.include({ outcome: 'CREATED', holderOnPlatform: false });
    expect((await squatter.client.ok(`query($id: ID!) { ipAsset(id: $id) { verification } }`, { id: fake })).ipAsset.verification).to.equal('REJECTED');
    const reg = await anon.ok(REGISTER, { input: { email: uniqueEmail('luobei'), password: 'correct-horse-battery', name: '管理员', organization: { name: '萝北新材料公司', kind: 'ENTERPRISE', creditCode: code, county: 'LUOBEI' } } });
    const mine = (await anon.as(reg.register.token).ok(MY_ASSETS)).myAssets;
    expect(mine.map((a: { number: string; verification: string }) => [a.number, a.verification])).to.deep.equal([[number, 'VERIFIED']]);
    expect((await regulator.ok(AUDIT, { year: 2024 })).indicatorAudit.consistent).to.equal(true);
  });

  it('malformed files: wrong columns, bad check digits, bad dates, duplicate rows', async () => {
    await regulator.fails(IMPORT, { csv: 'kind,number,title\nINVENTION_PATENT,1,x\n', dryRun: true }, 'BAD_USER_INPUT', 'csv');
    await regulator.fails(IMPORT, { csv: '', dryRun: true }, 'BAD_USER_INPUT', 'csv');
    const code = uniqueCreditCode();
    const good = uniquePatentNumber(2018);
    const badCode = `${code.slice(0, 17)}${code[17] === '0' ? '1' : '0'}`;
    const csv = [
      HEADER,
      row(good, '甲公司', code),
      row(withWrongCheckDigit(uniquePatentNumber(2018)), '甲公司', code),
      row(uniquePatentNumber(2018), '甲公司', code, { filing: '2018-02-30' }),
      row(good, '甲公司', code),
      row(uniquePatentNumber(2018), '甲公司', badCode),
      'TRADEMARK,123',
    ].join('\n');
    const r = (await regulator.ok(IMPORT, { csv, dryRun: true })).importRegisterExtract;
    const byLine = Object.fromEntries(r.results.map((x: { line: number; outcome: string; column: string | null }) => [x.line, [x.outcome, x.column]]));
    expect(byLine).to.deep.equal({
      2: ['CREATED', null], 3: ['ERROR', 'number'], 4: ['ERROR', 'filing_date'], 5: ['ERROR', 'number'], 6: ['ERROR', 'holder_credit_code'], 7: ['ERROR', '*'],
    });
    expect(r.results[3].reason).to.match(/duplicates line 2/);
  });

  it('a 50 MB file is refused cleanly (413, JSON), and strangers are refused before the upload is read', async () => {
    const big = Buffer.alloc(50 * 1024 * 1024, 'a');
    const res = await post(big, regulator.token);
    expect(res.status).to.equal(413);
    expect(((await res.json()) as { errors: { message: string }[] }).errors[0]!.message).to.match(/larger than 16mb/);
    expect((await post('x', undefined)).status).to.equal(401);
    const o = await registerOrg(anon, 'ENTERPRISE');
    expect((await post(`${HEADER}\n`, o.token)).status).to.equal(403);
  });

  it('10,000 rows in one request through POST /imports/register; indicatorAudit agrees afterwards', async () => {
    const holder = await registerOrg(anon, 'ENTERPRISE', { county: 'SUIBIN', name: '绥滨批量公司' });
    const me = (await holder.client.ok(`query { me { organization { creditCode } } }`)).me.organization.creditCode;
    const lines = [HEADER];
    for (let i = 0; i < 10_000; i++) lines.push(i % 2 ? row(uniquePatentNumber(2016), '绥滨批量公司', me) : row(uniquePatentNumber(2016), `外地公司${i}`, uniqueCreditCode()));
    const csv = lines.join('\n');
    const t0 = Date.now();
    const dry = (await (await post(csv, regulator.token, true)).json()) as { rows: number; created: number; errors: number };
    const tDry = Date.now() - t0;
    expect([dry.rows, dry.created, dry.errors]).to.deep.equal([10_000, 10_000, 0]);
    const t1 = Date.now();
    const res = await post(csv, regulator.token);
    const real = (await res.json()) as { created: number; errors: number };
    const tReal = Date.now() - t1;
    expect([res.status, real.created, real.errors]).to.deep.equal([200, 10_000, 0]);
    const t2 = Date.now();
    const again = (await (await post(csv, regulator.token)).json()) as { unchanged: number };
    const tAgain = Date.now() - t2;
    expect(again.unchanged).to.equal(10_000);
    console.log(`      10,000 rows (${(csv.length / 1e6).toFixed(2)} MB): dry run ${tDry} ms, import ${tReal} ms, same file again ${tAgain} ms`);
    expect((await regulator.ok(AUDIT, { year: 2024 })).indicatorAudit.consistent).to.equal(true);
  });
});
