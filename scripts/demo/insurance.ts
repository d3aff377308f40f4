// Demo IP insurance (marked demo: true): the demo insurer's three products and two bound policies,
// one of them the 质押融资保证保险 that backs the demo APPROVED pledge application. Idempotent.
import type { Types } from 'mongoose';
import { InsuranceProduct, type InsuranceProductDoc, type InsuranceType } from '../../models/insuranceProduct';
import { InsuranceQuote } from '../../models/insuranceQuote';
import { InsurancePolicy } from '../../models/insurancePolicy';
import type { OrganizationDoc } from '../../models/organization';
import { User } from '../../models/user';
import { premiumFor } from '../../services/insurance/quotes';
import { insertPolicyWithNumber } from '../../services/insurance/policies';
import { updateOneDoc } from '../../services/atomic';
import { addYears, todayInShanghai } from '../../services/rules/calendar';
import { seedDemoFinancingAssets } from './financing';

const yuan = (n: number) => Math.round(n * 100);

export const DEMO_INSURANCE_PRODUCTS: { type: InsuranceType; name: string; premiumRatePercent: number; maxCoverage: number }[] = [
  { type: 'INFRINGEMENT_LOSS', name: '专利被侵权损失保险（演示）', premiumRatePercent: 1.8, maxCoverage: yuan(2_000_000) },
  { type: 'INFRINGEMENT_LIABILITY', name: '知识产权侵权责任保险（演示）', premiumRatePercent: 2.5, maxCoverage: yuan(1_000_000) },
  // Premium around 2% of the loan; losses shared insurer : bank : guarantor about 6 : 2 : 2.
  { type: 'PLEDGE_FINANCING_GUARANTEE', name: '知识产权质押融资保证保险（演示）', premiumRatePercent: 2, maxCoverage: yuan(10_000_000) },
];

/** A bound demo policy: quote + policy, created once per (holder, product). */
async function demoPolicy(product: InsuranceProductDoc, holder: OrganizationDoc, assetIds: Types.ObjectId[], coverage: number, bank?: OrganizationDoc): Promise<void> {
  if (await InsurancePolicy.exists({ demo: true, holder: holder._id, product: product._id })) return;
  const user = await User.findOne({ organization: holder._id }).select('_id');
  if (!user) return;
  const quote = await InsuranceQuote.create({
    product: product._id, insurer: product.insurer, requester: holder._id, requestedBy: user._id, assets: assetIds, coverage,
    premium: premiumFor(coverage, product.premiumRatePercent), validUntil: new Date(Date.now() + 30 * 86400_000), demo: true,
    ...(bank ? { beneficiaryBank: bank._id, coverageShareBps: 10_000, underwriting: 'ACCEPTED', underwritingReason: null, underwrittenAt: new Date() } : {}),
  });
  // Guarantee cover names the demo bank, was underwritten, and its premium is paid (in force).
  const guarantee = bank ? { beneficiaryBank: bank._id, coverageShareBps: 10_000, premiumStatus: 'PAID', premiumPaidVia: 'BANK_TRANSFER', premiumPaidAt: new Date() } : {};
  const startsOn = todayInShanghai();
  const policy = await insertPolicyWithNumber(
    {
      quote: quote._id, product: product._id, type: product.type, insurer: product.insurer, holder: holder._id, assets: assetIds,
      coverage, premium: quote.premium, startsOn, endsOn: addYears(startsOn, 1), status: 'ACTIVE', demo: true, ...guarantee,
    },
    Number(startsOn.slice(0, 4)),
  );
  await updateOneDoc(InsuranceQuote, { _id: quote._id, policy: null }, { $set: { policy: policy._id } });
}

export async function seedDemoInsurance(orgs: Record<string, OrganizationDoc>): Promise<{ products: number }> {
  const insurer = orgs.insurer;
  if (!insurer) throw new Error('demo insurance needs the demo organization "insurer" (scripts/demo/organizations.ts)');
  const products: Partial<Record<InsuranceType, InsuranceProductDoc>> = {};
  for (const p of DEMO_INSURANCE_PRODUCTS) {
    products[p.type] = await InsuranceProduct.findOneAndUpdate(
      { insurer: insurer._id, type: p.type, name: p.name },
      { $setOnInsert: { ...p, insurer: insurer._id, active: true, demo: true } },
      { upsert: true, returnDocument: 'after' },
    );
  }
  const assets = await seedDemoFinancingAssets(orgs);
  await demoPolicy(products.PLEDGE_FINANCING_GUARANTEE!, orgs.yunshan!, [assets.A3!._id], yuan(2_000_000), orgs.bank);
  await demoPolicy(products.INFRINGEMENT_LOSS!, orgs.zhongtan!, [assets.B2!._id], yuan(1_000_000));
  return { products: DEMO_INSURANCE_PRODUCTS.length };
}
