// Fixtures for the financing and insurance tests: assets, banks with products, applications moved
// through the workflow, and direct database access for facts other domains record (licences,
// transfers) that have no operation on this branch.
import mongoose from 'mongoose';
import { expect } from 'chai';
import { patentCheckDigit } from '../../services/rules/patentNumber';
import { addYears, todayInShanghai } from '../../services/rules/calendar';
import { Client, registerOrg, registerVerified, signInAdmin, type Registered } from './client';
import { sharedStack } from './hooks';
import { touchMirrors } from './mirrors';
import { ADMIN_EMAIL, ADMIN_PASSWORD } from './stack';
import { verifyAsset } from './verify';

let serial = (Date.now() % 4_000_000) + Math.floor(Math.random() * 1_000_000);
const TYPE_DIGIT: Record<string, string> = { INVENTION_PATENT: '1', UTILITY_MODEL: '2', DESIGN_PATENT: '3' };

/** A fresh CN application number with a valid check digit, e.g. 201810123456.X */
export function uniquePatentNumber(kind = 'INVENTION_PATENT', year = 2018): string {
  const digits = `${year}${TYPE_DIGIT[kind]}${String(serial++ % 10_000_000).padStart(7, '0')}`;
  return `${digits}.${patentCheckDigit(digits)}`;
}

export function uniqueTrademarkNumber(): string {
  return String(10_000_000 + (serial++ % 89_999_999));
}

export const CREATE_ASSET = `mutation($input: IpAssetInput!) { createIpAsset(input: $input) { id kind number expiresOn legalStatus } }`;

export interface AssetOpts {
  kind?: string;
  filingDate?: string;
  grantDate?: string | null;
  legalStatus?: string;
  title?: string;
  /** Verify it as the REGULATOR (default true: only VERIFIED rights can be pledged or transferred). */
  verified?: boolean;
}

/** Records an asset for the client's organization and returns its id (a VALID, VERIFIED invention patent by default). */
export async function createAsset(client: Client, opts: AssetOpts = {}): Promise<string> {
  const kind = opts.kind ?? 'INVENTION_PATENT';
  const filingDate = opts.filingDate ?? '2018-03-01';
  const number = kind === 'TRADEMARK' ? uniqueTrademarkNumber() : uniquePatentNumber(kind, Number(filingDate.slice(0, 4)));
  const data = await client.ok(CREATE_ASSET, {
    input: {
      kind,
      number,
      title: opts.title ?? '高纯石墨提纯工艺',
      filingDate,
      grantDate: opts.grantDate === undefined ? '2020-06-01' : opts.grantDate,
      legalStatus: opts.legalStatus ?? 'VALID',
      // F27B 9/04 (furnaces) is outside the SEI concordance: no STRATEGIC_EMERGING_INDUSTRY reason by default.
      classes: kind === 'TRADEMARK' ? ['1'] : kind === 'DESIGN_PATENT' ? ['12-08'] : ['F27B 9/04'],
      industries: ['GRAPHITE'],
    },
  });
  return opts.verified === false ? data.createIpAsset.id : verifyAsset(client, data.createIpAsset.id);
}

export const CREATE_PRODUCT = `mutation($input: LoanProductInput!) {
  createLoanProduct(input: $input) { id name maxAmount maxLoanToValue maxTermMonths annualRatePercent acceptedKinds active bank { id } }
}`;

export const DEFAULT_PRODUCT = {
  name: '石墨产业知识产权质押贷',
  maxAmount: '10000000.00',
  maxLoanToValue: 0.5,
  maxTermMonths: 36,
  annualRatePercent: 3.85,
  acceptedKinds: ['INVENTION_PATENT', 'UTILITY_MODEL'],
};

