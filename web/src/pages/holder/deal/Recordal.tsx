// CNIPA recordal (著录项目变更) of a TRANSFER: one party records the notice, the other confirms, and only
// then does ownership move. A LICENSE's filing (备案): the licensor records the number within 3 months.
import { Alert, App, Button, Descriptions, Form, Input, Typography } from 'antd';
import { graphql } from '../../../gql';
import { formatDate, formatDateTime, todayInChina } from '../../../format';
import { dealSides, label, recordalStatuses } from '../../../labels';
import { SectionCard } from '../../../components/SectionCard';
import { ProblemAlert } from '../../../components/States';
import { useFormMutation } from '../../../components/useFormMutation';
import type { PanelProps } from './dealSettlementQuery';

const RecordRecordalDocument = graphql(`
  mutation RecordRecordal($dealId: ID!, $noticeNumber: String!, $recordedOn: Date!) {
    recordRecordal(dealId: $dealId, noticeNumber: $noticeNumber, recordedOn: $recordedOn) { id status }
  }
`);
const ConfirmRecordalDocument = graphql(`mutation ConfirmRecordal($dealId: ID!) { confirmRecordal(dealId: $dealId) { id status } }`);
const RecordFilingDocument = graphql(`
  mutation RecordLicenceFiling($dealId: ID!, $filingNumber: String!, $filedOn: Date!) {
    recordLicenceFiling(dealId: $dealId, filingNumber: $filingNumber, filedOn: $filedOn) { id status }
  }
`);

export function RecordalPanel({ deal, side }: PanelProps) {
  const confirm = useFormMutation(ConfirmRecordalDocument);
  const { message } = App.useApp();
  if (deal.type !== 'TRANSFER' || !(deal.status === 'PAID' || deal.recordal)) return null;
  const r = deal.recordal;
  return (
    <SectionCard title="专利权转让登记（著录项目变更）">
      <Typography.Paragraph>
        依《专利法》第十条，转让自国家知识产权局登记之日起生效：付款后由一方登记手续合格通知书，另一方确认后权利转移。
      </Typography.Paragraph>
      {r ? (
        <>
          <ProblemAlert problem={confirm.problem} />
          <Descriptions column={{ xs: 1, md: 2 }} size="small" bordered data-testid="recordal">
            <Descriptions.Item label="通知书发文序号">{r.noticeNumber}</Descriptions.Item>
            <Descriptions.Item label="著录项目变更日">{formatDate(r.recordedOn)}</Descriptions.Item>
            <Descriptions.Item label="登记方">{label(dealSides, r.recordedBy)}</Descriptions.Item>
            <Descriptions.Item label="状态">{label(recordalStatuses, r.status)}{r.confirmedAt ? `（${label(dealSides, r.confirmedBy)}于 ${formatDateTime(r.confirmedAt)} 确认）` : ''}</Descriptions.Item>
          </Descriptions>
          {r.status === 'RECORDED' && r.recordedBy !== side && deal.status === 'PAID' ? (
            <Button
              type="primary"
              style={{ marginTop: 12 }}
              loading={confirm.fetching}
              onClick={async () => {
                if (await confirm.run({ dealId: deal.id })) void message.success('已确认变更登记，权利已转移');
              }}
            >
              确认变更登记
            </Button>
          ) : null}
          {r.status === 'RECORDED' && r.recordedBy === side ? <Typography.Paragraph style={{ marginTop: 12 }}>等待对方确认。</Typography.Paragraph> : null}
        </>
      ) : deal.status === 'PAID' ? (
        <RecordalForm dealId={deal.id} />
      ) : null}
    </SectionCard>
  );
}

function RecordalForm({ dealId }: { dealId: string }) {
  const [form] = Form.useForm<{ noticeNumber: string; recordedOn: string }>();
  const { run, problem, fetching } = useFormMutation(RecordRecordalDocument, form, '');
  const { message } = App.useApp();
  return (
    <>
      <ProblemAlert problem={problem} />
      <Form
        form={form}
        layout="vertical"
        initialValues={{ recordedOn: todayInChina() }}
        onFinish={async (v) => {
          if (await run({ dealId, noticeNumber: v.noticeNumber.trim(), recordedOn: v.recordedOn })) void message.success('已登记，等待对方确认');
        }}
      >
        <Form.Item name="noticeNumber" label="通知书发文序号" extra="国家知识产权局《手续合格通知书》上的发文序号，8–20 位数字" rules={[{ required: true, whitespace: true, message: '请填写发文序号' }]}>
          <Input style={{ maxWidth: 320 }} />
        </Form.Item>
        <Form.Item name="recordedOn" label="著录项目变更日" rules={[{ required: true, message: '请选择日期' }]}>
          <Input type="date" style={{ maxWidth: 220 }} />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={fetching}>登记变更</Button>
      </Form>
    </>
  );
}

export function FilingPanel({ deal, side }: PanelProps) {
  if (deal.type !== 'LICENSE' || deal.status !== 'COMPLETED') return null;
  return (
    <SectionCard title="许可合同备案">
      {deal.filingOverdue ? (
        <Alert type="error" showIcon role="alert" style={{ marginBottom: 12 }} title={`许可合同未在 ${formatDate(deal.filingDueOn)} 前备案，已逾期`} description="许可合同应自生效之日起 3 个月内向国家知识产权局备案，请许可方尽快办理。" />
      ) : null}
      <Descriptions column={{ xs: 1, md: 2 }} size="small" bordered data-testid="filing">
        <Descriptions.Item label="备案期限">{formatDate(deal.filingDueOn)}</Descriptions.Item>
        <Descriptions.Item label="备案号">{deal.filing ? `${deal.filing.filingNumber}（${formatDate(deal.filing.filedOn)}备案）` : '尚未备案'}</Descriptions.Item>
      </Descriptions>
      {!deal.filing && side === 'SELLER' ? <FilingForm dealId={deal.id} /> : null}
    </SectionCard>
  );
}

function FilingForm({ dealId }: { dealId: string }) {
  const [form] = Form.useForm<{ filingNumber: string; filedOn: string }>();
  const { run, problem, fetching } = useFormMutation(RecordFilingDocument, form, '');
  const { message } = App.useApp();
  return (
    <div style={{ marginTop: 12 }}>
      <ProblemAlert problem={problem} />
      <Form
        form={form}
        layout="vertical"
        initialValues={{ filedOn: todayInChina() }}
        onFinish={async (v) => {
          if (await run({ dealId, filingNumber: v.filingNumber.trim(), filedOn: v.filedOn })) void message.success('备案已登记');
        }}
      >
        <Form.Item name="filingNumber" label="备案号" extra="如 X2025990000123" rules={[{ required: true, whitespace: true, message: '请填写备案号' }]}>
          <Input style={{ maxWidth: 320 }} />
        </Form.Item>
        <Form.Item name="filedOn" label="备案日期" rules={[{ required: true, message: '请选择日期' }]}>
          <Input type="date" style={{ maxWidth: 220 }} />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={fetching}>登记备案</Button>
      </Form>
    </div>
  );
}
