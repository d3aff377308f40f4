// On the insurer's policies: the premium (paid or not; confirming a recorded bank transfer) and the
// bank's claim after a default (paying it, with the transfer's reference and date).
import { App, Button, Form, Space } from 'antd';
import { useMutation } from 'urql';
import { graphql } from '../../gql';
import type { InsuranceClaimStatus, PremiumPaidVia, PremiumStatus } from '../../gql/graphql';
import { label } from '../../labels';
import { formatMoney } from '../../format';
import { claimStatuses, premiumPaidVia, premiumStatuses } from '../../guaranteeLabels';
import { problemOf } from '../../errors';
import { ToneTag } from '../../components/AssetTags';
import { useFormMutation } from '../../components/useFormMutation';
import { PaymentRecordButton, type PaymentRecord } from '../../components/PaymentRecordForm';

const ConfirmPremiumDocument = graphql(`mutation ConfirmPremiumBankTransfer($policyId: ID!) { confirmPremiumBankTransfer(policyId: $policyId) { id premiumStatus premiumPaidVia inForce } }`);
const PayClaimDocument = graphql(`mutation PayInsuranceClaim($input: PayClaimInput!) { payInsuranceClaim(input: $input) { id status paymentReference paidOn } }`);

export interface PremiumFacts {
  id: string;
  premiumStatus?: PremiumStatus | null;
  premiumPaidVia?: PremiumPaidVia | null;
  premiumTransfer?: { reference: string; amount: string; paidOn: string } | null;
}

/** The premium's state; while a recorded transfer awaits, the insurer's 确认收到保费. */
export function PremiumCell({ policy, insurer, onDone }: { policy: PremiumFacts; insurer: boolean; onDone: () => void }) {
  const { message } = App.useApp();
  const [state, confirm] = useMutation(ConfirmPremiumDocument);
  if (!policy.premiumStatus) return <span>—</span>;
  const paid = policy.premiumStatus === 'PAID';
  const tag = <ToneTag tone={paid ? 'green' : 'gold'}>{label(premiumStatuses, policy.premiumStatus)}{paid && policy.premiumPaidVia ? `（${label(premiumPaidVia, policy.premiumPaidVia)}）` : ''}</ToneTag>;
  const t = policy.premiumTransfer;
  if (paid || !t) return tag;
  return (
    <Space size="small" wrap>
      {tag}
      <span>转账 {t.reference}，{formatMoney(t.amount)}，{t.paidOn}</span>
      {insurer ? (
        <Button size="small" type="primary" loading={state.fetching} onClick={async () => {
          const res = await confirm({ policyId: policy.id });
          const p = problemOf(res.error);
          if (p) void message.error(`确认失败：${p.message}${p.detail}`);
          else { void message.success('已确认收到保费，保单生效'); onDone(); }
        }}>确认收到保费</Button>
      ) : <span>待保险公司确认</span>}
    </Space>
  );
}

/** The claim on the policy, and for a FILED one the insurer's 支付理赔. */
export function ClaimCell({ claim, onDone }: { claim?: { id: string; status: InsuranceClaimStatus; amount: string } | null; onDone: () => void }) {
  const { message } = App.useApp();
  const [form] = Form.useForm<PaymentRecord>();
  const { run, problem, fetching } = useFormMutation(PayClaimDocument, form);
  if (!claim) return <span>—</span>;
  const tag = <ToneTag tone={claim.status === 'PAID' ? 'green' : 'gold'}>{label(claimStatuses, claim.status)} {formatMoney(claim.amount)}</ToneTag>;
  if (claim.status !== 'FILED') return tag;
  return (
    <Space size="small" wrap>
      {tag}
      <PaymentRecordButton buttonText="支付理赔" title={`支付理赔 ${formatMoney(claim.amount)}`} fetching={fetching} problem={problem} form={form} submit={async (v) => {
        const ok = !!(await run({ input: { claimId: claim.id, reference: v.reference, paidOn: v.paidOn } }));
        if (ok) { void message.success('已记录理赔付款'); onDone(); }
        return ok;
      }} />
    </Space>
  );
}
