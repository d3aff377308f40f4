// Fixtures for the deals domain: a seller with a VALID invention patent on a PUBLISHED listing, a
// buyer, deal operations, a stack with payments (stripe-mock) and signed Stripe webhook deliveries.
import { verifyAsset } from './verify';
import mongoose from 'mongoose';
import Stripe from 'stripe';
import { patentCheckDigit } from '../../services/rules/patentNumber';
import { todayInShanghai } from '../../services/rules/calendar';
import { Client, registerOrg, type Registered } from './client';
import { startStack, type Stack } from './stack';
import { touchMirrors } from './mirrors';
import { startStripeMock, type StripeMock } from './stripeMock';

export const WEBHOOK_SECRET = 'whsec_test_hegang_deals';
export const PUBLISHABLE_KEY = 'pk_test_hegang_console';

// ---------- stacks ----------

export interface PaymentsStack {
  stack: Stack;
  stripeMock: StripeMock;
}

let payments: Promise<PaymentsStack> | null = null;

/** A server with Stripe configured against stripe-mock (shared by the payment tests, started once). */
export function paymentsStack(): Promise<PaymentsStack> {
  payments ??= (async () => {
    const stripeMock = await startStripeMock();
    const stack = await startStack({
      STRIPE_SECRET_KEY: 'sk_test_123',
      STRIPE_WEBHOOK_SECRET: WEBHOOK_SECRET,
      STRIPE_PUBLISHABLE_KEY: PUBLISHABLE_KEY,
      STRIPE_API_BASE: stripeMock.url,
    });
    return { stack, stripeMock };
  })();
  return payments;
}

export async function stopPaymentsStack(): Promise<void> {
  if (!payments) return;
  const { stack, stripeMock } = await payments;
  await stack.stop();
  await stripeMock.stop();
}

// ---------- GraphQL documents ----------

export const DEAL_FIELDS = `id type licenseType price termMonths status openLicence paymentIntentId problem cancelledBy
  buyer { id } seller { id } listing { id status } asset { id owner { id } }
  history { from to reason }
  license { id type startsOn endsOn licensee { id } deal { id } }
  settlement stripeAllowed amountConfirmed amountAwaitingConfirmation paidOn
  bankTransfers { id reference amount paidOn status disputeReason decidedAt }
  recordal { noticeNumber recordedOn recordedBy status confirmedBy confirmedAt }
  filing { filingNumber filedOn } filingDueOn filingOverdue
  refund { method amount status requestedBy stripeRefundId reference paidOn refundedAt }
  disputed dispute { disputeId reason amount }
  publicNotice { id startsOn endsOn inForce objectionCount }`;

