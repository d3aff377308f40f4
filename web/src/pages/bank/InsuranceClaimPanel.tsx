// 保险理赔 on a bank's loan: once the loan is DEFAULTED and a guarantee policy naming the bank backs
// it, the bank files its claim (the insurer's share of the loss, computed by the server) and follows
// it until the insurer pays. Mount it on the bank's loan page: <InsuranceClaimPanel loanId=… />.
import { App, Button, Descriptions } from 'antd';
import { useMutation, useQuery } from 'urql';
import { graphql } from '../../gql';
import { label } from '../../labels';
import { formatDate, formatMoney } from '../../format';
import { claimBases, claimStatuses } from '../../guaranteeLabels';
import { problemOf } from '../../errors';
import { SectionCard } from '../../components/SectionCard';
import { QueryStates } from '../../components/States';

const LoanClaimDocument = graphql(`
  query LoanInsuranceClaim($id: ID!) {
    loan(id: $id) {
      id status lossAtDefault
      application { id insurancePolicy { id policyNumber insurer { name } coverage } }
      insuranceClaim { id status loss amount basis paymentReference paidOn }
    }
  }
`);
const FileClaimDocument = graphql(`mutation FileInsuranceClaim($loanId: ID!) { fileInsuranceClaim(loanId: $loanId) { id status amount } }`);

export function InsuranceClaimPanel({ loanId }: { loanId: string }) {
  const { message } = App.useApp();
  const [{ data, fetching, error }, reload] = useQuery({ query: LoanClaimDocument, variables: { id: loanId } });
  const [filing, file] = useMutation(FileClaimDocument);
  const loan = data?.loan;
  const policy = loan?.application?.insurancePolicy;
  const claim = loan?.insuranceClaim;
  return (
    <SectionCard title="保险理赔">
      <QueryStates fetching={fetching} error={error} hasData={!!data} empty={!policy} emptyText="该贷款没有质押融资保证保险。" onRetry={() => reload({ requestPolicy: 'network-only' })}>
        {policy ? (
          <Descriptions size="small" column={1} data-testid="insurance-claim">
            <Descriptions.Item label="保单">{policy.policyNumber}（{policy.insurer.name}，保额 {formatMoney(policy.coverage)}）</Descriptions.Item>
            {claim ? (
              <>
                <Descriptions.Item label="理赔状态">{label(claimStatuses, claim.status)}</Descriptions.Item>
                <Descriptions.Item label="损失">{formatMoney(claim.loss)}</Descriptions.Item>
                <Descriptions.Item label="理赔金额">{formatMoney(claim.amount)}（{label(claimBases, claim.basis)}）</Descriptions.Item>
                {claim.paidOn ? <Descriptions.Item label="赔付">{formatDate(claim.paidOn)}，流水号 {claim.paymentReference}</Descriptions.Item> : null}
              </>
            ) : (
              <Descriptions.Item label="理赔">
                {loan?.status === 'DEFAULTED' ? (
                  <Button type="primary" loading={filing.fetching} onClick={async () => {
                    const res = await file({ loanId });
                    const p = problemOf(res.error);
                    if (p) void message.error(`报案失败：${p.message}${p.detail}`);
                    else { void message.success('已提交理赔申请'); reload({ requestPolicy: 'network-only' }); }
                  }}>提交理赔申请</Button>
                ) : '贷款违约后可申请理赔'}
              </Descriptions.Item>
            )}
          </Descriptions>
        ) : null}
      </QueryStates>
    </SectionCard>
  );
}
