// Enforcement of the pledge after a default (质权实现, issue 16 point 2; docs/financing.md).
//
// The pledgee bank lists the pledged right for TRANSFER acting for the holder: the listing's holder
// (the seller of record) stays the owner, `enforcement` names the bank, the defaulted loan and the
// registration realized. The bank publishes and withdraws it and acts as the seller on its deal; the
// holder sees both and cannot withdraw them. The proceeds of the completed deal, or of an enforcement
// done off the platform (auction, court), are recorded against the loan: one conditional update of
// the loan, applied once per reference, capped at the loss.
import mongoose, { type Types } from 'mongoose';
import { IpAsset } from '../../models/ipAsset';
import { Listing, type ListingDoc } from '../../models/listing';
import { Loan, type LoanDoc } from '../../models/loan';
import { Organization } from '../../models/organization';
import { PledgeApplication } from '../../models/pledgeApplication';
import { PledgeRegistration } from '../../models/pledgeRegistration';
import type { DealDoc } from '../../models/deal';
import type { ServiceContext } from '../context';
import { rawUpdateOneDoc, withLock } from '../atomic';
import { todayOf } from '../clock';
import { badInput, conflict, notFound } from '../errors';
import { parseId } from '../ids';
import { formatFen } from '../rules/money';
import { historyEntry } from '../workflow';
import * as v from '../validate';
import { listingFacts } from '../listings/denormalize';
import { moveToWithdrawn } from '../listings';
import { OPEN_LISTING_STATUSES } from '../listings/machine';
import { touchListings } from '../listings/searchSnapshot';
import { loadLoanForBank } from './loanAccess';
import { syncSummaryFigures } from './summaryStore';

/** FerretDB 1.x wraps an int32 $inc on overflow (docs/financing.md): increments go as int64. */
const asInt64 = (n: number) => mongoose.mongo.Long.fromNumber(n);

export const ENFORCEMENT_RULE = 'enforcement of a pledge (质权实现) is open to the pledgee bank only once the loan it secures is DEFAULTED';

export interface EnforcementListingInput {
  loanId: string;
  assetId: string;
  askingPrice?: number | null; // fen
  negotiable?: boolean | null;
  description?: string | null;
}

function requireDefaulted(loan: LoanDoc): void {
  if (loan.status !== 'DEFAULTED') throw conflict(`Loan is ${loan.status}: ${ENFORCEMENT_RULE}`, { status: loan.status, rule: 'LOAN_DEFAULTED' });
}

/** The bank lists a right pledged for its defaulted loan for TRANSFER, for the holder (a DRAFT it then publishes). */
export async function createEnforcementListing(ctx: ServiceContext, input: EnforcementListingInput): Promise<ListingDoc> {
  const loan = await loadLoanForBank(ctx, input.loanId, 'input.loanId', 'enforce the pledge of this loan');
  const assetId = parseId('input.assetId', input.assetId);
  const askingPrice = input.askingPrice ?? null;
  if (askingPrice !== null) v.positiveFen('input.askingPrice', askingPrice);
  const description = v.optionalText('input.description', input.description, 5000);
  requireDefaulted(loan);
  const application = await PledgeApplication.findById(loan.application).select('registration');
  const registration = application?.registration ? await PledgeRegistration.findById(application.registration) : null;
  if (!registration || !registration.assets.some((a) => String(a) === String(assetId))) {
    throw badInput('input.assetId', 'is not a right pledged under the registration of this loan');
  }
  if (registration.status !== 'ACTIVE') throw conflict(`Pledge registration ${registration.registrationNumber} is ${registration.status}: there is no pledge left to enforce`, { status: registration.status });
  const asset = await IpAsset.findById(assetId);
  if (!asset) throw notFound('Asset', input.assetId);
  if (String(asset.pledge?.registration) !== String(registration._id)) throw conflict('The right is no longer pledged under this registration');
  const holder = await Organization.findById(asset.owner);
  if (!holder) throw notFound('Organization', String(asset.owner));
  const created = await withLock(`Listing:asset:${String(asset._id)}`, async () => {
    const open = await Listing.find({ asset: asset._id, status: { $in: OPEN_LISTING_STATUSES } });
    const blocking = open.find((l) => l.enforcement || l.status === 'UNDER_NEGOTIATION');
    if (blocking) throw conflict(`Listing ${String(blocking._id)} of this right is ${blocking.status}${blocking.enforcement ? ' (an enforcement listing)' : ' with a deal in negotiation'}; it must close or be withdrawn first`);
    // The holder's own offers give way to the enforcement (a pledged right offers licences at most).
    for (const l of open) await withdrawForEnforcement(ctx, l, String(loan._id));
    return Listing.create({
      asset: asset._id,
      holder: asset.owner,
      modes: ['TRANSFER'],
      licenseTypes: [],
      askingPrice,
      negotiable: input.negotiable ?? true,
      description,
      status: 'DRAFT',
      enforcement: { loan: loan._id, bank: loan.bank, registration: registration._id },
      history: [historyEntry(ctx, null, 'DRAFT', `enforcement of pledge registration ${registration.registrationNumber} (质权实现) for defaulted loan ${String(loan._id)}`)],
      ...listingFacts(asset, holder, description, ['TRANSFER'], registration._id),
    });
  });
  await touchListings(created);
  return created;
}

