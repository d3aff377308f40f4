// Chinese names of the loan enums (issue 16): loan statuses, repayment methods, monitoring alerts,
// eligibility rules. Kept apart from labels.ts so the loan pages' words live together.
import type { EligibilityRule, LoanAlertCause, LoanAlertStatus, LoanStatus, RepaymentMethod } from './generated/schema';
import type { Tone } from './components/AssetTags';

export const loanStatuses: Record<LoanStatus, string> = {
  CONTRACTED: '已签约待放款', CURRENT: '正常', OVERDUE: '逾期', DEFAULTED: '已违约', SETTLED: '已结清',
};
export const loanStatusTones: Record<LoanStatus, Tone> = { CONTRACTED: 'blue', CURRENT: 'green', OVERDUE: 'gold', DEFAULTED: 'red', SETTLED: 'grey' };
export const repaymentMethods: Record<RepaymentMethod, string> = {
  EQUAL_INSTALMENTS: '等额本息', INTEREST_MONTHLY_PRINCIPAL_AT_MATURITY: '按月付息、到期还本', CUSTOM: '自定义还款计划',
};
export const loanAlertCauses: Record<LoanAlertCause, string> = {
  PROTECTION_ENDING: '保护期即将届满',
  ANNUAL_FEE_OVERDUE: '专利年费逾期',
  RESTRICTION_RECORDED: '登记权属纠纷或法院保全',
  RIGHT_INVALIDATED: '权利被宣告无效',
  RIGHT_LAPSED: '权利终止',
  TRANSFER_OR_LICENCE_ATTEMPTED: '质押权利拟转让或许可',
  VALUATION_STALE: '评估报告超过 12 个月',
  REPAYMENT_OVERDUE: '还款逾期',
};
export const loanAlertStatuses: Record<LoanAlertStatus, string> = { OPEN: '待处理', ACKNOWLEDGED: '已确认' };
export const eligibilityRules: Record<EligibilityRule, string> = {
  MIN_REMAINING_PROTECTION: '最短剩余保护期', ANNUAL_FEES_PAID_UP: '年费已缴清', VERIFIED_ONLY: '权利经登记簿核验',
  INSURANCE_REQUIRED: '须有质押融资保证保险', MAX_LOAN_TO_VALUE: '最高质押率（申请时硬性限制）',
};

/** 385 bps -> "3.85%". */
export function formatBps(bps: number): string {
  return `${(bps / 100).toFixed(2)}%`;
}

/** A rate typed in percent ("3.85") as whole basis points (385), or null when it has more than two decimals. */
export function percentToBps(percent: number): number | null {
  const bps = Math.round(percent * 100);
  return Math.abs(bps - percent * 100) < 1e-6 ? bps : null;
}
