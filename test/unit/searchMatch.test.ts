// searchMatch evaluates search.ts's compiled MongoDB conditions in memory: MongoDB's rules for
// arrays, null/missing, types and the operators search.ts uses.
import { expect } from 'chai';
import { Types } from 'mongoose';
import { matches, matchesAll } from '../../services/listings/searchMatch';

describe('searchMatch (in-memory MongoDB conditions of the search snapshot)', () => {
  const id = new Types.ObjectId();
  const doc = {
    _id: id,
    status: 'PUBLISHED',
    modes: ['LICENSE', 'TRANSFER'],
    classes: ['C01B 32/215', 'H01M 4/587'],
    county: 'LUOBEI',
    askingPrice: 500_000_00,
    highValueFrom: null,
    expiresOn: '2040-03-15',
    publishedAt: new Date('2026-01-02T00:00:00Z'),
    searchText: '一种高纯石墨的提纯方法 | graphite anode',
  };

  it('equality and $in on scalars and arrays (an array matches when one element does)', () => {
    expect(matches(doc, { status: 'PUBLISHED' })).to.equal(true);
    expect(matches(doc, { status: 'DRAFT' })).to.equal(false);
    expect(matches(doc, { modes: { $in: ['PLEDGE', 'TRANSFER'] } })).to.equal(true);
    expect(matches(doc, { modes: { $in: ['PLEDGE'] } })).to.equal(false);
    expect(matches(doc, { county: { $in: ['XIANGYANG', 'LUOBEI'] } })).to.equal(true);
    expect(matches(doc, { _id: new Types.ObjectId(String(id)) })).to.equal(true);
  });

  it('null matches null and missing; $ne: null excludes both', () => {
    expect(matches(doc, { highValueFrom: null })).to.equal(true);
    expect(matches(doc, { nowhere: null })).to.equal(true);
    expect(matches(doc, { highValueFrom: { $ne: null, $lt: '2030-01-01' } })).to.equal(false);
    expect(matches(doc, { $or: [{ expiresOn: null }, { expiresOn: { $gt: '2026-11-25' } }] })).to.equal(true);
    expect(matches({ ...doc, expiresOn: '2020-01-01' }, { $or: [{ expiresOn: null }, { expiresOn: { $gt: '2026-11-25' } }] })).to.equal(false);
  });

  it('ranges compare values of the same type only (numbers, strings, dates)', () => {
    expect(matches(doc, { askingPrice: { $ne: null, $lte: 500_000_00 } })).to.equal(true);
    expect(matches(doc, { askingPrice: { $lt: 500_000_00 } })).to.equal(false);
    expect(matches(doc, { askingPrice: { $lte: '999999999' } })).to.equal(false);
    expect(matches(doc, { expiresOn: { $gte: '2040-03-15' } })).to.equal(true);
    expect(matches(doc, { publishedAt: { $lt: new Date('2026-01-03T00:00:00Z') } })).to.equal(true);
    expect(matches({ ...doc, askingPrice: null }, { askingPrice: { $ne: null, $lte: 1 } })).to.equal(false);
  });

  it('$regex on strings and on array elements; $and of conditions', () => {
    expect(matches(doc, { searchText: { $regex: '石墨' } })).to.equal(true);
    expect(matches(doc, { searchText: { $regex: '(?:^| )anode(?: |$)' } })).to.equal(true);
    expect(matches(doc, { searchText: { $regex: '(?:^| )graph(?: |$)' } })).to.equal(false);
    expect(matches(doc, { classes: { $regex: '^H01M 4/' } })).to.equal(true);
    expect(matches(doc, { classes: { $regex: '^H05K' } })).to.equal(false);
    expect(matchesAll(doc, [{ status: 'PUBLISHED' }, { modes: { $in: ['LICENSE'] } }, { classes: { $regex: '^C01B' } }])).to.equal(true);
    expect(matches(doc, { $and: [{ status: 'PUBLISHED' }, { county: 'XIANGYANG' }] })).to.equal(false);
  });

  it('refuses an operator it does not implement rather than guessing', () => {
    expect(() => matches(doc, { modes: { $all: ['LICENSE'] } })).to.throw(/unsupported operator \$all/);
  });
});
