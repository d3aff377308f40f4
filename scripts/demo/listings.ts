// Demo listings (published for licence, transfer, pledge financing or as open licences) and one
// inquiry thread, all demo: true. Upserts by asset (listings) and by (listing, asker, deal type)
// (inquiries): a second run adds nothing. Every listing passes the same publication rules as the API.
import type { Types } from 'mongoose';
import type { IpAssetDoc } from '../../models/ipAsset';
import { Inquiry } from '../../models/inquiry';
import { Listing, type DealType, type ListingDoc } from '../../models/listing';
import type { OrganizationDoc } from '../../models/organization';
import { touchListings } from '../../services/listings/searchSnapshot';
import { User } from '../../models/user';
import { publishProblem } from '../../services/listings';
import { listingFacts } from '../../services/listings/denormalize';
import type { OpenLicenceTerms } from '../../services/listings/openLicenceTerms';

type LicenseType = 'EXCLUSIVE' | 'SOLE' | 'NON_EXCLUSIVE';

interface DemoListing {
  asset: string; // DEMO_ASSETS key
  modes: DealType[];
  licenseTypes?: LicenseType[];
  priceYuan: number | null;
  negotiable?: boolean;
  openLicence?: OpenLicenceTerms; // OPEN_LICENSE: the published terms
  description: string;
  publishedAt: string; // ISO instant
}

export const DEMO_LISTINGS: DemoListing[] = [
  { asset: 'hgsz-microcrystalline-purification', modes: ['LICENSE'], licenseTypes: ['EXCLUSIVE', 'NON_EXCLUSIVE'], priceYuan: 800_000, description: '学校技术转移办公室提供工艺包与中试指导；普通许可可分期付款。', publishedAt: '2025-03-18T02:00:00Z' },
  { asset: 'hgsz-flake-low-temp', modes: ['TRANSFER', 'LICENSE'], licenseTypes: ['SOLE'], priceYuan: 1_200_000, description: '适合萝北、鹤岗石墨企业低能耗提纯改造。', publishedAt: '2025-04-02T03:30:00Z' },
  { asset: 'hgsz-graphene-quantum-dots', modes: ['LICENSE'], licenseTypes: ['NON_EXCLUSIVE'], priceYuan: 500_000, description: 'Licensable to sensor makers; lab samples available.', publishedAt: '2025-05-11T01:15:00Z' },
  { asset: 'hgsz-powder-classifier', modes: ['OPEN_LICENSE'], priceYuan: 20_000, negotiable: false, openLicence: { feeBasis: 'PER_YEAR', periodMonths: 36 }, description: '专利开放许可：每年2万元，任何单位书面通知并缴费即可实施。', publishedAt: '2025-05-20T06:00:00Z' },
  { asset: 'hgsz-blueberry-anthocyanin', modes: ['LICENSE'], licenseTypes: ['NON_EXCLUSIVE'], priceYuan: 300_000, description: '面向寒地蓝莓深加工企业。', publishedAt: '2025-06-03T02:40:00Z' },
  { asset: 'hgsz-silicon-carbon-anode', modes: ['LICENSE'], licenseTypes: ['EXCLUSIVE'], priceYuan: 400_000, description: '申请中（实审阶段），可先行许可，授权后续签。', publishedAt: '2025-06-21T08:10:00Z' },
  { asset: 'hgsz-coal-jade-carving', modes: ['TRANSFER'], priceYuan: 50_000, description: '文创外观设计，适合旅游纪念品企业。', publishedAt: '2025-07-07T05:00:00Z' },
  { asset: 'hgsz-sulfur-free-expanded', modes: ['PLEDGE'], priceYuan: null, description: '拟以本专利申请知识产权质押融资，评估价值待定。', publishedAt: '2025-07-15T02:20:00Z' },
  { asset: 'yunshan-continuous-spheroidizing', modes: ['LICENSE'], licenseTypes: ['SOLE', 'NON_EXCLUSIVE'], priceYuan: 1_500_000, description: '已在萝北产线稳定运行三年，可提供设备选型与调试。', publishedAt: '2025-03-28T04:00:00Z' },
  { asset: 'yunshan-spherical-anode', modes: ['TRANSFER'], priceYuan: 3_000_000, description: 'Full transfer including process know-how; customer qualification data available.', publishedAt: '2025-04-16T02:00:00Z' },
  { asset: 'yunshan-jet-mill', modes: ['LICENSE'], licenseTypes: ['NON_EXCLUSIVE'], priceYuan: 200_000, description: '设备类实用新型，普通许可。', publishedAt: '2025-05-06T07:30:00Z' },
  { asset: 'yunshan-chlorination', modes: ['PLEDGE'], priceYuan: 5_000_000, description: '寻求500万元知识产权质押贷款，期限3年。', publishedAt: '2025-06-12T01:00:00Z' },
  { asset: 'yunshan-expandable', modes: ['LICENSE', 'TRANSFER'], licenseTypes: ['NON_EXCLUSIVE'], priceYuan: 600_000, description: '可膨胀石墨生产线技术，适合密封与阻燃材料企业。', publishedAt: '2025-08-01T03:00:00Z' },
  { asset: 'yunshan-pitch-coating', modes: ['LICENSE'], licenseTypes: ['NON_EXCLUSIVE'], priceYuan: 700_000, description: '申请中，先许可后授权。', publishedAt: '2025-08-19T02:30:00Z' },
  { asset: 'yunshan-tailings', modes: ['TRANSFER'], priceYuan: 400_000, description: '石墨尾矿资源化利用，维持已超十年。', publishedAt: '2025-09-02T06:45:00Z' },
  { asset: 'zhongtan-thermal-film', modes: ['LICENSE'], licenseTypes: ['EXCLUSIVE', 'NON_EXCLUSIVE'], priceYuan: 2_000_000, description: 'Graphene thermal film line for consumer electronics; exclusive licence by region negotiable.', publishedAt: '2025-04-08T02:00:00Z' },
  { asset: 'zhongtan-redox-graphene', modes: ['TRANSFER'], priceYuan: 4_000_000, description: '含PCT同族，适合石墨烯粉体规模化生产。', publishedAt: '2025-05-27T02:00:00Z' },
  { asset: 'zhongtan-carbonization-furnace', modes: ['LICENSE'], licenseTypes: ['NON_EXCLUSIVE'], priceYuan: 250_000, description: '人工石墨导热膜碳化设备。', publishedAt: '2025-07-22T04:20:00Z' },
  { asset: 'zhongtan-anticorrosion', modes: ['PLEDGE'], priceYuan: 3_000_000, description: '以防腐涂料专利寻求质押融资，用于扩产。', publishedAt: '2025-09-15T01:30:00Z' },
  { asset: 'zhongtan-heating-film', modes: ['OPEN_LICENSE'], priceYuan: 30_000, negotiable: false, openLicence: { feeBasis: 'PER_YEAR', periodMonths: 24 }, description: '专利开放许可：每年3万元，许可期两年。', publishedAt: '2025-10-09T02:00:00Z' },
  { asset: 'hgsz-rice-mark', modes: ['LICENSE'], licenseTypes: ['NON_EXCLUSIVE'], priceYuan: 100_000, description: '许可鹤岗本地合作社使用，需符合绿色食品生产规程。', publishedAt: '2025-04-25T02:00:00Z' },
  { asset: 'hgsz-blueberry-fruit-mark', modes: ['LICENSE'], licenseTypes: ['NON_EXCLUSIVE'], priceYuan: 80_000, description: '寒地蓝莓鲜果商标许可。', publishedAt: '2025-06-30T02:00:00Z' },
  { asset: 'hgsz-blueberry-wine-mark', modes: ['PLEDGE'], priceYuan: 600_000, description: '与第31类、第29类“寒地蓝莓”商标一并质押融资。', publishedAt: '2025-08-08T02:00:00Z' },
  { asset: 'hgsz-fungus-mark', modes: ['TRANSFER'], priceYuan: 150_000, description: '兴山黑木耳商标转让。', publishedAt: '2025-10-20T02:00:00Z' },
];

