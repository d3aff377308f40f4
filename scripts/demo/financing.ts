// Demo pledge financing (marked demo: true): the demo enterprises' patents, the demo bank's loan
// product, a 2021-2024 history of CNIPA registrations (0.05 / 0.08 / 0.12 / 0.18 亿元 a year),
// and one application in each status. Idempotent: upserts by natural key; the indicator is fed
// once per registration (the indicatorCounted flag), however often the seed runs.
import { markDemoVerified } from './assets';
import { isStrategicEmergingIndustry } from '../../services/rules/seiConcordance';
import type { Types } from 'mongoose';
import { IpAsset, type IpAssetDoc } from '../../models/ipAsset';
import { LoanProduct, type LoanProductDoc } from '../../models/loanProduct';
import { PledgeApplication } from '../../models/pledgeApplication';
import { PledgeRegistration } from '../../models/pledgeRegistration';
import { InsurancePolicy } from '../../models/insurancePolicy';
import type { OrganizationDoc } from '../../models/organization';
import { User } from '../../models/user';
import type { IpKind } from '../../services/rules/assetTerms';
import { expiresOn } from '../../services/rules/assetTerms';
import { patentCheckDigit } from '../../services/rules/patentNumber';
import { claimAssets, countInIndicator } from '../../services/financing/registrations';
import { updateOneDoc } from '../../services/atomic';
import { DomainError } from '../../services/errors';
import type { ApplicationStatus } from '../../services/financing/machine';

const yuan = (n: number) => Math.round(n * 100);

interface DemoAsset {
  key: string;
  owner: 'yunshan' | 'zhongtan' | 'university';
  kind: IpKind;
  digits: string; // 12-digit application number; the check digit is computed
  title: string;
  filingDate: string;
  grantDate: string;
  classes: string[];
  annualFeesPaidUntil: string;
}

export const DEMO_FINANCING_ASSETS: DemoAsset[] = [
  { key: 'A1', owner: 'yunshan', kind: 'INVENTION_PATENT', digits: '201610512034', title: '一种鳞片石墨的低温提纯方法', filingDate: '2016-04-12', grantDate: '2018-09-07', classes: ['C01B 32/215'], annualFeesPaidUntil: '2027-04-12' },
  { key: 'A2', owner: 'yunshan', kind: 'INVENTION_PATENT', digits: '201710723518', title: '球形石墨负极材料及其制备方法', filingDate: '2017-08-22', grantDate: '2019-12-10', classes: ['H01M 4/587', 'C01B 32/21'], annualFeesPaidUntil: '2027-08-22' },
  { key: 'A3', owner: 'yunshan', kind: 'UTILITY_MODEL', digits: '201920640127', title: '石墨浮选尾矿回收装置', filingDate: '2019-05-06', grantDate: '2020-01-21', classes: ['B03D 1/14'], annualFeesPaidUntil: '2027-05-06' },
  { key: 'B1', owner: 'zhongtan', kind: 'INVENTION_PATENT', digits: '201810215763', title: '石墨烯导热膜的制备方法', filingDate: '2018-03-15', grantDate: '2020-07-03', classes: ['C01B 32/184'], annualFeesPaidUntil: '2027-03-15' },
  { key: 'B2', owner: 'zhongtan', kind: 'INVENTION_PATENT', digits: '201910530842', title: '一种石墨烯改性防腐涂料', filingDate: '2019-06-18', grantDate: '2021-08-24', classes: ['C09D 5/08'], annualFeesPaidUntil: '2027-06-18' },
  { key: 'B3', owner: 'zhongtan', kind: 'UTILITY_MODEL', digits: '202021918406', title: '石墨烯粉体分散设备', filingDate: '2020-10-09', grantDate: '2021-05-11', classes: ['B01F 27/80'], annualFeesPaidUntil: '2027-10-09' },
  { key: 'C1', owner: 'university', kind: 'INVENTION_PATENT', digits: '201511037520', title: '石墨矿伴生元素的分析方法', filingDate: '2015-11-02', grantDate: '2018-03-20', classes: ['G01N 21/73'], annualFeesPaidUntil: '2026-11-02' },
  { key: 'C2', owner: 'university', kind: 'INVENTION_PATENT', digits: '202010962174', title: '膨胀石墨复合相变储能材料', filingDate: '2020-09-15', grantDate: '2022-11-08', classes: ['C09K 5/06'], annualFeesPaidUntil: '2027-09-15' },
];

function requireOrgs(orgs: Record<string, OrganizationDoc>, keys: string[]): void {
  for (const k of keys) if (!orgs[k]) throw new Error(`demo financing needs the demo organization "${k}" (scripts/demo/organizations.ts)`);
}

