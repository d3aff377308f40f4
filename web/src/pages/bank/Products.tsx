// 贷款产品: this bank's active loan products (each row opens its editor: terms, eligibility rules,
// edits so far, deactivation; ProductEditor.tsx), and a form to publish one (verified banks only).
import { App, Button, Checkbox, Form, Input, InputNumber, Table } from 'antd';
import { useQuery } from 'urql';
import { graphql } from '../../gql';
import type { IpKind } from '../../gql/graphql';
import { useAuth } from '../../auth';
import { ipKinds, label, options } from '../../labels';
import { formatMoney, parseMoneyInput } from '../../format';
import { SectionCard, moneyRule } from '../../components/SectionCard';
import { PageTitle } from '../../components/PageTitle';
import { ProblemAlert, QueryStates } from '../../components/States';
import { useFormMutation } from '../../components/useFormMutation';
import { ProductEditor } from './ProductEditor';

export const BankProductsDocument = graphql(`
  query BankProducts {
    loanProducts {
      id name maxAmount maxLoanToValue maxTermMonths annualRatePercent acceptedKinds active bank { id } daysPastDueBeforeDefault
      eligibility { minRemainingYears { kind years } annualFeesPaidUp verifiedOnly insuranceRequired maxLoanToValue }
      history { at by { name } reason fields { field } }
    }
  }
`);
const CreateLoanProductDocument = graphql(`
  mutation CreateLoanProduct($input: LoanProductInput!) { createLoanProduct(input: $input) { id name } }
`);

interface Values { name: string; maxAmount: string; maxLoanToValue: number; maxTermMonths: number; annualRatePercent: number; acceptedKinds: IpKind[] }

function CreateForm() {
  const [form] = Form.useForm<Values>();
  const { run, problem, fetching } = useFormMutation(CreateLoanProductDocument, form);
  const { message } = App.useApp();
  const onFinish = async (v: Values) => {
    const d = await run({
      input: {
        name: v.name.trim(),
        maxAmount: parseMoneyInput(v.maxAmount) ?? v.maxAmount,
        maxLoanToValue: Math.round(v.maxLoanToValue * 100) / 10_000, // the form asks in percent
        maxTermMonths: v.maxTermMonths,
        annualRatePercent: v.annualRatePercent,
        acceptedKinds: v.acceptedKinds,
      },
    });
    if (d) {
      message.success(`已发布产品「${d.createLoanProduct.name}」`);
      form.resetFields();
    }
  };
  return (
    <SectionCard title="发布新产品">
      <ProblemAlert problem={problem} />
      <Form
        form={form}
        layout="vertical"
        style={{ maxWidth: 560 }}
        onFinish={onFinish}
        initialValues={{ maxLoanToValue: 50, maxTermMonths: 36, annualRatePercent: 3.85, acceptedKinds: ['INVENTION_PATENT', 'UTILITY_MODEL'] }}
      >
        <Form.Item name="name" label="产品名称" rules={[{ required: true, whitespace: true, message: '请填写产品名称' }]}>
          <Input />
        </Form.Item>
        <Form.Item name="maxAmount" label="最高贷款额（元）" rules={[{ required: true, message: '请填写金额' }, moneyRule('10,000,000')]}>
          <Input />
        </Form.Item>
        <Form.Item name="maxLoanToValue" label="最高质押率（%）" rules={[{ required: true, message: '请填写质押率' }]}>
          <InputNumber min={0} max={100} style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="maxTermMonths" label="最长期限（月）" rules={[{ required: true, message: '请填写期限' }]}>
          <InputNumber min={1} precision={0} style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="annualRatePercent" label="年利率（%）" rules={[{ required: true, message: '请填写利率' }]}>
          <InputNumber min={0} style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item
          name="acceptedKinds"
          label="接受的权利类型（至少一种）"
          // a validator, not `required`: antd would put aria-required on the checkbox group, which axe refuses
          rules={[{ validator: async (_r, v?: IpKind[]) => { if (!v?.length) throw new Error('至少选择一种'); } }]}
        >
          <Checkbox.Group options={options(ipKinds)} />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={fetching}>发布产品</Button>
      </Form>
    </SectionCard>
  );
}

export default function Products() {
  const { me } = useAuth();
  const [{ data, fetching, error }, refetch] = useQuery({ query: BankProductsDocument });
  const mine = (data?.loanProducts ?? []).filter((p) => p.bank.id === me?.organization.id);
  return (
    <>
      <PageTitle>贷款产品</PageTitle>
      {me && !me.organization.verified ? <ProblemAlert problem={{ code: 'FORBIDDEN', message: '本机构尚未经市知识产权局核验，暂不能发布产品。', serverMessage: '', detail: '', fields: {} }} /> : null}
      <QueryStates fetching={fetching} error={error} hasData={!!data} empty={mine.length === 0} emptyText="本行还没有在售产品" onRetry={() => refetch({ requestPolicy: 'network-only' })}>
        <Table
          rowKey="id"
          size="small"
          pagination={{ pageSize: 20, hideOnSinglePage: true }}
          dataSource={mine}
          expandable={{ expandedRowRender: (p) => <ProductEditor product={p} />, expandRowByClick: false }}
          columns={[
            { title: '产品名称', dataIndex: 'name', key: 'name' },
            { title: '最高贷款额', key: 'max', render: (_, p) => formatMoney(p.maxAmount) },
            { title: '最高质押率', key: 'ltv', render: (_, p) => `${Math.round(p.maxLoanToValue * 1000) / 10}%` },
            { title: '最长期限', key: 'term', render: (_, p) => `${p.maxTermMonths}个月` },
            { title: '年利率', key: 'rate', render: (_, p) => `${p.annualRatePercent}%` },
            { title: '接受类型', key: 'kinds', render: (_, p) => p.acceptedKinds.map((k) => label(ipKinds, k)).join('、') },
          ]}
        />
      </QueryStates>
      <CreateForm />
    </>
  );
}
