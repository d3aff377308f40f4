import { expect } from 'chai';
import { scorePair, textModel } from '../../services/matching/score';
import { searchTextFor } from '../../services/listings/searchText';

const text = (title: string, abstract = '') => searchTextFor({ title, abstract, description: null, number: '', classes: [] });
const need = { searchText: text('Spherical graphite anode material'), industries: ['GRAPHITE'], ipcPrefixes: ['H01M 4/58'], dealTypes: ['LICENSE'], budgetMax: 100_000_000 };
const listing = (over: Record<string, unknown> = {}) => ({ searchText: text('球形石墨负极材料'), industries: ['GRAPHITE'], classes: ['H01M 4/587'], modes: ['LICENSE'], askingPrice: 80_000_000, ...over });

describe('matching score (issue 18 point 2)', () => {
  const candidates = [text('球形石墨负极材料'), text('大豆分离蛋白'), text('石墨烯导热膜')];
  const model = textModel(need.searchText, candidates);
  it('matches across the languages and gives every reason', () => {
    const s = scorePair(model, candidates[0]!, need, listing())!;
    expect(s.reasons[0]).to.match(/^text: .*球形石墨\/spherical graphite/);
    expect(s.reasons.slice(1)).to.deep.equal(['IPC H01M 4/58 matches (H01M 4/587)', 'industry GRAPHITE', 'offers LICENSE', 'within budget (800000.00 ≤ 1000000.00 yuan)']);
    expect(s.score).to.be.greaterThan(6);
  });
  it('nothing in common: no suggestion; no wanted deal type halves; over budget costs', () => {
    expect(scorePair(model, candidates[1]!, need, listing({ searchText: candidates[1], classes: ['A23J 1/14'], industries: ['GREEN_FOOD'] }))).to.equal(null);
    const full = scorePair(model, candidates[0]!, need, listing())!.score;
    const transferOnly = scorePair(model, candidates[0]!, need, listing({ modes: ['TRANSFER'] }))!;
    expect(transferOnly.reasons).not.to.include('offers LICENSE');
    expect(transferOnly.score).to.equal((full - 2) / 2 + 1); // (text + IPC + industry) halved, then the budget
    const pricey = scorePair(model, candidates[0]!, need, listing({ askingPrice: 900_000_000 }))!;
    expect(pricey.reasons).to.include('above budget (9000000.00 > 1000000.00 yuan)');
    expect(pricey.score).to.equal(Math.round((full - 2) * 1000) / 1000);
  });
  it('graphene is not graphite: a graphene film shares no concept with a graphite need', () => {
    const s = scorePair(model, candidates[2]!, need, listing({ searchText: candidates[2], classes: ['C01B 32/184'] }));
    expect(s).to.equal(null);
  });
});
