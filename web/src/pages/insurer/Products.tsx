// 保险产品: this insurer's active products, and a form to publish one (verified insurers only).
import { App, Button, Form, Input, InputNumber, Select, Table } from 'antd';
import { useQuery } from 'urql';
import { graphql } from '../../gql';
import type { InsuranceType } from '../../gql/graphql';
import { useAuth } from '../../auth';
import { insuranceTypes, label, options } from '../../labels';
import { formatMoney, parseMoneyInput } from '../../format';
import { SectionCard, moneyRule } from '../../components/SectionCard';
import { PageTitle } from '../../components/PageTitle';
import { ProblemAlert, QueryStates } from '../../components/States';
import { useFormMutation } from '../../components/useFormMutation';

export const InsurerProductsDocument = graphql(`
  query InsurerProducts {
    insuranceProducts { id type name premiumRatePercent maxCoverage active insurer { id } }
  }
`);
const CreateInsuranceProductDocument = graphql(`
  mutation CreateInsuranceProduct($input: InsuranceProductInput!) { createInsuranceProduct(input: $input) { id name } }
`);

interface Values { type: InsuranceType; name: string; premiumRatePercent: number; maxCoverage: string }

function CreateForm() {
  const [form] = Form.useForm<Values>();
  const { run, problem, fetching } = useFormMutation(CreateInsuranceProductDocument, form);
  const { message } = App.useApp();
  const onFinish = async (v: Values) => {
    const d = await run({ input: { type: v.type, name: v.name.trim(), premiumRatePercent: v.premiumRatePercent, maxCoverage: parseMoneyInput(v.maxCoverage) ?? v.maxCoverage } });
    if (d) {
      message.success(`已发布产品「${d.createInsuranceProduct.name}」`);
      form.resetFields();
    }
  };
  return (
    <SectionCard title="发布新产品">
      <ProblemAlert problem={problem} />
      <Form form={form} layout="vertical" style={{ maxWidth: 560 }} onFinish={onFinish} initialValues={{ type: 'INFRINGEMENT_LOSS', premiumRatePercent: 1.75 }}>
        <Form.Item name="type" label="险种" rules={[{ required: true }]}>
          <Select options={options(insuranceTypes)} />
        </Form.Item>
        <Form.Item name="name" label="产品名称" rules={[{ required: true, whitespace: true, message: '请填写产品名称' }]}>
          <Input />
        </Form.Item>
        <Form.Item name="premiumRatePercent" label="费率（%）" rules={[{ required: true, message: '请填写费率' }]}>
          <InputNumber min={0} style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="maxCoverage" label="最高保额（元）" rules={[{ required: true, message: '请填写保额' }, moneyRule('2,000,000')]}>
          <Input />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={fetching}>发布产品</Button>
      </Form>
    </SectionCard>
  );
}

export default function Products() {
  const { me } = useAuth();
  const [{ data, fetching, error }, refetch] = useQuery({ query: InsurerProductsDocument });
  const mine = (data?.insuranceProducts ?? []).filter((p) => p.insurer.id === me?.organization.id);
  return (
    <>
      <PageTitle>保险产品</PageTitle>
      <QueryStates fetching={fetching} error={error} hasData={!!data} empty={mine.length === 0} emptyText="本公司还没有在售产品" onRetry={() => refetch({ requestPolicy: 'network-only' })}>
        <Table
          rowKey="id"
          size="small"
          pagination={{ pageSize: 20, hideOnSinglePage: true }}
          dataSource={mine}
          data-testid="insurer-products"
          columns={[
            { title: '产品名称', dataIndex: 'name', key: 'name' },
            { title: '险种', key: 'type', render: (_, p) => label(insuranceTypes, p.type) },
            { title: '费率', key: 'rate', render: (_, p) => `${p.premiumRatePercent}%` },
            { title: '最高保额', key: 'max', render: (_, p) => formatMoney(p.maxCoverage) },
          ]}
        />
      </QueryStates>
      <CreateForm />
    </>
  );
}
