// STRATEGIC_EMERGING_INDUSTRY from a patent's IPC classes, through the concordance published by
// CNIPA: 国家知识产权局《战略性新兴产业分类与国际专利分类参照关系表（2021）（试行）》
// (国知办函规字〔2021〕121号, 2021-02-07), whose categories follow the National Bureau of Statistics'
// 《战略性新兴产业分类（2018）》 (1 新一代信息技术 … 9 相关服务业).
//
// Shipped: the rows for the city's industries named by the 14th Five-Year IP plan — graphite and new
// materials, new energy (and new-energy vehicles' batteries), coal chemicals (clean coal use),
// biomedicine, equipment, information technology — at IPC main-group or subgroup level. Not shipped:
// the other categories (digital creativity, related services, most energy-saving/environmental
// rows) and the table's keyword conditions: a row that the official table qualifies with keywords
// is either left out or kept only where the IPC group alone is specific to the industry. The rows
// were transcribed by hand from the published attachment; the city IP office checks them against
// it (docs/trust.md, "The concordance") and replaces this table as data when CNIPA revises it.
import { normalizeIpc } from './classification';

export interface SeiRow {
  /** IPC subclass ("C01B"), main group ("C01B 32", every subgroup) or subgroup ("C01B 32/184"). */
  ipc: string;
  /** Category of 《战略性新兴产业分类（2018）》, e.g. "3.6" (code) and its name. */
  code: string;
  category: string;
  industry: 'GRAPHITE' | 'NEW_MATERIALS' | 'ENERGY' | 'COAL_CHEMICAL' | 'BIOMEDICINE' | 'EQUIPMENT' | 'INFORMATION_TECHNOLOGY';
}

export const SEI_SOURCE =
  '国家知识产权局《战略性新兴产业分类与国际专利分类参照关系表（2021）（试行）》（国知办函规字〔2021〕121号），excerpt for Hegang industries';

const rows = (industry: SeiRow['industry'], code: string, category: string, ipcs: string[]): SeiRow[] =>
  ipcs.map((ipc) => ({ ipc, code, category, industry }));