export const PROPOSE = `mutation($input: ProposeDealInput!) { proposeDeal(input: $input) { ${DEAL_FIELDS} } }`;
export const ACCEPT = `mutation($id: ID!) { acceptDeal(id: $id) { ${DEAL_FIELDS} } }`;
export const CANCEL = `mutation($id: ID!, $reason: String) { cancelDeal(id: $id, reason: $reason) { ${DEAL_FIELDS} } }`;
export const PAY = `mutation($id: ID!) { payDeal(id: $id) { dealId paymentIntentId clientSecret amount currency } }`;
export const DEAL = `query($id: ID!) { deal(id: $id) { ${DEAL_FIELDS} } }`;
export const MY_DEALS = `query($status: DealStatus) { myDeals(status: $status) { id status } }`;
export const ASSET = `query($id: ID!) { ipAsset(id: $id) { id owner { id } licenses { id type startsOn endsOn licensee { id } deal { id } } } }`;
export const LISTING = `query($id: ID!) { listing(id: $id) { id status } }`;
export const RECORD_RECORDAL = `mutation($dealId: ID!, $noticeNumber: String!, $recordedOn: Date!) { recordRecordal(dealId: $dealId, noticeNumber: $noticeNumber, recordedOn: $recordedOn) { ${DEAL_FIELDS} } }`;
export const CONFIRM_RECORDAL = `mutation($dealId: ID!) { confirmRecordal(dealId: $dealId) { ${DEAL_FIELDS} } }`;
export const RECORD_FILING = `mutation($dealId: ID!, $filingNumber: String!, $filedOn: Date!) { recordLicenceFiling(dealId: $dealId, filingNumber: $filingNumber, filedOn: $filedOn) { ${DEAL_FIELDS} } }`;
export const RECORD_TRANSFER = `mutation($dealId: ID!, $input: BankTransferInput!) { recordBankTransfer(dealId: $dealId, input: $input) { ${DEAL_FIELDS} } }`;
export const CONFIRM_TRANSFER = `mutation($dealId: ID!, $t: ID!) { confirmBankTransfer(dealId: $dealId, transferId: $t) { ${DEAL_FIELDS} } }`;
export const RECORD_REFUND = `mutation($dealId: ID!, $input: BankTransferInput!) { recordBankRefund(dealId: $dealId, input: $input) { ${DEAL_FIELDS} } }`;
export const CONFIRM_REFUND = `mutation($dealId: ID!) { confirmBankRefund(dealId: $dealId) { ${DEAL_FIELDS} } }`;
export const DISPUTE_TRANSFER = `mutation($dealId: ID!, $t: ID!, $reason: String!) { disputeBankTransfer(dealId: $dealId, transferId: $t, reason: $reason) { ${DEAL_FIELDS} } }`;

// ---------- fixtures ----------

let serial = Math.floor(Math.random() * 5_000_000);
/** A unique, valid 2020 invention patent application number, e.g. 202010123456.7. */
export function uniquePatentNumber(): string {
  const digits = `20201${String(serial++ % 10_000_000).padStart(7, '0')}`;
  return `${digits}.${patentCheckDigit(digits)}`;
}

export interface ListingOptions {
  modes?: string[];
  licenseTypes?: string[];
  askingPrice?: string;
  /** OPEN_LICENSE: the published terms (default: one fee for the patent's remaining life). */
  openLicence?: { feeBasis: 'ONE_OFF' | 'PER_YEAR'; periodMonths: number };
  /** The seller's kind (default ENTERPRISE; a UNIVERSITY's negotiated deals are publicly noticed for 15 days first). */
  sellerKind?: 'ENTERPRISE' | 'UNIVERSITY' | 'RESEARCH_INSTITUTE';
  /** Verify the asset as the REGULATOR first (default true). */
  verified?: boolean;
}

export interface SellerWithListing {
  seller: Registered;
  assetId: string;
  listingId: string;
}

/** An enterprise (or `sellerKind`) with a VALID invention patent (granted 2022, expires 2040) on a PUBLISHED listing. */
export async function sellerWithListing(anonymous: Client, opts: ListingOptions = {}): Promise<SellerWithListing> {
  const seller = await registerOrg(anonymous, opts.sellerKind ?? 'ENTERPRISE');
  const asset = await seller.client.ok(
    `mutation($input: IpAssetInput!) { createIpAsset(input: $input) { id legalStatus } }`,
    {
      input: {
        kind: 'INVENTION_PATENT',
        number: uniquePatentNumber(),
        title: '一种高纯石墨提纯方法',
        filingDate: '2020-05-01',
        grantDate: '2022-01-10',
        legalStatus: 'VALID',
        classes: ['C01B 32/215'],
        industries: ['GRAPHITE'],
      },
    },
  );
  if (opts.verified !== false) await verifyAsset(seller.client, asset.createIpAsset.id);
  const modes = opts.modes ?? ['LICENSE', 'TRANSFER'];
  const listing = await seller.client.ok(`mutation($input: ListingInput!) { createListing(input: $input) { id } }`, {
    input: {
      assetId: asset.createIpAsset.id,
      modes,
      licenseTypes: modes.includes('LICENSE') ? (opts.licenseTypes ?? ['EXCLUSIVE', 'SOLE', 'NON_EXCLUSIVE']) : undefined,
      askingPrice: opts.askingPrice ?? '50000.00',
      openLicence: opts.openLicence,
    },
  });
  await seller.client.ok(`mutation($id: ID!) { publishListing(id: $id) { id status } }`, { id: listing.createListing.id });
  return { seller, assetId: asset.createIpAsset.id, listingId: listing.createListing.id };
}

