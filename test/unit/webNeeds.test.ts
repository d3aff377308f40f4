// The console's needs helpers (web/src/pages/needs/*.ts): the search state in the URL, saved filters
// back to a search link and a Chinese line, the matcher's reasons in Chinese.
import { expect } from 'chai';
import { readNeedSearch, toNeedFilter, writeNeedSearch } from '../../web/src/pages/needs/needParams';
import { budgetText, reasonText } from '../../web/src/pages/needs/needLabels';
import { savedFilterSearch, savedFilterText } from '../../web/src/pages/needs/savedFilter';
import { formatMoney } from '../../web/src/format';

describe('console needs helpers (web/src/pages/needs)', () => {
  it('the needs search state round-trips through the URL and becomes a TechnologyNeedFilter', () => {
    const p = new URLSearchParams('q=石墨负极&industries=GRAPHITE,ENERGY&dealTypes=LICENSE&class=H01M&budget=1000000&after=abc');
    const s = readNeedSearch(p);
    expect(s).to.deep.include({ q: '石墨负极', industries: ['GRAPHITE', 'ENERGY'], dealTypes: ['LICENSE'], counties: [], classPrefix: 'H01M', budgetAtLeast: '1000000', sort: 'RELEVANCE', after: 'abc' });
    expect(writeNeedSearch(s).toString()).to.equal(p.toString());
    expect(toNeedFilter(s)).to.deep.equal({ text: '石墨负极', industries: ['GRAPHITE', 'ENERGY'], dealTypes: ['LICENSE'], classPrefix: 'H01M', budgetAtLeast: '1000000' });
    const none = readNeedSearch(new URLSearchParams());
    expect(none.sort).to.equal('NEWEST');
    expect(toNeedFilter(none)).to.deep.equal({});
    expect(writeNeedSearch({ ...none, sort: 'DEADLINE' }).toString()).to.equal('sort=DEADLINE');
  });

  it('budgets and the matcher reasons read in Chinese', () => {
    expect(budgetText('500000.00', '3000000.00', formatMoney)).to.equal('¥500,000.00 – ¥3,000,000.00');
    expect(budgetText(null, '3000000.00', formatMoney)).to.equal('不超过 ¥3,000,000.00');
    expect(budgetText('1', null, formatMoney)).to.equal('不低于 ¥1.00');
    expect(budgetText(null, null, formatMoney)).to.equal('面议');
    expect(reasonText('text: 负极/anode, 电池/battery', formatMoney)).to.equal('技术关键词：负极/anode，电池/battery');
    expect(reasonText('IPC H01M 4/58 matches (H01M 4/587)', formatMoney)).to.equal('IPC 分类 H01M 4/58 与 H01M 4/587 相符');
    expect(reasonText('industry GRAPHITE, ENERGY', formatMoney)).to.equal('产业领域：石墨、能源');
    expect(reasonText('offers LICENSE, TRANSFER', formatMoney)).to.equal('可提供：许可、转让');
    expect(reasonText('within budget (800000.00 ≤ 3000000.00 yuan)', formatMoney)).to.equal('在预算内（挂牌价 ¥800,000.00 ≤ 预算上限 ¥3,000,000.00）');
    expect(reasonText('above budget (800000.00 > 500000.00 yuan)', formatMoney)).to.equal('超出预算（挂牌价 ¥800,000.00 > 预算上限 ¥500,000.00）');
    expect(reasonText('something new', formatMoney)).to.equal('something new');
  });

  it('a saved filter opens the search page with its conditions and reads as one line', () => {
    const f = { text: '石墨', industries: ['GRAPHITE' as const], maxPrice: '500000.00', minRemainingYears: 5, highValueOnly: true };
    expect(savedFilterSearch(f)).to.equal('q=%E7%9F%B3%E5%A2%A8&industries=GRAPHITE&highValue=1&maxPrice=500000.00&minYears=5');
    expect(savedFilterText(f)).to.equal('关键词“石墨”；石墨；仅高价值；不超过 ¥500,000.00；剩余保护期 ≥ 5 年');
    expect(savedFilterText({ holderName: '鹤岗' })).to.equal('权利人“鹤岗”');
  });
});
