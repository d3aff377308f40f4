// 质押登记变更 (issue 16, point 2): an ACTIVE registration's secured amount or end date changed, with
// the date of the change and a reason; the changes so far, oldest first.
import { App, Button, Form, Input, Table } from 'antd';
import { graphql } from '../../gql';
import { formatDate, formatMoney, parseMoneyInput, todayInChina } from '../../format';
import { moneyRule } from '../../components/SectionCard';
import { ProblemAlert } from '../../components/States';
import { useFormMutation } from '../../components/useFormMutation';
import type { Application } from './ApplicationPage';

const ChangeRegistrationDocument = graphql(`
  mutation ChangePledgeRegistration($id: ID!, $input: PledgeRegistrationChangeInput!) {
    changePledgeRegistration(id: $id, input: $input) { id securedAmount expiresOn }
  }
`);

type Registration = NonNullable<Application['registration']>;
interface Values { securedAmount: string; expiresOn: string; changedOn: string; reason: string }

export function RegistrationChanges({ reg }: { reg: Registration }) {
  if (reg.changes.length === 0) return null;
  return (
    <Table
      rowKey={(c) => c.at}
      size="small"
      pagination={false}
      scroll={{ x: true }}
      dataSource={reg.changes}
      data-testid="registration-changes"
      columns={[
        { title: '变更日', key: 'changedOn', render: (_, c) => formatDate(c.changedOn) },
        { title: '被担保债权数额', key: 'amount', render: (_, c) => `${formatMoney(c.securedAmountBefore)} → ${formatMoney(c.securedAmountAfter)}` },
        { title: '到期日', key: 'expires', render: (_, c) => `${formatDate(c.expiresOnBefore)} → ${formatDate(c.expiresOnAfter)}` },
        { title: '理由', key: 'reason', render: (_, c) => c.reason ?? '—' },
        { title: '办理人', key: 'by', render: (_, c) => c.by?.name ?? '—' },
      ]}
    />
  );
}

export function RegistrationChangeForm({ reg, onDone }: { reg: Registration; onDone: () => void }) {
  const [form] = Form.useForm<Values>();
  const { run, problem, fetching } = useFormMutation(ChangeRegistrationDocument, form);
  const { message } = App.useApp();
  const onFinish = async (v: Values) => {
    const amount = parseMoneyInput(v.securedAmount) ?? v.securedAmount;
    const d = await run({
      id: reg.id,
      input: {
        securedAmount: amount === reg.securedAmount ? null : amount,
        expiresOn: v.expiresOn === reg.expiresOn ? null : v.expiresOn,
        changedOn: v.changedOn,
        reason: v.reason?.trim() || null,
      },
    });
    if (d) {
      message.success('已记录质押登记变更');
      onDone();
    }
  };
  return (
    <>
      <h3 style={{ fontSize: 14, marginTop: 16 }}>登记变更</h3>
      <ProblemAlert problem={problem} />
      <Form
        form={form}
        name="registration-change"
        layout="vertical"
        style={{ maxWidth: 560 }}
        onFinish={onFinish}
        initialValues={{ securedAmount: reg.securedAmount, expiresOn: reg.expiresOn, changedOn: todayInChina(), reason: '' }}
      >
        <Form.Item name="securedAmount" label="变更后被担保债权数额（元）" rules={[{ required: true, message: '请填写金额' }, moneyRule()]}>
          <Input />
        </Form.Item>
        <Form.Item name="expiresOn" label="变更后到期日" rules={[{ required: true, message: '请选择到期日' }]}>
          <Input type="date" />
        </Form.Item>
        <Form.Item name="changedOn" label="变更日" rules={[{ required: true, message: '请选择变更日' }]}>
          <Input type="date" />
        </Form.Item>
        <Form.Item name="reason" label="变更理由（可选）">
          <Input />
        </Form.Item>
        <Button htmlType="submit" loading={fetching}>记录登记变更</Button>
      </Form>
    </>
  );
}
