// Quotes: premium = coverage x the product's rate, rounded half up to the fen; valid 30 days.
import { InsuranceProduct } from '../../models/insuranceProduct';
import { InsuranceQuote, type InsuranceQuoteDoc } from '../../models/insuranceQuote';
import type { InsuranceType } from '../../models/insuranceProduct';
import type { ServiceContext } from '../context';
import { requireOrg } from '../authz';
import { afterIdFilter, LIST_PAGE_DEFAULT } from '../pagination';
import { canSeeAsset } from '../assets/visibility';
import { badInput, forbidden, notFound } from '../errors';
import { parseId } from '../ids';
import { formatFen, percentOfFen } from '../rules/money';
import * as v from '../validate';
import { parseAssetIds } from '../financing/applications';
import { validateGuaranteeTerms } from './underwriting';
import { insuranceProblem, loadAssets } from './eligibility';

export const QUOTE_VALID_DAYS = 30;

/** The premium in fen for a coverage in fen at a rate in percent (half up to the fen). */
export function premiumFor(coverageFen: number, ratePercent: number): number {
  return percentOfFen(coverageFen, ratePercent);
}

/** For pledge-financing guarantee cover only (issue 16, point 6): the bank and the share of the loan covered. */
export interface GuaranteeTerms {
  beneficiaryBankId?: string | null;
  coverageShareBps?: number | null;
}

export async function requestInsuranceQuote(ctx: ServiceContext, productId: string, assetIds: string[], coverage: number, terms: GuaranteeTerms = {}): Promise<InsuranceQuoteDoc> {
  const { viewer, org } = await requireOrg(ctx);
  const pid = parseId('productId', productId);
  const ids = parseAssetIds('assetIds', assetIds);
  v.positiveFen('coverage', coverage);
  const product = await InsuranceProduct.findOne({ _id: pid, active: true });
  if (!product) throw notFound('Insurance product', productId);
  if (coverage > product.maxCoverage) throw badInput('coverage', `must not exceed the product's maximum coverage of ${formatFen(product.maxCoverage)} yuan`);
  const premium = premiumFor(coverage, product.premiumRatePercent);
  if (premium < 1) throw badInput('coverage', 'is so small that the premium rounds to 0.00 yuan');
  const assets = await loadAssets(ids);
  for (const [i, raw] of assetIds.entries()) {
    const asset = assets.get(raw.toLowerCase());
    if (!asset) throw notFound('Asset', raw);
    const problem = await insuranceProblem(asset, org._id, product.type as InsuranceType);
    if (problem?.kind === 'NOT_HOLDER') {
      // Someone else's asset the caller cannot see gets the answer of an id that does not exist.
      if (!(await canSeeAsset(ctx, asset))) throw notFound('Asset', raw);
      throw forbidden(`Asset ${asset.number} ${problem.message}`);
    }
    if (problem) throw badInput(`assetIds[${i}]`, problem.message);
  }
  const guarantee = await validateGuaranteeTerms(product.type as InsuranceType, terms);
  return InsuranceQuote.create({
    product: product._id,
    insurer: product.insurer,
    requester: org._id,
    requestedBy: viewer.userId,
    assets: ids,
    coverage,
    premium,
    validUntil: new Date(Date.now() + QUOTE_VALID_DAYS * 86400_000),
    ...guarantee,
  });
}

/** Quotes the caller's organization requested, and for an insurer also those it was asked for; newest first. */
export async function myInsuranceQuotes(ctx: ServiceContext, first?: number | null, after?: string | null): Promise<InsuranceQuoteDoc[]> {
  const { org } = await requireOrg(ctx);
  const limit = v.pageSize('first', first, LIST_PAGE_DEFAULT, LIST_PAGE_DEFAULT);
  return InsuranceQuote.find({ $or: [{ requester: org._id }, { insurer: org._id }], ...afterIdFilter('after', after) }).sort({ _id: -1 }).limit(limit);
}
