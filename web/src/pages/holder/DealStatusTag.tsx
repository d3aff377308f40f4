import type { DealStatus } from '../../generated/schema';
import { dealStatuses, label } from '../../labels';
import { ToneTag, type Tone } from '../../components/AssetTags';

const TONE: Record<DealStatus, Tone> = { PROPOSED: 'blue', ACCEPTED: 'gold', PAYMENT_PENDING: 'gold', PAID: 'green', COMPLETED: 'green', REFUND_PENDING: 'gold', CANCELLED: 'red' };

export function DealStatusTag({ status }: { status: DealStatus }) {
  return <span data-testid="deal-status"><ToneTag tone={TONE[status]}>{label(dealStatuses, status)}</ToneTag></span>;
}
