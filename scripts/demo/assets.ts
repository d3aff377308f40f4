// Demo IP assets (marked demo: true): patents of 鹤岗师范高等专科学校 and the two graphite
// enterprises, and green-food trademarks. Invented for the demo (not real CNIPA records), but every
// number is well-formed: its check digit is computed, its year is the filing year and its type
// digit matches the kind. Upserts by (kind, number): a second run adds nothing.
import { IpAsset, type IpAssetDoc } from '../../models/ipAsset';
import { VerifiedRight, rightKey } from '../../models/verifiedRight';
import type { OrganizationDoc } from '../../models/organization';
import { validateAssetInput, type IpAssetInput } from '../../services/assets/validateAsset';
import { expiresOn } from '../../services/rules/assetTerms';
import { patentCheckDigit } from '../../services/rules/patentNumber';

type Owner = 'university' | 'yunshan' | 'zhongtan';

export interface DemoAsset {
  key: string;
  owner: Owner;
  input: IpAssetInput;
}

/** "2019" + type digit + 7-digit serial -> "2019xxxxxxxx.c" with its check digit. */
const cn = (twelve: string) => `${twelve}.${patentCheckDigit(twelve)}`;

const patent = (
  key: string, owner: Owner, kind: 'INVENTION_PATENT' | 'UTILITY_MODEL' | 'DESIGN_PATENT', twelve: string,
  filingDate: string, grantDate: string | null, title: string, abstract: string, classes: string[],
  industries: IpAssetInput['industries'], flags: Partial<Pick<IpAssetInput, 'strategicEmergingIndustry' | 'foreignFamily' | 'chinaPatentAward'>> = {},
): DemoAsset => ({
  key, owner,
  input: { kind, number: cn(twelve), title, abstract, filingDate, grantDate, legalStatus: grantDate ? 'VALID' : 'PENDING', classes, industries, ...flags },
});

const trademark = (key: string, owner: Owner, number: string, title: string, abstract: string, filingDate: string, grantDate: string, classes: string[]): DemoAsset => ({
  key, owner,
  input: { kind: 'TRADEMARK', number, title, abstract, filingDate, grantDate, legalStatus: 'VALID', classes, industries: ['GREEN_FOOD'] },
});

