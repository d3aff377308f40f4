// The read mirror's in-memory matching and ordering (services/readModel/mirror.ts) follow MongoDB's
// rules for the filters the services use.
import { expect } from 'chai';
import { Types } from 'mongoose';
import { bsonCompare, matchesFilter } from '../../services/readModel/mirror';

const a = new Types.ObjectId('64b000000000000000000001');
const b = new Types.ObjectId('64b000000000000000000002');
const doc = {
  _id: a,
  owner: b,
  status: 'SUBMITTED',
  assets: [a, b],
  pledge: { registration: b, since: new Date('2025-01-01T00:00:00Z') },
  history: [{ to: 'SUBMITTED' }, { to: 'UNDER_REVIEW' }],
  price: 100,
  note: null,
};

describe('read mirror matching', () => {
  it('equality on ObjectIds, arrays by element, null as missing', () => {
    expect(matchesFilter(doc, { owner: new Types.ObjectId(String(b)) })).to.equal(true);
    expect(matchesFilter(doc, { owner: a })).to.equal(false);
    expect(matchesFilter(doc, { assets: b })).to.equal(true);
    expect(matchesFilter(doc, { note: null, missing: null })).to.equal(true);
    expect(matchesFilter(doc, { price: null })).to.equal(false);
  });
  it('dotted paths into subdocuments and arrays of subdocuments', () => {
    expect(matchesFilter(doc, { 'pledge.registration': b })).to.equal(true);
    expect(matchesFilter(doc, { 'history.to': 'UNDER_REVIEW' })).to.equal(true);
    expect(matchesFilter(doc, { 'history.to': 'APPROVED' })).to.equal(false);
  });
  it('$in $nin $ne $exists and ranges within one type', () => {
    expect(matchesFilter(doc, { status: { $in: ['APPROVED', 'SUBMITTED'] } })).to.equal(true);
    expect(matchesFilter(doc, { status: { $nin: ['SUBMITTED'] } })).to.equal(false);
    expect(matchesFilter(doc, { pledge: { $ne: null } })).to.equal(true);
    expect(matchesFilter(doc, { missing: { $exists: false }, price: { $exists: true } })).to.equal(true);
    expect(matchesFilter(doc, { _id: { $lt: b } })).to.equal(true);
    expect(matchesFilter(doc, { price: { $gte: 100, $lt: 101 } })).to.equal(true);
    expect(matchesFilter(doc, { price: { $lt: '200' } })).to.equal(false); // a number never compares with a string
  });
  it('$and $or $nor and $regex', () => {
    expect(matchesFilter(doc, { $or: [{ owner: a }, { status: 'SUBMITTED' }] })).to.equal(true);
    expect(matchesFilter(doc, { $and: [{ owner: b }, { status: 'REJECTED' }] })).to.equal(false);
    expect(matchesFilter(doc, { $nor: [{ status: 'SUBMITTED' }] })).to.equal(false);
    expect(matchesFilter(doc, { status: { $regex: '^SUB' } })).to.equal(true);
  });
  it('an operator it does not know is refused, not guessed', () => {
    expect(() => matchesFilter(doc, { history: { $elemMatch: { to: 'SUBMITTED' } } })).to.throw();
  });
  it('BSON order: null < numbers < strings < ObjectId < Date', () => {
    const xs = [new Date(0), b, 'x', 3, null, a];
    xs.sort(bsonCompare);
    expect(xs.map((x) => (x instanceof Date ? 'date' : x === null ? 'null' : typeof x === 'object' ? String(x).slice(-1) : x))).to.deep.equal(['null', 3, 'x', '1', '2', 'date']);
  });
});
