// Editing and deactivating a loan product (issue 16, point 4): by the bank that published it, one
// conditional update each (on the version read), with the fields before and after in its history.
// Applications already made keep their product; its current rules show in their due diligence.
import { LoanProduct, type LoanProductDoc } from '../../models/loanProduct';
import type { ServiceContext } from '../context';
import { requireMemberOf, requireOrg } from '../authz';
import { updateOneDoc } from '../atomic';
import { badInput, conflict, notFound } from '../errors';
import { parseId } from '../ids';
import * as v from '../validate';
import { validateLoanProductInput, type LoanProductInput } from './products';

const EDITABLE = ['name', 'maxAmount', 'maxLoanToValue', 'maxTermMonths', 'annualRatePercent', 'acceptedKinds', 'daysPastDueBeforeDefault', 'eligibility'] as const;
type Editable = (typeof EDITABLE)[number];

async function loadOwnProduct(ctx: ServiceContext, id: string, action: string): Promise<LoanProductDoc> {
  await requireOrg(ctx);
  const product = await LoanProduct.findById(parseId('id', id));
  if (!product) throw notFound('Loan product', id);
  requireMemberOf(ctx, product.bank, action); // products are public: another bank is FORBIDDEN, not NOT_FOUND
  return product;
}

const asText = (value: unknown) => JSON.stringify(value ?? null);

function current(product: LoanProductDoc): LoanProductInput {
  const e = product.eligibility;
  return {
    name: product.name,
    maxAmount: product.maxAmount,
    maxLoanToValue: product.maxLoanToValue,
    maxTermMonths: product.maxTermMonths,
    annualRatePercent: product.annualRatePercent,
    acceptedKinds: product.acceptedKinds as LoanProductInput['acceptedKinds'],
    daysPastDueBeforeDefault: product.daysPastDueBeforeDefault ?? null,
    eligibility: e
      ? { minRemainingYears: (e.minRemainingYears ?? []).map((m) => ({ kind: m.kind, years: m.years })), annualFeesPaidUp: e.annualFeesPaidUp, verifiedOnly: e.verifiedOnly, insuranceRequired: e.insuranceRequired, maxLoanToValue: e.maxLoanToValue ?? null }
      : null,
  };
}

export async function updateLoanProduct(ctx: ServiceContext, id: string, input: Partial<LoanProductInput>, reason?: string | null): Promise<LoanProductDoc> {
  const product = await loadOwnProduct(ctx, id, 'edit this loan product (only the bank that published it)');
  const why = v.optionalText('reason', reason, 1000);
  const before = validateLoanProductInput(current(product));
  const after = validateLoanProductInput({ ...current(product), ...Object.fromEntries(Object.entries(input).filter(([, val]) => val !== undefined && val !== null)) });
  const fields = EDITABLE.filter((f: Editable) => asText(before[f]) !== asText(after[f])).map((f) => ({ field: f, before: asText(before[f]), after: asText(after[f]) }));
  if (fields.length === 0) throw badInput('input', 'changes nothing');
  if (!product.active) throw conflict('The loan product is deactivated', { active: false });
  const set = Object.fromEntries(fields.map((f) => [f.field, after[f.field as Editable]]));
  const updated = await updateOneDoc<LoanProductDoc>(
    LoanProduct,
    { _id: product._id, version: product.version ?? 0, active: true },
    { $set: set, $inc: { version: 1 }, $push: { history: { at: new Date(), by: ctx.viewer!.userId, reason: why, fields } } },
  );
  if (!updated) throw conflict('The loan product changed while you were editing it; reload and try again');
  ctx.loaders.loanProduct.clear(product._id).prime(product._id, updated);
  return updated;
}

export async function deactivateLoanProduct(ctx: ServiceContext, id: string, reason: string): Promise<LoanProductDoc> {
  const product = await loadOwnProduct(ctx, id, 'deactivate this loan product (only the bank that published it)');
  const why = v.text('reason', reason, { max: 1000 });
  if (!product.active) throw conflict('The loan product is already deactivated', { active: false });
  const updated = await updateOneDoc<LoanProductDoc>(
    LoanProduct,
    { _id: product._id, version: product.version ?? 0, active: true },
    { $set: { active: false }, $inc: { version: 1 }, $push: { history: { at: new Date(), by: ctx.viewer!.userId, reason: why, fields: [{ field: 'active', before: 'true', after: 'false' }] } } },
  );
  if (!updated) throw conflict('The loan product changed while you were deactivating it; reload and try again');
  ctx.loaders.loanProduct.clear(product._id).prime(product._id, updated);
  return updated;
}
