// 质押融资: the organization's pledge loan applications, newest first, filtered by status (in the URL).
import { Button, Space, Table } from 'antd';
import { Link } from 'react-router';
import { useQuery } from 'urql';
import { graphql } from '../../gql';
import type { PledgeApplicationStatus } from '../../generated/schema';
import { formatDate, formatMoney } from '../../format';
import { pledgeStatuses } from '../../labels';
import { PageTitle } from '../../components/PageTitle';
import { QueryStates } from '../../components/States';
import { Pager, useAfter } from '../../components/Pager';
import { StatusFilter, useStatusParam } from '../../components/StatusFilter';
import { PledgeStatusTag } from './PledgeStatusTag';

const PAGE = 20;

export const MyPledgeApplicationsDocument = graphql(`
  query MyPledgeApplications($status: PledgeApplicationStatus, $first: Int, $after: String) {
    pledgeApplications(status: $status, first: $first, after: $after) {
      id status requestedAmount approvedAmount termMonths createdAt
      bank { id name }
      product { id name }
      assets { id number title }
    }
  }
`);

export default function Pledges() {
  const status = useStatusParam<PledgeApplicationStatus>();
  const after = useAfter();
  const [{ data, fetching, error }, reexecute] = useQuery({ query: MyPledgeApplicationsDocument, variables: { status, first: PAGE + 1, after } });
  const rows = data?.pledgeApplications.slice(0, PAGE) ?? [];
  return (
    <>
      <PageTitle
        extra={
          <Space>
            <StatusFilter id="pledge-status-filter" table={pledgeStatuses} />
            <Link to="/me/pledges/new"><Button type="primary">申请质押贷款</Button></Link>
          </Space>
        }
      >
        质押融资
      </PageTitle>
      <QueryStates fetching={fetching} error={error} hasData={!!data} empty={rows.length === 0} emptyText={status ? '没有该状态的申请。' : '还没有质押贷款申请。'} onRetry={() => reexecute({ requestPolicy: 'network-only' })}>
        <Table
          rowKey="id"
          dataSource={rows}
          pagination={false}
          columns={[
            { title: '贷款产品', render: (_v, a) => <Link to={`/me/pledges/${a.id}`}>{a.product.name}</Link> },
            { title: '银行', render: (_v, a) => a.bank.name },
            { title: '质押物', render: (_v, a) => a.assets.map((x) => x.number).join('、') },
            { title: '申请金额', render: (_v, a) => formatMoney(a.requestedAmount) },
            { title: '批准金额', render: (_v, a) => formatMoney(a.approvedAmount) },
            { title: '期限', render: (_v, a) => `${a.termMonths}个月` },
            { title: '状态', render: (_v, a) => <PledgeStatusTag status={a.status} /> },
            { title: '申请日期', render: (_v, a) => formatDate(a.createdAt) },
          ]}
        />
        <Pager hasNext={(data?.pledgeApplications.length ?? 0) > PAGE} nextCursor={rows.at(-1)?.id} />
      </QueryStates>
    </>
  );
}
