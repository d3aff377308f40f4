// Pledge financing: loan products, applications with due diligence, CNIPA registrations.
import './visibility';

export { createLoanProduct, loanProducts } from './products';
export {
  applyForPledgeLoan, reviewPledgeApplication, withdrawPledgeApplication, getPledgeApplication, listPledgeApplications, canSeeApplication,
} from './applications';
export { recordPledgeRegistration, releasePledgeRegistration } from './registrations';
export { listPledgeRegistrations, canSeeRegistration } from './registrationQueries';
export { dueDiligence } from './dueDiligence';
export { recordAssetPledgeFacts, setAssetRestriction, annualFeeStatus } from './assetFacts';
export { grantPledgeeConsent, refusePledgeeConsent } from './consent';
export { correctPledgeRegistration, correctionChanges } from './corrections';
export { recordLoanContract, recordDisbursement } from './loanContracts';
export { recordRepayment, settleLoan, defaultLoan, syncLoanStatus } from './loanRepayments';
export { canSeeLoan, getLoan, listLoans, loanOfApplication, loanArrears, loanStatusNow } from './loanAccess';
export { updateLoanProduct, deactivateLoanProduct } from './productEdits';
export { runLoanMonitoring, LOAN_MONITORING_JOB } from './monitoring';
export { listLoanAlerts, acknowledgeLoanAlert, canSeeLoanAlert } from './loanAlerts';
export { changePledgeRegistration } from './registrationChanges';
export { runRegistrationExpiry, REGISTRATION_EXPIRY_JOB } from './registrationExpiry';
export { setRiskSharingScheme, getRiskSharingScheme, financingSummary, financingSummaryCsv, loanLossShares, loanSubsidyDue, schemeTerms } from './schemes';
export { confirmValuationReport, listValuationRequests, reportView, canSeeValuationReport } from './appraisal';
export { createEnforcementListing, recordEnforcementProceeds, applyEnforcementDealProceeds } from './enforcement';
export { rebuildFinancingSummaries, syncLoanFigures } from './summaryStore';
