// 专利开放许可 (Patent Law arts. 50-52): anyone obtains a NON_EXCLUSIVE licence at the published
// fee by notifying and paying; no acceptance by the patentee is needed.
import { expect } from 'chai';
import { Client } from '../helpers/client';
import { sharedStack } from '../helpers/hooks';
import { buyer, getDeal, PROPOSE, sellerWithListing } from '../helpers/deals';

describe('open licence deals', () => {
  let anon: Client;
  before(async () => {
    anon = new Client((await sharedStack()).server.url);
  });

  it('is accepted on notification, as a NON_EXCLUSIVE licence at the published fee', async () => {
    const l = await sellerWithListing(anon, { modes: ['OPEN_LICENSE'], askingPrice: '12000.00' });
    const b = await buyer(anon);
    const { proposeDeal: deal } = await b.client.ok(PROPOSE, {
      input: { listingId: l.listingId, type: 'OPEN_LICENSE', price: '12000.00', termMonths: 24 },
    });
    expect(deal.status).to.equal('ACCEPTED');
    expect(deal.type).to.equal('LICENSE');
    expect(deal.licenseType).to.equal('NON_EXCLUSIVE');
    expect(deal.price).to.equal('12000.00');
    expect(deal.history.map((h: { to: string }) => h.to)).to.deep.equal(['PROPOSED', 'ACCEPTED']);
    expect((await getDeal(l.seller.client, deal.id)).status).to.equal('ACCEPTED');
  });

  it('refuses another price, an exclusive type, and a plain LICENSE proposal on an open listing', async () => {
    const l = await sellerWithListing(anon, { modes: ['OPEN_LICENSE'], askingPrice: '12000.00' });
    const b = await buyer(anon);
    const base = { listingId: l.listingId, termMonths: 12 };
    await b.client.fails(PROPOSE, { input: { ...base, type: 'OPEN_LICENSE', price: '11999.99' } }, 'BAD_USER_INPUT', 'input.price');
    await b.client.fails(
      PROPOSE,
      { input: { ...base, type: 'OPEN_LICENSE', price: '12000.00', licenseType: 'EXCLUSIVE' } },
      'BAD_USER_INPUT',
      'input.licenseType',
    );
    await b.client.fails(
      PROPOSE,
      { input: { ...base, type: 'LICENSE', licenseType: 'NON_EXCLUSIVE', price: '12000.00' } },
      'BAD_USER_INPUT',
      'input.type',
    );
    const mine = await b.client.ok(`{ myDeals { id } }`);
    expect(mine.myDeals).to.have.length(0);
  });
});
