// Cancelling a PAID deal that has not completed refunds it first (REFUND_PENDING): through Stripe, or the
// seller transfers the money back and the buyer confirms it arrived (docs/deals.md "Refunds and disputes").
import { useState } from 'react';
import { App, Button, Descriptions, Form, Input, Modal, Typography } from 'antd';
import { graphql } from '../../../gql';
import { formatDate, formatDateTime, formatMoney, todayInChina } from '../../../format';
import { dealSides, label, refundMethods, refundStatuses } from '../../../labels';
import { SectionCard } from '../../../components/SectionCard';
import { ProblemAlert } from '../../../components/States';
import { useFormMutation } from '../../../components/useFormMutation';
import { TransferFields, transferInput, type TransferValues } from './TransferFields';
import type { PanelProps, SettlementDeal } from './dealSettlementQuery';

const CancelPaidDocument = graphql(`mutation CancelPaidDeal($id: ID!, $reason: String) { cancelDeal(id: $id, reason: $reason) { id status } }`);
const RecordRefundDocument = graphql(`
  mutation RecordBankRefund($dealId: ID!, $input: BankTransferInput!) { recordBankRefund(dealId: $dealId, input: $input) { id status } }
`);
const ConfirmRefundDocument = graphql(`mutation ConfirmBankRefund($dealId: ID!) { confirmBankRefund(dealId: $dealId) { id status } }`);

export function RefundPanel({ deal, side }: PanelProps) {
  const refundable = deal.status === 'PAID' && !deal.recordal;
  if (!refundable && !deal.refund) return null;
  const r = deal.refund;
  return (
    <SectionCard title="退款">
      {r ? (
        <Descriptions column={{ xs: 1, md: 2 }} size="small" bordered data-testid="refund">
          <Descriptions.Item label="退款方式">{label(refundMethods, r.method)}</Descriptions.Item>
          <Descriptions.Item label="退款金额">{formatMoney(r.amount)}</Descriptions.Item>
          <Descriptions.Item label="退款状态">{label(refundStatuses, r.status)}</Descriptions.Item>
          <Descriptions.Item label="申请">{label(dealSides, r.requestedBy)}，{formatDateTime(r.requestedAt)}</Descriptions.Item>
          {r.reference ? <Descriptions.Item label="退回流水号">{r.reference}（{formatDate(r.paidOn)}）</Descriptions.Item> : null}
          {r.refundedAt ? <Descriptions.Item label="退款完成">{formatDateTime(r.refundedAt)}</Descriptions.Item> : null}
        </Descriptions>
      ) : (
        <CancelAndRefund deal={deal} />
      )}
      {r && r.method === 'BANK_TRANSFER' && r.status === 'AWAITING_SELLER' && side === 'SELLER' ? <RecordRefundForm deal={deal} /> : null}
      {r && r.status === 'RECORDED' && side === 'BUYER' ? <ConfirmRefund dealId={deal.id} /> : null}
    </SectionCard>
  );
}

function CancelAndRefund({ deal }: { deal: SettlementDeal }) {
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const { run, problem, fetching } = useFormMutation(CancelPaidDocument);
  return (
    <>
      <Typography.Paragraph>款项已付清但交易尚未完成{deal.type === 'TRANSFER' ? '（尚未登记著录项目变更）' : ''}：取消交易将先退款，退款完成后交易取消。</Typography.Paragraph>
      <Button danger onClick={() => setOpen(true)}>取消交易并退款</Button>
      <Modal
        title="取消交易并退款"
        open={open}
        okText="确认取消并退款"
        cancelText="返回"
        okButtonProps={{ danger: true, loading: fetching }}
        onCancel={() => setOpen(false)}
        onOk={async () => {
          if (await run({ id: deal.id, reason: reason.trim() || null })) setOpen(false);
        }}
      >
        <ProblemAlert problem={problem} />
        <label htmlFor="refund-reason">取消原因（可选）</label>
        <Input.TextArea id="refund-reason" rows={3} value={reason} onChange={(e) => setReason(e.target.value)} maxLength={500} />
      </Modal>
    </>
  );
}

function RecordRefundForm({ deal }: { deal: SettlementDeal }) {
  const [form] = Form.useForm<TransferValues>();
  const { run, problem, fetching } = useFormMutation(RecordRefundDocument, form);
  const { message } = App.useApp();
  return (
    <div style={{ marginTop: 16 }}>
      <h3 style={{ fontSize: 15 }}>登记退款转账</h3>
      <ProblemAlert problem={problem} />
      <Form
        form={form}
        layout="vertical"
        initialValues={{ amount: deal.refund?.amount, paidOn: todayInChina() }}
        onFinish={async (v) => {
          if (await run({ dealId: deal.id, input: transferInput(v) })) void message.success('退款已登记，等待买方确认');
        }}
      >
        <TransferFields amountLabel="退款金额（元）" dateLabel="退款日期" />
        <Button type="primary" htmlType="submit" loading={fetching}>登记退款</Button>
      </Form>
    </div>
  );
}

function ConfirmRefund({ dealId }: { dealId: string }) {
  const { run, problem, fetching } = useFormMutation(ConfirmRefundDocument);
  const { message } = App.useApp();
  return (
    <div style={{ marginTop: 16 }}>
      <ProblemAlert problem={problem} />
      <Button
        type="primary"
        loading={fetching}
        onClick={async () => {
          if (await run({ dealId })) void message.success('已确认收到退款，交易已取消');
        }}
      >
        确认收到退款
      </Button>
    </div>
  );
}
