// CN patent application numbers (ZC 0006-2003).
// 12-digit form (from 2003): 4-digit year + type digit + 7-digit serial, then "." and a check digit.
// 8-digit form (before 2003): 2-digit year + type digit + 5-digit serial, then the check digit.
// Check: sum of digit x weight (2,3,4,5,6,7,8,9,2,3,4,5 / 2..9) mod 11; 10 is written X.
// Type digit: 1 invention, 2 utility model, 3 design, 8 PCT invention, 9 PCT utility model.

export type PatentKind = 'INVENTION_PATENT' | 'UTILITY_MODEL' | 'DESIGN_PATENT';

const WEIGHTS = [2, 3, 4, 5, 6, 7, 8, 9, 2, 3, 4, 5];

export function patentCheckDigit(digits: string): string {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) sum += Number(digits[i]) * WEIGHTS[i % WEIGHTS.length]!;
  const r = sum % 11;
  return r === 10 ? 'X' : String(r);
}

const TYPE_KINDS: Record<string, PatentKind> = {
  '1': 'INVENTION_PATENT',
  '2': 'UTILITY_MODEL',
  '3': 'DESIGN_PATENT',
  '8': 'INVENTION_PATENT',
  '9': 'UTILITY_MODEL',
};

export interface ParsedPatentNumber {
  normalized: string; // e.g. "202010123456.7"
  year: number;
  kind: PatentKind;
  pct: boolean;
}

/** Parses "202010123456.7", "CN202010123456.7", "ZL 202010123456.7", "2020101234567" or the 8-digit form. */
export function parsePatentNumber(input: string): { ok: true; value: ParsedPatentNumber } | { ok: false; problem: string } {
  const compact = input.trim().toUpperCase().replace(/^(CN|ZL)\s*/, '').replace(/\s+/g, '');
  const m = /^(\d{12}|\d{8})\.?([\dX])$/.exec(compact);
  if (!m) return { ok: false, problem: 'must be a CN application number such as 202010123456.7 (12 digits, a dot and the check digit) or the pre-2003 8-digit form' };
  const digits = m[1]!;
  const check = m[2]!;
  const expected = patentCheckDigit(digits);
  if (check !== expected) return { ok: false, problem: `check digit is wrong (expected ${expected})` };
  const long = digits.length === 12;
  const year = long ? Number(digits.slice(0, 4)) : 1900 + Number(digits.slice(0, 2)) + (Number(digits.slice(0, 2)) < 85 ? 100 : 0);
  if (long ? year < 2003 : year >= 2004) return { ok: false, problem: `a ${digits.length}-digit number cannot carry the year ${year}` };
  if (year < 1985) return { ok: false, problem: `year ${year} is before the Chinese patent system (1985)` };
  const typeDigit = digits[long ? 4 : 2]!;
  const kind = TYPE_KINDS[typeDigit];
  if (!kind) return { ok: false, problem: `type digit ${typeDigit} is not one of 1, 2, 3, 8, 9` };
  return { ok: true, value: { normalized: `${digits}.${check}`, year, kind, pct: typeDigit === '8' || typeDigit === '9' } };
}
