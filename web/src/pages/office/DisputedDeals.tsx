// 支付争议: deals whose Stripe payment the card issuer disputed (charge.dispute.created), newest first,
// paged by the last deal's id. The REGULATOR sees them from the moment they are flagged.
import { Table } from 'antd';
import { useQuery } from 'urql';
import { graphql } from '../../gql';
import { formatDateTime, formatMoney } from '../../format';
import { dealTypes, label } from '../../labels';
import { PageTitle } from '../../components/PageTitle';
import { QueryStates } from '../../components/States';
import { Pager, useAfter } from '../../components/Pager';
import { DealStatusTag } from '../holder/DealStatusTag';
import { disputeReason } from '../holder/deal/disputeReasons';

const PAGE = 20;

const DisputedDealsDocument = graphql(`
  query DisputedDeals($first: Int, $after: String) {
    disputedDeals(first: $first, after: $after) {
      id type status price
      asset { id title number }
      buyer { id name }
      seller { id name }
      dispute { disputeId reason amount openedAt }
    }
  }
`);

export default function DisputedDeals() {
  const after = useAfter();
  const [{ data, fetching, error }, reexecute] = useQuery({ query: DisputedDealsDocument, variables: { first: PAGE + 1, after } });
  const rows = data?.disputedDeals.slice(0, PAGE) ?? [];
  return (
    <>
      <PageTitle>支付争议</PageTitle>
      <QueryStates fetching={fetching} error={error} hasData={!!data} empty={rows.length === 0} emptyText="没有付款被提出争议的交易。" onRetry={() => reexecute({ requestPolicy: 'network-only' })}>
        <Table
          rowKey="id"
          dataSource={rows}
          pagination={false}
          columns={[
            { title: '标的', render: (_v, d) => `${d.asset.title}（${d.asset.number}）` },
            { title: '类型', render: (_v, d) => label(dealTypes, d.type) },
            { title: '卖方', render: (_v, d) => d.seller.name },
            { title: '买方', render: (_v, d) => d.buyer.name },
            { title: '价格', render: (_v, d) => formatMoney(d.price) },
            { title: '状态', render: (_v, d) => <DealStatusTag status={d.status} /> },
            { title: '争议金额', render: (_v, d) => formatMoney(d.dispute?.amount) },
            { title: '争议原因', render: (_v, d) => disputeReason(d.dispute?.reason) },
            { title: '提出时间', render: (_v, d) => formatDateTime(d.dispute?.openedAt) },
          ]}
        />
        <Pager hasNext={(data?.disputedDeals.length ?? 0) > PAGE} nextCursor={rows.at(-1)?.id} />
      </QueryStates>
    </>
  );
}
