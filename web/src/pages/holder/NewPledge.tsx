// 申请质押贷款: applyForPledgeLoan with one of the verified banks' products, the organization's rights
// as collateral, the amount and term, and optionally a valuation, an appraiser to confirm it, and an insurance policy.
import { Button, Card, DatePicker, Descriptions, Form, Input, InputNumber, Select, Space } from 'antd';
import type { Dayjs } from 'dayjs';
import { useNavigate } from 'react-router';
import { useQuery } from 'urql';
import { graphql } from '../../gql';
import type { ValuationMethod } from '../../generated/schema';
import { formatMoney, parseMoneyInput } from '../../format';
import { ipKinds, label, options, valuationMethods } from '../../labels';
import { PageTitle } from '../../components/PageTitle';
import { ProblemAlert } from '../../components/States';
import { useFormMutation } from '../../components/useFormMutation';
import { preventEnterSubmit } from '../../components/formKeys';

const PledgeChoicesDocument = graphql(`
  query PledgeChoices {
    loanProducts { id name maxAmount maxLoanToValue maxTermMonths annualRatePercent acceptedKinds active bank { id name } }
    myAssets(first: 100) { id number title kind verification legalStatus }
    myInsurancePolicies { id policyNumber status coverage product { name } }
    appraisers: financialInstitutions(kind: APPRAISER) { id name county }
  }
`);
const ApplyDocument = graphql(`
  mutation ApplyForPledgeLoan($input: PledgeApplicationInput!) { applyForPledgeLoan(input: $input) { id status } }
`);

interface Values {
  productId: string;
  assetIds: string[];
  requestedAmount: string;
  termMonths: number;
  valuation?: { amount?: string; method?: ValuationMethod; valuedOn?: Dayjs | null };
  insurancePolicyId?: string;
  appraiserId?: string;
}

const moneyRule = { validator: async (_r: unknown, v: string | undefined) => { if (v && !parseMoneyInput(v)) throw new Error('请输入金额，如 1000000 或 1000000.00'); } };

export default function NewPledge() {
  const [form] = Form.useForm<Values>();
  const navigate = useNavigate();
  const [choices] = useQuery({ query: PledgeChoicesDocument });
  const { run, problem, fetching } = useFormMutation(ApplyDocument, form);
  const productId = Form.useWatch('productId', form);
  const product = choices.data?.loanProducts.find((p) => p.id === productId);
  const onFinish = async (v: Values) => {
    const val = v.valuation;
    const data = await run({
      input: {
        productId: v.productId,
        assetIds: v.assetIds,
        requestedAmount: parseMoneyInput(v.requestedAmount) ?? v.requestedAmount,
        termMonths: v.termMonths,
        valuation: val?.amount && val.method && val.valuedOn ? { amount: parseMoneyInput(val.amount) ?? val.amount, method: val.method, valuedOn: val.valuedOn.format('YYYY-MM-DD') } : null,
        insurancePolicyId: v.insurancePolicyId ?? null,
        appraiserId: v.appraiserId ?? null,
      },
    });
    if (data) navigate(`/me/pledges/${data.applyForPledgeLoan.id}`);
  };
  return (
    <Card style={{ maxWidth: 760 }}>
      <PageTitle>申请质押贷款</PageTitle>
      <ProblemAlert problem={problem} />
      {choices.error ? <ProblemAlert problem={{ code: 'LOAD', message: '无法加载贷款产品或权利列表。', serverMessage: choices.error.message, detail: `（${choices.error.message}）`, fields: {} }} /> : null}
      <Form form={form} layout="vertical" onFinish={onFinish} onKeyDown={preventEnterSubmit} initialValues={{ termMonths: 12 }}>
        <Form.Item name="productId" label="贷款产品" rules={[{ required: true, message: '请选择贷款产品' }]}>
          <Select
            loading={choices.fetching}
            showSearch={{ optionFilterProp: 'label' }}
            notFoundContent="暂无可申请的贷款产品"
            options={(choices.data?.loanProducts ?? []).filter((p) => p.active).map((p) => ({ value: p.id, label: `${p.bank.name} · ${p.name}` }))}
          />
        </Form.Item>
        {product ? (
          <Descriptions size="small" column={2} style={{ marginBottom: 16 }} data-testid="product-terms">
            <Descriptions.Item label="最高额度">{formatMoney(product.maxAmount)}</Descriptions.Item>
            <Descriptions.Item label="最高质押率">{Math.round(product.maxLoanToValue * 100)}%</Descriptions.Item>
            <Descriptions.Item label="最长期限">{product.maxTermMonths}个月</Descriptions.Item>
            <Descriptions.Item label="年利率">{product.annualRatePercent}%</Descriptions.Item>
            <Descriptions.Item label="接受的权利类型">{product.acceptedKinds.map((k) => label(ipKinds, k)).join('、')}</Descriptions.Item>
          </Descriptions>
        ) : null}
        <Form.Item name="assetIds" label="质押物（本机构的权利）" rules={[{ required: true, type: 'array', min: 1, message: '至少选择一项权利' }]}>
          <Select mode="multiple" showSearch={{ optionFilterProp: 'label' }} options={(choices.data?.myAssets ?? []).map((a) => ({ value: a.id, label: `${a.number} ${a.title}` }))} notFoundContent="还没有登记权利" />
        </Form.Item>
        <Space size="large" wrap align="start">
          <Form.Item name="requestedAmount" label="申请金额（元）" rules={[{ required: true, message: '请输入申请金额' }, moneyRule]}>
            <Input style={{ width: 200 }} />
          </Form.Item>
          <Form.Item name="termMonths" label="期限（月）" rules={[{ required: true, message: '请输入期限' }]}>
            <InputNumber min={1} max={360} />
          </Form.Item>
        </Space>
        <fieldset style={{ border: '1px solid #d9d9d9', borderRadius: 4, padding: '8px 16px', marginBottom: 16 }}>
          <legend style={{ fontSize: 14, width: 'auto', padding: '0 4px', margin: 0, border: 0 }}>评估报告（可选）</legend>
          <Space size="large" wrap align="start">
            <Form.Item name={['valuation', 'amount']} label="评估价值（元）" rules={[moneyRule]}>
              <Input style={{ width: 200 }} />
            </Form.Item>
            <Form.Item name={['valuation', 'method']} label="评估方法">
              <Select style={{ width: 140 }} allowClear options={options(valuationMethods)} />
            </Form.Item>
            <Form.Item name={['valuation', 'valuedOn']} label="评估基准日">
              <DatePicker />
            </Form.Item>
          </Space>
        </fieldset>
        <Form.Item name="appraiserId" label="资产评估机构（可选，由其出具并确认评估报告）" extra="未经评估机构确认的评估价值，银行尽职调查将提示风险。">
          <Select allowClear showSearch={{ optionFilterProp: 'label' }} notFoundContent="暂无经认证的资产评估机构" options={(choices.data?.appraisers ?? []).map((o) => ({ value: o.id, label: o.name }))} />
        </Form.Item>
        <Form.Item name="insurancePolicyId" label="质押融资保证保险保单（可选）">
          <Select allowClear notFoundContent="没有保单" options={(choices.data?.myInsurancePolicies ?? []).filter((p) => p.status === 'ACTIVE').map((p) => ({ value: p.id, label: `${p.policyNumber} ${p.product.name}（保额 ${formatMoney(p.coverage)}）` }))} />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={fetching}>提交申请</Button>
      </Form>
    </Card>
  );
}