export const buyer = (anonymous: Client) => registerOrg(anonymous, 'ENTERPRISE', { county: 'LUOBEI' });

export async function propose(client: Client, input: Record<string, unknown>): Promise<any> {
  return (await client.ok(PROPOSE, { input })).proposeDeal;
}

export async function getDeal(client: Client, id: string): Promise<any> {
  return (await client.ok(DEAL, { id })).deal;
}

/** Proposed by the buyer and accepted by the seller. */
export async function acceptedDeal(l: SellerWithListing, b: Registered, input: Record<string, unknown>): Promise<any> {
  const deal = await propose(b.client, { listingId: l.listingId, ...input });
  return (await l.seller.client.ok(ACCEPT, { id: deal.id })).acceptDeal;
}

let noticeSerial = Math.floor(Math.random() * 1_000_000);
/** A well-formed CNIPA recordal notice serial (16 digits). */
export const noticeNumber = () => `20250715${String(noticeSerial++ % 100_000_000).padStart(8, '0')}`;

/**
 * CNIPA recorded the transfer of a PAID TRANSFER deal: the buyer records the notice (dated today in
 * Asia/Shanghai), the seller confirms it, and the deal completes. Returns the completed deal.
 */
export async function completeTransfer(seller: Client, buyerClient: Client, dealId: string, recordedOn = todayInShanghai()): Promise<any> {
  await buyerClient.ok(RECORD_RECORDAL, { dealId, noticeNumber: noticeNumber(), recordedOn });
  return (await seller.ok(CONFIRM_RECORDAL, { dealId })).confirmRecordal;
}

// ---------- Stripe webhook deliveries ----------

const signer = new Stripe('sk_test_unused');
let eventCounter = 0;

export interface IntentEventOptions {
  intentId: string;
  dealId?: string | null;
  /** An instalment's intent carries its id too (payInstalment). */
  instalmentId?: string;
  amount: number; // fen
  currency?: string;
  eventId?: string;
}

/** A payment_intent.* event as Stripe would send it (the fields our handler reads, and the usual envelope). */
export function intentEvent(type: 'payment_intent.succeeded' | 'payment_intent.payment_failed' | string, o: IntentEventOptions): Record<string, unknown> {
  const succeeded = type === 'payment_intent.succeeded';
  return envelope(type, o.eventId, {
    id: o.intentId,
    object: 'payment_intent',
    amount: o.amount,
    amount_received: succeeded ? o.amount : 0,
    currency: o.currency ?? 'cny',
    status: succeeded ? 'succeeded' : 'requires_payment_method',
    metadata: o.dealId ? { dealId: o.dealId, ...(o.instalmentId ? { instalmentId: o.instalmentId } : {}) } : {},
    last_payment_error: succeeded ? null : { code: 'card_declined', message: 'Your card was declined.' },
  });
}

/** The envelope Stripe wraps every event's object in. */
function envelope(type: string, eventId: string | undefined, object: Record<string, unknown>): Record<string, unknown> {
  return {
    id: eventId ?? `evt_test_${Date.now().toString(36)}_${(eventCounter++).toString(36)}`,
    object: 'event',
    api_version: '2025-01-27.acacia',
    created: Math.floor(Date.now() / 1000),
    livemode: false,
    pending_webhooks: 1,
    request: { id: null, idempotency_key: null },
    type,
    data: { object },
  };
}

