// 知识产权保险: the insurers' products, a quote for some of the organization's rights (guarantee cover
// names the lending bank and is underwritten by the insurer first), the organization's quotes
// (binding them: InsuranceQuotes.tsx) and its policies with their premium (PolicyPremium.tsx).
import { useState } from 'react';
import { Alert, App, Button, Card, Descriptions, Form, Input, Select, Space, Table } from 'antd';
import { useMutation, useQuery } from 'urql';
import { graphql } from '../../gql';
import type { RequestInsuranceQuoteMutation } from '../../gql/graphql';
import { formatDate, formatDateTime, formatMoney, parseMoneyInput } from '../../format';
import { insuranceTypes, label, policyStatuses } from '../../labels';
import { problemOf } from '../../errors';
import { PageTitle } from '../../components/PageTitle';
import { ProblemAlert, QueryStates } from '../../components/States';
import { useFormMutation } from '../../components/useFormMutation';
import { ToneTag } from '../../components/AssetTags';
import { HolderQuotes, HolderQuotesDocument } from './InsuranceQuotes';
import { PolicyPremium } from './PolicyPremium';

const InsuranceDocument = graphql(`
  query HolderInsurance {
    insuranceProducts { id name type premiumRatePercent maxCoverage active insurer { id name } }
    myAssets(first: 100) { id number title }
    myInsurancePolicies {
      id policyNumber type status coverage premium startsOn endsOn insurer { name } product { name } assets { number }
      premiumStatus premiumPaidVia premiumTransfer { reference amount paidOn } inForce beneficiaryBank { name }
    }
    loanProducts { id name bank { id name } }
  }
`);
const QuoteDocument = graphql(`
  mutation RequestInsuranceQuote($productId: ID!, $assetIds: [ID!]!, $coverage: Money!, $beneficiaryBankId: ID, $coverageShareBps: Int) {
    requestInsuranceQuote(productId: $productId, assetIds: $assetIds, coverage: $coverage, beneficiaryBankId: $beneficiaryBankId, coverageShareBps: $coverageShareBps) {
      id coverage premium validUntil bound underwriting product { id name type insurer { name } } assets { id number }
    }
  }
`);
const BindDocument = graphql(`mutation BindInsurancePolicy($quoteId: ID!) { bindInsurancePolicy(quoteId: $quoteId) { id policyNumber status } }`);

type Quote = RequestInsuranceQuoteMutation['requestInsuranceQuote'];
interface Values { productId: string; assetIds: string[]; coverage: string; beneficiaryBankId?: string; coverageShareBps?: string }

