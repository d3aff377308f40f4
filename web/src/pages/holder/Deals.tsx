// 我的交易: the organization's deals as buyer or seller, newest first, filtered by status (in the URL).
import { Table } from 'antd';
import { Link } from 'react-router';
import { useQuery } from 'urql';
import { graphql } from '../../gql';
import type { DealStatus } from '../../generated/schema';
import { useAuth } from '../../auth';
import { formatDateTime, formatMoney } from '../../format';
import { dealStatuses, dealTypes, label } from '../../labels';
import { PageTitle } from '../../components/PageTitle';
import { QueryStates } from '../../components/States';
import { Pager, useAfter } from '../../components/Pager';
import { StatusFilter, useStatusParam } from '../../components/StatusFilter';
import { DealStatusTag } from './DealStatusTag';

const PAGE = 20;

export const MyDealsDocument = graphql(`
  query MyDeals($status: DealStatus, $first: Int, $after: String) {
    myDeals(status: $status, first: $first, after: $after) {
      id type status price createdAt
      asset { id title number }
      buyer { id name }
      seller { id name }
    }
  }
`);

export default function Deals() {
  const { me } = useAuth();
  const status = useStatusParam<DealStatus>();
  const after = useAfter();
  const [{ data, fetching, error }, reexecute] = useQuery({ query: MyDealsDocument, variables: { status, first: PAGE + 1, after } });
  const rows = data?.myDeals.slice(0, PAGE) ?? [];
  return (
    <>
      <PageTitle extra={<StatusFilter id="deal-status" table={dealStatuses} />}>我的交易</PageTitle>
      <QueryStates fetching={fetching} error={error} hasData={!!data} empty={rows.length === 0} emptyText={status ? '没有该状态的交易。' : '还没有交易。在挂牌详情页可以提出交易。'} onRetry={() => reexecute({ requestPolicy: 'network-only' })}>
        <Table
          rowKey="id"
          dataSource={rows}
          pagination={false}
          columns={[
            { title: '标的', render: (_v, d) => <Link to={`/me/deals/${d.id}`}>{d.asset.title}</Link> },
            { title: '号码', render: (_v, d) => d.asset.number },
            { title: '类型', render: (_v, d) => label(dealTypes, d.type) },
            { title: '我方', render: (_v, d) => (d.buyer.id === me?.organization.id ? '买方' : '卖方') },
            { title: '对方', render: (_v, d) => (d.buyer.id === me?.organization.id ? d.seller.name : d.buyer.name) },
            { title: '价格', render: (_v, d) => formatMoney(d.price) },
            { title: '状态', render: (_v, d) => <DealStatusTag status={d.status} /> },
            { title: '提出时间', render: (_v, d) => formatDateTime(d.createdAt) },
          ]}
        />
        <Pager hasNext={(data?.myDeals.length ?? 0) > PAGE} nextCursor={rows.at(-1)?.id} />
      </QueryStates>
    </>
  );
}
