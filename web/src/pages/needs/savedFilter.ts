// A saved ListingFilter back to the search page's URL, and in a line of Chinese.
import type { SavedListingFilter } from '../../generated/schema';
import { counties, dealTypes, industries, ipKinds, label, orgKinds } from '../../labels';
import { formatMoney } from '../../format';
import { readSearch, writeSearch } from '../public/searchParams';

export function savedFilterSearch(f: SavedListingFilter): string {
  const s = readSearch(new URLSearchParams());
  return writeSearch({
    ...s,
    q: f.text ?? '',
    kinds: f.kinds ?? [],
    modes: f.modes ?? [],
    industries: f.industries ?? [],
    counties: f.counties ?? [],
    holderKinds: f.holderKinds ?? [],
    classPrefix: f.classPrefix ?? '',
    highValueOnly: !!f.highValueOnly,
    maxPrice: f.maxPrice ?? '',
    minRemainingYears: f.minRemainingYears ?? null,
    sort: f.text ? 'RELEVANCE' : 'NEWEST',
  }).toString();
}

export function savedFilterText(f: SavedListingFilter): string {
  const parts: string[] = [];
  const names = <K extends string>(table: Record<K, string>, v: readonly K[] | null | undefined) => (v ?? []).map((x) => label(table, x)).join('、');
  if (f.text) parts.push(`关键词“${f.text}”`);
  if (f.kinds?.length) parts.push(names(ipKinds, f.kinds));
  if (f.modes?.length) parts.push(names(dealTypes, f.modes));
  if (f.industries?.length) parts.push(names(industries, f.industries));
  if (f.counties?.length) parts.push(names(counties, f.counties));
  if (f.holderKinds?.length) parts.push(names(orgKinds, f.holderKinds));
  if (f.classPrefix) parts.push(`分类号 ${f.classPrefix}`);
  if (f.highValueOnly) parts.push('仅高价值');
  if (f.maxPrice) parts.push(`不超过 ${formatMoney(f.maxPrice)}`);
  if (f.minRemainingYears != null) parts.push(`剩余保护期 ≥ ${f.minRemainingYears} 年`);
  if (f.holderName) parts.push(`权利人“${f.holderName}”`);
  return parts.join('；') || '—';
}
