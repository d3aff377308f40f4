// Enum values shared by models and services; they match the GraphQL enums of the same names.

export const COUNTIES = ['XIANGYANG', 'GONGNONG', 'NANSHAN', 'XINGAN', 'DONGSHAN', 'XINGSHAN', 'LUOBEI', 'SUIBIN'] as const;
export type County = (typeof COUNTIES)[number];

export const ORG_KINDS = [
  'UNIVERSITY', 'RESEARCH_INSTITUTE', 'ENTERPRISE', 'BANK', 'INSURER', 'SERVICE_AGENCY', 'REGULATOR', 'APPRAISER',
] as const;
export type OrgKind = (typeof ORG_KINDS)[number];

export const ROLES = ['ORG_ADMIN', 'MEMBER', 'CREDIT_OFFICER', 'APPROVER'] as const;
export type Role = (typeof ROLES)[number];

export const ADVANTAGE_LEVELS = ['NATIONAL', 'PROVINCIAL', 'MUNICIPAL'] as const;
