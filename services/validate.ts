// Small input checks that throw BAD_USER_INPUT naming the field.
import { badInput } from './errors';
import { isCalendarDate, isInputDateInRange, MAX_INPUT_DATE, MIN_INPUT_DATE } from './rules/calendar';

/** Lone (unpaired) UTF-16 surrogates: the database would store U+FFFD while the answer echoed the original. */
export const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
/** NUL and other C0/C1 controls except tab, line feed and carriage return. */
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/;
/** Bidirectional embeddings, overrides and isolates (U+202A-U+202E, U+2066-U+2069): they make a name display as another. */
const BIDI_CONTROL = /[\u202A-\u202E\u2066-\u2069]/;

/** Why a text may not be stored, or null. The one rule for every free text (names, titles, messages). */
export function textProblem(value: string): string | null {
  if (LONE_SURROGATE.test(value)) return 'contains an unpaired UTF-16 surrogate (not valid Unicode text)';
  if (value.includes('\u0000')) return 'must not contain NUL characters';
  if (CONTROL.test(value)) return 'must not contain control characters';
  if (BIDI_CONTROL.test(value)) return 'must not contain bidirectional override characters (U+202A-U+202E, U+2066-U+2069)';
  return null;
}

function clean(field: string, value: string): string {
  const problem = textProblem(value);
  if (problem) throw badInput(field, problem);
  return value.trim();
}

export function text(field: string, value: string, opts: { min?: number; max: number }): string {
  const v = clean(field, value);
  if (v.length < (opts.min ?? 1)) throw badInput(field, opts.min && opts.min > 1 ? `must be at least ${opts.min} characters` : 'must not be empty');
  if (v.length > opts.max) throw badInput(field, `must be at most ${opts.max} characters`);
  return v;
}

export function optionalText(field: string, value: string | null | undefined, max: number): string | null {
  if (value === null || value === undefined) return null;
  const v = clean(field, value);
  if (v.length > max) throw badInput(field, `must be at most ${max} characters`);
  return v || null;
}

const EMAIL_RE = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
export function email(field: string, value: string): string {
  const v = value.trim().toLowerCase();
  if (v.length > 254 || !EMAIL_RE.test(v)) throw badInput(field, 'must be an email address');
  return v;
}

export function calendarDate(field: string, value: string): string {
  if (!isCalendarDate(value)) throw badInput(field, 'must be a date written YYYY-MM-DD');
  if (!isInputDateInRange(value)) throw badInput(field, `must be from ${MIN_INPUT_DATE} to ${MAX_INPUT_DATE}`);
  return value;
}

export function positiveFen(field: string, fen: number): number {
  if (!(fen > 0)) throw badInput(field, 'must be greater than 0');
  return fen;
}

export function intInRange(field: string, value: number, min: number, max: number): number {
  if (!Number.isInteger(value) || value < min || value > max) throw badInput(field, `must be a whole number from ${min} to ${max}`);
  return value;
}

/** `first` for pagination: default, and BAD_USER_INPUT above the cap. */
export function pageSize(field: string, value: number | null | undefined, fallback = 20, cap = 100): number {
  if (value === null || value === undefined) return fallback;
  return intInRange(field, value, 1, cap);
}
