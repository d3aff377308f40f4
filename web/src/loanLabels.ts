// Chinese names of the loan enums (issue 16): loan statuses, repayment methods, monitoring alerts,
// eligibility rules; the reasons the server writes on a loan's moves. Kept apart from labels.ts so the loan pages' words live together.
import type { EligibilityRule, LoanAlertCause, LoanAlertStatus, LoanStatus, RepaymentMethod } from './generated/schema';
import { formatDate, formatMoney } from './format';

export const loanStatuses: Record<LoanStatus, string> = {
  CONTRACTED: '已签约待放款', CURRENT: '正常', OVERDUE: '逾期', DEFAULTED: '已违约', SETTLED: '已结清',
};
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

/** The reasons the server writes itself on a loan's moves (services/financing/loan*.ts), in Chinese; people's own as typed. */
const REASONS: [RegExp, (m: RegExpExecArray) => string][] = [
  [/^contract (.+) signed on (\d{4}-\d\d-\d\d)$/, (m) => `合同 ${m[1]} 于 ${formatDate(m[2])} 签订`],
  [/^disbursed ([\d.]+) yuan on (\d{4}-\d\d-\d\d)$/, (m) => `${formatDate(m[2])} 放款 ${formatMoney(m[1])}`],
  [/^([\d.]+) yuan past due for (\d+) days on (\d{4}-\d\d-\d\d)$/, (m) => `截至 ${formatDate(m[3])} 逾期 ${formatMoney(m[1])}，已 ${m[2]} 天`],
  [/^arrears repaid \((\d{4}-\d\d-\d\d)\)$/, (m) => `逾期款项已还清（${formatDate(m[1])}）`],
  [/^settled on (\d{4}-\d\d-\d\d)$/, (m) => `${formatDate(m[1])} 结清`],
  [/^(.*) \((\d+) days past due\)$/s, (m) => `${m[1]}（逾期 ${m[2]} 天）`],
];

export function loanReasonText(reason: string): string {
  for (const [re, zh] of REASONS) {
    const m = re.exec(reason);
    if (m) return zh(m);
  }
  return reason;
}