/** The demo enterprises' patents used by the financing and insurance demo (upsert by kind + number). */
export async function seedDemoFinancingAssets(orgs: Record<string, OrganizationDoc>): Promise<Record<string, IpAssetDoc>> {
  requireOrgs(orgs, ['yunshan', 'zhongtan', 'university']);
  const out: Record<string, IpAssetDoc> = {};
  for (const a of DEMO_FINANCING_ASSETS) {
    const number = `${a.digits}.${patentCheckDigit(a.digits)}`;
    out[a.key] = await markDemoVerified(await IpAsset.findOneAndUpdate(
      { kind: a.kind, number },
      {
        $setOnInsert: {
          kind: a.kind, number, title: a.title, owner: orgs[a.owner]!._id, filingDate: a.filingDate, grantDate: a.grantDate, legalStatus: 'VALID',
          expiresOn: expiresOn(a.kind, a.filingDate, a.grantDate), classes: a.classes, industries: ['GRAPHITE', 'NEW_MATERIALS'],
          annualFeesPaidUntil: a.annualFeesPaidUntil, demo: true, strategicEmergingIndustry: isStrategicEmergingIndustry(a.kind, a.classes),
        },
      },
      { upsert: true, returnDocument: 'after' },
    ));
  }
  return out;
}

export const DEMO_LOAN_PRODUCT = {
  name: '石墨产业知识产权质押贷（演示）',
  maxAmount: yuan(10_000_000),
  maxLoanToValue: 0.5,
  maxTermMonths: 36,
  annualRatePercent: 3.85,
  acceptedKinds: ['INVENTION_PATENT', 'UTILITY_MODEL', 'TRADEMARK'],
};

async function seedLoanProduct(bank: OrganizationDoc): Promise<LoanProductDoc> {
  return LoanProduct.findOneAndUpdate(
    { bank: bank._id, name: DEMO_LOAN_PRODUCT.name },
    { $setOnInsert: { ...DEMO_LOAN_PRODUCT, bank: bank._id, active: true, demo: true } },
    { upsert: true, returnDocument: 'after' },
  );
}

interface DemoRegistration {
  number: string;
  pledgor: 'yunshan' | 'zhongtan' | 'university';
  assets: string[];
  amountYuan: number;
  registeredOn: string;
  expiresOn: string;
  releasedOn: string | null;
}

/** 2021: 500万, 2022: 800万, 2023: 1200万, 2024: 1800万 (0.05 / 0.08 / 0.12 / 0.18 亿元), over three counties. */
export const DEMO_REGISTRATIONS: DemoRegistration[] = [
  { number: 'Y2021230000147', pledgor: 'yunshan', assets: ['A1'], amountYuan: 3_000_000, registeredOn: '2021-04-20', expiresOn: '2022-04-19', releasedOn: '2022-04-15' },
  { number: 'Y2021230000392', pledgor: 'university', assets: ['C1'], amountYuan: 2_000_000, registeredOn: '2021-09-10', expiresOn: '2022-09-09', releasedOn: '2022-09-01' },
  { number: 'Y2022230000215', pledgor: 'zhongtan', assets: ['B1'], amountYuan: 5_000_000, registeredOn: '2022-05-18', expiresOn: '2023-05-17', releasedOn: '2023-05-10' },
  { number: 'Y2022230000561', pledgor: 'yunshan', assets: ['A2'], amountYuan: 3_000_000, registeredOn: '2022-11-03', expiresOn: '2023-11-02', releasedOn: '2023-10-30' },
  { number: 'Y2023230000108', pledgor: 'yunshan', assets: ['A1', 'A3'], amountYuan: 6_000_000, registeredOn: '2023-03-22', expiresOn: '2024-03-21', releasedOn: '2024-03-20' },
  { number: 'Y2023230000377', pledgor: 'zhongtan', assets: ['B2'], amountYuan: 4_000_000, registeredOn: '2023-07-11', expiresOn: '2024-07-10', releasedOn: '2024-07-08' },
  { number: 'Y2023230000604', pledgor: 'university', assets: ['C1'], amountYuan: 2_000_000, registeredOn: '2023-12-05', expiresOn: '2024-12-04', releasedOn: '2024-12-01' },
  { number: 'Y2024230000133', pledgor: 'yunshan', assets: ['A2'], amountYuan: 8_000_000, registeredOn: '2024-04-16', expiresOn: '2027-04-15', releasedOn: null },
  { number: 'Y2024230000458', pledgor: 'zhongtan', assets: ['B1', 'B3'], amountYuan: 6_000_000, registeredOn: '2024-08-28', expiresOn: '2027-08-27', releasedOn: null },
  { number: 'Y2024230000712', pledgor: 'university', assets: ['C2'], amountYuan: 4_000_000, registeredOn: '2024-10-30', expiresOn: '2027-10-29', releasedOn: null },
];

