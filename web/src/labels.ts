// Chinese names of the API's enum values, one table per enum. `label(table, value)` falls back to the code.
import type {
  County, DealStatus, DealType, IpKind, Industry, LegalStatus, LicenseType, ListingSort, ListingStatus, OrgKind,
  PledgeApplicationStatus, PledgeeConsentState, RiskFlag, Role, VerificationStatus, HighValueReason, InsuranceType, PolicyStatus,
} from './generated/schema';

export const ipKinds: Record<IpKind, string> = {
  INVENTION_PATENT: '发明专利', UTILITY_MODEL: '实用新型', DESIGN_PATENT: '外观设计', TRADEMARK: '注册商标',
};
export const legalStatuses: Record<LegalStatus, string> = {
  PENDING: '审查中', VALID: '有效', EXPIRED: '期满失效', INVALIDATED: '已宣告无效', LAPSED: '未缴年费终止',
};
export const industries: Record<Industry, string> = {
  GRAPHITE: '石墨', NEW_MATERIALS: '新材料', COAL_CHEMICAL: '煤化工', GREEN_FOOD: '绿色食品', BIOMEDICINE: '生物医药',
  EQUIPMENT: '装备制造', ENERGY: '能源', INFORMATION_TECHNOLOGY: '信息技术', CULTURE_TOURISM: '文化旅游', OTHER: '其他',
};
export const counties: Record<County, string> = {
  XIANGYANG: '向阳区', GONGNONG: '工农区', NANSHAN: '南山区', XINGAN: '兴安区', DONGSHAN: '东山区', XINGSHAN: '兴山区',
  LUOBEI: '萝北县', SUIBIN: '绥滨县',
};
export const orgKinds: Record<OrgKind, string> = {
  UNIVERSITY: '高等院校', RESEARCH_INSTITUTE: '科研院所', ENTERPRISE: '企业', BANK: '银行', INSURER: '保险公司',
  SERVICE_AGENCY: '服务机构', REGULATOR: '市知识产权局', APPRAISER: '资产评估机构',
};
export const roles: Record<Role, string> = { ORG_ADMIN: '机构管理员', MEMBER: '成员', CREDIT_OFFICER: '信贷员', APPROVER: '审批人' };
export const dealTypes: Record<DealType, string> = { LICENSE: '许可', TRANSFER: '转让', PLEDGE: '质押融资', OPEN_LICENSE: '开放许可' };
export const licenseTypes: Record<LicenseType, string> = { EXCLUSIVE: '独占许可', SOLE: '排他许可', NON_EXCLUSIVE: '普通许可' };
export const listingStatuses: Record<ListingStatus, string> = {
  DRAFT: '草稿', PUBLISHED: '已发布', UNDER_NEGOTIATION: '洽谈中', CLOSED: '已成交', WITHDRAWN: '已撤回',
};
export const listingSorts: Record<ListingSort, string> = { RELEVANCE: '相关度', NEWEST: '最新发布', PRICE_ASC: '价格从低到高', PRICE_DESC: '价格从高到低' };
export const dealStatuses: Record<DealStatus, string> = {
  PROPOSED: '已报价', ACCEPTED: '已接受', PAYMENT_PENDING: '待付款', PAID: '已付款', COMPLETED: '已完成', REFUND_PENDING: '退款中', CANCELLED: '已取消',
};
export const consentStates: Record<PledgeeConsentState, string> = {
  NOT_REQUIRED: '无需质权人同意', REQUIRED: '待质权人同意', GRANTED: '质权人已同意', REFUSED: '质权人已拒绝',
};
export const verificationStatuses: Record<VerificationStatus, string> = { UNVERIFIED: '未核验', VERIFIED: '已核验', REJECTED: '核验未通过' };
export const highValueReasons: Record<HighValueReason, string> = {
  STRATEGIC_EMERGING_INDUSTRY: '战略性新兴产业', FOREIGN_FAMILY: '有海外同族专利', MAINTAINED_OVER_10_YEARS: '维持年限超过10年',
  HIGH_PLEDGE_FINANCING: '质押融资金额较高', CHINA_PATENT_AWARD: '获中国专利奖',
};
export const pledgeStatuses: Record<PledgeApplicationStatus, string> = {
  SUBMITTED: '已提交', UNDER_REVIEW: '审查中', APPROVED: '已批准', REJECTED: '已拒绝', WITHDRAWN: '已撤回', REGISTERED: '已登记', RELEASED: '已解除',
};
export const riskFlags: Record<RiskFlag, string> = {
  ASSET_NOT_VALID: '权利不在有效状态',
  EXPIRES_WITHIN_TERM: '权利在贷款期限内到期',
  ALREADY_PLEDGED: '权利已被质押',
  OWNER_MISMATCH: '权利人与申请人不一致',
  NO_VALUATION: '缺少评估报告',
  LOAN_TO_VALUE_ABOVE_PRODUCT_MAX: '质押率超过产品上限',
  AMOUNT_ABOVE_PRODUCT_MAX: '申请金额超过产品上限',
  EXCLUSIVE_LICENSE_GRANTED: '已授予独占许可',
  KIND_NOT_ACCEPTED: '产品不接受该类权利',
  ANNUAL_FEE_OVERDUE: '专利年费逾期未缴',
  OWNERSHIP_RESTRICTED: '存在权属纠纷或法院保全',
  CO_OWNER_CONSENT_MISSING: '共有人尚未同意质押',
  ASSET_NOT_VERIFIED: '权利未经登记簿核验',
  VALUATION_UNCONFIRMED: '评估价值未经评估机构确认',
  VALUATION_STALE: '评估报告已超过12个月',
};
export const insuranceTypes: Record<InsuranceType, string> = {
  INFRINGEMENT_LOSS: '侵权损失险', INFRINGEMENT_LIABILITY: '侵权责任险', PLEDGE_FINANCING_GUARANTEE: '质押融资保证保险',
};
export const policyStatuses: Record<PolicyStatus, string> = { ACTIVE: '有效', EXPIRED: '已到期', CANCELLED: '已取消' };

