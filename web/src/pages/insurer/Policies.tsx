// 保单: policies this insurer issued, newest first, paged by id (myInsurancePolicies), with the
// premium (confirming a bank transfer) and the bank's claim (paying it): PolicyActions.tsx.
import { Table } from 'antd';
import { useQuery } from 'urql';
import { graphql } from '../../gql';
import { insuranceTypes, label, policyStatuses } from '../../labels';
import { formatDate, formatMoney } from '../../format';
import { PageTitle } from '../../components/PageTitle';
import { QueryStates } from '../../components/States';
import { Pager, useAfter } from '../../components/Pager';
import { ClaimCell, PremiumCell } from './PolicyActions';

export const InsurerPoliciesDocument = graphql(`
  query InsurerPolicies($first: Int, $after: String) {
    myInsurancePolicies(first: $first, after: $after) {
      id policyNumber type coverage premium startsOn endsOn status holder { id name } product { id name } assets { id number }
      premiumStatus premiumPaidVia premiumTransfer { reference amount paidOn } beneficiaryBank { id name } claim { id status amount }
    }
  }
`);

const PAGE = 20;

export default function Policies() {
  const after = useAfter();
  const [{ data, fetching, error }, refetch] = useQuery({ query: InsurerPoliciesDocument, variables: { first: PAGE + 1, after }, requestPolicy: 'cache-and-network' });
  const rows = data?.myInsurancePolicies ?? [];
  const page = rows.slice(0, PAGE);
  const reload = () => refetch({ requestPolicy: 'network-only' });
  return (
    <>
      <PageTitle>保单</PageTitle>
      <QueryStates fetching={fetching} error={error} hasData={!!data} empty={page.length === 0} emptyText="还没有保单" onRetry={() => refetch({ requestPolicy: 'network-only' })}>
        <Table
          rowKey="id"
          size="small"
          pagination={false}
          dataSource={page}
          data-testid="insurer-policies"
          columns={[
            { title: '保单号', dataIndex: 'policyNumber', key: 'no' },
            { title: '投保人', key: 'holder', render: (_, p) => p.holder.name },
            { title: '险种', key: 'type', render: (_, p) => label(insuranceTypes, p.type) },
            { title: '标的', key: 'assets', render: (_, p) => p.assets.map((a) => a.number).join('；') },
            { title: '保额', key: 'coverage', render: (_, p) => formatMoney(p.coverage) },
            { title: '保费', key: 'premium', render: (_, p) => formatMoney(p.premium) },
            { title: '保险期间', key: 'period', render: (_, p) => `${formatDate(p.startsOn)} 至 ${formatDate(p.endsOn)}` },
            { title: '状态', key: 'status', render: (_, p) => label(policyStatuses, p.status) },
            { title: '保费支付', key: 'premiumStatus', render: (_, p) => <PremiumCell policy={p} insurer onDone={reload} /> },
            { title: '受益银行', key: 'bank', render: (_, p) => p.beneficiaryBank?.name ?? '—' },
            { title: '理赔', key: 'claim', render: (_, p) => <ClaimCell claim={p.claim} onDone={reload} /> },
          ]}
        />
        <Pager hasNext={rows.length > PAGE} nextCursor={page[page.length - 1]?.id} />
      </QueryStates>
    </>
  );
}
