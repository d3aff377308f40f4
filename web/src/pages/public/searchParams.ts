// The search page's state lives in the URL (?q=石墨&kinds=INVENTION_PATENT&sort=NEWEST&after=...),
// so a search can be shared as a link. These helpers turn it into the API's ListingFilter and back.
import type { County, DealType, Industry, IpKind, ListingFilter, ListingSort, OrgKind } from '../../gql/graphql';

export const PAGE_SIZE = 10;

export interface SearchState {
  q: string;
  kinds: IpKind[];
  modes: DealType[];
  industries: Industry[];
  counties: County[];
  holderKinds: OrgKind[];
  classPrefix: string;
  highValueOnly: boolean;
  maxPrice: string;
  minRemainingYears: number | null;
  sort: ListingSort;
  after: string | null;
}

const list = <T extends string>(p: URLSearchParams, key: string): T[] => (p.get(key) ?? '').split(',').filter(Boolean) as T[];

export function readSearch(p: URLSearchParams): SearchState {
  const years = Number(p.get('minYears'));
  return {
    q: p.get('q') ?? '',
    kinds: list<IpKind>(p, 'kinds'),
    modes: list<DealType>(p, 'modes'),
    industries: list<Industry>(p, 'industries'),
    counties: list<County>(p, 'counties'),
    holderKinds: list<OrgKind>(p, 'holderKinds'),
    classPrefix: p.get('class') ?? '',
    highValueOnly: p.get('highValue') === '1',
    maxPrice: p.get('maxPrice') ?? '',
    minRemainingYears: p.get('minYears') && Number.isFinite(years) ? years : null,
    sort: (p.get('sort') as ListingSort | null) ?? (p.get('q') ? 'RELEVANCE' : 'NEWEST'),
    after: p.get('after'),
  };
}

export function writeSearch(s: SearchState): URLSearchParams {
  const p = new URLSearchParams();
  if (s.q) p.set('q', s.q);
  for (const key of ['kinds', 'modes', 'industries', 'counties', 'holderKinds'] as const) if (s[key].length) p.set(key, s[key].join(','));
  if (s.classPrefix) p.set('class', s.classPrefix);
  if (s.highValueOnly) p.set('highValue', '1');
  if (s.maxPrice) p.set('maxPrice', s.maxPrice);
  if (s.minRemainingYears !== null) p.set('minYears', String(s.minRemainingYears));
  if (s.sort !== (s.q ? 'RELEVANCE' : 'NEWEST')) p.set('sort', s.sort);
  if (s.after) p.set('after', s.after);
  return p;
}

export function toFilter(s: SearchState): ListingFilter {
  const f: ListingFilter = {};
  if (s.q.trim()) f.text = s.q.trim();
  if (s.kinds.length) f.kinds = s.kinds;
  if (s.modes.length) f.modes = s.modes;
  if (s.industries.length) f.industries = s.industries;
  if (s.counties.length) f.counties = s.counties;
  if (s.holderKinds.length) f.holderKinds = s.holderKinds;
  if (s.classPrefix.trim()) f.classPrefix = s.classPrefix.trim();
  if (s.highValueOnly) f.highValueOnly = true;
  if (s.maxPrice) f.maxPrice = s.maxPrice;
  if (s.minRemainingYears !== null) f.minRemainingYears = s.minRemainingYears;
  return f;
}
