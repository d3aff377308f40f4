// The needs search's state lives in the URL (/needs?q=石墨负极&industries=GRAPHITE&after=...), so a
// search can be shared as a link. These helpers turn it into the API's TechnologyNeedFilter and back.
import type { County, DealType, Industry, TechnologyNeedFilter, TechnologyNeedSort } from '../../generated/schema';

export const NEEDS_PAGE_SIZE = 10;

export interface NeedSearchState {
  q: string;
  industries: Industry[];
  counties: County[];
  dealTypes: DealType[];
  classPrefix: string;
  budgetAtLeast: string;
  sort: TechnologyNeedSort;
  after: string | null;
}

const list = <T extends string>(p: URLSearchParams, key: string): T[] => (p.get(key) ?? '').split(',').filter(Boolean) as T[];

export function readNeedSearch(p: URLSearchParams): NeedSearchState {
  return {
    q: p.get('q') ?? '',
    industries: list<Industry>(p, 'industries'),
    counties: list<County>(p, 'counties'),
    dealTypes: list<DealType>(p, 'dealTypes'),
    classPrefix: p.get('class') ?? '',
    budgetAtLeast: p.get('budget') ?? '',
    sort: (p.get('sort') as TechnologyNeedSort | null) ?? (p.get('q') ? 'RELEVANCE' : 'NEWEST'),
    after: p.get('after'),
  };
}

export function writeNeedSearch(s: NeedSearchState): URLSearchParams {
  const p = new URLSearchParams();
  if (s.q) p.set('q', s.q);
  for (const key of ['industries', 'counties', 'dealTypes'] as const) if (s[key].length) p.set(key, s[key].join(','));
  if (s.classPrefix) p.set('class', s.classPrefix);
  if (s.budgetAtLeast) p.set('budget', s.budgetAtLeast);
  if (s.sort !== (s.q ? 'RELEVANCE' : 'NEWEST')) p.set('sort', s.sort);
  if (s.after) p.set('after', s.after);
  return p;
}

export function toNeedFilter(s: NeedSearchState): TechnologyNeedFilter {
  const f: TechnologyNeedFilter = {};
  if (s.q.trim()) f.text = s.q.trim();
  if (s.industries.length) f.industries = s.industries;
  if (s.counties.length) f.counties = s.counties;
  if (s.dealTypes.length) f.dealTypes = s.dealTypes;
  if (s.classPrefix.trim()) f.classPrefix = s.classPrefix.trim();
  if (s.budgetAtLeast) f.budgetAtLeast = s.budgetAtLeast;
  return f;
}
