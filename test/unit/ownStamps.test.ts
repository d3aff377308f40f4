// The stamp bookkeeping a cache uses to serve its own writes without re-reading its collection
// (services/sharedStamp.ts OwnStamps, coverAlso), and the matcher's "ask the database" answer that
// services/atomic.ts relies on for conditions it cannot check itself.
import { expect } from 'chai';
import { coverAlso, OwnStamps } from '../../services/sharedStamp';

describe('own stamps and covered stamps (sharedStamp.ts)', () => {
  it('a reader of a stamp being applied waits until done; unknown stamps do not wait', async () => {
    const own = new OwnStamps();
    const w = own.begin();
    expect(w.stamp).to.match(/^[0-9a-f-]{36}$/);
    expect(own.settled('someone-else')).to.equal(undefined);
    let waited = false;
    const reader = (async () => {
      await own.settled(w.stamp);
      waited = true;
    })();
    await new Promise((r) => setImmediate(r));
    expect(waited).to.equal(false);
    w.done();
    await reader;
    expect(waited).to.equal(true);
    expect(own.settled(w.stamp)).to.equal(undefined);
  });

  it('a prefix is kept on the new stamp (full: stamps)', () => {
    expect(new OwnStamps().begin('full:').stamp.startsWith('full:')).to.equal(true);
  });

  it('covered stamps accumulate in order and keep the most recent 32', () => {
    let covered: ReadonlySet<string> = new Set();
    for (let i = 0; i < 40; i++) covered = coverAlso(covered, `s${i}`);
    expect(covered.size).to.equal(32);
    expect(covered.has('s7')).to.equal(false);
    expect(covered.has('s8')).to.equal(true);
    expect(covered.has('s39')).to.equal(true);
  });
});
