// Labels of the pledge-financing guarantee cover (issue 16, point 6): underwriting, premium, claims.
import type { ClaimBasis, InsuranceClaimStatus, PremiumPaidVia, PremiumStatus, UnderwritingStatus } from './gql/graphql';

export const underwritingStatuses: Record<UnderwritingStatus, string> = { PENDING: '待核保', ACCEPTED: '已承保', DECLINED: '已拒保' };
export const premiumStatuses: Record<PremiumStatus, string> = { UNPAID: '保费未付', PAID: '保费已付' };
export const premiumPaidVia: Record<PremiumPaidVia, string> = { STRIPE: '在线支付', BANK_TRANSFER: '对公转账' };
export const claimStatuses: Record<InsuranceClaimStatus, string> = { FILED: '已报案待赔付', PAID: '已赔付' };
export const claimBases: Record<ClaimBasis, string> = { SCHEME: '按风险分担方案中保险公司的比例', POLICY_SHARE: '按保单约定的保障比例' };
