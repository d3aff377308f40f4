// GET /reports/plan-indicators.csv and .svg: REGULATOR only, parsed and checked.
import { expect } from 'chai';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { sharedStack } from '../helpers/hooks';
import { ADMIN_EMAIL, ADMIN_PASSWORD } from '../helpers/stack';
import { Client, registerOrg, signInAdmin } from '../helpers/client';
import { readIndicators } from '../helpers/indicators';

const PLAN = [
  { code: 'INVENTION_PATENTS_PER_10K_POPULATION', name: '每万人口发明专利拥有量（件）', unit: '件', baseline: 0.56, target: 0.6 },
  { code: 'VALID_TRADEMARKS', name: '有效注册商标数量（件）', unit: '件', baseline: 5024, target: 9000 },
  { code: 'PLEDGE_FINANCING_REGISTERED_AMOUNT', name: '知识产权质押融资登记金额（亿元）', unit: '亿元', baseline: 0, target: 0.3 },
  { code: 'IP_ADVANTAGE_ENTERPRISES', name: '知识产权优势企业数量（家）', unit: '家', baseline: 25, target: 30 },
  { code: 'HIGH_VALUE_INVENTION_PATENTS', name: '高价值发明专利拥有量（件）', unit: '件', baseline: 20, target: 23 },
];

/** RFC 4180: quoted cells may hold commas, quotes ("") and line breaks. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') (cell += '"'), i++;
      else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') row.push(cell), (cell = '');
    else if (c === '\r' && text[i + 1] === '\n') {
      row.push(cell), rows.push(row), (row = []), (cell = ''), i++;
    } else cell += c;
  }
  if (cell || row.length) row.push(cell), rows.push(row);
  return rows;
}

/** Every text node under an element, depth first. */
function texts(node: unknown): string[] {
  if (typeof node === 'string' || typeof node === 'number') return [String(node)];
  if (Array.isArray(node)) return node.flatMap(texts);
  if (node && typeof node === 'object') {
    return Object.entries(node as Record<string, unknown>).flatMap(([k, v]) => (k.startsWith('@_') ? [] : texts(v)));
  }
  return [];
}