async function withdrawForEnforcement(ctx: ServiceContext, listing: ListingDoc, loanId: string): Promise<void> {
  await moveToWithdrawn(ctx, listing, `the pledgee bank enforces its pledge (质权实现) for defaulted loan ${loanId}`);
}

export interface Recovery {
  amount: number; // fen applied to the loss
  receivedOn: string;
  reference: string;
  deal?: Types.ObjectId | null;
  surplus?: number;
}

/**
 * Appends a recovery to a DEFAULTED loan and adds it to recoveredAmount in one conditional update,
 * once per reference. `capped`: apply min(amount, what remains of the loss) and keep the rest as the
 * holder's surplus (a deal's price); otherwise an amount above what remains is BAD_USER_INPUT.
 * The update is conditional on summaryMoves as read (on a DEFAULTED loan only recoveries move it):
 * a recovery recorded meanwhile makes it read again, so a reference is never applied twice.
 */
async function addRecovery(ctx: ServiceContext | null, loanId: Types.ObjectId, r: Recovery, capped: boolean): Promise<LoanDoc> {
  for (let attempt = 0; attempt < 5; attempt++) {
    const loan = await Loan.findById(loanId);
    if (!loan) throw notFound('Loan', String(loanId));
    if (loan.recoveries.some((x) => x.reference === r.reference)) return loan; // applied before (a replay)
    requireDefaulted(loan);
    const remaining = (loan.lossAtDefault ?? 0) - (loan.recoveredAmount ?? 0);
    if (!capped && r.amount > remaining) throw badInput('amount', `exceeds what remains of the loss: ${formatFen(remaining)} yuan (loss ${formatFen(loan.lossAtDefault ?? 0)}, recovered ${formatFen(loan.recoveredAmount ?? 0)})`);
    const amount = Math.min(r.amount, remaining);
    const entry = { receivedOn: r.receivedOn, amount, reference: r.reference, deal: r.deal ?? null, surplus: (r.surplus ?? 0) + r.amount - amount, recordedAt: new Date(), by: ctx?.viewer ? new mongoose.Types.ObjectId(ctx.viewer.userId) : null };
    const raw = await rawUpdateOneDoc(
      Loan,
      { _id: loan._id, status: 'DEFAULTED', summaryMoves: loan.summaryMoves || { $in: [0, null] }, recoveredAmount: loan.recoveredAmount || { $in: [0, null] } },
      { $push: { recoveries: entry }, $inc: { recoveredAmount: asInt64(amount), summaryMoves: 1 }, $set: { updatedAt: new Date() } },
    );
    if (raw) {
      const updated = Loan.hydrate(raw) as LoanDoc;
      return syncSummaryFigures(ctx, updated);
    }
  }
  throw conflict('Other recoveries were recorded on this loan meanwhile; reload and try again');
}

export interface ProceedsInput {
  loanId: string;
  amount: number; // fen
  receivedOn: string;
  reference: string;
}

/** Proceeds of an enforcement done off the platform (auction, court), recorded by the lending bank. */
export async function recordEnforcementProceeds(ctx: ServiceContext, input: ProceedsInput): Promise<LoanDoc> {
  const loan = await loadLoanForBank(ctx, input.loanId, 'loanId', 'record enforcement proceeds');
  v.positiveFen('amount', input.amount);
  v.calendarDate('receivedOn', input.receivedOn);
  const today = todayOf(ctx);
  if (input.receivedOn > today) throw badInput('receivedOn', `must not be in the future (today is ${today})`);
  if (loan.defaultedOn && input.receivedOn < loan.defaultedOn) throw badInput('receivedOn', `must not be before the default (${loan.defaultedOn})`);
  const reference = v.text('reference', input.reference, { max: 64 });
  if (reference.startsWith('deal:')) throw badInput('reference', 'must not start with "deal:" (kept for the proceeds of enforcement deals)');
  requireDefaulted(loan);
  if (loan.recoveries.some((x) => x.reference === reference)) throw conflict(`Proceeds with reference ${reference} are already recorded on this loan`);
  return addRecovery(ctx, loan._id, { amount: input.amount, receivedOn: input.receivedOn, reference }, false);
}

/**
 * A completed enforcement deal's price, applied to its loan (called by the deals domain before the
 * deal moves to COMPLETED; a replayed completion finds the reference and changes nothing).
 */
export async function applyEnforcementDealProceeds(ctx: ServiceContext | null, deal: DealDoc): Promise<void> {
  if (!deal.enforcement) return;
  await addRecovery(ctx, deal.enforcement.loan, { amount: deal.price, receivedOn: todayOf(ctx), reference: `deal:${String(deal._id)}`, deal: deal._id }, true);
}
