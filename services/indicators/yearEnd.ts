// The definitions read literally: is this record counted at the end of year Y (Dec 31, Asia/Shanghai)?
// The audit and the tests compare the ledger against these; they share no code with the year spans
// in contributions.ts, so a mistake in either shows up as a difference.
import { highValueReasons, type IpKind } from '../rules/assetTerms';
import { isPctApplication, type AssetFacts, type Certification } from './contributions';

export const yearEnd = (year: number) => `${year}-12-31`;

/** Granted (registered) by the year end, not expired by then, recorded VALID or EXPIRED (see contributions.validSpan). */
export function isValidAtYearEnd(a: AssetFacts, year: number): boolean {
  const end = yearEnd(year);
  if (a.kind !== 'INVENTION_PATENT' && a.kind !== 'TRADEMARK') return false;
  if (!a.verified) return false; // only VERIFIED rights count (issue 11)
  const lapsed = a.legalStatus === 'LAPSED';
  if (a.legalStatus !== 'VALID' && a.legalStatus !== 'EXPIRED' && !lapsed) return false;
  if (lapsed && (a.lapsedOn === null || a.lapsedOn <= end)) return false; // lapsed on that date: gone from then on
  if (!a.grantDate || a.grantDate > end) return false;
  if (a.expiresOn !== null && a.expiresOn <= end) return false;
  if (a.legalStatus === 'EXPIRED' && a.recordedOn <= end) return false;
  return true;
}

/** A valid invention patent with at least one of CNIPA's five reasons, judged on Dec 31 (assets' own rule). */
export function isHighValueAtYearEnd(a: AssetFacts, year: number): boolean {
  if (a.kind !== 'INVENTION_PATENT' || !isValidAtYearEnd(a, year)) return false;
  return highValueReasons({ ...a, kind: a.kind as IpKind, status: 'VALID' }, yearEnd(year)).length > 0;
}

/** The owner on Dec 31 of the year: the last change made on or before that day. */
export function ownerAtYearEnd(a: AssetFacts, year: number): string {
  const end = yearEnd(year);
  const changes = [...a.ownershipHistory].sort((x, y) => (x.on < y.on ? -1 : x.on > y.on ? 1 : 0));
  let owner = changes[0]?.from ?? a.owner;
  for (const c of changes) if (c.on <= end) owner = c.to;
  return owner;
}

/** Certified on or before Dec 31 and the certification not expired by then. */
export function isCertifiedAtYearEnd(certs: Certification[], year: number): boolean {
  const end = yearEnd(year);
  return certs.some((c) => c.certifiedOn <= end && c.expiresOn > end);
}

/** A PCT application (contributions.isPctApplication) filed within `year`. */
export function isPctFiledIn(a: AssetFacts, year: number): boolean {
  return a.verified && isPctApplication(a) && a.filingDate >= `${year}-01-01` && a.filingDate <= yearEnd(year);
}
