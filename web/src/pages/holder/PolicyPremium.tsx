// The holder's side of a guarantee policy's premium: its state, and recording the bank transfer
// (对公转账) of the whole premium for the insurer to confirm. Until the premium is paid the policy is
// not in force and cannot back a pledge loan application.
import { App, Form, Space } from 'antd';
import { graphql } from '../../gql';
import { parseMoneyInput } from '../../format';
import { useFormMutation } from '../../components/useFormMutation';
import { PaymentRecordButton, type PaymentRecord } from '../../components/PaymentRecordForm';
import { PremiumCell, type PremiumFacts } from '../insurer/PolicyActions';

const RecordPremiumDocument = graphql(`
  mutation RecordPremiumBankTransfer($policyId: ID!, $input: BankTransferInput!) {
    recordPremiumBankTransfer(policyId: $policyId, input: $input) { id premiumStatus premiumTransfer { reference amount paidOn } }
  }
`);

export function PolicyPremium({ policy, premium, onDone }: { policy: PremiumFacts; premium: string; onDone: () => void }) {
  const { message } = App.useApp();
  const [form] = Form.useForm<PaymentRecord>();
  const { run, problem, fetching } = useFormMutation(RecordPremiumDocument, form);
  const canRecord = policy.premiumStatus === 'UNPAID' && !policy.premiumTransfer;
  return (
    <Space size="small" wrap>
      <PremiumCell policy={policy} insurer={false} onDone={onDone} />
      {canRecord ? (
        <PaymentRecordButton buttonText="登记保费转账" title="登记保费对公转账" withAmount={premium} fetching={fetching} problem={problem} form={form} submit={async (v) => {
          const ok = !!(await run({ policyId: policy.id, input: { reference: v.reference.trim(), amount: parseMoneyInput(v.amount ?? '') ?? v.amount ?? '', paidOn: v.paidOn } }));
          if (ok) { void message.success('已登记转账，待保险公司确认'); onDone(); }
          return ok;
        }} />
      ) : null}
    </Space>
  );
}
