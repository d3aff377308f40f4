// 评估委托: the pledge applications naming this appraiser, to confirm (?status=open) or confirmed
// (?status=done), newest first, paged by id (valuationRequests).
import { Segmented, Table } from 'antd';
import { Link, useSearchParams } from 'react-router';
import { useQuery } from 'urql';
import { graphql } from '../../gql';
import { formatDateTime, formatMoney } from '../../format';
import { label, pledgeStatuses } from '../../labels';
import { PageTitle } from '../../components/PageTitle';
import { QueryStates } from '../../components/States';
import { Pager, useAfter } from '../../components/Pager';
import { ToneTag } from '../../components/AssetTags';

export const ValuationRequestsDocument = graphql(`
  query ValuationRequests($confirmed: Boolean, $first: Int, $after: String) {
    valuationRequests(confirmed: $confirmed, first: $first, after: $after) {
      id status requestedAmount createdAt
      applicant { id name } bank { id name } assets { id number title }
      valuation { amount }
      valuationReport { reportNumber total }
    }
  }
`);

const PAGE = 20;
const VIEWS = { open: '待确认', done: '已确认', all: '全部' } as const;
type View = keyof typeof VIEWS;

export default function Requests() {
  const [params, setParams] = useSearchParams();
  const after = useAfter();
  const raw = params.get('status');
  const view: View = raw === 'done' || raw === 'all' ? raw : 'open';
  const [{ data, fetching, error }, refetch] = useQuery({
    query: ValuationRequestsDocument,
    variables: { confirmed: view === 'all' ? null : view === 'done', first: PAGE + 1, after },
    requestPolicy: 'cache-and-network',
  });
  const rows = data?.valuationRequests ?? [];
  const page = rows.slice(0, PAGE);
  return (
    <>
      <PageTitle>评估委托</PageTitle>
      <Segmented
        aria-label="确认状态"
        style={{ marginBottom: 16 }}
        value={view}
        onChange={(v) => setParams(new URLSearchParams({ status: String(v) }))}
        options={(Object.keys(VIEWS) as View[]).map((v) => ({ value: v, label: VIEWS[v] }))}
      />
      <QueryStates fetching={fetching} error={error} hasData={!!data} empty={page.length === 0} emptyText={view === 'done' ? '还没有已确认的评估报告' : '没有待确认的评估委托'} onRetry={() => refetch({ requestPolicy: 'network-only' })}>
        <Table
          rowKey="id"
          size="small"
          pagination={false}
          dataSource={page}
          data-testid="valuation-requests"
          columns={[
            { title: '申请人', key: 'applicant', render: (_, a) => <Link to={`/appraiser/requests/${a.id}`}>{a.applicant.name}</Link> },
            { title: '贷款银行', key: 'bank', render: (_, a) => a.bank.name },
            { title: '质押物', key: 'assets', render: (_, a) => a.assets.map((x) => `${x.number}《${x.title}》`).join('；') },
            { title: '申请金额', key: 'amount', render: (_, a) => formatMoney(a.requestedAmount) },
            { title: '申请人自报价值', key: 'stated', render: (_, a) => formatMoney(a.valuation?.amount) },
            {
              title: '评估报告', key: 'report',
              render: (_, a) => (a.valuationReport ? <ToneTag tone="green">已确认 {formatMoney(a.valuationReport.total)}</ToneTag> : <ToneTag tone="grey">待确认</ToneTag>),
            },
            { title: '申请状态', key: 'status', render: (_, a) => label(pledgeStatuses, a.status) },
            { title: '委托时间', key: 'created', render: (_, a) => formatDateTime(a.createdAt) },
          ]}
        />
        <Pager hasNext={rows.length > PAGE} nextCursor={page[page.length - 1]?.id} />
      </QueryStates>
    </>
  );
}