const at = (date: string) => new Date(`${date}T02:00:00Z`); // 10:00 in Hegang

async function seedRegistrations(orgs: Record<string, OrganizationDoc>, assets: Record<string, IpAssetDoc>, bankUser: Types.ObjectId | null) {
  const bank = orgs.bank!;
  const byNumber: Record<string, Types.ObjectId> = {};
  for (const r of DEMO_REGISTRATIONS) {
    const pledgor = orgs[r.pledgor]!;
    const assetIds = r.assets.map((k) => assets[k]!._id);
    let reg = await PledgeRegistration.findOne({ registrationNumber: r.number });
    if (!reg) {
      const history: { from: string | null; to: string; at: Date; by: Types.ObjectId | null; reason: string }[] = [
        { from: null, to: 'ACTIVE', at: at(r.registeredOn), by: bankUser, reason: `registered ${r.number}` },
      ];
      if (r.releasedOn) history.push({ from: 'ACTIVE', to: 'RELEASED', at: at(r.releasedOn), by: bankUser, reason: `released (注销) on ${r.releasedOn}` });
      reg = await PledgeRegistration.create({
        registrationNumber: r.number, application: null, pledgor: pledgor._id, pledgee: bank._id, assets: assetIds,
        securedAmount: yuan(r.amountYuan), registeredOn: r.registeredOn, year: Number(r.registeredOn.slice(0, 4)), expiresOn: r.expiresOn,
        county: pledgor.county, status: r.releasedOn ? 'RELEASED' : 'ACTIVE', releasedOn: r.releasedOn, history, demo: true,
      });
    }
    if (reg.status === 'ACTIVE') {
      // Claim the assets not yet claimed (first run, or a run interrupted after the insert).
      const free = (await IpAsset.find({ _id: { $in: assetIds }, pledge: null }).select('_id')).map((a) => a._id);
      if (free.length > 0) {
        await claimAssets({ assetIds: free, registration: reg._id, pledgor: pledgor._id, pledgee: bank._id }).catch((err: unknown) => {
          if (!(err instanceof DomainError)) throw err; // CONFLICT: someone pledged or transferred it since; leave it be
        });
      }
    }
    await countInIndicator(reg);
    byNumber[r.number] = reg._id;
  }
  return byNumber;
}

interface DemoApplication {
  key: string;
  applicant: 'yunshan' | 'zhongtan' | 'university';
  assets: string[];
  requestedYuan: number;
  approvedYuan?: number;
  termMonths: number;
  valuationYuan: number;
  status: ApplicationStatus;
  steps: { to: ApplicationStatus; on: string; reason?: string }[]; // after SUBMITTED
  submittedOn: string;
  registration?: string; // registration number
  guaranteePolicy?: boolean;
}

const DEMO_APPLICATIONS: DemoApplication[] = [
  { key: 'fin-submitted', applicant: 'zhongtan', assets: ['B2'], requestedYuan: 2_000_000, termMonths: 12, valuationYuan: 5_000_000, status: 'SUBMITTED', submittedOn: '2026-11-02', steps: [] },
  { key: 'fin-under-review', applicant: 'university', assets: ['C1'], requestedYuan: 1_500_000, termMonths: 12, valuationYuan: 4_000_000, status: 'UNDER_REVIEW', submittedOn: '2026-10-20', steps: [{ to: 'UNDER_REVIEW', on: '2026-10-23', reason: '资料齐全，进入尽职调查' }] },
  { key: 'fin-approved', applicant: 'yunshan', assets: ['A3'], requestedYuan: 2_500_000, approvedYuan: 2_000_000, termMonths: 24, valuationYuan: 4_200_000, status: 'APPROVED', submittedOn: '2026-09-01', guaranteePolicy: true, steps: [{ to: 'UNDER_REVIEW', on: '2026-09-03' }, { to: 'APPROVED', on: '2026-09-18', reason: '有质押融资保证保险，按2:6:2分担风险' }] },
  { key: 'fin-rejected', applicant: 'yunshan', assets: ['A1'], requestedYuan: 6_000_000, termMonths: 36, valuationYuan: 7_000_000, status: 'REJECTED', submittedOn: '2026-06-10', steps: [{ to: 'UNDER_REVIEW', on: '2026-06-12' }, { to: 'REJECTED', on: '2026-06-30', reason: '贷款价值比超过产品上限（50%）' }] },
  { key: 'fin-withdrawn', applicant: 'zhongtan', assets: ['B2'], requestedYuan: 3_000_000, termMonths: 12, valuationYuan: 5_000_000, status: 'WITHDRAWN', submittedOn: '2026-08-05', steps: [{ to: 'WITHDRAWN', on: '2026-08-20', reason: '重新评估后再申请' }] },
  { key: 'fin-registered', applicant: 'yunshan', assets: ['A2'], requestedYuan: 8_000_000, termMonths: 36, valuationYuan: 18_000_000, status: 'REGISTERED', submittedOn: '2024-03-05', registration: 'Y2024230000133', steps: [{ to: 'UNDER_REVIEW', on: '2024-03-07' }, { to: 'APPROVED', on: '2024-04-02' }, { to: 'REGISTERED', on: '2024-04-16', reason: 'CNIPA registration Y2024230000133' }] },
  { key: 'fin-released', applicant: 'zhongtan', assets: ['B1'], requestedYuan: 5_000_000, termMonths: 12, valuationYuan: 12_000_000, status: 'RELEASED', submittedOn: '2022-04-11', registration: 'Y2022230000215', steps: [{ to: 'UNDER_REVIEW', on: '2022-04-13' }, { to: 'APPROVED', on: '2022-05-06' }, { to: 'REGISTERED', on: '2022-05-18', reason: 'CNIPA registration Y2022230000215' }, { to: 'RELEASED', on: '2023-05-10', reason: 'registration Y2022230000215 released on 2023-05-10' }] },
];

