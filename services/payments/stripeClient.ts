// The Stripe client, built once at start-up from STRIPE_SECRET_KEY; null (payments disabled, payDeal
// answers PAYMENTS_DISABLED) unless both STRIPE_SECRET_KEY and STRIPE_WEBHOOK_SECRET are set.
// STRIPE_API_BASE points it elsewhere, e.g. at stripe-mock (http://127.0.0.1:12111) in tests.
import Stripe from 'stripe';
import type { Config } from '../../server/config';

export type StripeClient = Stripe;

/** Deals are paid in renminbi; Stripe writes currencies in lower case. */
export const DEAL_CURRENCY = 'cny';

/**
 * Stripe's largest PaymentIntent amount: 8 digits in the currency's smallest unit, i.e.
 * 99,999,999 fen = 999,999.99 yuan (https://docs.stripe.com/currencies#minimum-and-maximum-charge-amounts).
 */
export const STRIPE_MAX_AMOUNT_FEN = 99_999_999;

/** Why payments are off, for PAYMENTS_DISABLED answers and the start-up log; null when they are on. */
export function paymentsOffReason(config: Pick<Config, 'STRIPE_SECRET_KEY' | 'STRIPE_WEBHOOK_SECRET'>): string | null {
  if (!config.STRIPE_SECRET_KEY) return 'Payments are not configured on this server (STRIPE_SECRET_KEY is unset)';
  // Without the webhook secret no payment could ever complete a deal: taking money would be wrong.
  if (!config.STRIPE_WEBHOOK_SECRET) return 'Payments are off on this server: STRIPE_SECRET_KEY is set but STRIPE_WEBHOOK_SECRET is not';
  return null;
}

/** The client, or null when payments are off (see paymentsOffReason; a half configuration is logged). */
export function createStripeClient(
  config: Pick<Config, 'STRIPE_SECRET_KEY' | 'STRIPE_WEBHOOK_SECRET' | 'STRIPE_API_BASE'>,
  log?: { warn(msg: string): void },
): StripeClient | null {
  const off = paymentsOffReason(config);
  if (off) {
    if (config.STRIPE_SECRET_KEY) log?.warn(off);
    return null;
  }
  const options: Stripe.StripeConfig = {
    maxNetworkRetries: 2, // the library adds idempotency keys to retried POSTs; ours are explicit anyway
    timeout: 20_000,
    telemetry: false,
    appInfo: { name: 'hegang-ip-marketplace' },
  };
  if (config.STRIPE_API_BASE) {
    const base = new URL(config.STRIPE_API_BASE);
    const protocol = base.protocol === 'http:' ? 'http' : 'https';
    options.protocol = protocol;
    options.host = base.hostname;
    options.port = base.port ? Number(base.port) : protocol === 'http' ? 80 : 443;
  }
  return new Stripe(config.STRIPE_SECRET_KEY!, options);
}
