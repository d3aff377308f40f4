// 贷款 (bank): the bank's loans by status, newest first, paged.
import { LoanList } from '../loans/LoanList';

export default function Loans() {
  return <LoanList title="贷款" party="bank" linkTo={(id) => `/bank/loans/${id}`} />;
}
