// Generated listings for the benchmarks (bench/search.ts, bench/console.ts): deterministic (mulberry32),
// Chinese titles and abstracts around Hegang's industries (about a third mention 石墨), a share of
// drafts and withdrawn ones, written through the models' collections in batches, then the listings'
// shared stamp is bumped so a running API's search snapshot reloads.
import { Types } from 'mongoose';
import { Organization } from '../models/organization';
import { IpAsset } from '../models/ipAsset';
import { Listing } from '../models/listing';
import { listingFacts } from '../services/listings/denormalize';
import { expiresOn } from '../services/rules/assetTerms';
import { patentCheckDigit } from '../services/rules/patentNumber';
import { creditCodeCheckChar } from '../services/rules/creditCode';
import { addYears, todayInShanghai } from '../services/rules/calendar';
import { touchListings } from '../services/listings/searchSnapshot';
let seed = 42; // mulberry32: the same data set on every run
const rnd = () => {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;

const MATERIALS = ['石墨', '高纯石墨', '球形石墨', '石墨烯', '膨胀石墨', '微晶石墨', '鳞片石墨', '硅碳', '锂电池', '煤矸石', '陶瓷', '钢结构', '玄武岩纤维', '秸秆', '大豆', '寒地水稻', '蓝莓', '黑木耳', '中药材', '光伏组件'];
const OBJECTS = ['负极材料', '导热膜', '提纯方法', '制备方法', '整形装置', '改性涂料', '加工设备', '检测方法', '回收工艺', '复合材料', '种植方法', '提取工艺', '密封件', '电热膜'];
const CONTEXTS = ['本发明涉及', '本实用新型公开了', '该技术适用于', '在鹤岗地区推广', '可用于萝北石墨产业园', '具有能耗低、收率高的特点', '经中试验证', '已在黑龙江省内企业应用'];
const ENGLISH = ['High-purity graphite for lithium-ion battery anodes.', 'Graphene heat-dissipation film for electronics.', 'Spherical graphite with low energy consumption.', 'Green food processing in cold regions.', 'Recycling of spent batteries and anode materials.'];
const INDUSTRY_OF: Record<string, string[]> = { 石墨: ['GRAPHITE'], 石墨烯: ['GRAPHITE', 'NEW_MATERIALS'], 锂电池: ['ENERGY'], 硅碳: ['ENERGY', 'NEW_MATERIALS'], 蓝莓: ['GREEN_FOOD'], 黑木耳: ['GREEN_FOOD'], 大豆: ['GREEN_FOOD'], 寒地水稻: ['GREEN_FOOD'], 中药材: ['BIOMEDICINE'], 煤矸石: ['COAL_CHEMICAL'], 光伏组件: ['ENERGY'] };
const IPC = ['C01B 32/215', 'C01B 32/21', 'C01B 32/184', 'C01B 32/225', 'H01M 4/587', 'H01M 4/38', 'H05K 7/20', 'C09D 5/10', 'B02C 19/06', 'A01G 22/22', 'A23L 19/00', 'C04B 18/12'];
const COUNTIES = ['XIANGYANG', 'GONGNONG', 'NANSHAN', 'XINGAN', 'DONGSHAN', 'XINGSHAN', 'LUOBEI', 'SUIBIN'] as const;

export async function makeHolders(): Promise<any[]> {
  const docs = COUNTIES.map((county, i) => {
    const first17 = `9123040${i}MA${String(1000000 + Math.floor(rnd() * 8999999))}`;
    return {
      _id: new Types.ObjectId(), name: `基准测试企业${i + 1}`, kind: i % 3 === 0 ? 'UNIVERSITY' : 'ENTERPRISE', creditCode: first17 + creditCodeCheckChar(first17),
      county, verified: false, verifiedAt: null, ipAdvantage: null, demo: false, createdAt: new Date(), updatedAt: new Date(),
    };
  });
  await Organization.collection.insertMany(docs);
  return docs;
}

let serial = 0;
function makePair(holders: any[], today: string): { asset: any; listing: any } {
  const r = rnd();
  const kind = r < 0.5 ? 'INVENTION_PATENT' : r < 0.75 ? 'UTILITY_MODEL' : r < 0.85 ? 'DESIGN_PATENT' : 'TRADEMARK';
  const year = 2008 + Math.floor(rnd() * 17);
  const filingDate = `${year}-${String(1 + Math.floor(rnd() * 12)).padStart(2, '0')}-${String(1 + Math.floor(rnd() * 28)).padStart(2, '0')}`;
  serial++;
  let number: string;
  if (kind === 'TRADEMARK') number = String(10_000_000 + serial);
  else {
    const twelve = `${year}${kind === 'INVENTION_PATENT' ? '1' : kind === 'UTILITY_MODEL' ? '2' : '3'}${String(serial).padStart(7, '0')}`;
    number = `${twelve}.${patentCheckDigit(twelve)}`;
  }
  const material = pick(MATERIALS);
  const title = `${rnd() < 0.6 ? '一种' : ''}${material}${pick(OBJECTS)}`;
  const abstract = `${pick(CONTEXTS)}${pick(MATERIALS)}${pick(OBJECTS)}，${pick(CONTEXTS)}，${pick(CONTEXTS)}。${rnd() < 0.3 ? pick(ENGLISH) : ''}`;
  const grantDate = addYears(filingDate, 1) < today ? addYears(filingDate, 1) : null;
  const holder = pick(holders);
  const asset = {
    _id: new Types.ObjectId(), kind, number, title, abstract, owner: holder._id, filingDate, grantDate,
    legalStatus: grantDate ? 'VALID' : 'PENDING', expiresOn: expiresOn(kind, filingDate, grantDate),
    classes: kind === 'TRADEMARK' ? [String(29 + Math.floor(rnd() * 5))] : kind === 'DESIGN_PATENT' ? ['09-01'] : [pick(IPC)],
    industries: INDUSTRY_OF[material] ?? ['OTHER'], strategicEmergingIndustry: rnd() < 0.05, foreignFamily: rnd() < 0.02, chinaPatentAward: false,
    highPledgeFinancing: false, pledge: null, ownershipHistory: [], demo: false, createdAt: new Date(), updatedAt: new Date(),
  };
  const modes = rnd() < 0.6 ? ['LICENSE'] : rnd() < 0.5 ? ['TRANSFER'] : rnd() < 0.5 ? ['LICENSE', 'TRANSFER'] : ['PLEDGE'];
  const s = rnd();
  const status = s < 0.9 ? 'PUBLISHED' : s < 0.95 ? 'DRAFT' : 'WITHDRAWN';
  const publishedAt = status === 'DRAFT' ? null : new Date(Date.now() - Math.floor(rnd() * 2 * 365 * 86_400_000));
  const description = rnd() < 0.5 ? '可提供技术指导与中试服务。' : null;
  const listing = {
    _id: new Types.ObjectId(), asset: asset._id, holder: holder._id, modes,
    licenseTypes: modes.includes('LICENSE') ? ['NON_EXCLUSIVE'] : [], askingPrice: rnd() < 0.15 ? null : (1 + Math.floor(rnd() * 300)) * 1_000_000,
    negotiable: true, description, status, publishedAt,
    history: [{ from: null, to: 'DRAFT', at: new Date(), by: null, reason: null }, ...(publishedAt ? [{ from: 'DRAFT', to: 'PUBLISHED', at: publishedAt, by: null, reason: null }] : [])],
    ...listingFacts(asset as never, holder as never, description),
    demo: false, createdAt: new Date(), updatedAt: new Date(), __v: 0,
  };
  return { asset, listing };
}

/** Inserts `count` assets and their listings in batches of 1,000; returns documents per second. */
export async function insertListings(count: number, holders: any[]): Promise<number> {
  const today = todayInShanghai();
  const t0 = Date.now();
  for (let done = 0; done < count; done += 1000) {
    const pairs = Array.from({ length: Math.min(1000, count - done) }, () => makePair(holders, today));
    await IpAsset.collection.insertMany(pairs.map((p) => p.asset), { ordered: false });
    await Listing.collection.insertMany(pairs.map((p) => p.listing), { ordered: false });
  }
  await touchListings(); // written around the services: tell the API's search snapshot
  return count / ((Date.now() - t0) / 1000);
}