export default function Insurance() {
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [{ data, fetching, error }, reexecute] = useQuery({ query: InsuranceDocument });
  const { run, problem, fetching: quoting } = useFormMutation(QuoteDocument, form, '');
  const [bindState, bind] = useMutation(BindDocument);
  const [quote, setQuote] = useState<Quote | null>(null);
  const [quotesResult, reloadQuotes] = useQuery({ query: HolderQuotesDocument });
  const products = (data?.insuranceProducts ?? []).filter((p) => p.active);
  const productId = Form.useWatch('productId', form);
  const guarantee = products.find((p) => p.id === productId)?.type === 'PLEDGE_FINANCING_GUARANTEE';
  // A bank with the names of its loan products (banks' names alone may repeat).
  const banks = [...(data?.loanProducts ?? []).reduce((m, p) => m.set(p.bank.id, { id: p.bank.id, label: `${m.get(p.bank.id)?.label ?? p.bank.name}（${p.name}）` }), new Map<string, { id: string; label: string }>()).values()];
  const reloadAll = () => { reexecute({ requestPolicy: 'network-only' }); reloadQuotes({ requestPolicy: 'network-only' }); };
  const myQuotes = quotesResult.data?.myInsuranceQuotes ?? [];
  const policies = data?.myInsurancePolicies ?? [];
  return (
    <>
      <PageTitle>知识产权保险</PageTitle>
      <Space direction="vertical" size="large" style={{ width: '100%' }}>
        <Card title={<h2 style={{ fontSize: 16, margin: 0 }}>申请报价</h2>}>
          <ProblemAlert problem={problem} />
          <Form form={form} layout="vertical" onFinish={async (v) => {
            const share = v.coverageShareBps ? Math.round(Number(v.coverageShareBps) * 100) : null;
            const d = await run({
              productId: v.productId, assetIds: v.assetIds, coverage: parseMoneyInput(v.coverage) ?? v.coverage,
              ...(guarantee ? { beneficiaryBankId: v.beneficiaryBankId ?? null, coverageShareBps: share } : {}),
            });
            if (d) { setQuote(d.requestInsuranceQuote); reloadQuotes({ requestPolicy: 'network-only' }); }
          }}>
            <Form.Item name="productId" label="保险产品" rules={[{ required: true, message: '请选择保险产品' }]}>
              <Select loading={fetching} showSearch={{ optionFilterProp: 'label' }} notFoundContent="暂无保险产品" options={products.map((p) => ({ value: p.id, label: `${p.insurer.name} · ${p.name}（${label(insuranceTypes, p.type)}，费率 ${p.premiumRatePercent}%，最高保额 ${formatMoney(p.maxCoverage)}）` }))} />
            </Form.Item>
            <Form.Item name="assetIds" label="投保的权利" rules={[{ required: true, type: 'array', min: 1, message: '至少选择一项权利' }]}>
              <Select mode="multiple" showSearch={{ optionFilterProp: 'label' }} notFoundContent="还没有登记权利" options={(data?.myAssets ?? []).map((a) => ({ value: a.id, label: `${a.number} ${a.title}` }))} />
            </Form.Item>
            <Form.Item name="coverage" label="保额（元）" rules={[{ required: true, message: '请输入保额' }, { validator: async (_r, v: string | undefined) => { if (v && !parseMoneyInput(v)) throw new Error('请输入金额'); } }]}>
              <Input style={{ width: 220 }} />
            </Form.Item>
            {guarantee ? (
              <>
                <Form.Item name="beneficiaryBankId" label="受益银行（贷款银行）" rules={[{ required: true, message: '请选择受益银行' }]}>
                  <Select showSearch={{ optionFilterProp: 'label' }} notFoundContent="暂无银行" options={banks.map((b) => ({ value: b.id, label: b.label }))} />
                </Form.Item>
                <Form.Item name="coverageShareBps" label="保障比例（%，不填为全额）" extra="保额须不低于批准贷款金额 × 保障比例">
                  <Input style={{ width: 120 }} />
                </Form.Item>
              </>
            ) : null}
            <Button type="primary" htmlType="submit" loading={quoting}>获取报价</Button>
          </Form>
          {quote ? (
            <Card size="small" style={{ marginTop: 16 }} data-testid="quote" title="报价">
              <Descriptions size="small" column={{ xs: 1, md: 2 }}>
                <Descriptions.Item label="产品">{quote.product.insurer.name} · {quote.product.name}</Descriptions.Item>
                <Descriptions.Item label="权利">{quote.assets.map((a) => a.number).join('、')}</Descriptions.Item>
                <Descriptions.Item label="保额">{formatMoney(quote.coverage)}</Descriptions.Item>
                <Descriptions.Item label="保费">{formatMoney(quote.premium)}</Descriptions.Item>
                <Descriptions.Item label="报价有效期至">{formatDateTime(quote.validUntil)}</Descriptions.Item>
              </Descriptions>
              {quote.underwriting === 'PENDING' ? <Alert type="info" showIcon title="待保险公司核保：承保后可在下方“我的报价”中确认投保" /> : quote.bound ? <Alert type="success" showIcon title="已投保" /> : (
                <Button type="primary" loading={bindState.fetching} onClick={async () => {
                  const res = await bind({ quoteId: quote.id });
                  const p = problemOf(res.error);
                  if (p) void message.error(`投保失败：${p.message}${p.detail}`);
                  else {
                    void message.success(`已投保，保单号 ${res.data?.bindInsurancePolicy.policyNumber ?? ''}`);
                    setQuote({ ...quote, bound: true });
                    reexecute({ requestPolicy: 'network-only' });
                  }
                }}>确认投保</Button>
              )}
            </Card>
          ) : null}
        </Card>
        <Card title={<h2 style={{ fontSize: 16, margin: 0 }}>我的报价</h2>}>
          <QueryStates fetching={quotesResult.fetching} error={quotesResult.error} hasData={!!quotesResult.data} empty={myQuotes.length === 0} emptyText="还没有报价。" onRetry={() => reloadQuotes({ requestPolicy: 'network-only' })}>
            <HolderQuotes quotes={myQuotes} onBound={reloadAll} />
          </QueryStates>
        </Card>
        <Card title={<h2 style={{ fontSize: 16, margin: 0 }}>我的保单</h2>}>
          <QueryStates fetching={fetching} error={error} hasData={!!data} empty={policies.length === 0} emptyText="还没有保单。" onRetry={() => reexecute({ requestPolicy: 'network-only' })}>
            <Table rowKey="id" pagination={false} dataSource={policies} columns={[
              { title: '保单号', dataIndex: 'policyNumber' },
              { title: '险种', render: (_v, p) => label(insuranceTypes, p.type) },
              { title: '保险公司', render: (_v, p) => p.insurer.name },
              { title: '权利', render: (_v, p) => p.assets.map((a) => a.number).join('、') },
              { title: '保额', render: (_v, p) => formatMoney(p.coverage) },
              { title: '保费', render: (_v, p) => formatMoney(p.premium) },
              { title: '保险期间', render: (_v, p) => `${formatDate(p.startsOn)}至${formatDate(p.endsOn)}` },
              { title: '状态', render: (_v, p) => <ToneTag tone={p.status === 'ACTIVE' ? 'green' : 'grey'}>{label(policyStatuses, p.status)}</ToneTag> },
              { title: '保费支付', render: (_v, p) => <PolicyPremium policy={p} premium={p.premium} onDone={reloadAll} /> },
            ]} />
          </QueryStates>
        </Card>
      </Space>
    </>
  );
}
