// 我的需求 (/me/needs): the organization's needs in every status, newest first, paged.
import { Button, Table } from 'antd';
import { Link, useNavigate } from 'react-router';
import { useQuery } from 'urql';
import { graphql } from '../../gql';
import { formatDate, formatMoney } from '../../format';
import { PageTitle } from '../../components/PageTitle';
import { QueryStates } from '../../components/States';
import { Pager, useAfter } from '../../components/Pager';
import { NeedStatusTag } from './NeedFacts';
import { budgetText } from './needLabels';

export const MyNeedsDocument = graphql(`
  query MyNeeds($after: String) {
    technologyNeeds(filter: { mine: true }, sort: NEWEST, first: 20, after: $after) {
      totalCount
      pageInfo { hasNextPage endCursor }
      edges { node { id title status closeReason deadline budgetMin budgetMax createdAt } }
    }
  }
`);

export default function MyNeeds() {
  const after = useAfter();
  const navigate = useNavigate();
  const [result, reexecute] = useQuery({ query: MyNeedsDocument, variables: { after }, requestPolicy: 'cache-and-network' });
  const data = result.data?.technologyNeeds;
  return (
    <>
      <PageTitle extra={<Button type="primary" onClick={() => navigate('/me/needs/new')}>发布技术需求</Button>}>我的需求</PageTitle>
      <QueryStates fetching={result.fetching} error={result.error} hasData={!!data} empty={!!data && data.edges.length === 0} emptyText="还没有发布技术需求。" onRetry={() => reexecute({ requestPolicy: 'network-only' })}>
        <Table
          rowKey={(e) => e.node.id}
          pagination={false}
          dataSource={data?.edges ?? []}
          columns={[
            { title: '需求', render: (_v, { node }) => <Link to={`/me/needs/${node.id}`}>{node.title}</Link> },
            { title: '状态', render: (_v, { node }) => <NeedStatusTag status={node.status} closeReason={node.closeReason} /> },
            { title: '预算', render: (_v, { node }) => budgetText(node.budgetMin, node.budgetMax, formatMoney) },
            { title: '截止日期', render: (_v, { node }) => formatDate(node.deadline) },
            { title: '创建日期', render: (_v, { node }) => formatDate(node.createdAt) },
          ]}
        />
        <Pager hasNext={!!data?.pageInfo.hasNextPage} nextCursor={data?.pageInfo.endCursor} />
      </QueryStates>
    </>
  );
}
