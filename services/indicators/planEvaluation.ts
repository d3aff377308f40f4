// The evaluation of a plan (issue 13, point 3): per indicator the value of the plan's last year (or
// of this year while the plan is open), the target, achieved or not, progress, the yearly series,
// the counties' contributions, and for an open plan the pace needed. Read from the stored figures.
import { COUNTIES, type County } from '../../models/enums';
import type { ServiceContext } from '../context';
import { todayInShanghai } from '../rules/calendar';
import { achieved, clean } from './definitions';
import { viewsOf, type PlanView } from './index';
import { getPlan, type PlanRow } from './plans';
import { figuresSnapshot } from './store';

export interface CountyContribution {
  county: County;
  value: number;
  source: string;
  platformValue: number;
  /** Stock: the county's own figure at the evaluated year minus at the baseline year. Flow: the year's amount. */
  change: number;
  /** The platform's change in the county since the baseline year, and its share of the city's. */
  platformChange: number;
  share: number | null;
}

export interface EvaluatedIndicator extends PlanView {
  achieved: boolean;
  counties: CountyContribution[];
}

export interface PlanEvaluationResult {
  plan: PlanRow;
  asOf: string;
  /** The year evaluated: the plan's last year, or this year while the plan is open. */
  year: number;
  /** True once the plan's last year has ended (Asia/Shanghai). */
  final: boolean;
  indicators: EvaluatedIndicator[];
  achievedCount: number;
  missedCount: number;
}

const valueAt = (v: PlanView, year: number) => v.series.find((p) => p.year === year);

/** Evaluates a plan from the figures as stored now. Published plans: anyone; drafts: REGULATOR. */
export async function planEvaluation(ctx: ServiceContext | null, planId: string, today = todayInShanghai()): Promise<PlanEvaluationResult> {
  const plan = await getPlan(ctx, planId);
  const all = await figuresSnapshot();
  const thisYear = Number(today.slice(0, 4));
  const year = Math.max(Math.min(plan.lastYear, thisYear), Math.min(...plan.indicators.map((i) => i.baselineYear)));
  const city = viewsOf(all, plan, year, null, today);
  const byCounty = COUNTIES.map((county) => ({ county, views: viewsOf(all, plan, year, county, today) }));
  const indicators = city.map((view, i): EvaluatedIndicator => {
    const parts = byCounty.map(({ county, views }) => {
      const v = views[i]!;
      // A flow contributes its amount of the year; a stock its change since the baseline year.
      const base = v.kind === 'FLOW_WITHIN_YEAR' ? { value: 0, platformValue: 0 } : valueAt(v, v.baselineYear);
      return {
        county,
        value: v.value,
        source: v.source,
        platformValue: v.platformValue,
        change: clean(v.value - (base?.value ?? 0)),
        platformChange: clean(v.platformValue - (base?.platformValue ?? 0)),
      };
    });
    const total = parts.reduce((s, p) => s + p.platformChange, 0);
    return {
      ...view,
      achieved: achieved(view.def, view.value),
      counties: parts.map((p) => ({ ...p, share: total !== 0 ? clean(p.platformChange / total) : null })),
    };
  });
  const achievedCount = indicators.filter((x) => x.achieved).length;
  return {
    plan,
    asOf: today,
    year,
    final: `${plan.lastYear}-12-31` < today,
    indicators,
    achievedCount,
    missedCount: indicators.length - achievedCount,
  };
}
