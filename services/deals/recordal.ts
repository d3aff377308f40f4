// What finishes a deal at CNIPA. A TRANSFER takes effect on CNIPA's recordal of the change of owner
// (Patent Law art. 10, 著录项目变更): after payment one party records the notice, the other confirms
// it, and only then does ownership move (completeDeal). A licence contract is filed (备案) within 3
// months of taking effect: the licensor records the filing number; until then the deal reads
// filingOverdue once the 3 months have passed.
import { Deal, type DealDoc } from '../../models/deal';
import { IpAsset } from '../../models/ipAsset';
import { License } from '../../models/license';
import type { ServiceContext } from '../context';
import { updateOneDoc, withLock } from '../atomic';
import { requireOrg } from '../authz';
import { badInput, conflict, forbidden, notFound } from '../errors';
import { now, today } from '../clock';
import * as v from '../validate';
import { loadDealForParty, type DealSide } from './access';
import { dealProblem, termsOf } from './availability';
import { filingNumberProblem, recordalNoticeProblem } from './cnipaNumbers';
import { completeDeal } from './complete';
import { dealPaymentLock } from './locks';
import { notifyDealStep } from '../notifications/dealSteps';

const other = (side: DealSide): DealSide => (side === 'BUYER' ? 'SELLER' : 'BUYER');

async function availabilityProblem(deal: DealDoc): Promise<string | null> {
  const asset = await IpAsset.findById(deal.asset);
  if (!asset) return 'the asset no longer exists';
  return dealProblem(asset, termsOf(deal), { startsOn: today(), checkInFlight: false });
}

function requirePaidTransfer(deal: DealDoc): void {
  if (deal.type !== 'TRANSFER') throw conflict('Only a TRANSFER is completed by CNIPA recordal; a licence is filed instead (recordLicenceFiling)', { status: deal.status });
  if (deal.status !== 'PAID') {
    throw conflict(`Deal is ${deal.status}: a recordal is recorded once the deal is PAID and before it is COMPLETED`, { status: deal.status });
  }
}

/** Either party records CNIPA's recordal notice of a PAID transfer; the other then confirms it. */
export async function recordRecordal(ctx: ServiceContext, dealId: string, noticeNumber: string, recordedOn: string): Promise<DealDoc> {
  await requireOrg(ctx);
  const notice = typeof noticeNumber === 'string' ? noticeNumber.trim() : '';
  const problem = recordalNoticeProblem(notice);
  if (problem) throw badInput('noticeNumber', problem);
  v.calendarDate('recordedOn', recordedOn);
  const { deal, side } = await loadDealForParty(ctx, dealId, 'dealId');
  requirePaidTransfer(deal);
  if (deal.recordal) {
    throw conflict(`The recordal of this deal was already recorded by the ${deal.recordal.recordedBy.toLowerCase()} (notice ${deal.recordal.noticeNumber})`);
  }
  if (deal.paidOn && recordedOn < deal.paidOn) throw badInput('recordedOn', `must not be before the payment date ${deal.paidOn}: CNIPA records the change after the upfront part is paid`);
  if (recordedOn > today()) throw badInput('recordedOn', `must not be in the future (today is ${today()})`);
  const blocked = await availabilityProblem(deal);
  if (blocked) throw conflict(`Cannot record the recordal: ${blocked}`);
  const recorded = await updateOneDoc<DealDoc>(
    Deal,
    { _id: deal._id, status: 'PAID', type: 'TRANSFER', recordal: null },
    {
      $set: {
        recordal: { noticeNumber: notice, recordedOn, recordedBy: side, recordedByUser: ctx.viewer!.userId, recordedAt: now(), status: 'RECORDED' },
      },
    },
  );
  if (!recorded) throw conflict('The deal changed while you were recording the recordal (another recordal was recorded, or the deal moved on); reload it');
  await notifyDealStep(ctx, recorded, 'RECORDAL_RECORDED');
  return recorded;
}

/**
 * The party that did not record the recordal confirms it; the transfer then completes (ownership
 * moves to the buyer). Runs under the deal's payment lock, so of two confirmations at once one
 * applies and the other is CONFLICT. A confirmation whose completion could not finish (the asset
 * changed) leaves the deal PAID with `problem`; confirming again retries the completion.
 */
export async function confirmRecordal(ctx: ServiceContext, dealId: string): Promise<DealDoc> {
  await requireOrg(ctx);
  const { deal, side } = await loadDealForParty(ctx, dealId, 'dealId');
  return withLock(dealPaymentLock(deal._id), async () => {
    const fresh = (await Deal.findById(deal._id))!;
    requirePaidTransfer(fresh);
    const recordal = fresh.recordal;
    if (!recordal) throw conflict('No recordal has been recorded for this deal yet: recordRecordal first');
    if (recordal.recordedBy === side) throw forbidden(`The ${side.toLowerCase()} recorded this recordal: the ${other(side).toLowerCase()} confirms it`);
    if (recordal.status === 'CONFIRMED') return completeDeal(ctx, fresh); // completion was interrupted: finish it
    const blocked = await availabilityProblem(fresh);
    if (blocked) throw conflict(`Cannot confirm the recordal: ${blocked}`);
    const confirmed = await updateOneDoc<DealDoc>(
      Deal,
      { _id: fresh._id, status: 'PAID', 'recordal.status': 'RECORDED', 'recordal.noticeNumber': recordal.noticeNumber },
      { $set: { 'recordal.status': 'CONFIRMED', 'recordal.confirmedBy': side, 'recordal.confirmedByUser': ctx.viewer!.userId, 'recordal.confirmedAt': now() } },
    );
    if (!confirmed) throw conflict('The recordal changed while you were confirming it; reload the deal');
    return completeDeal(ctx, confirmed);
  });
}

/** The licensor records the CNIPA filing (备案) of a completed licence's contract. */
export async function recordLicenceFiling(ctx: ServiceContext, dealId: string, filingNumber: string, filedOn: string): Promise<DealDoc> {
  await requireOrg(ctx);
  const number = typeof filingNumber === 'string' ? filingNumber.trim().toUpperCase() : '';
  const problem = filingNumberProblem(number);
  if (problem) throw badInput('filingNumber', problem);
  v.calendarDate('filedOn', filedOn);
  const { deal, side } = await loadDealForParty(ctx, dealId, 'dealId');
  if (side !== 'SELLER') throw forbidden('The licensor (the seller) records the licence filing');
  if (deal.type !== 'LICENSE') throw conflict('Only a licence is filed (备案); a transfer is recorded (recordRecordal)');
  if (deal.status !== 'COMPLETED') throw conflict(`Deal is ${deal.status}: the filing is recorded once the licence exists (COMPLETED)`, { status: deal.status });
  if (deal.filing) throw conflict(`The filing was already recorded (${deal.filing.filingNumber})`);
  const licence = deal.licenseId ? await License.findById(deal.licenseId) : null;
  if (!licence) throw notFound('License', String(deal.licenseId));
  if (filedOn < licence.startsOn) throw badInput('filedOn', `must not be before the licence took effect (${licence.startsOn})`);
  if (filedOn > today()) throw badInput('filedOn', `must not be in the future (today is ${today()})`);
  const filed = await updateOneDoc<DealDoc>(
    Deal,
    { _id: deal._id, status: 'COMPLETED', filing: null },
    { $set: { filing: { filingNumber: number, filedOn, recordedAt: now(), recordedByUser: ctx.viewer!.userId } } },
  );
  if (!filed) throw conflict('The filing was recorded by someone else meanwhile; reload the deal');
  return filed;
}
