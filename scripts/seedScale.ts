// A deterministic city at Hegang's real scale, generated through the models (validation, casting,
// timestamps) with bulk inserts:
//
//   npm run seed:scale -- --scale hegang     500 organizations, 6,000 rights, 2,000 listings,
//                                            3,000 inquiries with 20,000 messages, 2,000 deals,
//                                            1,500 pledge applications, 800 registrations, 200 policies
//   npm run seed:scale -- --scale 10x        ten times that
//   options: --seed N (default 2026), --data-dir DIR (default DATA_DIR or ./data);
//            SEED_IN_FLIGHT=N insert batches in flight at once (default 3; 1 = one after the other)
//
// Without MONGODB_URI it starts its own embedded FerretDB on loopback on DATA_DIR/db (the files the
// server uses, so `npm start` afterwards serves the city), and stops it when done. With MONGODB_URI
// it writes there. Every generated document has demo: false; organizations carry credit codes of
// the reserved range 91230499SC..., users the e-mail domain @scale.invalid (password SCALE_PASSWORD),
// so generated data never mixes with the demo set and a second run adds nothing.
//
// The same data for the same seed and scale, whatever the machine. The indicator ledger is rebuilt
// from the records at the end (services/indicators/recompute.ts), and the listings' shared stamp
// is bumped so a running API's search snapshot reloads.
import path from 'node:path';
import { Types } from 'mongoose';
import { Organization } from '../models/organization';
import { User } from '../models/user';
import { IpAsset } from '../models/ipAsset';
import { Listing } from '../models/listing';
import { Inquiry } from '../models/inquiry';
import { Deal } from '../models/deal';
import { LoanProduct } from '../models/loanProduct';
import { PledgeApplication } from '../models/pledgeApplication';
import { PledgeRegistration } from '../models/pledgeRegistration';
import { InsuranceProduct } from '../models/insuranceProduct';
import { InsuranceQuote } from '../models/insuranceQuote';
import { InsurancePolicy } from '../models/insurancePolicy';
import { COUNTIES } from '../models/enums';
import { listingFacts } from '../services/listings/denormalize';
import { expiresOn } from '../services/rules/assetTerms';
import { patentCheckDigit } from '../services/rules/patentNumber';
import { creditCodeCheckChar } from '../services/rules/creditCode';
import { addYears, todayInShanghai } from '../services/rules/calendar';
import { hashPassword } from '../services/identity/passwords';
import { rebuildLedger } from '../services/indicators/recompute';
import { touchListings } from '../services/listings/searchSnapshot';
import { touchAllMirrors } from '../services/readModel';

export const SCALE_PASSWORD = 'Scale-city-2026';
export const SCALE_EMAIL_DOMAIN = 'scale.invalid';

export interface ScaleCounts {
  organizations: number;
  rights: number;
  listings: number;
  inquiries: number;
  messages: number;
  deals: number;
  applications: number;
  registrations: number;
  policies: number;
}

export const SCALES: Record<string, ScaleCounts> = {
  hegang: { organizations: 500, rights: 6_000, listings: 2_000, inquiries: 3_000, messages: 20_000, deals: 2_000, applications: 1_500, registrations: 800, policies: 200 },
};
SCALES['10x'] = Object.fromEntries(Object.entries(SCALES.hegang!).map(([k, v]) => [k, v * 10])) as unknown as ScaleCounts;

// ---------- deterministic randomness (mulberry32) ----------
function rng(seed: number) {
  let s = seed | 0;
  const next = () => {
    s = (s + 0x6d2b79f5) | 0;
    let t = Math.imul(s ^ (s >>> 15), 1 | s);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n: number) => Math.floor(next() * n);
  const pick = <T>(xs: readonly T[]): T => xs[int(xs.length)]!;
  // ObjectIds from the generator (4-byte time + 8 random bytes), so ids are the same on every run.
  const baseSeconds = Math.floor(Date.UTC(2025, 0, 1) / 1000);
  let counter = 0;
  const oid = () => {
    const time = (baseSeconds + counter++).toString(16).padStart(8, '0');
    const rest = Array.from({ length: 4 }, () => int(65536).toString(16).padStart(4, '0')).join('');
    return new Types.ObjectId(time + rest);
  };
  return { next, int, pick, oid };
}

