// 对公转账: the buyer records each transfer (流水号, amount, value date); the seller confirms receipt or
// disputes it with a reason. Only confirmed money counts as paid (docs/deals.md "Bank transfer").
import { useState } from 'react';
import { App, Button, Descriptions, Form, Input, Modal, Space, Table, Typography } from 'antd';
import { graphql } from '../../../gql';
import { formatDate, formatMoney, todayInChina } from '../../../format';
import { bankTransferStatuses, dealSettlements, label } from '../../../labels';
import { SectionCard } from '../../../components/SectionCard';
import { ProblemAlert } from '../../../components/States';
import { useFormMutation } from '../../../components/useFormMutation';
import { TransferFields, transferInput, type TransferValues } from './TransferFields';
import type { PanelProps, SettlementDeal } from './dealSettlementQuery';

const RecordTransferDocument = graphql(`
  mutation RecordBankTransfer($dealId: ID!, $input: BankTransferInput!) { recordBankTransfer(dealId: $dealId, input: $input) { id status amountAwaitingConfirmation } }
`);
const ConfirmTransferDocument = graphql(`
  mutation ConfirmBankTransfer($dealId: ID!, $transferId: ID!) { confirmBankTransfer(dealId: $dealId, transferId: $transferId) { id status amountConfirmed } }
`);
const DisputeTransferDocument = graphql(`
  mutation DisputeBankTransfer($dealId: ID!, $transferId: ID!, $reason: String!) { disputeBankTransfer(dealId: $dealId, transferId: $transferId, reason: $reason) { id status } }
`);

type Transfer = SettlementDeal['bankTransfers'][number];

export function BankTransfers({ deal, side }: PanelProps) {
  const open = deal.status === 'ACCEPTED' || deal.status === 'PAYMENT_PENDING';
  if (deal.settlement === 'STRIPE' || (!open && deal.bankTransfers.length === 0)) return null;
  const canRecord = side === 'BUYER' && open && !(deal.publicNotice && deal.publicNotice.inForce);
  return (
    <SectionCard title="对公转账">
      <Descriptions column={{ xs: 1, md: 2 }} size="small" bordered data-testid="bank-summary">
        <Descriptions.Item label="结算方式">{deal.settlement ? label(dealSettlements, deal.settlement) : '尚未付款'}</Descriptions.Item>
        <Descriptions.Item label="价格">{formatMoney(deal.price)}</Descriptions.Item>
        <Descriptions.Item label="已确认到账">{formatMoney(deal.amountConfirmed)}</Descriptions.Item>
        <Descriptions.Item label="待卖方确认">{formatMoney(deal.amountAwaitingConfirmation)}</Descriptions.Item>
      </Descriptions>
      {!deal.stripeAllowed && open ? (
        <Typography.Paragraph style={{ marginTop: 12 }}>价格超过在线支付单笔上限（¥999,999.99），请以对公转账付款。</Typography.Paragraph>
      ) : null}
      <TransferTable deal={deal} side={side} />
      {canRecord ? <RecordTransferForm deal={deal} /> : null}
    </SectionCard>
  );
}

function TransferTable({ deal, side }: PanelProps) {
  const [disputing, setDisputing] = useState<Transfer | null>(null);
  const confirm = useFormMutation(ConfirmTransferDocument);
  const { message } = App.useApp();
  if (deal.bankTransfers.length === 0) return <Typography.Paragraph style={{ marginTop: 12 }}>还没有登记转账。</Typography.Paragraph>;
  return (
    <>
      <ProblemAlert problem={confirm.problem} />
      <Table
        style={{ marginTop: 12 }}
        rowKey="id"
        size="small"
        pagination={false}
        dataSource={deal.bankTransfers}
        data-testid="bank-transfers"
        columns={[
          { title: '流水号', render: (_v, t) => t.reference },
          { title: '金额', render: (_v, t) => formatMoney(t.amount) },
          { title: '付款日期', render: (_v, t) => formatDate(t.paidOn) },
          { title: '状态', render: (_v, t) => label(bankTransferStatuses, t.status) + (t.disputeReason ? `：${t.disputeReason}` : '') },
          {
            title: '操作',
            render: (_v, t) =>
              side === 'SELLER' && t.status === 'RECORDED' && deal.status === 'PAYMENT_PENDING' ? (
                <Space>
                  <Button
                    size="small"
                    type="primary"
                    loading={confirm.fetching}
                    onClick={async () => {
                      if (await confirm.run({ dealId: deal.id, transferId: t.id })) void message.success(`已确认收到 ${formatMoney(t.amount)}`);
                    }}
                  >
                    确认到账
                  </Button>
                  <Button size="small" danger onClick={() => setDisputing(t)}>
                    提出异议
                  </Button>
                </Space>
              ) : (
                '—'
              ),
          },
        ]}
      />
      {disputing ? <DisputeModal dealId={deal.id} transfer={disputing} onClose={() => setDisputing(null)} /> : null}
    </>
  );
}

function DisputeModal({ dealId, transfer, onClose }: { dealId: string; transfer: Transfer; onClose: () => void }) {
  const [form] = Form.useForm<{ reason: string }>();
  const { run, problem, fetching } = useFormMutation(DisputeTransferDocument, form, '');
  return (
    <Modal title={`对转账 ${transfer.reference} 提出异议`} open okText="提交异议" cancelText="返回" okButtonProps={{ danger: true, loading: fetching }} onCancel={onClose} onOk={() => form.submit()}>
      <ProblemAlert problem={problem} />
      <Form
        form={form}
        layout="vertical"
        onFinish={async (v) => {
          if (await run({ dealId, transferId: transfer.id, reason: v.reason.trim() })) onClose();
        }}
      >
        <Form.Item name="reason" label="异议理由" rules={[{ required: true, whitespace: true, message: '请说明未收到或金额不符的情况' }]}>
          <Input.TextArea rows={3} maxLength={1000} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function RecordTransferForm({ deal }: { deal: SettlementDeal }) {
  const [form] = Form.useForm<TransferValues>();
  const { run, problem, fetching } = useFormMutation(RecordTransferDocument, form);
  const { message } = App.useApp();
  const onFinish = async (v: TransferValues) => {
    if (await run({ dealId: deal.id, input: transferInput(v) })) {
      void message.success('转账已登记，等待卖方确认到账');
      form.resetFields();
    }
  };
  return (
    <div style={{ marginTop: 16 }}>
      <h3 style={{ fontSize: 15 }}>登记一笔转账</h3>
      <ProblemAlert problem={problem} />
      <Form form={form} layout="vertical" onFinish={onFinish} initialValues={{ paidOn: todayInChina() }}>
        <TransferFields amountLabel="转账金额（元）" dateLabel="付款日期" />
        <Button type="primary" htmlType="submit" loading={fetching}>登记转账</Button>
      </Form>
    </div>
  );
}
