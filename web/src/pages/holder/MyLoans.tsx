// 我的贷款 (borrower): the loans granted to us, with what is due next and past due.
import { LoanList } from '../loans/LoanList';

export default function MyLoans() {
  return <LoanList title="我的贷款" party="borrower" linkTo={(id) => `/me/loans/${id}`} />;
}
