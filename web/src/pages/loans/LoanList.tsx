// A list of loans (the bank's, or the borrower's "my loans"): status filter and keyset paging in the
// URL (?status=, ?after=), newest first, with what is repaid, outstanding and past due.
import { Space, Table } from 'antd';
import { Link } from 'react-router';
import { useQuery } from 'urql';
import { graphql } from '../../gql';
import type { LoanStatus } from '../../gql/graphql';
import { label } from '../../labels';
import { formatDate, formatMoney } from '../../format';
import { loanStatuses } from '../../loanLabels';
import { PageTitle } from '../../components/PageTitle';
import { QueryStates } from '../../components/States';
import { Pager, useAfter } from '../../components/Pager';
import { StatusFilter, useStatusParam } from '../../components/StatusFilter';
import { LoanStatusTag, nextDueText } from './LoanView';

export const LoansListDocument = graphql(`
  query LoansList($status: LoanStatus, $first: Int, $after: String) {
    loans(status: $status, first: $first, after: $after) {
      totalCount
      pageInfo { hasNextPage endCursor }
      edges {
        node {
          id contractNumber principal status maturityOn repaidTotal outstanding pastDue daysPastDue
          bank { id name } borrower { id name }
          schedule { dueOn total paid }
        }
      }
    }
  }
`);

const PAGE = 20;

export function LoanList({ title, linkTo, party }: { title: string; linkTo: (id: string) => string; party: 'bank' | 'borrower' }) {
  const status = useStatusParam<LoanStatus>();
  const after = useAfter();
  const [{ data, fetching, error }, refetch] = useQuery({
    query: LoansListDocument,
    variables: { status, first: PAGE, after },
    requestPolicy: 'cache-and-network',
  });
  const conn = data?.loans;
  const rows = conn?.edges.map((e) => e.node) ?? [];
  return (
    <>
      <PageTitle extra={<StatusFilter id="loan-status" table={loanStatuses} />}>{title}</PageTitle>
      <QueryStates
        fetching={fetching}
        error={error}
        hasData={!!data}
        empty={rows.length === 0}
        emptyText={status ? `没有“${label(loanStatuses, status)}”的贷款` : '还没有贷款'}
        onRetry={() => refetch({ requestPolicy: 'network-only' })}
      >
        <Space style={{ marginBottom: 8 }}>共 {conn?.totalCount ?? 0} 笔</Space>
        <Table
          rowKey="id"
          size="small"
          pagination={false}
          scroll={{ x: true }}
          dataSource={rows}
          data-testid="loan-list"
          columns={[
            { title: '合同编号', key: 'contract', render: (_, l) => <Link to={linkTo(l.id)}>{l.contractNumber}</Link> },
            party === 'bank'
              ? { title: '借款人', key: 'borrower', render: (_, l) => l.borrower.name }
              : { title: '贷款银行', key: 'bank', render: (_, l) => l.bank.name },
            { title: '本金', key: 'principal', render: (_, l) => formatMoney(l.principal) },
            { title: '状态', key: 'status', render: (_, l) => <LoanStatusTag status={l.status} /> },
            { title: '已还', key: 'repaid', render: (_, l) => formatMoney(l.repaidTotal) },
            { title: '未还', key: 'outstanding', render: (_, l) => formatMoney(l.outstanding) },
            { title: '逾期', key: 'pastDue', render: (_, l) => (l.daysPastDue > 0 ? `${formatMoney(l.pastDue)}（${l.daysPastDue} 天）` : '无') },
            { title: '下一期应还', key: 'next', render: (_, l) => nextDueText(l.schedule) },
            { title: '到期日', key: 'maturity', render: (_, l) => formatDate(l.maturityOn) },
          ]}
        />
        <Pager hasNext={!!conn?.pageInfo.hasNextPage} nextCursor={conn?.pageInfo.endCursor} />
      </QueryStates>
    </>
  );
}
