// The deal page's settlement section (issue 17), one insertion point under the terms: the Stripe dispute
// flag, an open-licence taking's rules, the public notice, bank transfers, the CNIPA recordal or licence
// filing, and the refund. It reads the deal with its own query; urql refetches it after any Deal mutation.
import { Alert } from 'antd';
import { useQuery } from 'urql';
import { useAuth } from '../../../auth';
import { formatDateTime, formatMoney } from '../../../format';
import { ErrorState } from '../../../components/States';
import { DealSettlementDocument } from './dealSettlementQuery';
import { NoticePanel } from './NoticePanel';
import { BankTransfers } from './BankTransfers';
import { FilingPanel, RecordalPanel } from './Recordal';
import { RefundPanel } from './RefundPanel';
import { disputeReason } from './disputeReasons';

export function DealSettlement({ dealId }: { dealId: string }) {
  const { me } = useAuth();
  const [{ data, error }, reexecute] = useQuery({ query: DealSettlementDocument, variables: { id: dealId } });
  if (error && !data) return <ErrorState error={error} onRetry={() => reexecute({ requestPolicy: 'network-only' })} />;
  const deal = data?.deal;
  if (!deal) return null;
  const props = { deal, side: deal.buyer.id === me?.organization.id ? ('BUYER' as const) : ('SELLER' as const) };
  return (
    <div data-testid="deal-settlement">
      {deal.disputed && deal.dispute ? (
        <Alert
          type="error"
          showIcon
          role="alert"
          style={{ marginTop: 16 }}
          title="该交易的付款已被发卡行提出争议（拒付）"
          description={`争议金额 ${formatMoney(deal.dispute.amount)}，${formatDateTime(deal.dispute.openedAt)}提出${deal.dispute.reason ? `，原因：${disputeReason(deal.dispute.reason)}` : ''}。交易状态不会自动回退；买卖双方及市知识产权局均可看到此标记。`}
        />
      ) : null}
      {deal.openLicence ? (
        <Alert
          type="info"
          showIcon
          style={{ marginTop: 16 }}
          title="开放许可"
          description="按专利权人公布的许可使用费和期限取得，不可另议条件；专利权人不能取消，被许可人可在付款前撤回（取消交易）。"
        />
      ) : null}
      <NoticePanel {...props} />
      <BankTransfers {...props} />
      <RecordalPanel {...props} />
      <FilingPanel {...props} />
      <RefundPanel {...props} />
    </div>
  );
}
