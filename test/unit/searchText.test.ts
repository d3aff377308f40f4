import { expect } from 'chai';
import { parseQuery, scoreText, searchTextFor, stem, termPattern } from '../../services/listings/searchText';

const listing = (title: string, abstract = '', extra: Partial<{ description: string; number: string; classes: string[] }> = {}) =>
  searchTextFor({ title, abstract, description: extra.description ?? null, number: extra.number ?? '201710601862.3', classes: extra.classes ?? ['C01B 32/20'] });

/** What the database does: every term's pattern must match the stored text. */
function matches(stored: string, query: string): boolean {
  const q = parseQuery(query);
  return q.terms.every((t) => new RegExp(termPattern(t)).test(stored));
}

describe('search analyzer', () => {
  const purification = listing('一种高纯石墨的提纯方法', '以天然鳞片石墨为原料，经碱熔酸浸得到纯度99.99%的高纯石墨。');
  const graphene = listing('石墨烯导热膜及其制备方法', 'A graphene heat-dissipation film for smartphones.');
  const anode = listing('锂离子电池球形石墨负极材料', 'Spherical graphite anodes for lithium-ion batteries.', { classes: ['H01M 4/587'] });
  const rice = listing('鹤岗大米', '绿色食品 寒地黑土 粳米', { number: '12345678', classes: ['30'] });

  it('finds Chinese words inside longer runs without a dictionary', () => {
    expect(matches(purification, '石墨')).to.equal(true);
    expect(matches(graphene, '石墨')).to.equal(true);
    expect(matches(graphene, '石墨烯')).to.equal(true);
    expect(matches(purification, '石墨烯')).to.equal(false);
    expect(matches(anode, '负极材料')).to.equal(true);
    expect(matches(anode, '球形石墨')).to.equal(true);
    expect(matches(purification, '负极材料')).to.equal(false);
    expect(matches(rice, '石墨')).to.equal(false);
  });

  it('requires every term (AND), Chinese and English mixed', () => {
    expect(matches(anode, '石墨 负极')).to.equal(true);
    expect(matches(purification, '石墨 负极')).to.equal(false);
    expect(matches(anode, 'graphite anode')).to.equal(true);
    expect(matches(graphene, 'graphite anode')).to.equal(false);
    expect(matches(anode, '负极材料 graphite')).to.equal(true);
  });

  it('folds English case and plurals, and drops stop words', () => {
    expect(stem('batteries')).to.equal('battery');
    expect(stem('anodes')).to.equal('anode');
    expect(stem('boxes')).to.equal('box');
    expect(stem('glasses')).to.equal('glass');
    expect(stem('process')).to.equal('process');
    expect(stem('analysis')).to.equal('analysis');
    expect(matches(anode, 'Lithium-Ion Battery')).to.equal(true);
    expect(matches(anode, 'anodes for the batteries')).to.equal(true);
    expect(matches(graphene, 'graph')).to.equal(false); // words match whole
  });

  it('splits Chinese queries at function characters', () => {
    expect(parseQuery('石墨和石墨烯').terms.map((t) => t.text)).to.deep.equal(['石墨', '石墨烯']);
    expect(matches(purification, '高纯石墨的提纯')).to.equal(true);
  });

  it('finds patent numbers in any written form, and number prefixes', () => {
    for (const q of ['201710601862.3', 'CN201710601862.3', 'ZL 2017106018623', '201710601862', '20171060']) {
      expect(matches(purification, q), q).to.equal(true);
    }
    // a mistyped check digit still finds the application by its 12 digits
    expect(parseQuery('201710601862.4').terms).to.deep.equal([{ kind: 'prefix', text: '201710601862' }]);
    expect(matches(purification, '201810601862')).to.equal(false);
    expect(matches(rice, '12345678')).to.equal(true);
  });

  it('finds IPC symbols written with or without the space', () => {
    expect(matches(purification, 'C01B 32/20')).to.equal(true);
    expect(matches(purification, 'c01b32/20')).to.equal(true);
    expect(matches(purification, 'C01B')).to.equal(true);
    expect(matches(anode, 'H01M 4/587')).to.equal(true);
    expect(matches(purification, 'H01M')).to.equal(false);
  });

  it('normalizes full-width characters', () => {
    expect(matches(anode, 'ＧＲＡＰＨＩＴＥ')).to.equal(true);
  });

  it('scores title matches above abstract matches, and a title phrase above scattered words', () => {
    const inTitle = listing('球形石墨负极材料', '用于电池');
    const inAbstract = listing('一种电池材料', '采用球形石墨');
    const q = parseQuery('球形石墨');
    expect(scoreText(inTitle, q)).to.equal(3);
    expect(scoreText(inAbstract, q)).to.equal(1);
    const phrase = parseQuery('graphite anode');
    const together = listing('Graphite anode material', '');
    const apart = listing('Anode made of graphite', '');
    expect(scoreText(together, phrase)).to.be.greaterThan(scoreText(apart, phrase));
    expect(scoreText(rice, q)).to.equal(0);
  });

  it('refuses overlong queries and too many terms', () => {
    expect(() => parseQuery('石'.repeat(201))).to.throw(RangeError);
    expect(() => parseQuery('a1 b2 c3 d4 e5 f6 g7 h8 i9 j10 k11 l12 m13')).to.throw(RangeError);
  });
});
