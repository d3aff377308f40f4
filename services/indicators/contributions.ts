// What one record contributes to the per-(indicator, year, county) ledger, as pure functions.
//
// Stock indicators count rights "in force at the end of year Y" (Dec 31, Asia/Shanghai). A right in
// force from date S (grant, registration, certification) until date E (expiry, exclusive) is counted
// at the end of Y exactly when S <= Y-12-31 < E, i.e. for the years year(S) <= Y < year(E). So it
// contributes +1 in year(S) and -1 in year(E): the ledger knows the future without a write, and an
// expiry needs no job. Ownership changes split that span by the owner's county at each year end.
// The hooks apply the difference between a record's contributions before and after a write; the
// recomputation sums the contributions of every record; both use these functions.
import type { County } from '../../models/enums';
import { addYears, todayInShanghai } from '../rules/calendar';
import { parsePatentNumber } from '../rules/patentNumber';
import type { IndicatorCode } from './ledger';

export interface Delta {
  code: IndicatorCode;
  year: number;
  county: County;
  amount: number;
}

/** Counted at the end of the years from <= Y < to; to null = no known end. */
export interface YearSpan {
  from: number;
  to: number | null;
}

export const yearOf = (date: string): number => Number(date.slice(0, 4));

/** The year-end span of something in force from `start` (inclusive) until `end` (exclusive). */
export function spanOf(start: string, end: string | null): YearSpan | null {
  const from = yearOf(start);
  const to = end === null ? null : yearOf(end);
  return to !== null && to <= from ? null : { from, to };
}

// ---------- IP assets ----------

export interface AssetFacts {
  kind: string;
  number?: string; // the application number (PCT applications)
  filingDate: string;
  grantDate: string | null;
  expiresOn: string | null;
  legalStatus: string; // as recorded
  verified: boolean; // verification.status VERIFIED: only verified rights count (issue 11)
  lapsedOn: string | null; // LAPSED: the date the right ended (annual fees unpaid after the grace period)
  recordedOn: string; // the date (Asia/Shanghai) the record was created
  strategicEmergingIndustry: boolean;
  foreignFamily: boolean;
  chinaPatentAward: boolean;
  highPledgeFinancing: boolean;
  /** The registration date from which HIGH_PLEDGE_FINANCING holds (absent on records older than this field: dateless). */
  highPledgeFinancingSince?: string | null;
  owner: string;
  ownershipHistory: { from: string; to: string; on: string }[]; // on: date of the change (Asia/Shanghai)
}

interface AssetDocLike {
  kind: string;
  number?: string | null;
  filingDate: string;
  grantDate?: string | null;
  expiresOn?: string | null;
  legalStatus: string;
  verification?: { status?: string | null } | null;
  lapsedOn?: string | null;
  createdAt?: Date | null;
  strategicEmergingIndustry?: boolean | null;
  foreignFamily?: boolean | null;
  chinaPatentAward?: boolean | null;
  highPledgeFinancing?: boolean | null;
  highPledgeFinancingSince?: string | null;
  owner: unknown;
  ownershipHistory?: { from: unknown; to: unknown; at: Date }[] | null;
}

export function assetFacts(a: AssetDocLike): AssetFacts {
  return {
    kind: a.kind,
    number: a.number ?? '',
    filingDate: a.filingDate,
    grantDate: a.grantDate ?? null,
    expiresOn: a.expiresOn ?? null,
    legalStatus: a.legalStatus,
    verified: a.verification?.status === 'VERIFIED',
    lapsedOn: a.lapsedOn ?? null,
    recordedOn: todayInShanghai(a.createdAt ?? new Date()),
    strategicEmergingIndustry: !!a.strategicEmergingIndustry,
    foreignFamily: !!a.foreignFamily,
    chinaPatentAward: !!a.chinaPatentAward,
    highPledgeFinancing: !!a.highPledgeFinancing,
    highPledgeFinancingSince: a.highPledgeFinancingSince ?? null,
    owner: String(a.owner),
    ownershipHistory: (a.ownershipHistory ?? []).map((h) => ({ from: String(h.from), to: String(h.to), on: todayInShanghai(h.at) })),
  };
}