async function firstUserOf(org: OrganizationDoc): Promise<Types.ObjectId> {
  const user = await User.findOne({ organization: org._id });
  if (!user) throw new Error(`demo organization ${org.name} has no user`);
  return user._id;
}

export async function seedDemoListings(orgs: Record<string, OrganizationDoc>, assets: Record<string, IpAssetDoc>): Promise<Record<string, ListingDoc>> {
  const byAsset: Record<string, ListingDoc> = {};
  for (const d of DEMO_LISTINGS) {
    const asset = assets[d.asset];
    if (!asset) throw new Error(`demo listing: no demo asset "${d.asset}"`);
    const holder = Object.values(orgs).find((o) => String(o._id) === String(asset.owner));
    if (!holder) throw new Error(`demo listing ${d.asset}: owner is not a demo organization`);
    const licenseTypes = d.modes.includes('OPEN_LICENSE') ? ['NON_EXCLUSIVE'] : (d.licenseTypes ?? []);
    const problem = publishProblem(asset, d.modes, licenseTypes, d.openLicence ?? null);
    if (problem) throw new Error(`demo listing ${d.asset} cannot be published: ${problem}`);
    const at = new Date(d.publishedAt);
    byAsset[d.asset] = await Listing.findOneAndUpdate(
      { asset: asset._id, demo: true },
      {
        $setOnInsert: {
          asset: asset._id,
          holder: holder._id,
          modes: d.modes,
          licenseTypes,
          askingPrice: d.priceYuan === null ? null : d.priceYuan * 100,
          negotiable: d.negotiable ?? true,
          openLicence: d.openLicence ?? null,
          description: d.description,
          status: 'PUBLISHED',
          publishedAt: at,
          history: [
            { from: null, to: 'DRAFT', at: new Date(at.getTime() - 86_400_000), by: null, reason: null },
            { from: 'DRAFT', to: 'PUBLISHED', at, by: null, reason: null },
          ],
          ...listingFacts(asset, holder, d.description, d.modes),
          demo: true,
        },
      },
      { upsert: true, returnDocument: 'after' },
    );
  }
  await touchListings(); // after the writes: every process's search snapshot re-reads

  // One conversation, so a newcomer sees the inquiry flow: 中碳 asks the college about purification.
  const listing = byAsset['hgsz-microcrystalline-purification'];
  const asker = orgs.zhongtan;
  const college = orgs.university;
  if (listing && asker && college) {
    const [askerUser, collegeUser] = [await firstUserOf(asker), await firstUserOf(college)];
    const t0 = new Date('2025-03-25T01:00:00Z');
    const t1 = new Date('2025-03-26T06:30:00Z');
    await Inquiry.updateOne(
      { listing: listing._id, from: asker._id, dealType: 'LICENSE' },
      {
        $setOnInsert: {
          listing: listing._id,
          holder: college._id,
          from: asker._id,
          dealType: 'LICENSE',
          messages: [
            { author: asker._id, authorUser: askerUser, body: '我司拟将该提纯方法用于导热膜原料石墨，请问普通许可的费用和是否提供中试指导？', at: t0 },
            { author: college._id, authorUser: collegeUser, body: '普通许可80万元，可分两年支付；学校可派教师驻厂指导中试两个月。', at: t1 },
          ],
          messageCount: 2,
          lastMessageAt: t1,
          demo: true,
        },
      },
      { upsert: true },
    );
  }
  return byAsset;
}
