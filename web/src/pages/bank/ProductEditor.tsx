// Editing a loan product (issue 16, point 4): its terms, the days past due before a default, and
// the eligibility rules an application must meet (minimum remaining protection by kind, annual fees
// paid up, verified rights only, insurance required, a hard loan-to-value limit), with a reason;
// the edits so far; and deactivation (no new applications) with a reason.
import { App, Button, Checkbox, Form, Input, InputNumber, Space, Table } from 'antd';
import { graphql } from '../../gql';
import type { BankProductsQuery, IpKind } from '../../gql/graphql';
import { ipKinds, label, options } from '../../labels';
import { formatDateTime, parseMoneyInput } from '../../format';
import { moneyRule } from '../../components/SectionCard';
import { ProblemAlert } from '../../components/States';
import { useFormMutation } from '../../components/useFormMutation';
import { preventEnterSubmit } from '../../components/formKeys';

const UpdateLoanProductDocument = graphql(`
  mutation UpdateLoanProduct($id: ID!, $input: LoanProductUpdateInput!, $reason: String) {
    updateLoanProduct(id: $id, input: $input, reason: $reason) { id name }
  }
`);
const DeactivateLoanProductDocument = graphql(`
  mutation DeactivateLoanProduct($id: ID!, $reason: String!) { deactivateLoanProduct(id: $id, reason: $reason) { id active } }
`);

export type Product = BankProductsQuery['loanProducts'][number];
const KINDS = Object.keys(ipKinds) as IpKind[];
const percent = (ratio: number) => Math.round(ratio * 1000) / 10;
const ratio = (pct: number) => Math.round(pct * 100) / 10_000;

interface Values {
  name: string; maxAmount: string; maxLoanToValue: number; maxTermMonths: number; annualRatePercent: number; acceptedKinds: IpKind[];
  daysPastDueBeforeDefault: number;
  eligibility: { minYears: Partial<Record<IpKind, number | null>>; annualFeesPaidUp: boolean; verifiedOnly: boolean; insuranceRequired: boolean; maxLoanToValue: number | null };
  reason: string;
}

function initialValues(p: Product): Values {
  const e = p.eligibility;
  return {
    name: p.name, maxAmount: p.maxAmount, maxLoanToValue: percent(p.maxLoanToValue), maxTermMonths: p.maxTermMonths, annualRatePercent: p.annualRatePercent,
    acceptedKinds: p.acceptedKinds, daysPastDueBeforeDefault: p.daysPastDueBeforeDefault,
    eligibility: {
      minYears: Object.fromEntries(e.minRemainingYears.map((m) => [m.kind, m.years])),
      annualFeesPaidUp: e.annualFeesPaidUp, verifiedOnly: e.verifiedOnly, insuranceRequired: e.insuranceRequired,
      maxLoanToValue: e.maxLoanToValue === null || e.maxLoanToValue === undefined ? null : percent(e.maxLoanToValue),
    },
    reason: '',
  };
}

