// Words of the bank's pages: what each role may do (four-eyes, docs/people.md), valuation methods,
// annual fee states, and the due diligence's checks.
import type { AnnualFeeStatus, AssetRestrictionKind, PledgeApplicationStatus, PledgeRegistrationStatus, Role, ValuationMethod } from '../../generated/schema';

export const valuationMethods: Record<ValuationMethod, string> = { INCOME: '收益法', COST: '成本法', MARKET: '市场法' };
export const annualFeeStatuses: Record<AnnualFeeStatus, string> = { PAID: '已缴', OVERDUE: '逾期未缴', UNKNOWN: '未申报', NOT_APPLICABLE: '不适用' };
export const restrictionKinds: Record<AssetRestrictionKind, string> = { OWNERSHIP_DISPUTE: '权属纠纷', COURT_PRESERVATION: '法院保全' };
export const registrationStatuses: Record<PledgeRegistrationStatus, string> = { ACTIVE: '质押中', RELEASED: '已注销', EXPIRED: '已到期' };

/** The queue's tabs: every status, in the order an application moves. */
export const QUEUE_STATUSES: PledgeApplicationStatus[] = ['SUBMITTED', 'UNDER_REVIEW', 'APPROVED', 'REGISTERED', 'REJECTED', 'WITHDRAWN', 'RELEASED'];

export interface Abilities {
  startReview: boolean;
  approve: boolean;
  reject: boolean;
  register: boolean;
}

/** What a bank user's role allows (services/authz.ts ROLE_ABILITIES; FOUR_EYES on). */
export function abilitiesOf(role: Role): Abilities {
  const admin = role === 'ORG_ADMIN';
  return {
    startReview: admin || role === 'CREDIT_OFFICER',
    approve: admin || role === 'APPROVER',
    reject: admin || role === 'CREDIT_OFFICER' || role === 'APPROVER',
    register: true,
  };
}

export const ROLE_RULES = '四眼原则：信贷员（或机构管理员）受理审查，审批人（或机构管理员）批准，且批准人不能是受理审查的同一人；信贷员与审批人均可拒绝。普通成员不能审查。';