export const APPLY = `mutation($input: PledgeApplicationInput!) {
  applyForPledgeLoan(input: $input) { id status requestedAmount approvedAmount termMonths bank { id } applicant { id } }
}`;
export const REVIEW = `mutation($input: ReviewInput!) {
  reviewPledgeApplication(input: $input) { id status approvedAmount history { from to reason by { id } } }
}`;
export const WITHDRAW = `mutation($id: ID!) { withdrawPledgeApplication(id: $id) { id status history { from to } } }`;
export const REGISTER = `mutation($input: PledgeRegistrationInput!) {
  recordPledgeRegistration(input: $input) {
    id registrationNumber securedAmount registeredOn expiresOn county status releasedOn
    pledgor { id } pledgee { id } assets { id activePledge { id } } application { id status }
    history { from to }
  }
}`;
export const RELEASE = `mutation($id: ID!, $releasedOn: Date!) {
  releasePledgeRegistration(id: $id, releasedOn: $releasedOn) { id status releasedOn assets { id activePledge { id } } application { id status } history { from to } }
}`;
export const APPLICATION = `query($id: ID!) {
  pledgeApplication(id: $id) {
    id status requestedAmount approvedAmount termMonths
    valuation { amount method valuedOn appraiser { id } }
    insurancePolicy { id policyNumber type status holder { id } }
    registration { id registrationNumber }
    history { from to reason }
    dueDiligence {
      loanToValue risks amount loanEndsOn
      assets { asset { id } legalStatus remainingYears ownerMatches alreadyPledged exclusiveLicenses expiresOn expiresWithinTerm annualFeeStatus restriction coOwnerConsentMissing kindAccepted }
    }
  }
}`;
export const ASSET_PLEDGE = `query($id: ID!) { ipAsset(id: $id) { id owner { id } highValueReasons activePledge { id registrationNumber status pledgee { id } } } }`;
export const REGISTRATIONS = `query($filter: PledgeRegistrationFilter, $first: Int, $after: String) {
  pledgeRegistrations(filter: $filter, first: $first, after: $after) {
    totalCount totalSecuredAmount pageInfo { hasNextPage endCursor }
    edges { cursor node { id registrationNumber securedAmount county status year: registeredOn } }
  }
}`;

export interface World {
  anon: Client;
  regulator: Client;
}

export async function world(): Promise<World> {
  const anon = new Client((await sharedStack()).server.url);
  return { anon, regulator: await signInAdmin(anon, ADMIN_EMAIL, ADMIN_PASSWORD) };
}

export interface BankWithProduct {
  bank: Registered;
  productId: string;
}

/** A verified bank and one loan product (DEFAULT_PRODUCT with overrides). */
export async function bankWithProduct(w: World, product: Partial<typeof DEFAULT_PRODUCT> = {}): Promise<BankWithProduct> {
  const bank = await registerVerified(w.anon, w.regulator, 'BANK');
  const data = await bank.client.ok(CREATE_PRODUCT, { input: { ...DEFAULT_PRODUCT, ...product } });
  return { bank, productId: data.createLoanProduct.id };
}

export async function enterprise(w: World, county = 'LUOBEI'): Promise<Registered> {
  return registerOrg(w.anon, 'ENTERPRISE', { county });
}

/** What most financing suites start from: the world, a bank with a product, an enterprise in `county`. */
export async function financingParties(county?: string): Promise<{ w: World; bp: BankWithProduct; owner: Registered }> {
  const w = await world();
  const bp = await bankWithProduct(w);
  return { w, bp, owner: await enterprise(w, county) };
}

export interface ApplyOpts {
  requestedAmount?: string;
  termMonths?: number;
  valuation?: Record<string, unknown> | null;
  insurancePolicyId?: string;
}

export const VALUATION = { amount: '8000000.00', method: 'INCOME', valuedOn: '2025-06-30' };

export async function apply(owner: Registered, productId: string, assetIds: string[], opts: ApplyOpts = {}): Promise<string> {
  const data = await owner.client.ok(APPLY, {
    input: {
      productId,
      assetIds,
      requestedAmount: opts.requestedAmount ?? '3000000.00',
      termMonths: opts.termMonths ?? 12,
      valuation: opts.valuation === undefined ? VALUATION : opts.valuation,
      ...(opts.insurancePolicyId ? { insurancePolicyId: opts.insurancePolicyId } : {}),
    },
  });
  return data.applyForPledgeLoan.id;
}