const MATERIALS = ['石墨', '高纯石墨', '球形石墨', '石墨烯', '膨胀石墨', '微晶石墨', '鳞片石墨', '硅碳', '锂电池', '煤矸石', '陶瓷', '钢结构', '玄武岩纤维', '秸秆', '大豆', '寒地水稻', '蓝莓', '黑木耳', '中药材', '光伏组件'];
const OBJECTS = ['负极材料', '导热膜', '提纯方法', '制备方法', '整形装置', '改性涂料', '加工设备', '检测方法', '回收工艺', '复合材料', '种植方法', '提取工艺', '密封件', '电热膜'];
const CONTEXTS = ['本发明涉及', '本实用新型公开了', '该技术适用于', '在鹤岗地区推广', '可用于萝北石墨产业园', '具有能耗低、收率高的特点', '经中试验证', '已在黑龙江省内企业应用'];
const INDUSTRY_OF: Record<string, string[]> = { 石墨: ['GRAPHITE'], 高纯石墨: ['GRAPHITE'], 球形石墨: ['GRAPHITE', 'ENERGY'], 石墨烯: ['GRAPHITE', 'NEW_MATERIALS'], 膨胀石墨: ['GRAPHITE'], 微晶石墨: ['GRAPHITE'], 鳞片石墨: ['GRAPHITE'], 锂电池: ['ENERGY'], 硅碳: ['ENERGY', 'NEW_MATERIALS'], 蓝莓: ['GREEN_FOOD'], 黑木耳: ['GREEN_FOOD'], 大豆: ['GREEN_FOOD'], 寒地水稻: ['GREEN_FOOD'], 中药材: ['BIOMEDICINE'], 煤矸石: ['COAL_CHEMICAL'], 光伏组件: ['ENERGY'], 陶瓷: ['NEW_MATERIALS'], 玄武岩纤维: ['NEW_MATERIALS'], 钢结构: ['EQUIPMENT'], 秸秆: ['GREEN_FOOD'] };
const IPC = ['C01B 32/215', 'C01B 32/21', 'C01B 32/184', 'C01B 32/225', 'H01M 4/587', 'H01M 4/38', 'H05K 7/20', 'C09D 5/10', 'B02C 19/06', 'A01G 22/22', 'A23L 19/00', 'C04B 18/12'];
const QUESTIONS = ['请问是否支持普通许可？', '能否提供中试数据？', '价格是否可以商量？', '许可期限最长几年？', '是否包含技术指导？', '能否实地考察生产线？', '专利年费缴纳到哪一年？', '可以分期付款吗？'];
const ANSWERS = ['可以，欢迎来厂面谈。', '中试数据可在签署保密协议后提供。', '价格可以在合理范围内协商。', '许可期限一般为五年，可续签。', '包含三个月的技术指导。', '年费已缴至明年。'];

const pad = (n: number, w: number) => String(n).padStart(w, '0');
const dayOf = (r: ReturnType<typeof rng>, fromYear: number, toYear: number) => `${fromYear + r.int(toYear - fromYear + 1)}-${pad(1 + r.int(12), 2)}-${pad(1 + r.int(28), 2)}`;
const atDay = (date: string) => new Date(`${date}T02:00:00Z`);

/** The first organization's credit code: present means this scale is already seeded. */
export function scaleCreditCode(scale: string, i: number): string {
  const first17 = `91230499SC${scale === 'hegang' ? 'H' : 'X'}${pad(i, 6)}`;
  return first17 + creditCodeCheckChar(first17);
}

const INSERT_IN_FLIGHT = Math.max(1, Number(process.env.SEED_IN_FLIGHT ?? 3));

/**
 * Inserts `docs` in batches, INSERT_IN_FLIGHT batches at a time: while FerretDB stores one batch,
 * Mongoose validates and serializes the next (one at a time, the two processes took turns).
 */
