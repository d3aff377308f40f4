// IP assets: CNIPA number rules, derived expiry and status, high value, who may see and list them.
import { verifyAsset } from '../helpers/verify';
import { expect } from 'chai';
import { sharedStack } from '../helpers/hooks';
import { Client, registerOrg, type Registered } from '../helpers/client';
import { ASSET_FIELDS, CREATE_ASSET, createAsset, createListing, inventionInput, patentNumber, PUBLISH, trademarkNumber, withWrongCheckDigit } from '../helpers/listings';
import { patentCheckDigit } from '../../services/rules/patentNumber';
import { todayInShanghai, yearsBetween } from '../../services/rules/calendar';

const GET_ASSET = `query($id: ID!) { ipAsset(id: $id) { ${ASSET_FIELDS} } }`;
const MY_ASSETS = `query($first: Int, $after: String) { myAssets(first: $first, after: $after) { id number } }`;

describe('IP assets', () => {
  let anon: Client;
  let university: Registered;
  let stranger: Registered;

  before(async () => {
    anon = new Client((await sharedStack()).server.url);
    [university, stranger] = await Promise.all([
      registerOrg(anon, 'UNIVERSITY', { name: '鹤岗师范高等专科学校（测试）' }),
      registerOrg(anon, 'ENTERPRISE', { county: 'LUOBEI' }),
    ]);
  });

  it('records an invention patent with derived expiry, status and remaining years', async () => {
    const number = patentNumber('1', 2020);
    const asset = await createAsset(university.client, {
      number: `ZL ${number}`,
      classes: ['c01b32/215', 'H01M 4/587'],
      industries: ['GRAPHITE', 'NEW_MATERIALS', 'GRAPHITE'],
    });
    expect(asset).to.include({ kind: 'INVENTION_PATENT', number, title: '一种高纯石墨的提纯方法', filingDate: '2020-03-15', grantDate: '2022-06-10' });
    expect(asset.expiresOn).to.equal('2040-03-15');
    expect(asset.legalStatus).to.equal('VALID');
    expect(asset.classes).to.deep.equal(['C01B 32/215', 'H01M 4/587']);
    expect(asset.industries).to.deep.equal(['GRAPHITE', 'NEW_MATERIALS']);
    // Graphite purification and anode graphite are in the CNIPA concordance (services/rules/seiConcordance.ts).
    expect(asset.highValue).to.equal(true);
    expect(asset.highValueReasons).to.deep.equal(['STRATEGIC_EMERGING_INDUSTRY']);
    expect(asset.remainingYears).to.be.closeTo(yearsBetween(todayInShanghai(), '2040-03-15'), 0.01);
    expect(asset.owner.id).to.equal(university.orgId);
  });

  it('derives high value from CNIPA reasons: strategic industry, and more than 10 years in force', async () => {
    const strategic = await createAsset(university.client, { strategicEmergingIndustry: true });
    expect(strategic.highValue).to.equal(true);
    expect(strategic.highValueReasons).to.deep.equal(['STRATEGIC_EMERGING_INDUSTRY']);
    const plain = await createAsset(university.client, { classes: ['A47J 27/00'] });
    expect(plain.highValueReasons).to.deep.equal([]);
    const old = await createAsset(university.client, { number: patentNumber('1', 2015), filingDate: '2015-01-10', grantDate: '2017-05-02', classes: ['A47J 27/00'] });
    expect(old.highValueReasons).to.deep.equal(['MAINTAINED_OVER_10_YEARS']);
    const utility = await university.client.fails(
      CREATE_ASSET,
      { input: inventionInput({ kind: 'UTILITY_MODEL', number: patentNumber('2', 2020), strategicEmergingIndustry: true }) },
      'BAD_USER_INPUT',
      'input.strategicEmergingIndustry',
    );
    expect(utility.message).to.match(/invention patents only/);
  });

  it('reads a patent past its expiry as EXPIRED whatever was typed, with 0 years left', async () => {
    const asset = await createAsset(university.client, { number: patentNumber('1', 2003), filingDate: '2003-11-20', grantDate: '2006-01-11', legalStatus: 'VALID', classes: ['A47J 27/00'] });
    expect(asset.expiresOn).to.equal('2023-11-20');
    expect(asset.legalStatus).to.equal('EXPIRED');
    expect(asset.remainingYears).to.equal(0);
    expect(asset.highValue).to.equal(false); // not in force, so not "maintained"
  });

  it('accepts pre-2003 8-digit numbers', async () => {
    const digits = `9822${String(Math.floor(Math.random() * 10000)).padStart(4, '0')}`;
    const asset = await createAsset(university.client, {
      kind: 'UTILITY_MODEL', number: `${digits}.${patentCheckDigit(digits)}`, filingDate: '1998-04-02', grantDate: '1999-01-20',
    });
    expect(asset.number).to.equal(`${digits}.${patentCheckDigit(digits)}`);
    expect(asset.expiresOn).to.equal('2008-04-02');
    expect(asset.legalStatus).to.equal('EXPIRED');
  });

  it('gives designs 10 years before 2021-06-01 and 15 years from that day', async () => {
    const before = await createAsset(university.client, { kind: 'DESIGN_PATENT', number: patentNumber('3', 2021), filingDate: '2021-05-31', grantDate: '2021-10-08', classes: ['09-01'] });
    const after = await createAsset(university.client, { kind: 'DESIGN_PATENT', number: patentNumber('3', 2021), filingDate: '2021-06-01', grantDate: '2021-10-08', classes: ['09-01'] });
    expect([before.expiresOn, after.expiresOn]).to.deep.equal(['2031-05-31', '2036-06-01']);
    expect(after.classes).to.deep.equal(['09-01']);
  });

  it('runs a trademark 10 years from registration, with Nice classes', async () => {
    const tm = await createAsset(university.client, {
      kind: 'TRADEMARK', number: trademarkNumber(), title: '鹤岗大米', filingDate: '2019-02-11', grantDate: '2020-05-07', classes: ['30', '31', '30'], industries: ['GREEN_FOOD'],
    });
    expect(tm.expiresOn).to.equal('2030-05-07');
    expect(tm.classes).to.deep.equal(['30', '31']);
    expect(tm.highValue).to.equal(false);
  });

  describe('bad input gets BAD_USER_INPUT naming the field, and records nothing', () => {
    const cases: [string, Record<string, unknown>, string, RegExp][] = [
      ['a wrong check digit', { number: withWrongCheckDigit('201710601862.3') }, 'input.number', /check digit is wrong \(expected 3\)/],
      ['a type digit that disagrees with the kind', { kind: 'INVENTION_PATENT', number: patentNumber('2', 2020) }, 'input.number', /type digit says a utility model/],
      ['a design number for a utility model', { kind: 'UTILITY_MODEL', number: patentNumber('3', 2020) }, 'input.number', /design patent/],
      ['a malformed number', { number: '2020-1234' }, 'input.number', /CN application number/],
      ['a number whose year has not come', { number: patentNumber('1', 2099) }, 'input.number', /2099/],
      ['a filing year after the number year', { number: patentNumber('1', 2019), filingDate: '2020-01-02' }, 'input.filingDate', /after the year 2019/],
      ['Nice class 46', { kind: 'TRADEMARK', number: '23456789', filingDate: '2019-01-01', grantDate: '2020-01-01', classes: ['46'] }, 'input.classes[0]', /Nice class/],
      ['a trademark without classes', { kind: 'TRADEMARK', number: '23456780', filingDate: '2019-01-01', grantDate: '2020-01-01', classes: [] }, 'input.classes', /at least one/],
      ['a malformed IPC symbol', { classes: ['C01B 32/20', 'graphite'] }, 'input.classes[1]', /IPC/],
      ['a bad trademark number', { kind: 'TRADEMARK', number: 'TM-1', filingDate: '2019-01-01', grantDate: '2020-01-01', classes: ['30'] }, 'input.number', /registration number/],
      ['a VALID patent without a grant date', { grantDate: null }, 'input.grantDate', /required/],
      ['a grant before filing', { grantDate: '2019-01-01' }, 'input.grantDate', /before the filing date/],
      ['a filing date in the future', { number: patentNumber('1', 2026), filingDate: '2099-01-01' }, 'input.filingDate', /future/],
      ['an impossible date', { filingDate: '2020-02-30' }, 'input.filingDate', /YYYY-MM-DD/],
      ['an empty title', { title: '   ' }, 'input.title', /empty/],
    ];
    for (const [what, overrides, field, message] of cases) {
      it(what, async () => {
        const input = inventionInput(overrides);
        const err = await university.client.fails(CREATE_ASSET, { input }, 'BAD_USER_INPUT', field);
        expect(err.message).to.match(message);
      });
    }

    it('none of them was recorded', async () => {
      const numbers = (await university.client.ok(MY_ASSETS, { first: 100 })).myAssets.map((a: any) => a.number);
      expect(numbers).to.not.include('201710601862.0');
      expect(numbers).to.not.include('23456789');
    });
  });

  it('refuses a second record of a number by the same organization, and any new record once one is VERIFIED (CONFLICT)', async () => {
    const number = patentNumber('1', 2020);
    const first = await createAsset(university.client, { number });
    await university.client.fails(CREATE_ASSET, { input: inventionInput({ number }) }, 'CONFLICT');
    // Competing claims coexist while unverified (docs/trust.md): an earlier claim locks nobody out.
    const competing = await createAsset(stranger.client, { number: `CN${number}` });
    expect(competing.number).to.equal(number);
    await verifyAsset(university.client, first.id);
    const third = await registerOrg(anon, 'ENTERPRISE');
    await third.client.fails(CREATE_ASSET, { input: inventionInput({ number }) }, 'CONFLICT');
    const mine = (await third.client.ok(MY_ASSETS, { first: 100 })).myAssets;
    expect(mine.map((a: any) => a.number)).to.not.include(number);
  });

  it('needs a signed-in organization', async () => {
    await anon.fails(CREATE_ASSET, { input: inventionInput() }, 'UNAUTHENTICATED');
  });

  it('lists the caller’s assets newest first, paging with the last id', async () => {
    const org = await registerOrg(anon, 'RESEARCH_INSTITUTE');
    const made = [];
    for (let i = 0; i < 3; i++) made.push(await createAsset(org.client));
    const first = (await org.client.ok(MY_ASSETS, { first: 2 })).myAssets;
    expect(first.map((a: any) => a.id)).to.deep.equal([made[2].id, made[1].id]);
    const rest = (await org.client.ok(MY_ASSETS, { first: 2, after: first[1].id })).myAssets;
    expect(rest.map((a: any) => a.id)).to.deep.equal([made[0].id]);
    await org.client.fails(MY_ASSETS, { first: 101 }, 'BAD_USER_INPUT', 'first');
  });

  it('shows an unlisted asset to its owner only; a published listing makes it public', async () => {
    const asset = await createAsset(university.client);
    expect((await university.client.ok(GET_ASSET, { id: asset.id })).ipAsset.id).to.equal(asset.id);
    expect((await stranger.client.ok(GET_ASSET, { id: asset.id })).ipAsset).to.equal(null);
    expect((await anon.ok(GET_ASSET, { id: asset.id })).ipAsset).to.equal(null);
    const listing = await createListing(university.client, asset.id);
    expect((await stranger.client.ok(GET_ASSET, { id: asset.id })).ipAsset).to.equal(null); // a draft is not public
    await university.client.ok(PUBLISH, { id: listing.id });
    expect((await stranger.client.ok(GET_ASSET, { id: asset.id })).ipAsset.number).to.equal(asset.number);
    expect((await anon.ok(GET_ASSET, { id: 'not-an-id' })).ipAsset).to.equal(null);
  });
});
