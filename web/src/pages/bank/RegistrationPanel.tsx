// The pledge registration (质押登记): recorded by the bank once the application is APPROVED (the
// CNIPA number, the secured amount, the dates), released (注销) once the loan is repaid.
import { App, Button, Descriptions, Form, Input } from 'antd';
import { graphql } from '../../gql';
import { label } from '../../labels';
import { formatDate, formatMoney, parseMoneyInput, todayInChina } from '../../format';
import { SectionCard, moneyRule } from '../../components/SectionCard';
import { ProblemAlert } from '../../components/States';
import { useFormMutation } from '../../components/useFormMutation';
import { registrationStatuses } from './bankText';
import type { Application } from './ApplicationPage';
import { RegistrationChangeForm, RegistrationChanges } from './RegistrationChange';

const RecordRegistrationDocument = graphql(`
  mutation RecordPledgeRegistration($input: PledgeRegistrationInput!) {
    recordPledgeRegistration(input: $input) { id registrationNumber status }
  }
`);
const ReleaseRegistrationDocument = graphql(`
  mutation ReleasePledgeRegistration($id: ID!, $releasedOn: Date!) {
    releasePledgeRegistration(id: $id, releasedOn: $releasedOn) { id status releasedOn }
  }
`);

interface RecordValues { registrationNumber: string; securedAmount: string; registeredOn: string; expiresOn: string }

function RecordForm({ app, onDone }: { app: Application; onDone: () => void }) {
  const [form] = Form.useForm<RecordValues>();
  const { run, problem, fetching } = useFormMutation(RecordRegistrationDocument, form);
  const { message } = App.useApp();
  const onFinish = async (v: RecordValues) => {
    const d = await run({
      input: { applicationId: app.id, registrationNumber: v.registrationNumber.trim(), securedAmount: parseMoneyInput(v.securedAmount) ?? v.securedAmount, registeredOn: v.registeredOn, expiresOn: v.expiresOn },
    });
    if (d) {
      message.success(`已登记：${d.recordPledgeRegistration.registrationNumber}`);
      onDone();
    }
  };
  return (
    <>
      <ProblemAlert problem={problem} />
      <Form
        form={form}
        layout="vertical"
        style={{ maxWidth: 560 }}
        onFinish={onFinish}
        initialValues={{ securedAmount: app.approvedAmount ?? app.requestedAmount, registeredOn: todayInChina(), expiresOn: app.dueDiligence.loanEndsOn }}
      >
        <Form.Item name="registrationNumber" label="质押登记号" rules={[{ required: true, whitespace: true, message: '请填写国家知识产权局的质押登记号' }]}>
          <Input placeholder={`Y${todayInChina().slice(0, 4)}…`} />
        </Form.Item>
        <Form.Item
          name="securedAmount"
          label="被担保债权数额（元）"
          rules={[{ required: true, message: '请填写金额' }, moneyRule('3,000,000.00')]}
        >
          <Input />
        </Form.Item>
        <Form.Item name="registeredOn" label="登记日" rules={[{ required: true, message: '请选择登记日' }]}>
          <Input type="date" />
        </Form.Item>
        <Form.Item name="expiresOn" label="质押到期日" rules={[{ required: true, message: '请选择到期日' }]}>
          <Input type="date" />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={fetching}>记录质押登记</Button>
      </Form>
    </>
  );
}

function ReleaseForm({ id, onDone }: { id: string; onDone: () => void }) {
  const [form] = Form.useForm<{ releasedOn: string }>();
  const { run, problem, fetching } = useFormMutation(ReleaseRegistrationDocument, form, '');
  const { message } = App.useApp();
  const onFinish = async (v: { releasedOn: string }) => {
    if (await run({ id, releasedOn: v.releasedOn })) {
      message.success('已注销质押登记');
      onDone();
    }
  };
  return (
    <>
      <ProblemAlert problem={problem} />
      <Form form={form} layout="inline" onFinish={onFinish} initialValues={{ releasedOn: todayInChina() }}>
        <Form.Item name="releasedOn" label="注销日" rules={[{ required: true, message: '请选择注销日' }]}>
          <Input type="date" />
        </Form.Item>
        <Button danger htmlType="submit" loading={fetching}>注销登记（解除质押）</Button>
      </Form>
    </>
  );
}

export function RegistrationPanel({ app, onDone }: { app: Application; onDone: () => void }) {
  const reg = app.registration;
  if (!reg && app.status !== 'APPROVED') return null;
  return (
    <SectionCard title="质押登记">
      {reg ? (
        <>
          <Descriptions size="small" column={{ xs: 1, md: 2 }} data-testid="registration">
            <Descriptions.Item label="质押登记号">{reg.registrationNumber}</Descriptions.Item>
            <Descriptions.Item label="状态">{label(registrationStatuses, reg.status)}</Descriptions.Item>
            <Descriptions.Item label="被担保债权数额">{formatMoney(reg.securedAmount)}</Descriptions.Item>
            <Descriptions.Item label="登记日">{formatDate(reg.registeredOn)}</Descriptions.Item>
            <Descriptions.Item label="到期日">{formatDate(reg.expiresOn)}</Descriptions.Item>
            <Descriptions.Item label="注销日">{formatDate(reg.releasedOn)}</Descriptions.Item>
          </Descriptions>
          <RegistrationChanges reg={reg} />
          {reg.status === 'ACTIVE' ? <ReleaseForm id={reg.id} onDone={onDone} /> : null}
          {reg.status === 'ACTIVE' ? <RegistrationChangeForm reg={reg} onDone={onDone} /> : null}
        </>
      ) : (
        <RecordForm app={app} onDone={onDone} />
      )}
    </SectionCard>
  );
}