export function label<K extends string>(table: Record<K, string>, value: K | null | undefined): string {
  if (value === null || value === undefined) return '—';
  return table[value] ?? value;
}

/** Options for a Select built from a table. */
export function options<K extends string>(table: Record<K, string>): { value: K; label: string }[] {
  return (Object.keys(table) as K[]).map((value) => ({ value, label: table[value] }));
}

export const valuationMethods: Record<import('./generated/schema').ValuationMethod, string> = { INCOME: '收益法', COST: '成本法', MARKET: '市场法' };
export const annualFeeStatuses: Record<import('./generated/schema').AnnualFeeStatus, string> = {
  PAID: '已缴', OVERDUE: '逾期未缴', UNKNOWN: '未申报', NOT_APPLICABLE: '不适用',
};

// Settlement, recordal, refunds and open-licence terms of deals (issue 17; docs/deals.md).
export const dealSettlements: Record<import('./generated/schema').DealSettlement, string> = { STRIPE: '在线支付（Stripe）', BANK_TRANSFER: '对公转账' };
export const bankTransferStatuses: Record<import('./generated/schema').BankTransferStatus, string> = { RECORDED: '待卖方确认', CONFIRMED: '已确认到账', DISPUTED: '卖方提出异议' };
export const recordalStatuses: Record<import('./generated/schema').RecordalStatus, string> = { RECORDED: '待对方确认', CONFIRMED: '双方已确认' };
export const dealSides: Record<import('./generated/schema').DealSide, string> = { BUYER: '买方', SELLER: '卖方' };
export const refundMethods: Record<import('./generated/schema').RefundMethod, string> = { STRIPE: 'Stripe 原路退款', BANK_TRANSFER: '对公转账退回' };
export const refundStatuses: Record<import('./generated/schema').RefundStatus, string> = {
  REQUESTED: '已向 Stripe 申请退款', AWAITING_SELLER: '待卖方转账退回', RECORDED: '卖方已退回，待买方确认', REFUNDED: '已退款',
};
export const feeBases: Record<import('./generated/schema').OpenLicenceFeeBasis, string> = { ONE_OFF: '一次性支付', PER_YEAR: '按年计费' };