async function insertAll(model: { insertMany: (docs: unknown[], opts: object) => Promise<unknown> }, docs: unknown[], batch = 1000): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < docs.length) {
      const from = next;
      next += batch;
      await model.insertMany(docs.slice(from, from + batch), { ordered: false, throwOnValidationError: true });
    }
  };
  await Promise.all(Array.from({ length: INSERT_IN_FLIGHT }, worker));
}

export interface SeedResult {
  scale: string;
  counts: ScaleCounts;
  users: number;
  ms: number;
  skipped: boolean;
  /** A few generated organizations' users, by kind, for benchmarks. */
  sample: { enterprise: string; bank: string; insurer: string };
}

export async function seedScale(scale: string, seed = 2026, say: (m: string) => void = () => undefined): Promise<SeedResult> {
  const counts = SCALES[scale];
  if (!counts) throw new Error(`unknown scale "${scale}" (${Object.keys(SCALES).join(', ')})`);
  const started = Date.now();
  const r = rng(seed);
  const today = todayInShanghai();
  const email = (i: number) => `org${pad(i, 6)}-${scale}@${SCALE_EMAIL_DOMAIN}`;

  // ---------- organizations and users ----------
  const orgs = Array.from({ length: counts.organizations }, (_, i) => {
    const k = i % 100;
    const kind = k < 4 ? 'BANK' : k < 6 ? 'INSURER' : k < 12 ? 'UNIVERSITY' : k < 16 ? 'RESEARCH_INSTITUTE' : k < 20 ? 'SERVICE_AGENCY' : 'ENTERPRISE';
    return {
      _id: r.oid(), name: `鹤岗${r.pick(MATERIALS)}${kind === 'BANK' ? '银行支行' : kind === 'INSURER' ? '保险公司' : kind === 'UNIVERSITY' ? '学院' : kind === 'RESEARCH_INSTITUTE' ? '研究所' : kind === 'SERVICE_AGENCY' ? '知识产权代理所' : '科技有限公司'}${i + 1}号`,
      kind, creditCode: scaleCreditCode(scale, i), county: r.pick(COUNTIES), verified: kind === 'BANK' || kind === 'INSURER' || r.next() < 0.5, demo: false,
    };
  });
  const sample = { enterprise: email(orgs.findIndex((o) => o.kind === 'ENTERPRISE')), bank: email(orgs.findIndex((o) => o.kind === 'BANK')), insurer: email(orgs.findIndex((o) => o.kind === 'INSURER')) };
  if (await Organization.exists({ creditCode: orgs[0]!.creditCode })) {
    say(`scale ${scale} is already in this database; nothing added`);
    return { scale, counts, users: counts.organizations, ms: Date.now() - started, skipped: true, sample };
  }
  const passwordHash = await hashPassword(SCALE_PASSWORD);
  const users = orgs.map((o, i) => ({ _id: r.oid(), email: email(i), name: `管理员${i + 1}`, passwordHash, role: 'ORG_ADMIN', organization: o._id, demo: false }));
  const holders = orgs.filter((o) => o.kind !== 'BANK' && o.kind !== 'INSURER');
  const banks = orgs.filter((o) => o.kind === 'BANK');
  const insurers = orgs.filter((o) => o.kind === 'INSURER');

  // ---------- rights ----------
  const assets = Array.from({ length: counts.rights }, (_, i) => {
    const x = r.next();
    const kind = x < 0.5 ? 'INVENTION_PATENT' : x < 0.75 ? 'UTILITY_MODEL' : x < 0.85 ? 'DESIGN_PATENT' : 'TRADEMARK';
    const year = 2008 + r.int(17);
    const filingDate = `${year}-${pad(1 + r.int(12), 2)}-${pad(1 + r.int(28), 2)}`;
    let number: string;
    if (kind === 'TRADEMARK') number = String(60_000_000 + i + (scale === 'hegang' ? 0 : 10_000_000));
    else {
      const twelve = `${year}${kind === 'INVENTION_PATENT' ? '1' : kind === 'UTILITY_MODEL' ? '2' : '3'}${scale === 'hegang' ? '8' : '9'}${pad(i, 6)}`;
      number = `${twelve}.${patentCheckDigit(twelve)}`;
    }
    const material = r.pick(MATERIALS);
    const grantDate = addYears(filingDate, 1) < today ? addYears(filingDate, 1) : null;
    const owner = r.pick(holders);
    return {
      _id: r.oid(), kind, number, title: `${r.next() < 0.6 ? '一种' : ''}${material}${r.pick(OBJECTS)}`,
      abstract: `${r.pick(CONTEXTS)}${r.pick(MATERIALS)}${r.pick(OBJECTS)}，${r.pick(CONTEXTS)}。`, owner: owner._id, ownerOrg: owner, filingDate, grantDate,
      legalStatus: grantDate ? 'VALID' : 'PENDING', expiresOn: expiresOn(kind as never, filingDate, grantDate),
      classes: kind === 'TRADEMARK' ? [String(29 + r.int(5))] : kind === 'DESIGN_PATENT' ? ['09-01'] : [r.pick(IPC)],
      industries: INDUSTRY_OF[material] ?? ['OTHER'], strategicEmergingIndustry: r.next() < 0.05, foreignFamily: r.next() < 0.02,
      annualFeesPaidUntil: kind === 'TRADEMARK' ? null : addYears(today, 1), pledge: null as null | object, demo: false,
    };
  });

  // ---------- pledge financing: products, applications, registrations ----------
  const products = banks.flatMap((b) => [0, 1].map((j) => ({
    _id: r.oid(), bank: b._id, name: `${b.name}知识产权质押贷${j + 1}`, maxAmount: (5 + r.int(20)) * 100_000_000, maxLoanToValue: 0.5, maxTermMonths: 36,
    annualRatePercent: 3.45 + r.int(100) / 100, acceptedKinds: ['INVENTION_PATENT', 'UTILITY_MODEL', 'TRADEMARK'], active: true, demo: false,
  })));
  const pledgeable = assets.filter((a) => a.kind !== 'DESIGN_PATENT' && a.legalStatus === 'VALID');
  const STATUSES = ['SUBMITTED', 'UNDER_REVIEW', 'APPROVED', 'REJECTED', 'WITHDRAWN', 'REGISTERED', 'RELEASED'] as const;
  const registrations: Record<string, unknown>[] = [];
  const pledgedAssets = new Set<string>();
  const applications = Array.from({ length: counts.applications }, (_, i) => {
    const registered = registrations.length < counts.registrations && i % 15 < 8; // 8 of 15 are REGISTERED or RELEASED
    const status = registered ? (r.next() < 0.7 ? 'REGISTERED' : 'RELEASED') : STATUSES[r.int(5)]!;
    let asset = r.pick(pledgeable);
    while (registered && status === 'REGISTERED' && pledgedAssets.has(String(asset._id))) asset = r.pick(pledgeable);
    const product = r.pick(products);
    const submittedOn = dayOf(r, 2021, 2025);
    const amount = (50 + r.int(950)) * 1_000_000;
    const steps: string[] = { SUBMITTED: [], UNDER_REVIEW: ['UNDER_REVIEW'], APPROVED: ['UNDER_REVIEW', 'APPROVED'], REJECTED: ['UNDER_REVIEW', 'REJECTED'], WITHDRAWN: ['WITHDRAWN'], REGISTERED: ['UNDER_REVIEW', 'APPROVED', 'REGISTERED'], RELEASED: ['UNDER_REVIEW', 'APPROVED', 'REGISTERED', 'RELEASED'] }[status];
    const history = [{ from: null as string | null, to: 'SUBMITTED', at: atDay(submittedOn), by: null, reason: null }];
    let from = 'SUBMITTED';
    for (const to of steps) {
      history.push({ from, to, at: atDay(submittedOn), by: null, reason: null });
      from = to;
    }
    const _id = r.oid();
    let registration: Types.ObjectId | null = null;
    if (registered) {
      registration = r.oid();
      const year = Number(submittedOn.slice(0, 4));
      const registeredOn = submittedOn;
      const released = status === 'RELEASED';
      if (!released) pledgedAssets.add(String(asset._id));
      registrations.push({
        _id: registration, registrationNumber: `Y${year}23${scale === 'hegang' ? '8' : '9'}${pad(registrations.length, 7)}`, application: _id, pledgor: asset.owner, pledgee: product.bank,
        assets: [asset._id], securedAmount: amount, registeredOn, year, expiresOn: addYears(registeredOn, 3), county: asset.ownerOrg.county,
        status: released ? 'RELEASED' : 'ACTIVE', releasedOn: released ? addYears(registeredOn, 1) : null,
        history: [{ from: null, to: 'ACTIVE', at: atDay(registeredOn), by: null, reason: 'registered' }, ...(released ? [{ from: 'ACTIVE', to: 'RELEASED', at: atDay(addYears(registeredOn, 1)), by: null, reason: 'released' }] : [])],
        indicatorCounted: true, demo: false,
      });
      if (!released) asset.pledge = { registration, pledgee: product.bank, since: atDay(registeredOn) };
    }
    return {
      _id, applicant: asset.owner, bank: product.bank, product: product._id, assets: [asset._id], requestedAmount: amount,
      approvedAmount: ['APPROVED', 'REGISTERED', 'RELEASED'].includes(status) ? amount : null, termMonths: 12 + r.int(25),
      valuation: { amount: amount * (2 + r.int(3)), method: r.pick(['INCOME', 'COST', 'MARKET'] as const), valuedOn: submittedOn, appraiser: null },
      insurancePolicy: null, status, registration, history, demo: false,
    };
  });

  // ---------- listings (distinct assets, not pledged), inquiries, deals ----------
  const listable = assets.filter((a) => !a.pledge && (a.legalStatus === 'VALID' || a.legalStatus === 'PENDING'));
  const chosen = new Set<number>();
  while (chosen.size < Math.min(counts.listings, listable.length)) chosen.add(r.int(listable.length));
  const listings = [...chosen].map((idx) => {
    const asset = listable[idx]!;
    const x = r.next();
    const modes = asset.legalStatus === 'PENDING' ? ['LICENSE'] : x < 0.5 ? ['LICENSE'] : x < 0.75 ? ['TRANSFER'] : x < 0.9 ? ['LICENSE', 'TRANSFER'] : ['PLEDGE'];
    const s = r.next();
    const status = s < 0.8 ? 'PUBLISHED' : s < 0.9 ? 'DRAFT' : s < 0.95 ? 'UNDER_NEGOTIATION' : 'WITHDRAWN';
    const publishedAt = status === 'DRAFT' ? null : new Date(Date.UTC(2024, 0, 1) + r.int(700) * 86_400_000);
    const description = r.next() < 0.5 ? '可提供技术指导与中试服务。' : null;
    const history = [{ from: null as string | null, to: 'DRAFT', at: publishedAt ?? new Date(Date.UTC(2025, 5, 1)), by: null, reason: null }];
    if (publishedAt) history.push({ from: 'DRAFT', to: 'PUBLISHED', at: publishedAt, by: null, reason: null });
    if (status === 'UNDER_NEGOTIATION' || status === 'WITHDRAWN') history.push({ from: 'PUBLISHED', to: status, at: publishedAt!, by: null, reason: null });
    return {
      _id: r.oid(), asset: asset._id, holder: asset.owner, holderOrg: asset.ownerOrg, modes, licenseTypes: modes.includes('LICENSE') ? ['NON_EXCLUSIVE'] : [],
      askingPrice: r.next() < 0.15 ? null : (1 + r.int(300)) * 1_000_000, negotiable: true, description, status, publishedAt, history,
      ...listingFacts(asset as never, asset.ownerOrg as never, description), demo: false,
    };
  });
  const askable = listings.filter((l) => l.status !== 'DRAFT');
  const askers = orgs.filter((o) => o.kind !== 'BANK' && o.kind !== 'INSURER');
  const inquiryKeys = new Set<string>();
  const inquiries: Record<string, unknown>[] = [];
  let messagesLeft = counts.messages;
  while (inquiries.length < counts.inquiries) {
    const l = r.pick(askable);
    const from = r.pick(askers);
    const dealType = r.pick(l.modes);
    const key = `${l._id}|${from._id}|${dealType}`;
    if (from._id.equals(l.holder) || inquiryKeys.has(key)) continue;
    inquiryKeys.add(key);
    const threadsLeft = counts.inquiries - inquiries.length;
    const n = threadsLeft === 1 ? messagesLeft : Math.max(1, Math.min(messagesLeft - (threadsLeft - 1), 1 + r.int(Math.round((2 * messagesLeft) / threadsLeft) - 1)));
    messagesLeft -= n;
    const start = (l.publishedAt ?? new Date(Date.UTC(2025, 0, 1))).getTime() + r.int(30) * 86_400_000;
    const messages = Array.from({ length: n }, (_, j) => {
      const fromAsker = j % 2 === 0;
      const author = fromAsker ? from : l.holderOrg;
      return { author: author._id, authorUser: users[orgs.indexOf(author as never)]?._id ?? users[0]!._id, body: fromAsker ? r.pick(QUESTIONS) : r.pick(ANSWERS), at: new Date(start + j * 3_600_000) };
    });
    inquiries.push({ _id: r.oid(), listing: l._id, holder: l.holder, from: from._id, dealType, messages, messageCount: n, lastMessageAt: messages.at(-1)!.at, demo: false });
  }
  const dealable = askable.filter((l) => l.modes.includes('LICENSE') || l.modes.includes('TRANSFER'));
  const DEAL_STATUSES = ['PROPOSED', 'ACCEPTED', 'CANCELLED'] as const;
  const deals = Array.from({ length: counts.deals }, () => {
    const l = r.pick(dealable);
    let buyer = r.pick(askers);
    while (buyer._id.equals(l.holder)) buyer = r.pick(askers);
    const type = l.modes.includes('LICENSE') ? 'LICENSE' : 'TRANSFER';
    const status = r.pick(DEAL_STATUSES);
    const at = new Date((l.publishedAt ?? new Date()).getTime() + r.int(60) * 86_400_000);
    const history = [{ from: null as string | null, to: 'PROPOSED', at, by: null, reason: null }];
    if (status !== 'PROPOSED') history.push({ from: 'PROPOSED', to: status, at, by: null, reason: null });
    return {
      _id: r.oid(), listing: l._id, asset: l.asset, type, licenseType: type === 'LICENSE' ? 'NON_EXCLUSIVE' : null, termMonths: type === 'LICENSE' ? 12 * (1 + r.int(5)) : null,
      buyer: buyer._id, seller: l.holder, price: l.askingPrice ?? (1 + r.int(100)) * 1_000_000, status, history,
      cancelledBy: status === 'CANCELLED' ? 'BUYER' : null, demo: false,
    };
  });

  // ---------- insurance: products, quotes, policies ----------
  const insuranceProducts = insurers.flatMap((ins) => (['INFRINGEMENT_LOSS', 'INFRINGEMENT_LIABILITY', 'PLEDGE_FINANCING_GUARANTEE'] as const).map((type) => ({
    _id: r.oid(), insurer: ins._id, type, name: `${ins.name}${type}`, premiumRatePercent: 2, maxCoverage: 1_000_000_000, active: true, demo: false,
  })));
  const quotes: Record<string, unknown>[] = [];
  const policies = Array.from({ length: counts.policies }, (_, i) => {
    const product = r.pick(insuranceProducts);
    const asset = r.pick(assets);
    const holderIdx = orgs.indexOf(asset.ownerOrg);
    const coverage = (10 + r.int(90)) * 10_000_000;
    const premium = Math.round(coverage * 0.02);
    const startsOn = dayOf(r, 2024, 2025);
    const quote = { _id: r.oid(), product: product._id, insurer: product.insurer, requester: asset.owner, requestedBy: users[holderIdx]!._id, assets: [asset._id], coverage, premium, validUntil: atDay(startsOn), policy: null as Types.ObjectId | null, demo: false };
    const policy = {
      _id: r.oid(), policyNumber: `HG-IP-${startsOn.slice(0, 4)}-${scale === 'hegang' ? '8' : '9'}${pad(i, 5)}`, quote: quote._id, product: product._id, type: product.type, insurer: product.insurer,
      holder: asset.owner, assets: [asset._id], coverage, premium, startsOn, endsOn: addYears(startsOn, 1), status: 'ACTIVE', demo: false,
    };
    quote.policy = policy._id;
    quotes.push(quote);
    return policy;
  });
  say(`generated in memory (${Date.now() - started} ms); inserting`);

  const strip = <T extends Record<string, unknown>>(docs: T[], ...keys: string[]) =>
    docs.map((d) => Object.fromEntries(Object.entries(d).filter(([k]) => !keys.includes(k))));
  const steps: [string, { insertMany: (docs: unknown[], opts: object) => Promise<unknown> }, unknown[]][] = [
    ['organizations', Organization, orgs],
    ['users', User, users],
    ['rights', IpAsset, strip(assets, 'ownerOrg')],
    ['loan products', LoanProduct, products],
    ['registrations', PledgeRegistration, registrations],
    ['applications', PledgeApplication, applications],
    ['listings', Listing, strip(listings, 'holderOrg')],
    ['inquiries', Inquiry, inquiries],
    ['deals', Deal, deals],
    ['insurance products', InsuranceProduct, insuranceProducts],
    ['quotes', InsuranceQuote, quotes],
    ['policies', InsurancePolicy, policies],
  ];
  for (const [name, model, docs] of steps) {
    const t0 = Date.now();
    await insertAll(model, docs);
    say(`${name}: ${docs.length} in ${Date.now() - t0} ms`);
  }
  await touchListings(); // a running API's search snapshot reloads
  await touchAllMirrors(); // and its read mirrors (services/readModel)
  const t0 = Date.now();
  const { figures } = await rebuildLedger({ dryRun: false });
  say(`indicator ledger rebuilt from the records (${figures} figures, ${Date.now() - t0} ms)`);
  return {
    scale,
    counts: { ...counts, listings: listings.length },
    users: users.length,
    ms: Date.now() - started,
    skipped: false,
    sample,
  };
}

