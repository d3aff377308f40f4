// 质押申请队列: the applications sent to this bank, by status (in the URL), newest first, paged by id.
import { Segmented, Table } from 'antd';
import { Link, useSearchParams } from 'react-router';
import { useQuery } from 'urql';
import { graphql } from '../../gql';
import type { PledgeApplicationStatus } from '../../gql/graphql';
import { label, pledgeStatuses } from '../../labels';
import { formatDateTime, formatMoney } from '../../format';
import { PageTitle } from '../../components/PageTitle';
import { QueryStates } from '../../components/States';
import { Pager, useAfter } from '../../components/Pager';
import { ToneTag } from '../../components/AssetTags';
import { QUEUE_STATUSES } from './bankText';

export const BankApplicationsDocument = graphql(`
  query BankApplications($status: PledgeApplicationStatus, $first: Int, $after: String) {
    pledgeApplications(status: $status, first: $first, after: $after) {
      id status requestedAmount approvedAmount termMonths createdAt
      applicant { id name } product { id name } dueDiligence { risks }
    }
  }
`);

const PAGE = 20;

export default function Applications() {
  const [params, setParams] = useSearchParams();
  const after = useAfter();
  const status = (params.get('status') || 'SUBMITTED') as PledgeApplicationStatus | 'ALL';
  const [{ data, fetching, error }, refetch] = useQuery({
    query: BankApplicationsDocument,
    variables: { status: status === 'ALL' ? null : status, first: PAGE + 1, after },
    requestPolicy: 'cache-and-network',
  });
  const rows = data?.pledgeApplications ?? [];
  const page = rows.slice(0, PAGE);
  return (
    <>
      <PageTitle>质押申请</PageTitle>
      <Segmented
        aria-label="申请状态"
        style={{ marginBottom: 16 }}
        value={status}
        onChange={(v) => setParams(new URLSearchParams({ status: String(v) }))}
        options={[...QUEUE_STATUSES.map((s) => ({ value: s, label: pledgeStatuses[s] })), { value: 'ALL', label: '全部' }]}
      />
      <QueryStates fetching={fetching} error={error} hasData={!!data} empty={page.length === 0} emptyText={`没有${status === 'ALL' ? '' : `“${label(pledgeStatuses, status)}”的`}申请`} onRetry={() => refetch({ requestPolicy: 'network-only' })}>
        <Table
          rowKey="id"
          size="small"
          pagination={false}
          dataSource={page}
          data-testid="application-queue"
          columns={[
            { title: '申请人', key: 'applicant', render: (_, a) => <Link to={`/bank/applications/${a.id}`}>{a.applicant.name}</Link> },
            { title: '产品', key: 'product', render: (_, a) => a.product.name },
            { title: '申请金额', key: 'amount', render: (_, a) => formatMoney(a.requestedAmount) },
            { title: '期限', key: 'term', render: (_, a) => `${a.termMonths}个月` },
            { title: '风险提示', key: 'risks', render: (_, a) => (a.dueDiligence.risks.length ? <ToneTag tone="red">{a.dueDiligence.risks.length} 项</ToneTag> : <ToneTag tone="green">无</ToneTag>) },
            { title: '状态', key: 'status', render: (_, a) => label(pledgeStatuses, a.status) },
            { title: '提交时间', key: 'createdAt', render: (_, a) => formatDateTime(a.createdAt) },
          ]}
        />
        <Pager hasNext={rows.length > PAGE} nextCursor={page[page.length - 1]?.id} />
      </QueryStates>
    </>
  );
}
