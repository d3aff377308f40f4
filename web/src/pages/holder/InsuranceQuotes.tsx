// 我的报价: the quotes the organization requested, newest first; one that is accepted (or needs no
// underwriting) and not yet bound is bound here; a guarantee quote shows the insurer's underwriting.
import { App, Button, Table, Tooltip } from 'antd';
import { useMutation } from 'urql';
import { graphql } from '../../gql';
import type { HolderQuotesQuery } from '../../gql/graphql';
import { formatDateTime, formatMoney } from '../../format';
import { insuranceTypes, label } from '../../labels';
import { underwritingStatuses } from '../../guaranteeLabels';
import { problemOf } from '../../errors';
import { ToneTag } from '../../components/AssetTags';

export const HolderQuotesDocument = graphql(`
  query HolderQuotes {
    myInsuranceQuotes(first: 50) {
      id coverage premium validUntil bound underwriting underwritingReason coverageShareBps
      beneficiaryBank { id name } requester { id } product { id name type insurer { name } } assets { id number }
    }
  }
`);
const BindQuoteDocument = graphql(`mutation BindQuote($quoteId: ID!) { bindInsurancePolicy(quoteId: $quoteId) { id policyNumber status premiumStatus } }`);

type Quote = HolderQuotesQuery['myInsuranceQuotes'][number];

export function HolderQuotes({ quotes, onBound }: { quotes: Quote[]; onBound: () => void }) {
  const { message } = App.useApp();
  const [state, bind] = useMutation(BindQuoteDocument);
  const status = (q: Quote) => {
    if (q.bound) return <ToneTag tone="green">已投保</ToneTag>;
    if (!q.underwriting) return <ToneTag tone="grey">可投保</ToneTag>;
    const tag = <ToneTag tone={q.underwriting === 'ACCEPTED' ? 'green' : q.underwriting === 'PENDING' ? 'gold' : 'grey'}>{label(underwritingStatuses, q.underwriting)}</ToneTag>;
    return q.underwritingReason ? <Tooltip title={`理由：${q.underwritingReason}`}><span>{tag} {q.underwritingReason}</span></Tooltip> : tag;
  };
  return (
    <Table rowKey="id" size="small" pagination={false} dataSource={quotes} data-testid="holder-quotes" columns={[
      { title: '产品', render: (_v, q) => `${q.product.insurer.name} · ${q.product.name}（${label(insuranceTypes, q.product.type)}）` },
      { title: '权利', render: (_v, q) => q.assets.map((a) => a.number).join('、') },
      { title: '保额', render: (_v, q) => formatMoney(q.coverage) },
      { title: '保费', render: (_v, q) => formatMoney(q.premium) },
      { title: '受益银行', render: (_v, q) => (q.beneficiaryBank ? `${q.beneficiaryBank.name}（保障 ${(q.coverageShareBps ?? 10000) / 100}%）` : '—') },
      { title: '有效至', render: (_v, q) => formatDateTime(q.validUntil) },
      { title: '状态', render: (_v, q) => status(q) },
      {
        title: '操作',
        render: (_v, q) => (!q.bound && (!q.underwriting || q.underwriting === 'ACCEPTED') ? (
          <Button size="small" type="primary" loading={state.fetching} onClick={async () => {
            const res = await bind({ quoteId: q.id });
            const p = problemOf(res.error);
            if (p) void message.error(`投保失败：${p.message}${p.detail}`);
            else { void message.success(`已投保，保单号 ${res.data?.bindInsurancePolicy.policyNumber ?? ''}`); onBound(); }
          }}>确认投保</Button>
        ) : null),
      },
    ]} />
  );
}