// ---------- command line ----------
async function main(): Promise<number> {
  const arg = (name: string) => {
    const i = process.argv.indexOf(`--${name}`);
    return i >= 0 ? process.argv[i + 1] : undefined;
  };
  const scale = arg('scale') ?? 'hegang';
  const seed = Number(arg('seed') ?? 2026);
  const say = (m: string) => console.log(`[seed:scale] ${m}`);
  const { connectDb, disconnectDb } = await import('../server/db');
  const { ensureFerretBinary, startEmbeddedDb } = await import('../server/embeddedDb');
  let uri = process.env.MONGODB_URI;
  let stopDb: (() => Promise<void>) | null = null;
  if (!uri) {
    const dataDir = path.resolve(arg('data-dir') ?? process.env.DATA_DIR ?? './data');
    const db = await startEmbeddedDb({ bin: ensureFerretBinary(say, process.env.FERRETDB_BIN), dataDir: path.join(dataDir, 'db') });
    uri = db.uri;
    stopDb = () => db.stop();
    say(`embedded FerretDB (SQLite) on ${uri}, files in ${path.join(dataDir, 'db')}`);
  }
  try {
    // A long socket timeout: at 10x, rebuilding the indicator ledger reads 60,000 rights in one
    // FerretDB query (longer than the API's 30 s default).
    await connectDb(uri, Number(process.env.DB_TIMEOUT_MS ?? 60_000));
    const res = await seedScale(scale, seed, say);
    say(`${res.skipped ? 'already seeded' : 'done'}: scale ${scale}, seed ${seed}, ${JSON.stringify(res.counts)}, ${res.users} users (password ${SCALE_PASSWORD}, e.g. ${res.sample.enterprise}); ${(res.ms / 1000).toFixed(1)} s`);
    return 0;
  } finally {
    await disconnectDb().catch(() => undefined);
    if (stopDb) await stopDb();
  }
}

if (require.main === module) {
  main().then(
    (code) => process.exit(code),
    (err) => {
      console.error(err);
      process.exit(1);
    },
  );
}