/** Every organization that owned the asset at some point (to look up their counties). */
export function ownersOf(a: AssetFacts): string[] {
  return [...new Set([a.owner, ...a.ownershipHistory.flatMap((h) => [h.from, h.to])])];
}

/**
 * The years an invention patent or trademark counts as valid (有效) at year end: granted (for a
 * trademark: registered) and not yet expired, recorded VALID or EXPIRED. INVALIDATED rights never
 * count (invalidation is void from the start); LAPSED ones count until their lapsedOn date (none
 * recorded: no year can be vouched for); PENDING ones are not granted. A right recorded EXPIRED
 * before its derived term ended stopped counting no later than the day it was recorded. Only
 * VERIFIED rights count at all (docs/trust.md).
 */
export function validSpan(a: AssetFacts): YearSpan | null {
  if (a.kind !== 'INVENTION_PATENT' && a.kind !== 'TRADEMARK') return null;
  if (!a.verified) return null;
  if (!a.grantDate) return null;
  let end = a.expiresOn;
  if (a.legalStatus === 'LAPSED') {
    if (!a.lapsedOn) return null;
    if (end === null || a.lapsedOn < end) end = a.lapsedOn;
    return spanOf(a.grantDate, end);
  }
  if (a.legalStatus !== 'VALID' && a.legalStatus !== 'EXPIRED') return null;
  if (a.legalStatus === 'EXPIRED' && (end === null || a.recordedOn < end)) end = a.recordedOn;
  return spanOf(a.grantDate, end);
}

/**
 * The first year at whose end an invention patent filed on `filingDate` has been maintained for
 * more than ten years (services/rules/assetTerms.ts: addYears(filingDate, 10) < that day).
 */
export function maintainedOver10From(filingDate: string): number {
  const tenYears = addYears(filingDate, 10);
  return tenYears.endsWith('-12-31') ? yearOf(tenYears) + 1 : yearOf(tenYears);
}

/**
 * The years a valid invention patent is high-value at year end: with any of the dateless reasons
 * (strategic emerging industry, foreign family, China Patent Award) for all its valid years;
 * otherwise from the earlier of the year it has been maintained over ten years and the year of the
 * registration that made it HIGH_PLEDGE_FINANCING (never back to the grant: a closed year's figure
 * does not change because of a later registration).
 */
export function highValueSpan(a: AssetFacts): YearSpan | null {
  if (a.kind !== 'INVENTION_PATENT') return null;
  const valid = validSpan(a);
  if (!valid) return null;
  if (a.strategicEmergingIndustry || a.foreignFamily || a.chinaPatentAward) return valid;
  let since = maintainedOver10From(a.filingDate);
  if (a.highPledgeFinancing) since = Math.min(since, a.highPledgeFinancingSince ? yearOf(a.highPledgeFinancingSince) : valid.from);
  const from = Math.max(valid.from, since);
  return valid.to !== null && from >= valid.to ? null : { from, to: valid.to };
}

/** A patent application filed through the PCT (type digit 8 or 9 of its CN application number). */
export function isPctApplication(a: Pick<AssetFacts, 'kind' | 'number'>): boolean {
  if (a.kind !== 'INVENTION_PATENT' && a.kind !== 'UTILITY_MODEL') return false;
  if (!a.number) return false;
  const parsed = parsePatentNumber(a.number);
  return parsed.ok && parsed.value.pct;
}

/** Who owned the asset at the end of each year from `from` on: the last change in a year wins. */
export function ownerSegments(a: AssetFacts): { from: number; owner: string }[] {
  const changes = [...a.ownershipHistory].sort((x, y) => (x.on < y.on ? -1 : x.on > y.on ? 1 : 0));
  const segments = [{ from: -Infinity, owner: changes[0]?.from ?? a.owner }];
  for (const c of changes) segments.push({ from: yearOf(c.on), owner: c.to });
  return segments;
}

