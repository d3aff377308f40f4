// 专利开放许可 (Patent Law arts. 50-52, Implementing Rules art. 86): the patentee publishes the fee,
// how it is paid (one-off or per year) and the licence period; anyone obtains a NON_EXCLUSIVE licence
// on exactly those terms by notifying and paying. The taker cannot choose other terms, the patentee
// cannot cancel a taking (only the taker may withdraw before paying), and the declaration is refused
// while ownership is disputed or preserved, or annual fees are unpaid.
import { expect } from 'chai';
import { Client, signInAdmin } from '../helpers/client';
import { sharedStack } from '../helpers/hooks';
import { ADMIN_EMAIL, ADMIN_PASSWORD } from '../helpers/stack';
import { CANCEL, buyer, getDeal, PROPOSE, sellerWithListing, uniquePatentNumber } from '../helpers/deals';
import { verifyAsset } from '../helpers/verify';
import { addMonths, todayInShanghai } from '../../services/rules/calendar';

const TERMS = `query($id: ID!) { listing(id: $id) { id openLicence { feeBasis periodMonths fee } } }`;
const CREATE = `mutation($input: ListingInput!) { createListing(input: $input) { id openLicence { feeBasis periodMonths fee } } }`;
const PUBLISH = `mutation($id: ID!) { publishListing(id: $id) { id status } }`;
const FACTS = `mutation($input: AssetPledgeFactsInput!) { recordAssetPledgeFacts(input: $input) { id annualFeeStatus } }`;
const RESTRICT = `mutation($input: AssetRestrictionInput!) { setAssetRestriction(input: $input) { id } }`;

