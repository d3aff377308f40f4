// Fixtures for the loan tests (issue 16): a client whose requests carry the test clock, and an
// approved application taken through contract, registration and disbursement.
import { Client, type Registered } from './client';
import { apply, approve, bankWithProduct, createAsset, enterprise, register, type AssetOpts, type BankWithProduct, type World } from './financing';

/** A client whose every request carries `x-test-now` (NODE_ENV=test: the server's clock for that request). */
export class ClockedClient extends Client {
  constructor(base: Client, readonly now: string) {
    super(base.baseUrl, base.token);
  }

  override raw<T = any>(query: string, variables: Record<string, unknown> = {}, headers: Record<string, string> = {}) {
    return super.raw<T>(query, variables, { 'x-test-now': this.now, ...headers });
  }
}

export const at = (client: Client, now: string) => new ClockedClient(client, now);

export const LOAN_FIELDS = `
  id contractNumber principal annualRateBps termMonths repaymentMethod signedOn disbursedOn disbursedAmount maturityOn
  schedule { number dueOn days principal interest total outstandingAfter paid }
  scheduledTotal repaidTotal outstanding pastDue daysPastDue status settledOn defaultedOn defaultReason
  repayments { paidOn amount reference by { id } }
  history { from to reason }
  bank { id } borrower { id } application { id status registration { id status } }
`;
export const CONTRACT = `mutation($input: LoanContractInput!) { recordLoanContract(input: $input) { ${LOAN_FIELDS} } }`;
export const DISBURSE = `mutation($input: DisbursementInput!) { recordDisbursement(input: $input) { ${LOAN_FIELDS} } }`;
export const REPAY = `mutation($input: RepaymentInput!) { recordRepayment(input: $input) { ${LOAN_FIELDS} } }`;
export const SETTLE = `mutation($input: SettleLoanInput!) { settleLoan(input: $input) { ${LOAN_FIELDS} } }`;
export const DEFAULT = `mutation($input: DefaultLoanInput!) { defaultLoan(input: $input) { ${LOAN_FIELDS} } }`;
export const LOAN = `query($id: ID!) { loan(id: $id) { ${LOAN_FIELDS} } }`;
export const LOANS = `query($status: LoanStatus, $first: Int, $after: String) {
  loans(status: $status, first: $first, after: $after) { totalCount pageInfo { hasNextPage endCursor } edges { cursor node { id status contractNumber } } }
}`;

let contractSerial = Math.floor(Math.random() * 1_000_000);
export const uniqueContractNumber = () => `HT-2025-${String(contractSerial++).padStart(7, '0')}`;

export function contractInput(applicationId: string, overrides: Record<string, unknown> = {}) {
  return {
    applicationId,
    contractNumber: uniqueContractNumber(),
    principal: '10000.00',
    annualRateBps: 1200,
    termMonths: 3,
    repaymentMethod: 'EQUAL_INSTALMENTS',
    signedOn: '2025-01-20',
    ...overrides,
  };
}

export interface LoanWorld {
  bp: BankWithProduct;
  owner: Registered;
  applicationId: string;
  assetIds: string[];
}

/** An owner, an application of `requestedAmount` to a (new or given) bank's product, approved (dated 2025-01-01). */
export async function approvedForLoan(w: World, opts: { bp?: BankWithProduct; requestedAmount?: string; product?: Record<string, unknown>; asset?: AssetOpts; county?: string } = {}): Promise<LoanWorld> {
  const bp = opts.bp ?? (await bankWithProduct(w, opts.product as never));
  const owner = await enterprise(w, opts.county);
  const assetIds = [await createAsset(owner.client, opts.asset)];
  const applicationId = await apply(owner, bp.productId, assetIds, { requestedAmount: opts.requestedAmount ?? '3000000.00' });
  await approve(bp.bank, applicationId);
  return { bp, owner, applicationId, assetIds };
}

/** Contract (signed 2025-01-20), registration (2025-01-25) and disbursement (default 2025-01-31) of the contract's principal. */
export async function disbursedLoan(w: World, contract: Record<string, unknown> = {}, opts: { disbursedOn?: string; bp?: BankWithProduct; product?: Record<string, unknown>; asset?: AssetOpts; county?: string } = {}) {
  const lw = await approvedForLoan(w, { bp: opts.bp, product: opts.product, asset: opts.asset, county: opts.county });
  const bank = lw.bp.bank.client;
  const input = contractInput(lw.applicationId, contract);
  const loan = (await bank.ok(CONTRACT, { input })).recordLoanContract;
  const registration = await register(lw.bp.bank, lw.applicationId, { registeredOn: '2025-01-25', expiresOn: '2027-01-25' });
  const disbursed = (await at(bank, '2025-02-01').ok(DISBURSE, { input: { loanId: loan.id, disbursedOn: opts.disbursedOn ?? '2025-01-31', amount: input.principal } })).recordDisbursement;
  return { ...lw, loanId: loan.id as string, registrationId: registration.id as string, loan: disbursed };
}

/** Runs `npm run loan-monitor` (the built script) against a database; returns its output. */
export async function runMonitorScript(uri: string, args: string[]): Promise<string> {
  const { execFile } = await import('node:child_process');
  const path = await import('node:path');
  const { projectRoot } = await import('../../server/paths');
  return new Promise((resolve, reject) => {
    execFile(process.execPath, [path.join(projectRoot, 'dist/scripts/loan-monitor.js'), ...args], { env: { PATH: process.env.PATH ?? '', MONGODB_URI: uri } }, (err, stdout, stderr) => {
      if (err) reject(new Error(`loan-monitor failed: ${stderr}${stdout}`));
      else resolve(stdout);
    });
  });
}