/**
 * The date the fixtures' approvals are moved back to (test setup): a registration may not precede its
 * approval (issue 11), and the tests record registrations dated in 2025, while the API approves today.
 * Tests of that bound approve with a raw REVIEW call instead (approved today).
 */
export const FIXTURE_APPROVED_ON = '2025-01-01';

/** The client that approves for a bank: its APPROVER (four-eyes: not the admin who started the review). */
export function approverOf(bank: Registered) {
  return bank.approver ?? bank.client;
}

export async function review(bank: Registered, applicationId: string, decision: string, extra: Record<string, unknown> = {}) {
  const result = (await (decision === 'APPROVE' ? approverOf(bank) : bank.client).ok(REVIEW, { input: { applicationId, decision, ...extra } })).reviewPledgeApplication;
  if (decision === 'APPROVE') await backdateApproval(applicationId, FIXTURE_APPROVED_ON);
  return result;
}

/** START_REVIEW then APPROVE. */
export async function approve(bank: Registered, applicationId: string, approvedAmount?: string): Promise<void> {
  await review(bank, applicationId, 'START_REVIEW');
  const approved = await review(bank, applicationId, 'APPROVE', approvedAmount ? { approvedAmount } : {});
  expect(approved.status).to.equal('APPROVED');
}

let regSerial = Math.floor(Math.random() * 900_000);
/** A fresh CNIPA-style pledge registration number. */
export function uniqueRegistrationNumber(year = 2025): string {
  return `Y${year}98${String(regSerial++).padStart(7, '0')}${Math.floor(Math.random() * 10)}`;
}

export function registrationInput(applicationId: string, overrides: Record<string, unknown> = {}) {
  return {
    applicationId,
    registrationNumber: uniqueRegistrationNumber(),
    securedAmount: '3000000.00',
    registeredOn: '2025-07-15',
    expiresOn: '2026-07-14',
    ...overrides,
  };
}

/**
 * Records the registration. A registration may not precede its approval: for one dated before the
 * fixtures' approval date (FIXTURE_APPROVED_ON), the approval is moved back to the registration date
 * first (backdateApproval, test setup).
 */
export async function register(bank: Registered, applicationId: string, overrides: Record<string, unknown> = {}) {
  const input = registrationInput(applicationId, overrides);
  if (typeof input.registeredOn === 'string' && input.registeredOn < FIXTURE_APPROVED_ON) await backdateApproval(applicationId, input.registeredOn);
  return (await bank.client.ok(REGISTER, { input })).recordPledgeRegistration;
}

/** An owner with one valid asset, an application to the bank's product, approved. */
export async function approvedApplication(w: World, bp: BankWithProduct, owner?: Registered, assetIds?: string[]) {
  const o = owner ?? (await enterprise(w));
  const ids = assetIds ?? [await createAsset(o.client)];
  const applicationId = await apply(o, bp.productId, ids);
  await approve(bp.bank, applicationId);
  return { owner: o, assetIds: ids, applicationId };
}

/** START_REVIEW then APPROVE through the API only, on any stack: the approval is dated today. */
export async function approveToday(bank: Registered, applicationId: string): Promise<void> {
  await bank.client.ok(REVIEW, { input: { applicationId, decision: 'START_REVIEW' } });
  await approverOf(bank).ok(REVIEW, { input: { applicationId, decision: 'APPROVE' } });
}

/** A registration input dated today (for an application approved today, on any stack). */
export function todayRegistrationInput(applicationId: string, overrides: Record<string, unknown> = {}) {
  const today = todayInShanghai();
  return registrationInput(applicationId, { registeredOn: today, expiresOn: addYears(today, 1), ...overrides });
}

