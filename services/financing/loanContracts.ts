// The loan contract and the disbursement (issue 16, point 1). Order: the contract (signed after the
// approval), the CNIPA registration (not dated before the contract when one is recorded), then the
// disbursement (after the registration), which fixes the schedule (services/financing/loanSchedule.ts).
import { syncSummaryFigures } from './summaryStore';
import { Loan, type LoanDoc } from '../../models/loan';
import { PledgeApplication, type PledgeApplicationDoc } from '../../models/pledgeApplication';
import { PledgeRegistration } from '../../models/pledgeRegistration';
import type { ServiceContext } from '../context';
import { requireMemberOrHide, requireOrg } from '../authz';
import { todayOf } from '../clock';
import { badInput, conflict, isDuplicateKey, notFound } from '../errors';
import { parseId } from '../ids';
import { addMonths } from '../rules/calendar';
import { formatFen } from '../rules/money';
import { historyEntry, transition } from '../workflow';
import * as v from '../validate';
import { canSeeApplication } from './applications';
import { approvalDate } from './registrationBounds';
import { computeSchedule, scheduleTotal, type CustomInstalment, type RepaymentMethod } from './loanSchedule';
import { LOAN_MACHINE, type LoanStatus } from './loanMachine';
import { loadLoanForBank } from './loanAccess';
import { assetsById } from './loadAssets';
import { checkGuaranteeFor } from '../insurance/guaranteeCover';

/** Annual rates above 36% are refused (the same sanity bound as the products' rates). */
export const MAX_ANNUAL_RATE_BPS = 3600;
export const MAX_CUSTOM_INSTALMENTS = 120;

export interface LoanContractInput {
  applicationId: string;
  contractNumber: string;
  principal: number; // fen
  annualRateBps: number;
  termMonths: number;
  repaymentMethod: RepaymentMethod;
  customSchedule?: CustomInstalment[] | null;
  signedOn: string;
}

function validateCustom(input: LoanContractInput): CustomInstalment[] {
  const field = 'input.customSchedule';
  const custom = input.customSchedule ?? null;
  if (input.repaymentMethod !== 'CUSTOM') {
    if (custom && custom.length > 0) throw badInput(field, 'is given only with the CUSTOM repayment method');
    return [];
  }
  if (!custom || custom.length === 0) throw badInput(field, 'name the instalments of a CUSTOM schedule (due date and principal)');
  if (custom.length > MAX_CUSTOM_INSTALMENTS) throw badInput(field, `at most ${MAX_CUSTOM_INSTALMENTS} instalments`);
  const lastDay = addMonths(input.signedOn, input.termMonths);
  let previous = input.signedOn;
  let sum = 0;
  custom.forEach((c, i) => {
    v.calendarDate(`${field}[${i}].dueOn`, c.dueOn);
    if (c.dueOn <= previous) throw badInput(`${field}[${i}].dueOn`, i === 0 ? 'must be after signedOn' : 'must be after the previous instalment');
    if (c.dueOn > lastDay) throw badInput(`${field}[${i}].dueOn`, `must not be after the end of the term (${lastDay})`);
    if (!Number.isSafeInteger(c.principal) || c.principal < 0) throw badInput(`${field}[${i}].principal`, 'must not be negative');
    previous = c.dueOn;
    sum += c.principal;
  });
  if (sum !== input.principal) throw badInput(field, `the principal parts add up to ${formatFen(sum)} yuan, not the principal of ${formatFen(input.principal)} yuan`);
  if (custom[custom.length - 1]!.principal === 0) throw badInput(`${field}[${custom.length - 1}].principal`, 'the last instalment must repay principal (the loan matures then)');
  return custom.map((c) => ({ dueOn: c.dueOn, principal: c.principal }));
}

async function validateSignedOn(ctx: ServiceContext, signedOn: string, app: PledgeApplicationDoc): Promise<void> {
  const field = 'input.signedOn';
  v.calendarDate(field, signedOn);
  const today = todayOf(ctx);
  if (signedOn > today) throw badInput(field, `must not be in the future (today is ${today})`);
  const approvedOn = approvalDate(app);
  if (approvedOn && signedOn < approvedOn) throw badInput(field, `must not be before the application was approved (${approvedOn})`);
  if (app.registration) {
    // Recorded after the registration (a pledge recorded before the loan was on the platform): the dates keep the order.
    const reg = await PledgeRegistration.findById(app.registration).select('registeredOn');
    if (reg && signedOn > reg.registeredOn) throw badInput(field, `must not be after the CNIPA registration (${reg.registeredOn}): the pledge registers the contract`);
  }
}

