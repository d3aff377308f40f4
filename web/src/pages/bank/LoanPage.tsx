// 贷款详情 (bank): the loan (terms, arrears, schedule, repayments, history), the bank's moves on it and,
// after a default, its claim on the guarantee policy.
import { useParams, Link } from 'react-router';
import { useQuery } from 'urql';
import { PageTitle } from '../../components/PageTitle';
import { QueryStates } from '../../components/States';
import { LoanDetailDocument, LoanView } from '../loans/LoanView';
import { LoanActions } from './LoanActions';
import { InsuranceClaimPanel } from './InsuranceClaimPanel';

export default function LoanPage() {
  const { id = '' } = useParams();
  const [{ data, fetching, error }, refetch] = useQuery({ query: LoanDetailDocument, variables: { id } });
  const loan = data?.loan;
  const reload = () => refetch({ requestPolicy: 'network-only' });
  return (
    <>
      <PageTitle extra={loan?.application ? <Link to={`/bank/applications/${loan.application.id}`}>查看质押申请</Link> : null}>贷款详情</PageTitle>
      <QueryStates fetching={fetching} error={error} hasData={!!data} empty={!loan} emptyText="未找到该贷款，或您无权查看" onRetry={reload}>
        {loan ? (
          <>
            <LoanView loan={loan} />
            <LoanActions loan={loan} onDone={reload} />
            <InsuranceClaimPanel loanId={loan.id} />
          </>
        ) : null}
      </QueryStates>
    </>
  );
}