/** The ledger contributions of one asset; counties of owners from `countyOf` (unknown owners count nowhere). */
export function assetDeltas(a: AssetFacts, countyOf: (orgId: string) => County | undefined): Delta[] {
  const spans: [IndicatorCode, YearSpan | null][] = [
    [a.kind === 'TRADEMARK' ? 'VALID_TRADEMARKS' : 'INVENTION_PATENTS_PER_10K_POPULATION', validSpan(a)],
    ['HIGH_VALUE_INVENTION_PATENTS', highValueSpan(a)],
  ];
  const segments = ownerSegments(a);
  const out: Delta[] = [];
  for (const [code, span] of spans) {
    if (!span) continue;
    segments.forEach((seg, i) => {
      const segEnd = segments[i + 1]?.from ?? null;
      const from = Math.max(span.from, seg.from);
      const to = span.to === null ? segEnd : segEnd === null ? span.to : Math.min(span.to, segEnd);
      if (to !== null && to <= from) return;
      const county = countyOf(seg.owner);
      if (!county) return;
      out.push({ code, year: from, county, amount: 1 });
      if (to !== null) out.push({ code, year: to, county, amount: -1 });
    });
  }
  // PCT applications: a flow, +1 in the filing year, in the county of the owner at the end of it.
  if (a.verified && isPctApplication(a)) {
    const filed = yearOf(a.filingDate);
    const owner = [...segments].reverse().find((seg) => seg.from <= filed)!.owner;
    const county = countyOf(owner);
    if (county) out.push({ code: 'PCT_APPLICATIONS', year: filed, county, amount: 1 });
  }
  return net(out);
}

// ---------- IP-advantage enterprises ----------

export interface Certification {
  certifiedOn: string;
  expiresOn: string;
}

interface CertifiedLike {
  ipAdvantage?: Certification | null;
  ipAdvantageHistory?: Certification[] | null;
}

/** The certifications an organization counts with: its history (older documents: the current one). */
export function certificationsOf(org: CertifiedLike): Certification[] {
  const history = (org.ipAdvantageHistory ?? []).map((c) => ({ certifiedOn: c.certifiedOn, expiresOn: c.expiresOn }));
  if (history.length > 0) return history;
  return org.ipAdvantage ? [{ certifiedOn: org.ipAdvantage.certifiedOn, expiresOn: org.ipAdvantage.expiresOn }] : [];
}

/** An enterprise counts at the end of every year covered by one of its certifications (overlaps count once). */
export function advantageDeltas(certs: Certification[], county: County): Delta[] {
  const spans = certs
    .map((c) => spanOf(c.certifiedOn, c.expiresOn))
    .filter((s): s is YearSpan => s !== null)
    .sort((x, y) => x.from - y.from);
  const merged: YearSpan[] = [];
  for (const s of spans) {
    const last = merged[merged.length - 1];
    if (last && (last.to === null || s.from <= last.to)) {
      last.to = last.to === null || s.to === null ? null : Math.max(last.to, s.to);
    } else {
      merged.push({ ...s });
    }
  }
  const out: Delta[] = [];
  for (const s of merged) {
    out.push({ code: 'IP_ADVANTAGE_ENTERPRISES', year: s.from, county, amount: 1 });
    if (s.to !== null) out.push({ code: 'IP_ADVANTAGE_ENTERPRISES', year: s.to, county, amount: -1 });
  }
  return out;
}

// ---------- arithmetic on deltas ----------

const keyOf = (d: Omit<Delta, 'amount'>) => `${d.code}|${d.year}|${d.county}`;

/** Adds up deltas with the same (code, year, county) and drops zeros. */
export function net(deltas: Delta[]): Delta[] {
  const sums = new Map<string, Delta>();
  for (const d of deltas) {
    const k = keyOf(d);
    const s = sums.get(k);
    if (s) s.amount += d.amount;
    else sums.set(k, { ...d });
  }
  return [...sums.values()].filter((d) => d.amount !== 0);
}

/** after - before: what to add to the ledger when a record changes. */
export function diff(before: Delta[], after: Delta[]): Delta[] {
  return net([...after, ...before.map((d) => ({ ...d, amount: -d.amount }))]);
}