export async function recordLoanContract(ctx: ServiceContext, input: LoanContractInput): Promise<LoanDoc> {
  await requireOrg(ctx);
  const app = await PledgeApplication.findById(parseId('input.applicationId', input.applicationId));
  if (!app) throw notFound('Pledge application', input.applicationId);
  await requireMemberOrHide(ctx, app.bank, async () => canSeeApplication(ctx, app), () => notFound('Pledge application', input.applicationId),
    'record its loan contract (only the bank the application was sent to)');
  const contractNumber = v.text('input.contractNumber', input.contractNumber, { max: 64 });
  v.positiveFen('input.principal', input.principal);
  const approved = app.approvedAmount ?? null;
  if (approved !== null && input.principal > approved) throw badInput('input.principal', `must not exceed the approved amount of ${formatFen(approved)} yuan`);
  v.intInRange('input.annualRateBps', input.annualRateBps, 1, MAX_ANNUAL_RATE_BPS);
  v.intInRange('input.termMonths', input.termMonths, 1, app.termMonths);
  await validateSignedOn(ctx, input.signedOn, app);
  const customSchedule = validateCustom(input);
  await checkGuaranteeFor(app, input.principal, { policy: 'input.applicationId', amount: 'input.principal' }, todayOf(ctx));
  if (app.status !== 'APPROVED' && app.status !== 'REGISTERED') {
    throw conflict(`Pledge application is ${app.status}; a loan contract follows the approval`, { status: app.status });
  }
  const [borrower, assets] = await Promise.all([ctx.loaders.organization.load(app.applicant), assetsById(app.assets)]);
  const industries = [...new Set([...assets.values()].flatMap((a) => a.industries ?? []))].sort();
  try {
    return await Loan.create({
      borrowerCounty: borrower?.county ?? null,
      industries,
      insured: !!app.insurancePolicy,
      _id: app._id, // one loan per application, found by id (on FerretDB only _id lookups use an index)
      application: app._id,
      bank: app.bank,
      borrower: app.applicant,
      product: app.product,
      contractNumber,
      principal: input.principal,
      annualRateBps: input.annualRateBps,
      termMonths: input.termMonths,
      repaymentMethod: input.repaymentMethod,
      customSchedule,
      signedOn: input.signedOn,
      status: 'CONTRACTED',
      history: [historyEntry(ctx, null, 'CONTRACTED', `contract ${contractNumber} signed on ${input.signedOn}`)],
    });
  } catch (err) {
    if (!isDuplicateKey(err)) throw err;
    const key = Object.keys((err as { keyPattern?: Record<string, unknown> }).keyPattern ?? {});
    if (key.includes('_id') || key.includes('application')) throw conflict('This application already has a loan contract');
    throw conflict(`Contract number ${contractNumber} is already recorded by your bank`);
  }
}

export interface DisbursementInput {
  loanId: string;
  disbursedOn: string;
  amount: number; // fen
}

export async function recordDisbursement(ctx: ServiceContext, input: DisbursementInput): Promise<LoanDoc> {
  const loan = await loadLoanForBank(ctx, input.loanId, 'input.loanId', 'record its disbursement');
  v.positiveFen('input.amount', input.amount);
  if (input.amount > loan.principal) throw badInput('input.amount', `must not exceed the principal of ${formatFen(loan.principal)} yuan`);
  if (loan.repaymentMethod === 'CUSTOM' && input.amount !== loan.principal) {
    throw badInput('input.amount', `a CUSTOM schedule is disbursed in full (${formatFen(loan.principal)} yuan)`);
  }
  v.calendarDate('input.disbursedOn', input.disbursedOn);
  const today = todayOf(ctx);
  if (input.disbursedOn > today) throw badInput('input.disbursedOn', `must not be in the future (today is ${today})`);
  if (input.disbursedOn < loan.signedOn) throw badInput('input.disbursedOn', `must not be before the contract was signed (${loan.signedOn})`);
  if (loan.status !== 'CONTRACTED') throw conflict(`Loan is ${loan.status}; it was disbursed already`, { status: loan.status });
  const app = await PledgeApplication.findById(loan.application).select('registration');
  const reg = app?.registration ? await PledgeRegistration.findById(app.registration).select('status registeredOn') : null;
  if (!reg || reg.status !== 'ACTIVE') throw conflict('Record the CNIPA pledge registration before the disbursement (contract, registration, then disbursement)');
  if (input.disbursedOn < reg.registeredOn) throw badInput('input.disbursedOn', `must not be before the CNIPA registration (${reg.registeredOn})`);
  const custom = loan.customSchedule ?? [];
  if (custom.length > 0 && custom[0]!.dueOn <= input.disbursedOn) throw badInput('input.disbursedOn', `must be before the first instalment's due date (${custom[0]!.dueOn})`);
  const schedule = computeSchedule({
    method: loan.repaymentMethod as RepaymentMethod,
    principal: input.amount,
    annualRateBps: loan.annualRateBps,
    termMonths: loan.termMonths,
    disbursedOn: input.disbursedOn,
    custom,
  });
  const disbursed = await transition<LoanStatus, LoanDoc>(ctx, {
    model: Loan,
    id: loan._id,
    machine: LOAN_MACHINE,
    current: 'CONTRACTED',
    to: 'CURRENT',
    inc: { summaryMoves: 1 },
    what: 'Loan',
    set: { disbursedOn: input.disbursedOn, disbursedAmount: input.amount, schedule, scheduledTotal: scheduleTotal(schedule), maturityOn: schedule[schedule.length - 1]!.dueOn },
    reason: `disbursed ${formatFen(input.amount)} yuan on ${input.disbursedOn}`,
  });
  return syncSummaryFigures(ctx, disbursed);
}
