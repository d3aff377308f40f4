import type { PledgeApplicationStatus } from '../../generated/schema';
import { label, pledgeStatuses } from '../../labels';
import { ToneTag, type Tone } from '../../components/AssetTags';

const TONE: Record<PledgeApplicationStatus, Tone> = {
  SUBMITTED: 'blue', UNDER_REVIEW: 'gold', APPROVED: 'green', REJECTED: 'red', WITHDRAWN: 'grey', REGISTERED: 'green', RELEASED: 'grey',
};

export function PledgeStatusTag({ status }: { status: PledgeApplicationStatus }) {
  return <span data-testid="pledge-status"><ToneTag tone={TONE[status]}>{label(pledgeStatuses, status)}</ToneTag></span>;
}
