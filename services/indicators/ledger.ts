// Writes to the per-(indicator, year, county) figures. Called by the services whose writes move an
// indicator, right after their own write; scripts/recompute-indicators rebuilds them from records.
import { IndicatorDelta } from '../../models/indicatorDelta';
import type { County } from '../../models/enums';
import { withLock } from '../atomic';
import { isDuplicateKey } from '../errors';

export type IndicatorCode =
  | 'INVENTION_PATENTS_PER_10K_POPULATION'
  | 'VALID_TRADEMARKS'
  | 'PLEDGE_FINANCING_REGISTERED_AMOUNT'
  | 'IP_ADVANTAGE_ENTERPRISES'
  | 'HIGH_VALUE_INVENTION_PATENTS';

/** Adds `amount` (integer fen or count, may be negative) to the figure of (code, year, county). */
export async function addToIndicator(code: IndicatorCode, year: number, county: County, amount: number): Promise<void> {
  if (!Number.isSafeInteger(amount)) throw new RangeError(`indicator amounts are integers, got ${amount}`);
  if (amount === 0) return;
  // $inc is not atomic on FerretDB 1.x (services/atomic.ts): serialize per figure.
  await withLock(`IndicatorDelta:${code}:${year}:${county}`, async () => {
    try {
      await IndicatorDelta.updateOne({ code, year, county }, { $inc: { amount } }, { upsert: true });
    } catch (err) {
      if (!isDuplicateKey(err)) throw err;
      await IndicatorDelta.updateOne({ code, year, county }, { $inc: { amount } });
    }
  });
}
