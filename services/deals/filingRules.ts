// The licence filing duty (备案): a licence contract is filed with CNIPA within 3 months of taking
// effect (Implementing Rules of the Patent Law; DESIGN.md). Pure rules; the clock is the caller's.
import type { DealDoc } from '../../models/deal';
import { addMonths } from '../rules/calendar';

/** A licence contract must be filed within this many months of taking effect. */
export const FILING_MONTHS = 3;

export const filingDueOn = (licenceStartsOn: string) => addMonths(licenceStartsOn, FILING_MONTHS);

/** Whether a completed licence's filing is late on `on` (filing on the due date itself is in time). */
export function isFilingOverdue(deal: Pick<DealDoc, 'type' | 'status' | 'filing' | 'filingDueOn'>, on: string): boolean {
  return deal.type === 'LICENSE' && deal.status === 'COMPLETED' && !deal.filing && !!deal.filingDueOn && on > deal.filingDueOn;
}
