// 专利开放许可 terms as the patentee publishes them (Patent Law arts. 50-52, Implementing Rules art. 86):
// how the fee is paid and for how long the licence runs. A taker accepts these terms; it cannot
// choose others. Pure rules; the clock is the caller's.
import { addMonths } from '../rules/calendar';

/** ONE_OFF: askingPrice buys the whole period. PER_YEAR: askingPrice is the fee per year of the period. */
export type OpenLicenceFeeBasis = 'ONE_OFF' | 'PER_YEAR';
export interface OpenLicenceTerms {
  feeBasis: OpenLicenceFeeBasis;
  periodMonths: number;
}

export const MAX_OPEN_LICENCE_MONTHS = 600;

/** Whole months from `today` until `expiresOn` (a licence of that many months ends on or before it). */
export function monthsUntil(today: string, expiresOn: string): number {
  let months = 0;
  while (months < MAX_OPEN_LICENCE_MONTHS && addMonths(today, months + 1) <= expiresOn) months++;
  return months;
}

/** The terms when the patentee published none: one fee for the patent's remaining life (at most 50 years). */
export function defaultOpenLicenceTerms(today: string, expiresOn: string | null): OpenLicenceTerms {
  return { feeBasis: 'ONE_OFF', periodMonths: expiresOn ? monthsUntil(today, expiresOn) : MAX_OPEN_LICENCE_MONTHS };
}

/** What a taker pays, in fen: the fee, or the yearly fee x months / 12 rounded half up to the fen. */
export function openLicenceFee(askingPriceFen: number, terms: OpenLicenceTerms): number {
  if (terms.feeBasis === 'ONE_OFF') return askingPriceFen;
  const num = BigInt(askingPriceFen) * BigInt(terms.periodMonths);
  const q = num / 12n;
  return Number((num % 12n) * 2n >= 12n ? q + 1n : q);
}

/** Why a licence of these terms starting `today` cannot be offered on a patent expiring `expiresOn`, or null. */
export function openLicencePeriodProblem(terms: OpenLicenceTerms, today: string, expiresOn: string | null): string | null {
  if (expiresOn && addMonths(today, terms.periodMonths) > expiresOn) {
    return `a licence of ${terms.periodMonths} months from ${today} would run past the patent's expiry on ${expiresOn}`;
  }
  return null;
}

/** The terms of an OPEN_LICENSE listing (the default for one published before terms existed), with the fee a taker pays; null for other listings. */
export function openLicenceOffer(
  listing: { modes: readonly string[]; askingPrice?: number | null; openLicence?: OpenLicenceTerms | null },
  expiresOn: string | null,
  today: string,
): (OpenLicenceTerms & { fee: number }) | null {
  if (!listing.modes.includes('OPEN_LICENSE') || listing.askingPrice == null) return null;
  const terms = listing.openLicence ? { feeBasis: listing.openLicence.feeBasis, periodMonths: listing.openLicence.periodMonths } : defaultOpenLicenceTerms(today, expiresOn);
  return { ...terms, fee: openLicenceFee(listing.askingPrice, terms) };
}
