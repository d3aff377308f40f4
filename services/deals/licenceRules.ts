// Pure rules for licences on one asset: which licence types exclude which, over which dates.
import { addMonths } from '../rules/calendar';

export type LicenseType = 'EXCLUSIVE' | 'SOLE' | 'NON_EXCLUSIVE';

/** A licence (or a licence a deal would create): who holds it, of what type, over which dates. */
export interface LicenceTerm {
  licensee: string;
  type: LicenseType;
  startsOn: string; // YYYY-MM-DD, first day covered
  endsOn: string; // YYYY-MM-DD, first day no longer covered (startsOn + termMonths)
}

/** The dates a licence of `termMonths` starting on `startsOn` covers: [startsOn, startsOn + termMonths). */
export function licencePeriod(startsOn: string, termMonths: number): { startsOn: string; endsOn: string } {
  return { startsOn, endsOn: addMonths(startsOn, termMonths) };
}

/** Half-open periods: one ending on the day another starts does not overlap it. */
export function periodsOverlap(a: { startsOn: string; endsOn: string }, b: { startsOn: string; endsOn: string }): boolean {
  return a.startsOn < b.endsOn && b.startsOn < a.endsOn;
}

/**
 * Whether two licences on the same asset cannot both hold. Over overlapping dates:
 * - an EXCLUSIVE licence (独占许可) excludes every other licence, whoever holds it (even the owner
 *   may not use the patent);
 * - a SOLE licence (排他许可) excludes licences to anyone else (the owner may still use it);
 * - NON_EXCLUSIVE licences (普通许可) coexist with each other.
 * So a NON_EXCLUSIVE licence conflicts with an overlapping EXCLUSIVE one, or a SOLE one held by
 * someone else.
 */
export function licencesConflict(a: LicenceTerm, b: LicenceTerm): boolean {
  if (!periodsOverlap(a, b)) return false;
  if (a.type === 'EXCLUSIVE' || b.type === 'EXCLUSIVE') return true;
  if (a.type === 'SOLE' || b.type === 'SOLE') return a.licensee !== b.licensee;
  return false;
}

/** The first licence in `existing` that `wanted` conflicts with, or null. */
export function firstConflict<T extends LicenceTerm>(wanted: LicenceTerm, existing: T[]): T | null {
  return existing.find((l) => licencesConflict(wanted, l)) ?? null;
}
