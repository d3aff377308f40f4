// Writes to the per-(indicator, year, county) figures. Called by the services whose writes move an
// indicator, right after their own write; scripts/recompute-indicators rebuilds them from records.
import mongoose from 'mongoose';
import { IndicatorDelta } from '../../models/indicatorDelta';
import type { County } from '../../models/enums';
import { upsertOrUpdate, withLock } from '../atomic';
import { touchFigures } from './store';

export type IndicatorCode =
  | 'INVENTION_PATENTS_PER_10K_POPULATION'
  | 'VALID_TRADEMARKS'
  | 'PLEDGE_FINANCING_REGISTERED_AMOUNT'
  | 'IP_ADVANTAGE_ENTERPRISES'
  | 'HIGH_VALUE_INVENTION_PATENTS'
  | 'PCT_APPLICATIONS';

export interface LedgerChange {
  code: IndicatorCode;
  year: number;
  county: County;
  amount: number; // integer fen or count, may be negative
}

/**
 * Increments go to the driver as 64-bit integers (not through mongoose, which would cast them back to
 * a JS number that the driver writes as int32): FerretDB 1.24 wraps an int32 $inc on overflow
 * (2,000,000,000 + 2,000,000,000 = -294,967,296, measured), and pledge amounts in fen pass 2^31
 * (21,474,836.48 yuan) within one year and county. An int64 increment also repairs an int32 field.
 */
const asInt64 = (n: number) => mongoose.mongo.Long.fromNumber(n);

/** Adds each amount to its figure, then marks the figures changed (one stamp for the batch). */
export async function addToIndicators(changes: LedgerChange[]): Promise<void> {
  for (const c of changes) {
    if (!Number.isSafeInteger(c.amount)) throw new RangeError(`indicator amounts are integers, got ${c.amount}`);
  }
  const nonZero = changes.filter((c) => c.amount !== 0);
  if (nonZero.length === 0) return;
  for (const { code, year, county, amount } of nonZero) {
    // $inc is not atomic on FerretDB 1.x (services/atomic.ts): serialize per figure.
    await withLock(`IndicatorDelta:${code}:${year}:${county}`, async () => {
      await upsertOrUpdate((upsert) => IndicatorDelta.collection.updateOne({ code, year, county }, { $inc: { amount: asInt64(amount) } }, { upsert }));
    });
  }
  await touchFigures();
}

/** Adds `amount` (integer fen or count, may be negative) to the figure of (code, year, county). */
export async function addToIndicator(code: IndicatorCode, year: number, county: County, amount: number): Promise<void> {
  await addToIndicators([{ code, year, county, amount }]);
}