export const SEI_CONCORDANCE: readonly SeiRow[] = [
  // 3 新材料产业 — graphite, graphene and other carbon materials (石墨及碳素新材料, 前沿新材料)
  ...rows('GRAPHITE', '3.6', '前沿新材料（石墨烯、碳纳米管等碳材料）', ['C01B 32/15', 'C01B 32/152', 'C01B 32/156', 'C01B 32/158', 'C01B 32/159', 'C01B 32/16', 'C01B 32/162', 'C01B 32/164', 'C01B 32/166', 'C01B 32/168', 'C01B 32/17', 'C01B 32/172', 'C01B 32/174', 'C01B 32/176', 'C01B 32/178', 'C01B 32/18', 'C01B 32/182', 'C01B 32/184', 'C01B 32/186', 'C01B 32/188', 'C01B 32/19', 'C01B 32/192', 'C01B 32/194', 'C01B 32/196', 'C01B 32/198']),
  ...rows('GRAPHITE', '3.2', '先进无机非金属材料（石墨及碳素制品）', ['C01B 32/20', 'C01B 32/205', 'C01B 32/21', 'C01B 32/215', 'C01B 32/22', 'C01B 32/225', 'C04B 35/52', 'C04B 35/522', 'C04B 35/524', 'C04B 35/528', 'C04B 35/532', 'C04B 35/536', 'C04B 35/83']),
  ...rows('NEW_MATERIALS', '3.4', '高性能纤维及制品和复合材料', ['D01F 9/12', 'D01F 9/14', 'D01F 9/20', 'D01F 9/21', 'D01F 9/22', 'C08J 5/04', 'C08J 5/24', 'B29C 70']),
  ...rows('NEW_MATERIALS', '3.2', '先进无机非金属材料', ['C04B 35/56', 'C04B 35/565', 'C04B 35/58', 'C04B 35/584', 'C01B 21/064', 'C01B 33/02']),
  ...rows('NEW_MATERIALS', '3.3', '先进有机高分子材料', ['C08G 73/10', 'C08L 79/08']),
  // 6 新能源产业 and 5 新能源汽车产业 (batteries, charging)
  ...rows('ENERGY', '5.2', '新能源汽车装置、配件（动力电池及电池材料）', ['H01M 4/13', 'H01M 4/133', 'H01M 4/134', 'H01M 4/136', 'H01M 4/36', 'H01M 4/38', 'H01M 4/58', 'H01M 4/583', 'H01M 4/587', 'H01M 4/62', 'H01M 4/625', 'H01M 10/052', 'H01M 10/0525', 'H01M 10/054', 'H01M 10/056', 'H01M 10/0562']),
  ...rows('ENERGY', '6.3', '太阳能产业', ['H01L 31/04', 'H01L 31/042', 'H01L 31/18', 'H02S', 'F24S']),
  ...rows('ENERGY', '6.2', '风能产业', ['F03D']),
  ...rows('ENERGY', '6.6', '智能电网产业（储能）', ['H01G 11', 'H02J 3/28', 'H02J 3/32', 'H02J 7/35']),
  ...rows('ENERGY', '6.4', '生物质能及其他新能源产业（氢能、燃料电池）', ['H01M 8', 'C25B 1/04', 'C01B 3/02', 'C01B 3/32']),
  // 7 节能环保产业 — clean and efficient use of coal (煤炭清洁高效利用, coal chemicals)
  ...rows('COAL_CHEMICAL', '7.2', '先进环保产业（煤炭清洁高效利用）', ['C10J 3', 'C10G 1/06', 'C10G 2', 'C10L 9/00', 'C10L 9/02', 'C10L 9/10', 'C10B 53/04', 'C10B 57/04', 'C07C 1/20', 'C07C 29/151']),
  // 4 生物产业
  ...rows('BIOMEDICINE', '4.1', '生物医药产业', ['A61K 39', 'A61K 35/74', 'A61K 36', 'A61K 38', 'A61K 48', 'C07K 16', 'C12N 5', 'C12N 7', 'C12N 15']),
  ...rows('BIOMEDICINE', '4.2', '生物医学工程产业', ['A61B 5', 'A61B 6', 'A61B 8', 'A61F 2/02', 'A61L 27']),
  // 2 高端装备制造产业
  ...rows('EQUIPMENT', '2.1', '智能制造装备产业', ['B25J 9', 'B25J 11', 'B25J 13', 'B25J 19', 'G05B 19/418', 'B23K 26', 'B33Y', 'B22F 10']),
  ...rows('EQUIPMENT', '2.1', '智能测控装备', ['G01N 21/64', 'G01N 23/2251', 'G01N 27/327']),
  // 1 新一代信息技术产业
  ...rows('INFORMATION_TECHNOLOGY', '1.6', '人工智能', ['G06N 3', 'G06N 5', 'G06N 20']),
  ...rows('INFORMATION_TECHNOLOGY', '1.1', '下一代信息网络产业', ['H04W', 'H04B 7/0413', 'H04L 5']),
  ...rows('INFORMATION_TECHNOLOGY', '1.2', '电子核心产业', ['H01L 21', 'H01L 27', 'H01L 29', 'H10B', 'H10K']),
  ...rows('INFORMATION_TECHNOLOGY', '1.3', '新兴软件和新型信息技术服务', ['G06F 21', 'H04L 9']),
];

const bySymbol = new Map<string, SeiRow[]>();
for (const r of SEI_CONCORDANCE) bySymbol.set(r.ipc, [...(bySymbol.get(r.ipc) ?? []), r]);

/** The rows an IPC symbol falls under: its subgroup, its main group or its subclass. */
export function seiRowsFor(symbol: string): SeiRow[] {
  const ipc = normalizeIpc(symbol);
  if (!ipc) return [];
  const [subclass, group] = ipc.split(' ') as [string, string | undefined];
  const keys = [subclass];
  if (group) keys.push(`${subclass} ${group.split('/')[0]}`, ipc);
  return keys.flatMap((k) => bySymbol.get(k) ?? []);
}

/** True when any of the patent's IPC classes maps to a strategic emerging industry. */
export function isStrategicEmergingIndustry(kind: string, classes: readonly string[]): boolean {
  return kind === 'INVENTION_PATENT' && classes.some((c) => seiRowsFor(c).length > 0);
}
