// 登记分期款转账: the buyer records the bank transfer (流水号, value date) that pays one instalment.
import { App, Form, Input, Modal } from 'antd';
import { graphql } from '../../gql';
import { useFormMutation } from '../../components/useFormMutation';
import { ProblemAlert } from '../../components/States';
import { formatMoney } from '../../format';

const RecordInstalmentTransferDocument = graphql(`
  mutation RecordInstalmentTransfer($dealId: ID!, $instalmentId: ID!, $input: BankTransferInput!) {
    recordInstalmentTransfer(dealId: $dealId, instalmentId: $instalmentId, input: $input) { id instalments { id status } }
  }
`);

export interface TransferTarget { id: string; description: string; amount: string }

export function InstalmentTransferModal({ dealId, target, onClose }: { dealId: string; target: TransferTarget | null; onClose: (changed: boolean) => void }) {
  const [form] = Form.useForm();
  const { message } = App.useApp();
  const { run, problem, fetching } = useFormMutation(RecordInstalmentTransferDocument, form);
  return (
    <Modal
      title={target ? `登记转账：${target.description}` : ''}
      open={!!target}
      okText="登记"
      cancelText="取消"
      okButtonProps={{ loading: fetching }}
      onCancel={() => onClose(false)}
      onOk={() => form.submit()}
      destroyOnHidden
    >
      <ProblemAlert problem={problem} />
      <p>金额：{formatMoney(target?.amount)}（须与该期款项一致）</p>
      <Form
        form={form}
        layout="vertical"
        onFinish={async (v: { reference: string; paidOn: string }) => {
          if (!target) return;
          const done = await run({ dealId, instalmentId: target.id, input: { reference: v.reference, amount: target.amount, paidOn: v.paidOn } });
          if (done) {
            void message.success('已登记，等待卖方确认收款');
            form.resetFields();
            onClose(true);
          }
        }}
      >
        <Form.Item name="reference" label="银行流水号" rules={[{ required: true, message: '请填写银行流水号' }]}>
          <Input maxLength={64} />
        </Form.Item>
        <Form.Item name="paidOn" label="转账日期（YYYY-MM-DD）" rules={[{ required: true, message: '请填写转账日期' }]}>
          <Input placeholder="2026-01-31" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
