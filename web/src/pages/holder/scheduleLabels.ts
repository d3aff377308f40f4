// Chinese names of the payment-schedule enums (docs/deals.md "Payment schedules").
import type { InstalmentKind, InstalmentStatus, RoyaltyPeriod } from '../../generated/schema';

export const instalmentKinds: Record<InstalmentKind, string> = { MILESTONE: '里程碑款', ROYALTY: '提成费' };
export const instalmentStatuses: Record<InstalmentStatus, string> = { NOT_REACHED: '未达成', DUE: '待付款', PAYMENT_PENDING: '付款处理中', PAID: '已付清' };
export const royaltyPeriods: Record<RoyaltyPeriod, string> = { QUARTERLY: '按季度', ANNUAL: '按年度' };