/** A charge.refunded (a Charge) or charge.dispute.created (a Dispute) event about a PaymentIntent's charge. */
export function chargeEvent(
  type: 'charge.refunded' | 'charge.dispute.created',
  o: { intentId: string; amount: number; amountRefunded?: number; reason?: string; eventId?: string },
): Record<string, unknown> {
  const dispute = type === 'charge.dispute.created';
  const object = dispute
    ? { id: `dp_test_${(eventCounter++).toString(36)}`, object: 'dispute', amount: o.amount, currency: 'cny', charge: `ch_for_${o.intentId}`, payment_intent: o.intentId, reason: o.reason ?? 'fraudulent', status: 'needs_response' }
    : { id: `ch_for_${o.intentId}`, object: 'charge', amount: o.amount, amount_refunded: o.amountRefunded ?? o.amount, currency: 'cny', refunded: (o.amountRefunded ?? o.amount) >= o.amount, payment_intent: o.intentId };
  return envelope(type, o.eventId, object);
}

export interface Delivery {
  status: number;
  body: any;
}

/** POSTs an event to /webhooks/stripe, signed with `secret` (Stripe's own test header helper). */
export async function deliver(
  baseUrl: string,
  event: Record<string, unknown> | string,
  opts: { secret?: string; signature?: string | null; timestamp?: number } = {},
): Promise<Delivery> {
  const payload = typeof event === 'string' ? event : JSON.stringify(event);
  const signature =
    opts.signature === undefined
      ? signer.webhooks.generateTestHeaderString({ payload, secret: opts.secret ?? WEBHOOK_SECRET, timestamp: opts.timestamp })
      : opts.signature;
  const res = await fetch(`${baseUrl}/webhooks/stripe`, {
    method: 'POST',
    headers: { 'content-type': 'application/json; charset=utf-8', ...(signature !== null ? { 'stripe-signature': signature } : {}) },
    body: payload,
  });
  return { status: res.status, body: await res.json() };
}

// ---------- direct database access (test setup only) ----------

/**
 * A driver connection to the stack's database, for preconditions the API of this branch cannot
 * create (an asset under pledge: the financing domain records pledges) and for inspecting records
 * the API does not expose (Stripe events). Never used to assert on what the API returns.
 */
export async function dbConnection(stack: Stack): Promise<mongoose.Connection> {
  return mongoose.createConnection(stack.db.uri, { serverSelectionTimeoutMS: 5000 }).asPromise();
}

/** The payments stack with what most deal suites start from: its URL, an anonymous client, a driver connection (close it in `after`). */
export async function paymentsClients(): Promise<{ stack: Stack; url: string; anon: Client; db: mongoose.Connection }> {
  const { stack } = await paymentsStack();
  return { stack, url: stack.server.url, anon: new Client(stack.server.url), db: await dbConnection(stack) };
}

/** Puts the asset under an active pledge registration, as the financing domain would. Returns the registration number. */
export async function pledgeAsset(db: mongoose.Connection, assetId: string, pledgor: string): Promise<string> {
  const registrationNumber = `Y2025230000${String(Math.floor(Math.random() * 1e6)).padStart(6, '0')}`;
  const pledgee = new mongoose.Types.ObjectId();
  const reg = await db.collection('pledgeregistrations').insertOne({
    registrationNumber,
    application: null,
    pledgor: new mongoose.Types.ObjectId(pledgor),
    pledgee,
    assets: [new mongoose.Types.ObjectId(assetId)],
    securedAmount: 500_000_000,
    registeredOn: '2025-03-01',
    year: 2025,
    expiresOn: '2028-03-01',
    county: 'XIANGYANG',
    status: 'ACTIVE',
    releasedOn: null,
    history: [],
    demo: false,
  });
  await db
    .collection('ipassets')
    .updateOne({ _id: new mongoose.Types.ObjectId(assetId) }, { $set: { pledge: { registration: reg.insertedId, pledgee, since: new Date() } } });
  await touchMirrors(db, 'pledgeregistrations', 'ipassets');
  return registrationNumber;
}
