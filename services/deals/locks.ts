// In-process lock keys (services/atomic.ts withLock) for deals. Order, when nested: payment, then asset.

/** Payment steps of one deal (payDeal, cancelling a pending payment, Stripe events) run one at a time. */
export const dealPaymentLock = (dealId: unknown) => `deal-payment:${String(dealId)}`;

/** Deals on one asset are accepted, and licences on it created, one at a time. */
export const assetDealsLock = (assetId: unknown) => `asset-deals:${String(assetId)}`;