function EditForm({ product }: { product: Product }) {
  const [form] = Form.useForm<Values>();
  const { run, problem, fetching } = useFormMutation(UpdateLoanProductDocument, form);
  const { message } = App.useApp();
  const onFinish = async (v: Values) => {
    const e = v.eligibility;
    const d = await run({
      id: product.id,
      reason: v.reason?.trim() || null,
      input: {
        name: v.name.trim(), maxAmount: parseMoneyInput(v.maxAmount) ?? v.maxAmount, maxLoanToValue: ratio(v.maxLoanToValue), maxTermMonths: v.maxTermMonths,
        annualRatePercent: v.annualRatePercent, acceptedKinds: v.acceptedKinds, daysPastDueBeforeDefault: v.daysPastDueBeforeDefault,
        eligibility: {
          minRemainingYears: KINDS.filter((k) => typeof e.minYears[k] === 'number').map((k) => ({ kind: k, years: e.minYears[k]! })),
          annualFeesPaidUp: e.annualFeesPaidUp, verifiedOnly: e.verifiedOnly, insuranceRequired: e.insuranceRequired,
          maxLoanToValue: typeof e.maxLoanToValue === 'number' ? ratio(e.maxLoanToValue) : null,
        },
      },
    });
    if (d) message.success(`已修改产品「${d.updateLoanProduct.name}」`);
  };
  return (
    <>
      <ProblemAlert problem={problem} />
      <Form form={form} name={`edit-product-${product.id}`} layout="vertical" style={{ maxWidth: 640 }} onFinish={onFinish} onKeyDown={preventEnterSubmit} initialValues={initialValues(product)}>
        <Form.Item name="name" label="产品名称" rules={[{ required: true, whitespace: true, message: '请填写产品名称' }]}><Input /></Form.Item>
        <Form.Item name="maxAmount" label="最高贷款额（元）" rules={[{ required: true, message: '请填写金额' }, moneyRule('10,000,000')]}><Input /></Form.Item>
        <Form.Item name="maxLoanToValue" label="最高质押率（%，尽职调查提示）" rules={[{ required: true, message: '请填写质押率' }]}><InputNumber min={0} max={100} style={{ width: '100%' }} /></Form.Item>
        <Form.Item name="maxTermMonths" label="最长期限（月）" rules={[{ required: true, message: '请填写期限' }]}><InputNumber min={1} precision={0} style={{ width: '100%' }} /></Form.Item>
        <Form.Item name="annualRatePercent" label="年利率（%）" rules={[{ required: true, message: '请填写利率' }]}><InputNumber min={0} style={{ width: '100%' }} /></Form.Item>
        <Form.Item name="acceptedKinds" label="接受的权利类型" rules={[{ validator: async (_r, v?: IpKind[]) => { if (!v?.length) throw new Error('至少选择一种'); } }]}>
          <Checkbox.Group options={options(ipKinds)} />
        </Form.Item>
        <Form.Item name="daysPastDueBeforeDefault" label="逾期多少天起可认定违约" rules={[{ required: true, message: '请填写天数' }]}><InputNumber min={1} precision={0} style={{ width: '100%' }} /></Form.Item>
        <fieldset style={{ border: '1px solid #d9d9d9', padding: 12, marginBottom: 16 }}>
          <legend style={{ fontSize: 14, fontWeight: 600, width: 'auto', padding: '0 4px', margin: 0, border: 0 }}>准入条件（申请时检查，不满足即拒绝）</legend>
          <Space wrap>
            {KINDS.map((k) => (
              <Form.Item key={k} name={['eligibility', 'minYears', k]} label={`${label(ipKinds, k)}最短剩余保护期（年，可空）`}>
                <InputNumber min={0} step={0.5} />
              </Form.Item>
            ))}
          </Space>
          <Form.Item name={['eligibility', 'annualFeesPaidUp']} valuePropName="checked"><Checkbox>专利年费须已缴清</Checkbox></Form.Item>
          <Form.Item name={['eligibility', 'verifiedOnly']} valuePropName="checked"><Checkbox>权利须经官方登记簿核验</Checkbox></Form.Item>
          <Form.Item name={['eligibility', 'insuranceRequired']} valuePropName="checked"><Checkbox>须有生效的质押融资保证保险</Checkbox></Form.Item>
          <Form.Item name={['eligibility', 'maxLoanToValue']} label="质押率硬性上限（%，可空）"><InputNumber min={0} max={100} style={{ width: '100%' }} /></Form.Item>
        </fieldset>
        <Form.Item name="reason" label="修改理由（可选）"><Input /></Form.Item>
        <Button type="primary" htmlType="submit" loading={fetching}>保存修改</Button>
      </Form>
    </>
  );
}

function DeactivateForm({ product }: { product: Product }) {
  const [form] = Form.useForm<{ reason: string }>();
  const { run, problem, fetching } = useFormMutation(DeactivateLoanProductDocument, form, '');
  const { message } = App.useApp();
  const onFinish = async (v: { reason: string }) => {
    if (await run({ id: product.id, reason: v.reason.trim() })) message.success(`已停用产品「${product.name}」`);
  };
  return (
    <>
      <h3 style={{ fontSize: 14, marginTop: 16 }}>停用产品（不再接受新申请）</h3>
      <ProblemAlert problem={problem} />
      <Form form={form} name={`deactivate-product-${product.id}`} layout="inline" onFinish={onFinish}>
        <Form.Item name="reason" label="停用理由" rules={[{ required: true, whitespace: true, message: '请填写停用理由' }]}><Input style={{ width: 260 }} /></Form.Item>
        <Button danger htmlType="submit" loading={fetching}>停用</Button>
      </Form>
    </>
  );
}

function EditHistory({ product }: { product: Product }) {
  if (product.history.length === 0) return null;
  return (
    <>
      <h3 style={{ fontSize: 14, marginTop: 16 }}>修改记录</h3>
      <Table
        rowKey={(h) => h.at}
        size="small"
        pagination={false}
        scroll={{ x: true }}
        dataSource={product.history}
        columns={[
          { title: '时间', key: 'at', render: (_, h) => formatDateTime(h.at) },
          { title: '修改人', key: 'by', render: (_, h) => h.by?.name ?? '—' },
          { title: '字段', key: 'fields', render: (_, h) => h.fields.map((f) => f.field).join('、') },
          { title: '理由', key: 'reason', render: (_, h) => h.reason ?? '—' },
        ]}
      />
    </>
  );
}

export function ProductEditor({ product }: { product: Product }) {
  return (
    <div data-testid="product-editor">
      <EditForm product={product} />
      <EditHistory product={product} />
      <DeactivateForm product={product} />
    </div>
  );
}
