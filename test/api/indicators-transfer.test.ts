// A TRANSFER deal moves the asset's contribution to the buyer's county from the year of the transfer
// (deals call onAssetOwnerChanged); the live figures still equal a recomputation.
import { expect } from 'chai';
import { Client, signInAdmin } from '../helpers/client';
import { ADMIN_EMAIL, ADMIN_PASSWORD } from '../helpers/stack';
import { PAY, acceptedDeal, buyer, completeTransfer, deliver, getDeal, intentEvent, paymentsStack, sellerWithListing } from '../helpers/deals';
import { AUDIT, change, platformSeries } from '../helpers/indicators';
import { todayInShanghai } from '../../services/rules/calendar';

const PER10K = 'INVENTION_PATENTS_PER_10K_POPULATION';

describe('plan indicators follow a TRANSFER deal to the buyer county', () => {
  let anon: Client;
  let admin: Client;
  let url: string;

  before(async function () {
    this.timeout(120_000);
    const { stack } = await paymentsStack();
    url = stack.server.url;
    anon = new Client(url);
    admin = await signInAdmin(anon, ADMIN_EMAIL, ADMIN_PASSWORD);
    for (const county of ['XIANGYANG', 'LUOBEI', null]) {
      await admin.ok(`mutation($c: County) { setPopulation(year: 2020, county: $c, population: 10000) }`, { c: county });
    }
  });

  it('the seller county loses and the buyer county gains the patent from this year on; earlier years and the city stay', async () => {
    const l = await sellerWithListing(anon); // an enterprise in XIANGYANG, patent granted 2022-01-10
    const b = await buyer(anon); // an enterprise in LUOBEI
    const before = {
      seller: await platformSeries(anon, PER10K, 'XIANGYANG'),
      buyer: await platformSeries(anon, PER10K, 'LUOBEI'),
      city: await platformSeries(anon, PER10K),
    };
    const deal = await acceptedDeal(l, b, { type: 'TRANSFER', price: '650000.00' });
    const session = (await b.client.ok(PAY, { id: deal.id })).payDeal;
    const res = await deliver(url, intentEvent('payment_intent.succeeded', { intentId: session.paymentIntentId, dealId: deal.id, amount: 65_000_000 }));
    expect(res.status).to.equal(200);
    expect((await getDeal(b.client, deal.id)).status).to.equal('PAID'); // ownership moves on CNIPA recordal
    await completeTransfer(l.seller.client, b.client, deal.id);
    expect((await getDeal(b.client, deal.id)).status).to.equal('COMPLETED');

    const thisYear = Number(todayInShanghai().slice(0, 4));
    const years = Array.from({ length: 11 }, (_, i) => 2020 + i);
    const moved = (sign: number) => Object.fromEntries(years.map((y) => [y, y >= thisYear ? sign : 0]));
    expect(change(before.seller, await platformSeries(anon, PER10K, 'XIANGYANG'))).to.deep.equal(moved(-1));
    expect(change(before.buyer, await platformSeries(anon, PER10K, 'LUOBEI'))).to.deep.equal(moved(1));
    expect(change(before.city, await platformSeries(anon, PER10K))).to.deep.equal(moved(0));

    // The asset-based rows only: the deals tests on this stack insert a pledge registration straight
    // into the database (financing is not on their branch), which the audit rightly reports.
    const assetCodes = [PER10K, 'HIGH_VALUE_INVENTION_PATENTS', 'VALID_TRADEMARKS'];
    for (const year of [thisYear - 1, Math.min(thisYear, 2030), 2030]) {
      const audit = (await admin.ok(AUDIT, { year })).indicatorAudit;
      const rows = audit.rows.filter((r: { code: string }) => assetCodes.includes(r.code));
      expect(rows).to.have.length(27);
      expect(rows.filter((r: { consistent: boolean }) => !r.consistent), `${year}`).to.deep.equal([]);
    }
  });
});