export const DEMO_ASSETS: DemoAsset[] = [
  // 鹤岗师范高等专科学校: graphite purification and graphene research, cold-region food science
  patent('hgsz-microcrystalline-purification', 'university', 'INVENTION_PATENT', '201910358217', '2019-04-26', '2021-07-13',
    '一种微晶石墨的高纯化提纯方法',
    '本发明以鹤岗微晶石墨为原料，经碱熔—酸浸两段提纯，固定碳含量达99.95%以上。High-purity graphite purification by alkali fusion and acid leaching, for anode and refractory grades.',
    ['C01B 32/215'], ['GRAPHITE', 'NEW_MATERIALS']),
  patent('hgsz-flake-low-temp', 'university', 'INVENTION_PATENT', '202010512846', '2020-06-09', '2022-03-22',
    '一种天然鳞片石墨的低温提纯工艺',
    '在200℃以下以复合酸体系提纯天然鳞片石墨，减少能耗与氟化物排放，提纯后纯度99.9%。',
    ['C01B 32/215', 'C01B 32/20'], ['GRAPHITE']),
  patent('hgsz-graphene-quantum-dots', 'university', 'INVENTION_PATENT', '202110874532', '2021-07-30', '2023-05-16',
    '一种石墨烯量子点的制备方法及其应用',
    '以鹤岗石墨为碳源，电化学剥离制备荧光石墨烯量子点，用于重金属离子检测。Graphene quantum dots for fluorescent sensing.',
    ['C01B 32/184', 'G01N 21/64'], ['GRAPHITE', 'NEW_MATERIALS'], { strategicEmergingIndustry: true }),
  patent('hgsz-powder-classifier', 'university', 'UTILITY_MODEL', '202120617395', '2021-03-18', '2021-11-09',
    '一种石墨粉体分级筛分装置',
    '多层振动筛与气流分级结合，将石墨粉体按粒度分级，适用于球形石墨原料预处理。',
    ['B07B 1/28'], ['GRAPHITE', 'EQUIPMENT']),
  patent('hgsz-blueberry-anthocyanin', 'university', 'INVENTION_PATENT', '201810263951', '2018-03-27', '2020-08-04',
    '一种寒地蓝莓花青素的提取方法',
    '以鹤岗寒地蓝莓果渣为原料，超声辅助提取并大孔树脂纯化花青素，得率提高30%。Anthocyanin extraction from cold-region blueberries.',
    ['C09B 61/00', 'A23L 33/105'], ['GREEN_FOOD', 'BIOMEDICINE']),
  patent('hgsz-black-fungus-polysaccharide', 'university', 'INVENTION_PATENT', '201710594268', '2017-07-20', '2019-10-11',
    '一种黑木耳多糖的提取纯化方法',
    '以兴山区黑木耳为原料，酶法辅助提取黑木耳多糖，经脱蛋白、醇沉得到高纯多糖。',
    ['C08B 37/00'], ['GREEN_FOOD', 'BIOMEDICINE']),
  patent('hgsz-silicon-carbon-anode', 'university', 'INVENTION_PATENT', '202210936174', '2022-08-03', null,
    '一种锂离子电池硅碳负极材料的制备方法',
    '纳米硅与石墨复合并以沥青碳包覆，制备高容量硅碳负极材料。Silicon-carbon composite anode for lithium-ion batteries.',
    ['H01M 4/38', 'H01M 4/587'], ['ENERGY', 'NEW_MATERIALS']),
  patent('hgsz-film-calender', 'university', 'UTILITY_MODEL', '202220845713', '2022-04-11', '2022-09-27',
    '一种石墨烯导热膜的辊压装置',
    '双辊压延配合张力控制，提高石墨烯导热膜的密度与面内导热系数。',
    ['B30B 3/04'], ['GRAPHITE', 'EQUIPMENT']),
  patent('hgsz-coal-jade-carving', 'university', 'DESIGN_PATENT', '202230284619', '2022-05-19', '2022-10-25',
    '石墨工艺品（鹤岗煤精雕刻摆件）',
    '以鹤岗煤精与石墨为材质的文创雕刻摆件外观设计。',
    ['11-01'], ['CULTURE_TOURISM']),
  patent('hgsz-sulfur-free-expanded', 'university', 'INVENTION_PATENT', '201610187425', '2016-03-29', '2018-06-12',
    '一种膨胀石墨的无硫制备方法',
    '以高氯酸—乙酸体系插层制备无硫可膨胀石墨，膨胀容积大于250 mL/g，用于密封与阻燃材料。Sulfur-free expandable graphite.',
    ['C01B 32/225'], ['GRAPHITE', 'NEW_MATERIALS']),

  // 萝北云山石墨新材料有限公司: spherical graphite and anode materials
  patent('yunshan-continuous-spheroidizing', 'yunshan', 'INVENTION_PATENT', '201910724583', '2019-08-12', '2021-09-28',
    '一种球形石墨的连续整形方法',
    '多级串联整形机连续整形鳞片石墨，球形化收率达60%以上。Continuous spheroidizing of flake graphite for lithium-ion battery anodes.',
    ['C01B 32/21', 'H01M 4/587'], ['GRAPHITE', 'ENERGY']),
  patent('yunshan-spherical-anode', 'yunshan', 'INVENTION_PATENT', '202010268134', '2020-04-07', '2022-02-15',
    '一种锂离子电池球形石墨负极材料及其制备方法',
    '球形石墨经沥青包覆与2800℃石墨化，首次效率95%，循环寿命大于2000次。Spherical graphite anode material for power batteries.',
    ['H01M 4/587', 'H01M 10/0525'], ['GRAPHITE', 'ENERGY'], { strategicEmergingIndustry: true }),
  patent('yunshan-jet-mill', 'yunshan', 'UTILITY_MODEL', '202020734961', '2020-05-14', '2020-12-22',
    '一种球形石墨气流粉碎整形机',
    '气流粉碎与机械整形一体化设备，降低球形石墨加工能耗。',
    ['B02C 19/06'], ['GRAPHITE', 'EQUIPMENT']),
  patent('yunshan-chlorination', 'yunshan', 'INVENTION_PATENT', '202110395628', '2021-04-15', '2023-01-10',
    '一种高纯石墨的氯化焙烧提纯方法',
    '在1200℃氯气气氛中焙烧提纯，杂质以氯化物挥发除去，纯度达99.99%，用于半导体级石墨。',
    ['C01B 32/215'], ['GRAPHITE', 'NEW_MATERIALS']),
  patent('yunshan-expandable', 'yunshan', 'INVENTION_PATENT', '201810847296', '2018-07-24', '2020-11-03',
    '一种可膨胀石墨的制备方法',
    '以萝北鳞片石墨为原料，电化学插层制备低硫可膨胀石墨。Expandable graphite by electrochemical intercalation.',
    ['C01B 32/225'], ['GRAPHITE']),
  patent('yunshan-gasket', 'yunshan', 'UTILITY_MODEL', '202120953842', '2021-05-06', '2021-12-14',
    '一种膨胀石墨柔性密封垫片',
    '膨胀石墨与不锈钢骨架复合的柔性密封垫片，耐温650℃。',
    ['F16J 15/10'], ['GRAPHITE', 'EQUIPMENT']),
  patent('yunshan-pitch-coating', 'yunshan', 'INVENTION_PATENT', '202211057384', '2022-09-01', null,
    '一种天然石墨负极材料的沥青包覆改性方法',
    '液相沥青包覆天然石墨，降低比表面积，改善快充性能。Pitch-coated natural graphite anode with better fast-charging.',
    ['H01M 4/587', 'H01M 4/36'], ['GRAPHITE', 'ENERGY']),
  patent('yunshan-tailings', 'yunshan', 'INVENTION_PATENT', '201510462173', '2015-07-28', '2017-09-19',
    '一种石墨尾矿制备建筑材料的方法',
    '利用石墨选矿尾矿制备蒸压加气混凝土砌块，尾矿掺量达60%。Building blocks from graphite tailings.',
    ['C04B 18/12', 'C04B 28/18'], ['GRAPHITE', 'NEW_MATERIALS']),
  patent('yunshan-electrode-box', 'yunshan', 'DESIGN_PATENT', '202030157428', '2020-04-02', '2020-09-15',
    '包装箱（石墨电极）',
    '用于石墨电极运输的防震包装箱外观设计。',
    ['09-03'], ['GRAPHITE']),
  trademark('yunshan-mark', 'yunshan', '21583746', '云山石墨', '用于石墨、膨胀石墨、石墨粉等工业用化学品。', '2016-10-18', '2017-12-07', ['1']),

  // 鹤岗中碳石墨烯科技有限公司: graphene films, coatings and heaters
  patent('zhongtan-thermal-film', 'zhongtan', 'INVENTION_PATENT', '201911083527', '2019-11-06', '2022-01-18',
    '一种石墨烯导热膜及其制备方法',
    '氧化石墨烯涂布成膜后经碳化与石墨化，面内导热系数大于1500 W/(m·K)。Graphene heat-dissipation film for smartphones and 5G base stations.',
    ['C01B 32/184', 'H05K 7/20'], ['GRAPHITE', 'NEW_MATERIALS']),
  patent('zhongtan-redox-graphene', 'zhongtan', 'INVENTION_PATENT', '202010643275', '2020-07-02', '2022-04-26',
    '一种氧化还原法制备石墨烯的方法',
    '改进Hummers法氧化并以绿色还原剂还原，制备少层石墨烯，单层率大于80%。Few-layer graphene by an improved redox route.',
    ['C01B 32/184', 'C01B 32/192'], ['GRAPHITE', 'NEW_MATERIALS'], { foreignFamily: true }),
  patent('zhongtan-carbonization-furnace', 'zhongtan', 'UTILITY_MODEL', '202121486359', '2021-06-30', '2022-01-04',
    '一种人工石墨导热膜的碳化炉',
    '分区控温的连续式碳化炉，用于聚酰亚胺膜制备人工石墨导热膜。',
    ['F27B 9/04'], ['GRAPHITE', 'EQUIPMENT']),
  patent('zhongtan-anticorrosion', 'zhongtan', 'INVENTION_PATENT', '202110528463', '2021-05-13', '2023-03-07',
    '一种石墨烯改性防腐涂料',
    '石墨烯片层在环氧富锌涂料中形成迷宫屏蔽效应，耐盐雾大于3000小时。Graphene-modified anticorrosive coating.',
    ['C09D 5/10', 'C09D 163/00'], ['GRAPHITE', 'NEW_MATERIALS']),
  patent('zhongtan-graphene-silicon', 'zhongtan', 'INVENTION_PATENT', '202210317648', '2022-03-24', null,
    '一种石墨烯/硅复合负极材料',
    '石墨烯包裹纳米硅颗粒，缓冲体积膨胀，提高负极循环稳定性。',
    ['H01M 4/36', 'H01M 4/38'], ['ENERGY', 'NEW_MATERIALS']),
  patent('zhongtan-heating-film', 'zhongtan', 'UTILITY_MODEL', '202220563184', '2022-03-10', '2022-08-16',
    '一种石墨烯电热膜',
    '石墨烯导电浆料印刷发热层，用于寒地农业温室与住宅地暖。Graphene electric heating film for cold-region greenhouses.',
    ['H05B 3/14'], ['GRAPHITE', 'ENERGY']),

  // Green-food trademarks (one registration per Nice class, as CNIPA registers them)
  trademark('hgsz-rice-mark', 'university', '26481357', '鹤岗寒地大米', '绿色食品认证的寒地黑土粳米。Green food rice grown on Hegang black soil.', '2017-09-12', '2018-10-21', ['30']),
  trademark('hgsz-blueberry-fruit-mark', 'university', '31257846', '寒地蓝莓', '鲜蓝莓、冷冻蓝莓（第31类新鲜水果）。Cold-region blueberries.', '2018-05-08', '2019-06-14', ['31']),
  trademark('hgsz-blueberry-wine-mark', 'university', '31257847', '寒地蓝莓', '蓝莓果酒、蓝莓利口酒（第33类含酒精饮料）。Blueberry wine.', '2018-05-08', '2019-06-14', ['33']),
  trademark('hgsz-fungus-mark', 'university', '38614572', '兴山黑木耳', '干制黑木耳、食用菌制品（第29类）。', '2019-07-22', '2020-08-28', ['29']),
  trademark('hgsz-blueberry-jam-mark', 'university', '38614573', '寒地蓝莓', '蓝莓果酱、蓝莓果干（第29类）。', '2019-07-22', '2020-08-28', ['29']),
];

