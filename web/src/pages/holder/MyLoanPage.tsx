// 贷款详情 (borrower): the loan's terms, what is due, the schedule with what is paid, the history.
import { useParams } from 'react-router';
import { useQuery } from 'urql';
import { PageTitle } from '../../components/PageTitle';
import { QueryStates } from '../../components/States';
import { LoanDetailDocument, LoanView } from '../loans/LoanView';

export default function MyLoanPage() {
  const { id = '' } = useParams();
  const [{ data, fetching, error }, refetch] = useQuery({ query: LoanDetailDocument, variables: { id } });
  return (
    <>
      <PageTitle>贷款详情</PageTitle>
      <QueryStates fetching={fetching} error={error} hasData={!!data} empty={!data?.loan} emptyText="未找到该贷款，或您无权查看" onRetry={() => refetch({ requestPolicy: 'network-only' })}>
        {data?.loan ? <LoanView loan={data.loan} /> : null}
      </QueryStates>
    </>
  );
}
