// Chinese names for the technology needs' enums (issue 18), kept here to avoid conflicts in labels.ts.
import type { NeedCloseReason, TechnologyNeedSort, TechnologyNeedStatus } from '../../generated/schema';
import { dealTypes, industries, label } from '../../labels';

export const needStatuses: Record<TechnologyNeedStatus, string> = { DRAFT: '草稿', OPEN: '征集中', CLOSED: '已关闭' };
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

/**
 * The matcher's reasons are English phrases ("text: 负极/anode, ...", "IPC H01M 4/58 matches (H01M 4/587)",
 * "industry GRAPHITE, ENERGY", "offers LICENSE", "within budget (800000.00 ≤ 1000000.00 yuan)"); in Chinese.
 * Anything not recognized is shown as it came.
 */
export function reasonText(reason: string, money: (v: string) => string): string {
  const codes = <K extends string>(table: Record<K, string>, list: string) => list.split(/,\s*/).map((c) => label(table, c as K)).join('、');
  let m: RegExpExecArray | null;
  if ((m = /^text: (.+)$/.exec(reason))) return `技术关键词：${m[1].replace(/, /g, '，')}`;
  if ((m = /^IPC (.+) matches \((.+)\)$/.exec(reason))) return `IPC 分类 ${m[1]} 与 ${m[2]} 相符`;
  if ((m = /^industry (.+)$/.exec(reason))) return `产业领域：${codes(industries, m[1])}`;
  if ((m = /^offers (.+)$/.exec(reason))) return `可提供：${codes(dealTypes, m[1])}`;
  if ((m = /^(within|above) budget \(([\d.]+) (≤|>) ([\d.]+) yuan\)$/.exec(reason))) {
    return `${m[1] === 'within' ? '在预算内' : '超出预算'}（挂牌价 ${money(m[2])} ${m[3]} 预算上限 ${money(m[4])}）`;
  }
  return reason;
}