/**
 * Pledges the owner's assets through the API on any stack (`w` may be another stack's world): a new
 * verified bank and product, an application approved today and registered today (no back-dating).
 */
export async function pledgedThroughApi(w: World, owner: Registered, assetIds: string[], securedAmount = '3000000.00') {
  const bp = await bankWithProduct(w);
  const applicationId = await apply(owner, bp.productId, assetIds, { requestedAmount: securedAmount });
  await bp.bank.client.ok(REVIEW, { input: { applicationId, decision: 'START_REVIEW' } });
  await approverOf(bp.bank).ok(REVIEW, { input: { applicationId, decision: 'APPROVE' } });
  const today = todayInShanghai();
  const input = registrationInput(applicationId, { securedAmount, registeredOn: today, expiresOn: addYears(today, 1) });
  const registration = (await bp.bank.client.ok(REGISTER, { input })).recordPledgeRegistration;
  return { ...bp, applicationId, registration };
}

// ---- Direct database access: facts recorded by other domains, and state checks after the fact ----

let conn: mongoose.Connection | null = null;

export async function db(): Promise<mongoose.Connection> {
  if (!conn) {
    conn = mongoose.createConnection((await sharedStack()).db.uri);
    await conn.asPromise();
  }
  return conn;
}

/** A licence as the deals domain records it when a licence deal completes. */
export async function insertLicense(assetId: string, licensorId: string, licenseeId: string, type: string, startsOn: string, endsOn: string): Promise<void> {
  const c = await db();
  const oid = (id: string) => new mongoose.Types.ObjectId(id);
  await c.collection('licenses').insertOne({ asset: oid(assetId), licensor: oid(licensorId), licensee: oid(licenseeId), type, startsOn, endsOn, deal: null, createdAt: new Date(), updatedAt: new Date() });
  await touchMirrors(c, 'licenses');
}

/**
 * An ownership change written straight to the database (standing for a completed TRANSFER deal).
 * It bypasses the indicators hook, so use a buyer in the seller's county: the figures stay right.
 */
export async function transferOwnership(assetId: string, fromOrg: string, toOrg: string): Promise<void> {
  const c = await db();
  const oid = (id: string) => new mongoose.Types.ObjectId(id);
  await c.collection('ipassets').updateOne(
    { _id: oid(assetId), owner: oid(fromOrg) },
    { $set: { owner: oid(toOrg) }, $push: { ownershipHistory: { from: oid(fromOrg), to: oid(toOrg), at: new Date(), deal: null } } } as never,
  );
  await touchMirrors(c, 'ipassets');
}

/** The PLEDGE_FINANCING_REGISTERED_AMOUNT figure (fen) for a year and county, as addToIndicator keeps it. */
export async function pledgeIndicatorFen(year: number, county: string): Promise<number> {
  const c = await db();
  const doc = await c.collection('indicatordeltas').findOne({ code: 'PLEDGE_FINANCING_REGISTERED_AMOUNT', year, county });
  return (doc?.amount as number | undefined) ?? 0;
}

export async function countDocs(collection: string, filter: Record<string, unknown>): Promise<number> {
  return (await db()).collection(collection).countDocuments(filter);
}

export const oid = (id: string) => new mongoose.Types.ObjectId(id);

/**
 * Moves an application's APPROVED history entry to `on` (noon, Asia/Shanghai): test setup for an
 * approval made in an earlier year, which the API (approving today) cannot create.
 */
export async function backdateApproval(applicationId: string, on: string): Promise<void> {
  const c = await db();
  const app = await c.collection('pledgeapplications').findOne({ _id: oid(applicationId) });
  if (!app) throw new Error(`no application ${applicationId}`);
  const history = (app.history as { to: string; at: Date }[]).map((h) => (h.to === 'APPROVED' ? { ...h, at: new Date(`${on}T04:00:00Z`) } : h));
  await c.collection('pledgeapplications').updateOne({ _id: app._id }, { $set: { history } });
  await touchMirrors(c, 'pledgeapplications');
}
