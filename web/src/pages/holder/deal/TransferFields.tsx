// A bank transfer's fields (流水号, amount, value date), shared by the buyer's payment and the seller's refund.
import { Form, Input } from 'antd';
import { moneyRule } from '../../../components/SectionCard';
import { parseMoneyInput } from '../../../format';

export interface TransferValues {
  reference: string;
  amount: string;
  paidOn: string;
}

export function TransferFields({ amountLabel, dateLabel }: { amountLabel: string; dateLabel: string }) {
  return (
    <>
      <Form.Item name="reference" label="银行流水号" rules={[{ required: true, whitespace: true, message: '请填写银行交易流水号' }]}>
        <Input style={{ maxWidth: 320 }} placeholder="如 ICBC-20250715-0001" />
      </Form.Item>
      <Form.Item name="amount" label={amountLabel} rules={[{ required: true, message: '请填写金额' }, moneyRule('3,000,000.00')]}>
        <Input style={{ maxWidth: 220 }} />
      </Form.Item>
      <Form.Item name="paidOn" label={dateLabel} rules={[{ required: true, message: '请选择日期' }]}>
        <Input type="date" style={{ maxWidth: 220 }} />
      </Form.Item>
    </>
  );
}

/** The form's values as the API's BankTransferInput. */
export function transferInput(v: TransferValues) {
  return { reference: v.reference.trim(), amount: parseMoneyInput(v.amount) ?? v.amount, paidOn: v.paidOn };
}
