// 提成费申报: the licensee reports a period's net sales; the royalty becomes an instalment.
import { App, Button, Form, Input, InputNumber } from 'antd';
import { graphql } from '../../gql';
import { useFormMutation } from '../../components/useFormMutation';
import { ProblemAlert } from '../../components/States';
import { parseMoneyInput } from '../../format';

const FileRoyaltyReportDocument = graphql(`
  mutation FileRoyaltyReport($dealId: ID!, $input: RoyaltyReportInput!) { fileRoyaltyReport(dealId: $dealId, input: $input) { id instalments { id status amount } } }
`);

export function RoyaltyReportForm({ dealId, nextPeriod, onDone }: { dealId: string; nextPeriod: number; onDone: () => void }) {
  const [form] = Form.useForm();
  const { message } = App.useApp();
  const { run, problem, fetching } = useFormMutation(FileRoyaltyReportDocument, form);
  return (
    <Form
      form={form}
      layout="inline"
      aria-label="提成费申报"
      initialValues={{ period: nextPeriod }}
      onFinish={async (v: { period: number; netSales: string }) => {
        const done = await run({ dealId, input: { period: v.period, netSales: parseMoneyInput(v.netSales) ?? v.netSales } });
        if (done) {
          void message.success('已申报，提成费已列入付款计划');
          form.resetFields();
          onDone();
        }
      }}
      style={{ marginTop: 16, rowGap: 8 }}
    >
      <ProblemAlert problem={problem} />
      <Form.Item name="period" label="申报期间（第几期）" rules={[{ required: true, message: '请填写期间' }]}>
        <InputNumber min={1} precision={0} />
      </Form.Item>
      <Form.Item name="netSales" label="净销售额（元）" rules={[{ required: true, message: '请填写净销售额' }]}>
        <Input inputMode="decimal" placeholder="例如 800000.00" />
      </Form.Item>
      <Button type="primary" htmlType="submit" loading={fetching}>申报</Button>
    </Form>
  );
}
