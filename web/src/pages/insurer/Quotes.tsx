// 报价: the quotes this insurer was asked for, newest first, paged by id (myInsuranceQuotes); a
// pending guarantee quote is underwritten here (UnderwriteQuote).
import { Table } from 'antd';
import { useQuery } from 'urql';
import { graphql } from '../../gql';
import { insuranceTypes, label } from '../../labels';
import { formatDateTime, formatMoney } from '../../format';
import { PageTitle } from '../../components/PageTitle';
import { QueryStates } from '../../components/States';
import { Pager, useAfter } from '../../components/Pager';
import { ToneTag } from '../../components/AssetTags';
import { UnderwriteQuote } from './UnderwriteQuote';

export const InsurerQuotesDocument = graphql(`
  query InsurerQuotes($first: Int, $after: String) {
    myInsuranceQuotes(first: $first, after: $after) {
      id coverage premium validUntil bound createdAt underwriting underwritingReason coverageShareBps beneficiaryBank { id name }
      requester { id name } product { id name type } assets { id number title }
    }
  }
`);

const PAGE = 20;

export default function Quotes() {
  const after = useAfter();
  const [{ data, fetching, error }, refetch] = useQuery({ query: InsurerQuotesDocument, variables: { first: PAGE + 1, after }, requestPolicy: 'cache-and-network' });
  const rows = data?.myInsuranceQuotes ?? [];
  const page = rows.slice(0, PAGE);
  return (
    <>
      <PageTitle>报价</PageTitle>
      <QueryStates fetching={fetching} error={error} hasData={!!data} empty={page.length === 0} emptyText="还没有投保人请求报价" onRetry={() => refetch({ requestPolicy: 'network-only' })}>
        <Table
          rowKey="id"
          size="small"
          pagination={false}
          dataSource={page}
          data-testid="insurer-quotes"
          columns={[
            { title: '投保人', key: 'requester', render: (_, q) => q.requester.name },
            { title: '产品', key: 'product', render: (_, q) => `${q.product.name}（${label(insuranceTypes, q.product.type)}）` },
            { title: '标的', key: 'assets', render: (_, q) => q.assets.map((a) => `${a.number}《${a.title}》`).join('；') },
            { title: '保额', key: 'coverage', render: (_, q) => formatMoney(q.coverage) },
            { title: '保费', key: 'premium', render: (_, q) => formatMoney(q.premium) },
            { title: '有效至', key: 'valid', render: (_, q) => formatDateTime(q.validUntil) },
            { title: '受益银行', key: 'bank', render: (_, q) => (q.beneficiaryBank ? `${q.beneficiaryBank.name}（保障 ${(q.coverageShareBps ?? 10000) / 100}%）` : '—') },
            { title: '核保', key: 'underwriting', render: (_, q) => <UnderwriteQuote quote={q} onDone={() => refetch({ requestPolicy: 'network-only' })} /> },
            { title: '状态', key: 'bound', render: (_, q) => (q.bound ? <ToneTag tone="green">已出单</ToneTag> : <ToneTag tone="grey">未出单</ToneTag>) },
            { title: '请求时间', key: 'created', render: (_, q) => formatDateTime(q.createdAt) },
          ]}
        />
        <Pager hasNext={rows.length > PAGE} nextCursor={page[page.length - 1]?.id} />
      </QueryStates>
    </>
  );
}