async function seedApplications(
  orgs: Record<string, OrganizationDoc>,
  assets: Record<string, IpAssetDoc>,
  product: LoanProductDoc,
  registrations: Record<string, Types.ObjectId>,
  users: Record<string, Types.ObjectId | null>,
) {
  const guarantee = await InsurancePolicy.findOne({ demo: true, type: 'PLEDGE_FINANCING_GUARANTEE', holder: orgs.yunshan!._id });
  for (const d of DEMO_APPLICATIONS) {
    if (await PledgeApplication.exists({ demoKey: d.key })) continue;
    const history: { from: string | null; to: string; at: Date; by: Types.ObjectId | null; reason: string | null }[] = [
      { from: null, to: 'SUBMITTED', at: at(d.submittedOn), by: users[d.applicant] ?? null, reason: null },
    ];
    let from = 'SUBMITTED';
    for (const s of d.steps) {
      history.push({ from, to: s.to, at: at(s.on), by: s.to === 'WITHDRAWN' ? (users[d.applicant] ?? null) : (users.bank ?? null), reason: s.reason ?? null });
      from = s.to;
    }
    const registration = d.registration ? registrations[d.registration]! : null;
    const app = await PledgeApplication.create({
      applicant: orgs[d.applicant]!._id, bank: orgs.bank!._id, product: product._id, assets: d.assets.map((k) => assets[k]!._id).sort((a, b) => (String(a) < String(b) ? -1 : 1)),
      requestedAmount: yuan(d.requestedYuan), approvedAmount: ['APPROVED', 'REGISTERED', 'RELEASED'].includes(d.status) ? yuan(d.approvedYuan ?? d.requestedYuan) : null,
      termMonths: d.termMonths, valuation: { amount: yuan(d.valuationYuan), method: 'INCOME', valuedOn: d.submittedOn, appraiser: null },
      insurancePolicy: d.guaranteePolicy ? (guarantee?._id ?? null) : null, status: d.status, registration, history, demoKey: d.key, demo: true,
      createdAt: at(d.submittedOn), updatedAt: history.at(-1)!.at,
    });
    if (registration) await updateOneDoc(PledgeRegistration, { _id: registration, application: null }, { $set: { application: app._id } });
    if (app.insurancePolicy) await updateOneDoc(InsurancePolicy, { _id: app.insurancePolicy, backsApplication: null }, { $set: { backsApplication: app._id } }); // one loan per policy
  }
}

async function firstUserOf(org: OrganizationDoc): Promise<Types.ObjectId | null> {
  return (await User.findOne({ organization: org._id }).select('_id'))?._id ?? null;
}

export async function seedDemoFinancing(orgs: Record<string, OrganizationDoc>): Promise<{ registrations: number; applications: number }> {
  requireOrgs(orgs, ['bank', 'yunshan', 'zhongtan', 'university']);
  const assets = await seedDemoFinancingAssets(orgs);
  const product = await seedLoanProduct(orgs.bank!);
  const users: Record<string, Types.ObjectId | null> = {};
  for (const k of ['bank', 'yunshan', 'zhongtan', 'university']) users[k] = await firstUserOf(orgs[k]!);
  const registrations = await seedRegistrations(orgs, assets, users.bank ?? null);
  await seedApplications(orgs, assets, product, registrations, users);
  return { registrations: DEMO_REGISTRATIONS.length, applications: DEMO_APPLICATIONS.length };
}
