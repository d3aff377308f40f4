// The bank's moves on a loan (issue 16): disbursement once contracted (after the CNIPA registration),
// repayments and settlement while CURRENT or OVERDUE, a default with a reason once the product's
// days past due are reached. The server has the last word (its errors show under the fields).
import { App, Button, Form, Input } from 'antd';
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { graphql } from '../../gql';
import { formatMoney, parseMoneyInput, todayInChina } from '../../format';
import { SectionCard, moneyRule } from '../../components/SectionCard';
import { ProblemAlert } from '../../components/States';
import { useFormMutation } from '../../components/useFormMutation';
import type { LoanDetail } from '../loans/LoanView';

const DisburseDocument = graphql(`
  mutation RecordDisbursement($input: DisbursementInput!) { recordDisbursement(input: $input) { id status } }
`);
const RepayDocument = graphql(`
  mutation RecordRepayment($input: RepaymentInput!) { recordRepayment(input: $input) { id status repaidTotal } }
`);
const SettleDocument = graphql(`
  mutation SettleLoan($input: SettleLoanInput!) { settleLoan(input: $input) { id status } }
`);
const DefaultDocument = graphql(`
  mutation DefaultLoan($input: DefaultLoanInput!) { defaultLoan(input: $input) { id status } }
`);

type Field = { name: string; label: string; kind: 'date' | 'money' | 'text'; required?: boolean; initial?: string };

/** One small form: its fields, a button, the mutation with `input: { loanId, ...values }` (money parsed). */
function MoveForm<D>({ loanId, document, fields, button, success, danger, onDone }: {
  loanId: string;
  document: TypedDocumentNode<D, { input: never }>;
  fields: Field[];
  button: string;
  success: string;
  danger?: boolean;
  onDone: () => void;
}) {
  const [form] = Form.useForm<Record<string, string>>();
  const { run, problem, fetching } = useFormMutation(document, form);
  const { message } = App.useApp();
  const onFinish = async (v: Record<string, string>) => {
    const input: Record<string, string | null> = { loanId };
    for (const f of fields) {
      const raw = (v[f.name] ?? '').trim();
      input[f.name] = f.kind === 'money' ? (parseMoneyInput(raw) ?? raw) : raw || null;
    }
    if (await run({ input: input as never })) {
      message.success(success);
      form.resetFields();
      onDone();
    }
  };
  return (
    <>
      <ProblemAlert problem={problem} />
      <Form form={form} name={`loan-${fields[0]!.name}`} layout="vertical" style={{ maxWidth: 560 }} onFinish={onFinish} initialValues={Object.fromEntries(fields.map((f) => [f.name, f.initial ?? '']))}>
        {fields.map((f) => (
          <Form.Item
            key={f.name}
            name={f.name}
            label={f.label}
            rules={[
              ...(f.required === false ? [] : [{ required: true, whitespace: true, message: `请填写${f.label.replace(/（.*）$/, '')}` }]),
              ...(f.kind === 'money' ? [moneyRule('3,400.22')] : []),
            ]}
          >
            {f.kind === 'date' ? <Input type="date" /> : f.kind === 'text' && f.name === 'reason' ? <Input.TextArea rows={2} /> : <Input />}
          </Form.Item>
        ))}
        <Button type={danger ? 'default' : 'primary'} danger={danger} htmlType="submit" loading={fetching}>{button}</Button>
      </Form>
    </>
  );
}

export function LoanActions({ loan, onDone }: { loan: LoanDetail; onDone: () => void }) {
  const today = todayInChina();
  if (loan.status === 'CONTRACTED') {
    const registered = loan.application?.registration?.status === 'ACTIVE';
    return (
      <SectionCard key="disburse" title="放款">
        {registered ? null : <p>请先在质押申请页记录国家知识产权局质押登记（先签约、再登记、后放款）。</p>}
        <MoveForm
          key="disburse"
          loanId={loan.id}
          document={DisburseDocument}
          fields={[
            { name: 'disbursedOn', label: '放款日', kind: 'date', initial: today },
            { name: 'amount', label: '放款金额（元）', kind: 'money', initial: loan.principal },
          ]}
          button="记录放款"
          success="已记录放款"
          onDone={onDone}
        />
      </SectionCard>
    );
  }
  if (loan.status !== 'CURRENT' && loan.status !== 'OVERDUE') return null;
  return (
    <>
      <SectionCard key="repay" title="记录还款">
        <MoveForm
          key="repay"
          loanId={loan.id}
          document={RepayDocument}
          fields={[
            { name: 'paidOn', label: '还款日', kind: 'date', initial: today },
            { name: 'amount', label: '还款金额（元）', kind: 'money' },
            { name: 'reference', label: '凭证号（可选）', kind: 'text', required: false },
          ]}
          button="记录还款"
          success="已记录还款"
          onDone={onDone}
        />
      </SectionCard>
      <SectionCard title="结清">
        <p>结清金额须等于还款计划剩余未还的 {formatMoney(loan.outstanding)}；结清后注销质押登记。</p>
        <MoveForm
          key={`settle-${loan.outstanding}`} // a repayment changes the payoff: the form starts again with it
          loanId={loan.id}
          document={SettleDocument}
          fields={[
            { name: 'settledOn', label: '结清日', kind: 'date', initial: today },
            { name: 'payoff', label: '结清金额（元）', kind: 'money', initial: loan.outstanding },
          ]}
          button="结清贷款"
          success="贷款已结清，质押登记已注销"
          onDone={onDone}
        />
      </SectionCard>
      <SectionCard title="认定违约">
        <p>逾期 {loan.daysPastDue} 天；本产品逾期满 {loan.product.daysPastDueBeforeDefault} 天方可认定违约。</p>
        <MoveForm
          loanId={loan.id}
          document={DefaultDocument}
          fields={[{ name: 'reason', label: '违约理由', kind: 'text' }]}
          button="认定违约"
          success="已认定违约"
          danger
          onDone={onDone}
        />
      </SectionCard>
    </>
  );
}
