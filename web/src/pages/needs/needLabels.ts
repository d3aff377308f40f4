// Chinese names for the technology needs' enums (issue 18), kept here to avoid conflicts in labels.ts.
import type { NeedCloseReason, TechnologyNeedSort, TechnologyNeedStatus } from '../../generated/schema';
import type { Tone } from '../../components/AssetTags';

export const needStatuses: Record<TechnologyNeedStatus, string> = { DRAFT: '草稿', OPEN: '征集中', CLOSED: '已关闭' };
export const needStatusTones: Record<TechnologyNeedStatus, Tone> = { DRAFT: 'grey', OPEN: 'green', CLOSED: 'gold' };
export const closeReasons: Record<NeedCloseReason, string> = { FOUND: '已找到技术', WITHDRAWN: '已撤回' };
export const needSorts: Record<TechnologyNeedSort, string> = { RELEVANCE: '相关度', NEWEST: '最新发布', DEADLINE: '截止日期最近' };
/** The deal types a need may ask for (PLEDGE is a holder's financing, refused by the API). */
export const NEED_DEAL_TYPES = ['LICENSE', 'TRANSFER', 'OPEN_LICENSE'] as const;
/** Who may post needs (the API refuses banks, insurers and the office). */
export const NEED_POSTERS = ['ENTERPRISE', 'UNIVERSITY', 'RESEARCH_INSTITUTE', 'SERVICE_AGENCY'] as const;
/** Shown instead of the owner's name when it is hidden. */
export const ANONYMOUS_OWNER = '匿名企业';

/** "¥500,000.00 – ¥3,000,000.00", "不低于 …", "不超过 …" or "面议". */
export function budgetText(min: string | null | undefined, max: string | null | undefined, money: (v: string) => string): string {
  if (min && max) return `${money(min)} – ${money(max)}`;
  if (min) return `不低于 ${money(min)}`;
  if (max) return `不超过 ${money(max)}`;
  return '面议';
}
