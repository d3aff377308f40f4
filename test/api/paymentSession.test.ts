// PaymentSession.status and .publishableKey (added for the web console, issue 15): the buyer's page
// shows the PaymentIntent's status, and Stripe.js needs the publishable key.
import { expect } from 'chai';
import { Client } from '../helpers/client';
import { acceptedDeal, buyer, paymentsStack, PUBLISHABLE_KEY, sellerWithListing } from '../helpers/deals';
import { sharedStack } from '../helpers/hooks';

const PAY = `mutation($id: ID!) { payDeal(id: $id) { dealId paymentIntentId amount currency status publishableKey } }`;
const STRIPE_INTENT_STATUSES = ['requires_payment_method', 'requires_confirmation', 'requires_action', 'processing', 'requires_capture', 'canceled', 'succeeded'];

describe('payDeal: the PaymentIntent status and the publishable key', function () {
  this.timeout(120_000);

  it("answers the intent's status and the configured publishable key, the same on a second call", async () => {
    const { stack } = await paymentsStack();
    const anon = new Client(stack.server.url);
    const l = await sellerWithListing(anon);
    const b = await buyer(anon);
    const deal = await acceptedDeal(l, b, { type: 'LICENSE', licenseType: 'NON_EXCLUSIVE', price: '12000.50', termMonths: 12 });
    const first = (await b.client.ok(PAY, { id: deal.id })).payDeal;
    expect(first.amount).to.equal('12000.50');
    expect(first.currency).to.equal('cny');
    expect(STRIPE_INTENT_STATUSES).to.include(first.status);
    expect(first.publishableKey).to.equal(PUBLISHABLE_KEY);
    const again = (await b.client.ok(PAY, { id: deal.id })).payDeal;
    expect(again.paymentIntentId).to.equal(first.paymentIntentId);
    expect(STRIPE_INTENT_STATUSES).to.include(again.status);
    expect(again.publishableKey).to.equal(PUBLISHABLE_KEY);
  });

  it('without Stripe configured, payDeal still answers PAYMENTS_DISABLED', async () => {
    const stack = await sharedStack();
    const anon = new Client(stack.server.url);
    const l = await sellerWithListing(anon);
    const b = await buyer(anon);
    const deal = await acceptedDeal(l, b, { type: 'TRANSFER', price: '30000.00' });
    await b.client.fails(PAY, { id: deal.id }, 'PAYMENTS_DISABLED');
  });

  it('a publishable key that is not one is refused at start-up', async () => {
    const { loadConfig, ConfigError } = await import('../../server/config');
    expect(() => loadConfig({ NODE_ENV: 'test', STRIPE_PUBLISHABLE_KEY: 'sk_test_secret' } as NodeJS.ProcessEnv)).to.throw(ConfigError, /STRIPE_PUBLISHABLE_KEY/);
  });
});
