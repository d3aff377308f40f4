// The deal's settlement as the panels under the deal page read it (issue 17): bank transfers, the
// CNIPA recordal or licence filing, the refund, the Stripe dispute and the public notice.
import { graphql } from '../../../gql';
import type { DealSettlementQuery, DealSide } from '../../../gql/graphql';

export const DealSettlementDocument = graphql(`
  query DealSettlement($id: ID!) {
    deal(id: $id) {
      id type status price openLicence settlement stripeAllowed amountConfirmed amountAwaitingConfirmation paidOn
      buyer { id name }
      seller { id name }
      bankTransfers { id reference amount paidOn status recordedAt decidedAt disputeReason }
      recordal { noticeNumber recordedOn recordedBy status confirmedBy confirmedAt }
      filing { filingNumber filedOn }
      filingDueOn
      filingOverdue
      refund { method amount status requestedBy requestedAt stripeRefundId reference paidOn refundedAt }
      disputed
      dispute { disputeId reason amount openedAt }
      publicNotice { id startsOn endsOn inForce objectionCount objections { id reason filedAt answer answeredAt by { id name } } }
    }
  }
`);

export type SettlementDeal = NonNullable<DealSettlementQuery['deal']>;

/** What every panel gets: the deal and which side the signed-in organization is on. */
export interface PanelProps {
  deal: SettlementDeal;
  side: DealSide;
}