describe('indicator reports (CSV and SVG)', () => {
  let base: string;
  let adminToken: string;
  let entToken: string;

  before(async () => {
    const stack = await sharedStack();
    base = stack.server.url;
    const anon = new Client(base);
    adminToken = (await signInAdmin(anon, ADMIN_EMAIL, ADMIN_PASSWORD)).token!;
    entToken = (await registerOrg(anon, 'ENTERPRISE', { county: 'LUOBEI' })).token;
  });

  const get = (pathAndQuery: string, token?: string) =>
    fetch(`${base}${pathAndQuery}`, { headers: token ? { authorization: `Bearer ${token}` } : {} });

  it('CSV for 2020: UTF-8 with BOM, a Chinese+English header and the plan table in five rows', async () => {
    const res = await get('/reports/plan-indicators.csv?year=2020', adminToken);
    expect(res.status).to.equal(200);
    expect(res.headers.get('content-type')).to.equal('text/csv; charset=utf-8');
    expect(res.headers.get('content-disposition')).to.equal('attachment; filename="plan-indicators-2020-CITY.csv"');
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect([...bytes.slice(0, 3)]).to.deep.equal([0xef, 0xbb, 0xbf]);
    const rows = parseCsv(new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes).slice(1));
    expect(rows[0]).to.deep.equal([
      '指标代码 Code', '指标名称 Name', '单位 Unit', '2020年基期值 Baseline 2020', '2025年预期值 Target 2025', '年份 Year',
      '区域 County', '数值 Value', '平台数值 Platform value', '来源 Source', '进度 Progress', '是否达到进度 On track',
    ]);
    expect(rows).to.have.length(6);
    rows.slice(1).forEach((r, i) => {
      const p = PLAN[i]!;
      expect(r.slice(0, 8)).to.deep.equal([p.code, p.name, p.unit, String(p.baseline), String(p.target), '2020', '', String(p.baseline)]);
      expect(Number.isFinite(Number(r[8]))).to.equal(true);
      expect(r.slice(9)).to.deep.equal(['OFFICIAL_STATISTIC', '0', 'true']);
    });
  });

  it('CSV for a county and year carries the same figures as planIndicators', async () => {
    const res = await get('/reports/plan-indicators.csv?year=2026&county=LUOBEI', adminToken);
    expect(res.status).to.equal(200);
    const rows = parseCsv((await res.text()).replace(/^\uFEFF/, ''));
    const { list } = await readIndicators(new Client(base), 2026, 'LUOBEI');
    // A county: no progress or on-track (the plan's targets are the city's): empty cells.
    expect(rows.slice(1).map((r) => [r[0], r[5], r[6], Number(r[7]), Number(r[8]), r[9], r[10], r[11]])).to.deep.equal(
      list.map((v) => [v.code, '2026', 'LUOBEI', v.value, v.platformValue, v.source, '', '']),
    );
    expect(list.every((v) => v.progress === null && v.onTrack === null)).to.equal(true);
  });

  it('SVG: well-formed XML with CJK fonts, the five Chinese names, baselines, targets and one point per year', async () => {
    const res = await get('/reports/plan-indicators.svg?year=2026', adminToken);
    expect(res.status).to.equal(200);
    expect(res.headers.get('content-type')).to.equal('image/svg+xml; charset=utf-8');
    const svg = await res.text();
    expect(XMLValidator.validate(svg)).to.equal(true);
    const doc = new XMLParser({ ignoreAttributes: false }).parse(svg);
    const root = doc.svg;
    expect(root['@_xmlns']).to.equal('http://www.w3.org/2000/svg');
    expect(root['@_viewBox']).to.match(/^0 0 \d+ \d+$/);
    expect(root['@_font-family']).to.contain('Noto Sans CJK SC').and.to.contain('Microsoft YaHei').and.to.match(/sans-serif$/);
    const allText = texts(root).join('\n');
    for (const p of PLAN) {
      expect(allText).to.contain(p.name);
      expect(allText).to.contain(`2025年预期值 ${p.target}`);
      expect(allText).to.contain(`2020年基期值 ${p.baseline}`);
      expect(allText).to.contain(`目标 ${p.target}`);
    }
    expect(allText).to.contain('鹤岗市“十四五”知识产权发展主要指标');
    for (let y = 2020; y <= 2026; y++) expect(allText).to.contain(String(y));
    // Five panels, seven yearly points each (plus the legend's three markers).
    const circles = (svg.match(/<circle /g) ?? []).length;
    expect(circles).to.be.at.least(5 * 7 + 3);
  });

  it('SVG for one county says the targets are city-wide', async () => {
    const res = await get('/reports/plan-indicators.svg?year=2023&county=SUIBIN', adminToken);
    expect(res.status).to.equal(200);
    const svg = await res.text();
    expect(XMLValidator.validate(svg)).to.equal(true);
    expect(svg).to.contain('区域：绥滨县').and.to.contain('县区数值仅供对照');
  });

  it('answers 401 without a valid token, 403 for other organizations, 400 JSON for a bad year or county', async () => {
    for (const file of ['csv', 'svg']) {
      const noToken = await get(`/reports/plan-indicators.${file}?year=2024`);
      expect(noToken.status).to.equal(401);
      expect(((await noToken.json()) as any).errors[0].extensions.code).to.equal('UNAUTHENTICATED');
      const badToken = await get(`/reports/plan-indicators.${file}?year=2024`, 'not-a-jwt');
      expect(badToken.status).to.equal(401);
      const other = await get(`/reports/plan-indicators.${file}?year=2024`, entToken);
      expect(other.status).to.equal(403);
      expect(((await other.json()) as any).errors[0].extensions.code).to.equal('FORBIDDEN');
      for (const [query, field] of [['year=2019', 'year'], ['year=abc', 'year'], ['year=2020.5', 'year'], ['year=2031', 'year'], ['year=2024&county=MARS', 'county'], ['year=2024&county=luobei', 'county']]) {
        const bad = await get(`/reports/plan-indicators.${file}?${query}`, adminToken);
        expect(bad.status, query).to.equal(400);
        expect(bad.headers.get('content-type')).to.match(/^application\/json/);
        expect(((await bad.json()) as any).errors[0].extensions).to.deep.equal({ code: 'BAD_USER_INPUT', field });
      }
    }
  });
});
