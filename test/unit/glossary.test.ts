import { expect } from 'chai';
import { buildGlossary, expandQuery, glossary, groupCondition, parseGlossary, scoreExpanded } from '../../services/listings/glossary';
import { parseQuery, scoreText, searchTextFor } from '../../services/listings/searchText';
import { matchesAll } from '../../services/listings/searchMatch';

const stored = (title: string, abstract = '') => searchTextFor({ title, abstract, description: null, number: '201710601862.3', classes: [] });
const finds = (query: string, text: string) => matchesAll({ searchText: text }, expandQuery(parseQuery(query)).groups.map(groupCondition));

describe('industry glossary (issue 18 point 4)', () => {
  it('ships at least 200 concepts, each with Chinese and English, with the plan industries', () => {
    const g = glossary();
    expect(g.concepts.length).to.be.at.least(200);
    for (const c of g.concepts) expect(c.zh.length * c.en.length).to.be.greaterThan(0);
    const industries = new Set(g.concepts.map((c) => c.industry));
    for (const i of ['GRAPHITE', 'NEW_MATERIALS', 'COAL_CHEMICAL', 'GREEN_FOOD', 'BIOMEDICINE', 'ENERGY']) expect(industries.has(i), i).to.equal(true);
    for (const [zh, en] of [['石墨', 'graphite'], ['石墨烯', 'graphene'], ['负极', 'anode'], ['球形石墨', 'spherical graphite'], ['膨胀石墨', 'expanded graphite'], ['绿色食品', 'green food'], ['大豆', 'soybean']]) {
      expect(g.byChinese.get(zh!)?.en.has(en!), zh).to.equal(true);
    }
  });
  it('derives which characters may not follow a term from longer terms of another meaning', () => {
    const g = buildGlossary(parseGlossary('zh\ten\tindustry\n石墨\tgraphite\tGRAPHITE\n石墨烯\tgraphene\tNEW_MATERIALS\n石墨电极\tgraphite electrode\tGRAPHITE\n'));
    expect([...(g.notFollowedBy.get('石墨') ?? [])]).to.deep.equal(['烯']);
    expect(() => parseGlossary('zh\ten\tindustry\n石墨\tgraphite\n')).to.throw(/3 tab-separated/);
  });
  it('matches across languages and keeps typed Chinese as written', () => {
    expect(finds('graphite anode', stored('一种石墨负极材料'))).to.equal(true);
    expect(finds('graphite', stored('石墨烯导热膜'))).to.equal(false);
    expect(finds('graphite', stored('石墨烯与石墨复合膜'))).to.equal(true);
    expect(finds('石墨', stored('石墨烯导热膜'))).to.equal(true);
    expect(finds('石墨烯', stored('Graphene heat film'))).to.equal(true);
    expect(finds('石墨负极材料', stored('Graphite anode materials'))).to.equal(true);
    expect(finds('石墨负极材料', stored('Graphite cathode'))).to.equal(false);
  });
  it('scores typed-only queries as before, a translation as the typed terms it stands for', () => {
    const text = stored('Graphite anode material', '球形石墨');
    for (const q of ['graphite anode', 'zzz', 'C01B']) expect(scoreExpanded(text, expandQuery(parseQuery(q), null))).to.equal(scoreText(text, parseQuery(q)));
    expect(scoreExpanded(stored('x', '球形石墨'), expandQuery(parseQuery('spherical graphite')))).to.equal(2); // abstract (1) x two words
    expect(scoreExpanded(stored('球形石墨'), expandQuery(parseQuery('spherical graphite')))).to.equal(6);
  });
});