describe('open licence deals', () => {
  let anon: Client;
  before(async () => {
    anon = new Client((await sharedStack()).server.url);
  });

  it('is accepted on notification, as a NON_EXCLUSIVE licence on the published terms (period and fee)', async () => {
    const l = await sellerWithListing(anon, { modes: ['OPEN_LICENSE'], askingPrice: '12000.00', openLicence: { feeBasis: 'ONE_OFF', periodMonths: 24 } });
    expect((await anon.ok(TERMS, { id: l.listingId })).listing.openLicence).to.deep.equal({ feeBasis: 'ONE_OFF', periodMonths: 24, fee: '12000.00' });
    const b = await buyer(anon);
    const { proposeDeal: deal } = await b.client.ok(PROPOSE, { input: { listingId: l.listingId, type: 'OPEN_LICENSE', price: '12000.00' } });
    expect(deal).to.include({ status: 'ACCEPTED', type: 'LICENSE', licenseType: 'NON_EXCLUSIVE', price: '12000.00', termMonths: 24, openLicence: true });
    expect(deal.history.map((h: { to: string }) => h.to)).to.deep.equal(['PROPOSED', 'ACCEPTED']);
    expect((await getDeal(l.seller.client, deal.id)).status).to.equal('ACCEPTED');
  });

  it('refuses other terms: another price, another period, an exclusive type, a plain LICENSE proposal', async () => {
    const l = await sellerWithListing(anon, { modes: ['OPEN_LICENSE'], askingPrice: '12000.00', openLicence: { feeBasis: 'ONE_OFF', periodMonths: 12 } });
    const b = await buyer(anon);
    const base = { listingId: l.listingId };
    await b.client.fails(PROPOSE, { input: { ...base, type: 'OPEN_LICENSE', price: '11999.99' } }, 'BAD_USER_INPUT', 'input.price');
    // The same fee does not buy fifty years: the period is the published one.
    const err = await b.client.fails(PROPOSE, { input: { ...base, type: 'OPEN_LICENSE', price: '12000.00', termMonths: 600 } }, 'BAD_USER_INPUT', 'input.termMonths');
    expect(err.message).to.match(/12 months/);
    await b.client.fails(PROPOSE, { input: { ...base, type: 'OPEN_LICENSE', price: '12000.00', licenseType: 'EXCLUSIVE' } }, 'BAD_USER_INPUT', 'input.licenseType');
    await b.client.fails(PROPOSE, { input: { ...base, type: 'LICENSE', licenseType: 'NON_EXCLUSIVE', termMonths: 12, price: '12000.00' } }, 'BAD_USER_INPUT', 'input.type');
    expect((await b.client.ok(`{ myDeals { id } }`)).myDeals).to.have.length(0);
    // Naming the published period is allowed.
    const ok = (await b.client.ok(PROPOSE, { input: { ...base, type: 'OPEN_LICENSE', price: '12000.00', termMonths: 12 } })).proposeDeal;
    expect(ok.termMonths).to.equal(12);
  });

  it('a yearly fee is charged for the published period, half up to the fen (computed by hand)', async () => {
    // 10,000.00 a year for 30 months = 25,000.00
    const l = await sellerWithListing(anon, { modes: ['OPEN_LICENSE'], askingPrice: '10000.00', openLicence: { feeBasis: 'PER_YEAR', periodMonths: 30 } });
    expect((await anon.ok(TERMS, { id: l.listingId })).listing.openLicence).to.deep.equal({ feeBasis: 'PER_YEAR', periodMonths: 30, fee: '25000.00' });
    const b = await buyer(anon);
    const bad = await b.client.fails(PROPOSE, { input: { listingId: l.listingId, type: 'OPEN_LICENSE', price: '10000.00' } }, 'BAD_USER_INPUT', 'input.price');
    expect(bad.message).to.contain('25000.00');
    const deal = (await b.client.ok(PROPOSE, { input: { listingId: l.listingId, type: 'OPEN_LICENSE', price: '25000.00' } })).proposeDeal;
    expect(deal).to.include({ price: '25000.00', termMonths: 30 });
    // 1,000.07 a year for 5 months = 416.695833... -> 416.70 (41669.5833 fen rounds half up to 41670)
    const l2 = await sellerWithListing(anon, { modes: ['OPEN_LICENSE'], askingPrice: '1000.07', openLicence: { feeBasis: 'PER_YEAR', periodMonths: 5 } });
    expect((await anon.ok(TERMS, { id: l2.listingId })).listing.openLicence.fee).to.equal('416.70');
  });

  it('the patentee cannot cancel a taking; the taker may withdraw before paying', async () => {
    const l = await sellerWithListing(anon, { modes: ['OPEN_LICENSE'], askingPrice: '800.00', openLicence: { feeBasis: 'ONE_OFF', periodMonths: 6 } });
    const b = await buyer(anon);
    const deal = (await b.client.ok(PROPOSE, { input: { listingId: l.listingId, type: 'OPEN_LICENSE', price: '800.00' } })).proposeDeal;
    await l.seller.client.fails(CANCEL, { id: deal.id, reason: '不想许可了' }, 'FORBIDDEN');
    expect((await getDeal(b.client, deal.id)).status).to.equal('ACCEPTED');
    const withdrawn = (await b.client.ok(CANCEL, { id: deal.id, reason: '改用其他方案' })).cancelDeal;
    expect(withdrawn).to.include({ status: 'CANCELLED', cancelledBy: 'BUYER' });
  });

  it('publication: a period past the patent’s expiry, a recorded dispute or preservation, and unpaid annual fees are refused', async () => {
    const l = await sellerWithListing(anon, { modes: ['LICENSE'], licenseTypes: ['NON_EXCLUSIVE'] }); // for its seller
    const seller = l.seller;
    const mk = async () => {
      const a = await seller.client.ok(`mutation($input: IpAssetInput!) { createIpAsset(input: $input) { id expiresOn } }`, {
        input: { kind: 'INVENTION_PATENT', number: uniquePatentNumber(), title: '石墨化炉余热回收系统', filingDate: '2020-05-01', grantDate: '2022-01-10', legalStatus: 'VALID', classes: ['F27D 17/00'], industries: ['GRAPHITE'] },
      });
      await verifyAsset(seller.client, a.createIpAsset.id);
      return a.createIpAsset as { id: string; expiresOn: string };
    };
    const open = (assetId: string, periodMonths?: number) => ({
      input: { assetId, modes: ['OPEN_LICENSE'], askingPrice: '5000.00', negotiable: false, ...(periodMonths !== undefined ? { openLicence: { feeBasis: 'ONE_OFF', periodMonths } } : {}) },
    });

    const a = await mk(); // expires 2040-05-01
    const tooLong = await seller.client.fails(CREATE, open(a.id, 600), 'BAD_USER_INPUT', 'input.openLicence.periodMonths');
    expect(tooLong.message).to.contain(a.expiresOn);
    await seller.client.fails(CREATE, open(a.id, 0), 'BAD_USER_INPUT', 'input.openLicence.periodMonths');
    const byDefault = (await seller.client.ok(CREATE, open(a.id))).createListing;
    expect(byDefault.openLicence.feeBasis).to.equal('ONE_OFF');
    expect(addMonths(todayInShanghai(), byDefault.openLicence.periodMonths) <= a.expiresOn).to.equal(true);
    expect(addMonths(todayInShanghai(), byDefault.openLicence.periodMonths + 1) > a.expiresOn).to.equal(true);

    // Annual fees unpaid.
    await seller.client.ok(FACTS, { input: { assetId: a.id, annualFeesPaidUntil: addMonths(todayInShanghai(), -1) } });
    expect((await seller.client.fails(PUBLISH, { id: byDefault.id }, 'CONFLICT')).message).to.match(/annual fees are unpaid/);
    await seller.client.ok(FACTS, { input: { assetId: a.id, annualFeesPaidUntil: addMonths(todayInShanghai(), 11) } });

    // An ownership dispute recorded by the city IP office.
    const regulator = await signInAdmin(anon, ADMIN_EMAIL, ADMIN_PASSWORD);
    await regulator.ok(RESTRICT, { input: { assetId: a.id, kind: 'OWNERSHIP_DISPUTE', since: todayInShanghai(), note: '权属纠纷' } });
    expect((await seller.client.fails(PUBLISH, { id: byDefault.id }, 'CONFLICT')).message).to.match(/ownership dispute/);
    await regulator.ok(RESTRICT, { input: { assetId: a.id, kind: null } });
    expect((await seller.client.ok(PUBLISH, { id: byDefault.id })).publishListing.status).to.equal('PUBLISHED');

    // Terms belong to open licences only.
    const b2 = await mk();
    await seller.client.fails(CREATE, { input: { assetId: b2.id, modes: ['LICENSE'], licenseTypes: ['SOLE'], openLicence: { feeBasis: 'ONE_OFF', periodMonths: 12 } } }, 'BAD_USER_INPUT', 'input.openLicence');
  });
});
