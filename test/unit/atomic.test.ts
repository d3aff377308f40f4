import { expect } from 'chai';
import { withLock } from '../../services/atomic';

describe('withLock (per-document serialization for FerretDB 1.x)', () => {
  it('serializes read-modify-write sections with the same key', async () => {
    let value = 0;
    await Promise.all(
      Array.from({ length: 50 }, () =>
        withLock('doc:1', async () => {
          const read = value;
          await new Promise((r) => setTimeout(r, 1));
          value = read + 1;
        }),
      ),
    );
    expect(value).to.equal(50);
  });

  it('lets one claimant win a conditional claim', async () => {
    let pledge: string | null = null;
    const results = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        withLock('asset:1', async () => {
          await new Promise((r) => setImmediate(r));
          if (pledge !== null) return false;
          pledge = `r${i}`;
          return true;
        }),
      ),
    );
    expect(results.filter(Boolean)).to.have.length(1);
    expect(pledge).to.equal('r0');
  });

  it('does not block other keys, and a failing section releases the lock', async () => {
    const order: string[] = [];
    const slow = withLock('a', async () => {
      await new Promise((r) => setTimeout(r, 20));
      order.push('a');
    });
    await withLock('b', async () => order.push('b'));
    await slow;
    expect(order).to.deep.equal(['b', 'a']);
    await withLock('c', async () => {
      throw new Error('boom');
    }).catch(() => undefined);
    expect(await withLock('c', async () => 'free')).to.equal('free');
  });
});