const DEMO_VERIFICATION = { status: 'VERIFIED', by: null, reason: 'demo data' };

/** The demo's rights are VERIFIED (as if from a register extract), claim included, so the demo's flows work. */
export async function markDemoVerified(asset: IpAssetDoc): Promise<IpAssetDoc> {
  await VerifiedRight.updateOne({ _id: rightKey(asset.kind, asset.number) }, { $setOnInsert: { asset: asset._id, holderCreditCode: null, at: new Date() } }, { upsert: true });
  if (asset.verification?.status === 'VERIFIED') return asset;
  return (await IpAsset.findOneAndUpdate({ _id: asset._id }, { $set: { verification: { ...DEMO_VERIFICATION, at: new Date() } } }, { returnDocument: 'after' }))!;
}

/** Records the demo assets (validated like any input); returns them by key. */
export async function seedDemoAssets(orgs: Record<string, OrganizationDoc>): Promise<Record<string, IpAssetDoc>> {
  const byKey: Record<string, IpAssetDoc> = {};
  for (const d of DEMO_ASSETS) {
    const owner = orgs[d.owner];
    if (!owner) throw new Error(`demo asset ${d.key}: no demo organization "${d.owner}"`);
    const fields = validateAssetInput(d.input, { trusted: true });
    // The demo's rights are VERIFIED (as if from a register extract) so the demo's flows work.
    const asset = await IpAsset.findOneAndUpdate(
      { kind: fields.kind, number: fields.number, owner: owner._id },
      { $setOnInsert: { ...fields, owner: owner._id, expiresOn: expiresOn(fields.kind, fields.filingDate, fields.grantDate), demo: true } },
      { upsert: true, returnDocument: 'after' },
    );
    byKey[d.key] = await markDemoVerified(asset);
  }
  return byKey;
}
