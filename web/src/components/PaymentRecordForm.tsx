// A small form for a payment made outside the platform (对公转账): the bank's transaction reference
// and the value date (and, when asked, the amount). Server field errors (input.reference,
// input.paidOn, input.amount) show under the fields.
import { Button, Form, Input, Modal } from 'antd';
import { useState } from 'react';
import type { ApiProblem } from '../errors';
import { ProblemAlert } from './States';
import { moneyRule } from './SectionCard';

export interface PaymentRecord { reference: string; paidOn: string; amount?: string }

function todayInChina(): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());
}

/** A button opening a modal with the form; `submit` answers true when the record was accepted. */
export function PaymentRecordButton(props: {
  buttonText: string;
  title: string;
  withAmount?: string; // the amount to prefill (yuan); absent: no amount field
  fetching: boolean;
  problem: ApiProblem | null;
  form: ReturnType<typeof Form.useForm<PaymentRecord>>[0];
  submit: (v: PaymentRecord) => Promise<boolean>;
}) {
  const [open, setOpen] = useState(false);
  const { form } = props;
  return (
    <>
      <Button size="small" onClick={() => setOpen(true)}>{props.buttonText}</Button>
      <Modal open={open} title={props.title} okText="提交" cancelText="取消" confirmLoading={props.fetching} onCancel={() => setOpen(false)} onOk={() => form.submit()} destroyOnHidden>
        <ProblemAlert problem={props.problem} />
        <Form form={form} layout="vertical" initialValues={{ paidOn: todayInChina(), amount: props.withAmount }} onFinish={async (v) => {
          if (await props.submit(v)) setOpen(false);
        }}>
          <Form.Item name="reference" label="银行流水号" rules={[{ required: true, message: '请填写银行流水号' }]}>
            <Input />
          </Form.Item>
          {props.withAmount !== undefined ? (
            <Form.Item name="amount" label="金额（元）" rules={[{ required: true, message: '请填写金额' }, moneyRule('60,000.00')]}>
              <Input />
            </Form.Item>
          ) : null}
          <Form.Item name="paidOn" label="付款日期" rules={[{ required: true, message: '请选择付款日期' }]}>
            <Input type="date" />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
