// Shared stamps: cross-process cache invalidation. One small document per cached domain (in the
// `indicatorstamps` collection, keyed by the domain: "indicators", "listings"), whose `stamp`
// changes after every write to the data that domain caches. Each API process keeps its cache with
// the stamp it read *before* reading the data, and re-reads when the stamp it sees differs.
// Writers bump the stamp after their write, so a reader that sees the new stamp reads data that
// includes the write. Reading a stamp is one small-document read per request (FerretDB 1.x scans
// even a filtered find of a big collection; the stamp collection holds a handful of documents).
import { randomUUID } from 'node:crypto';
import { IndicatorStamp } from '../models/indicatorStamp';
import { withLock } from './atomic';
import { isDuplicateKey } from './errors';

/** Marks `key`'s data changed, for every process. Call after the write. */
export async function touchStamp(key: string): Promise<void> {
  await withLock(`IndicatorStamp:${key}`, async () => {
    const update = { $set: { stamp: randomUUID() } };
    try {
      await IndicatorStamp.updateOne({ _id: key }, update, { upsert: true });
    } catch (err) {
      if (!isDuplicateKey(err)) throw err;
      await IndicatorStamp.updateOne({ _id: key }, update);
    }
  });
}

/** The current stamp of `key` ("none" before the first write). */
export async function readStamp(key: string): Promise<string> {
  return (await IndicatorStamp.findById(key, { stamp: 1 }).lean())?.stamp ?? 'none';
}
