// IP insurance products: verified insurers publish them; anyone may read the active ones.
import { InsuranceProduct, type InsuranceProductDoc, type InsuranceType } from '../../models/insuranceProduct';
import type { ServiceContext } from '../context';
import { requireVerifiedKind } from '../authz';
import * as v from '../validate';
import { boundedNumber } from '../financing/products';

export interface InsuranceProductInput {
  type: InsuranceType;
  name: string;
  premiumRatePercent: number;
  maxCoverage: number; // fen
}

export function validateInsuranceProductInput(input: InsuranceProductInput) {
  return {
    type: input.type,
    name: v.text('input.name', input.name, { max: 200 }),
    // percentOfFen works on ten-thousandths of a percent: at most 4 decimals, so no rate is silently rounded.
    premiumRatePercent: boundedNumber('input.premiumRatePercent', input.premiumRatePercent, 0, 100, 4),
    maxCoverage: v.positiveFen('input.maxCoverage', input.maxCoverage),
  };
}

export async function createInsuranceProduct(ctx: ServiceContext, input: InsuranceProductInput): Promise<InsuranceProductDoc> {
  const { org } = await requireVerifiedKind(ctx, 'INSURER');
  return InsuranceProduct.create({ ...validateInsuranceProductInput(input), insurer: org._id, active: true });
}

/** Active products, oldest first, optionally of one type. Public. */
export async function insuranceProducts(_ctx: ServiceContext, type?: InsuranceType | null): Promise<InsuranceProductDoc[]> {
  return InsuranceProduct.find({ active: true, ...(type ? { type } : {}) }).sort({ _id: 1 }).limit(500);
}
