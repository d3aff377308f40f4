import { expect } from 'chai';
import { createStripeClient, paymentsOffReason } from '../../services/payments/stripeClient';

describe('Stripe configuration', () => {
  it('turns payments off without a secret key', () => {
    expect(createStripeClient({})).to.equal(null);
    expect(paymentsOffReason({})).to.match(/STRIPE_SECRET_KEY is unset/);
  });

  it('turns payments off, with a warning, when the webhook secret is missing (no payment could complete a deal)', () => {
    const warnings: string[] = [];
    expect(createStripeClient({ STRIPE_SECRET_KEY: 'sk_test_1' }, { warn: (m) => warnings.push(m) })).to.equal(null);
    expect(warnings).to.have.length(1);
    expect(warnings[0]).to.match(/STRIPE_WEBHOOK_SECRET/);
  });

  it('builds a client when both are set, pointed at STRIPE_API_BASE when given', () => {
    const client = createStripeClient({ STRIPE_SECRET_KEY: 'sk_test_1', STRIPE_WEBHOOK_SECRET: 'whsec_1', STRIPE_API_BASE: 'http://127.0.0.1:12111' });
    expect(client).to.not.equal(null);
    expect(paymentsOffReason({ STRIPE_SECRET_KEY: 'sk_test_1', STRIPE_WEBHOOK_SECRET: 'whsec_1' })).to.equal(null);
  });
});
