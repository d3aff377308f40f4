// Small input checks that throw BAD_USER_INPUT naming the field.
import { badInput } from './errors';
import { isCalendarDate } from './rules/calendar';

export function text(field: string, value: string, opts: { min?: number; max: number }): string {
  const v = value.trim();
  if (v.length < (opts.min ?? 1)) throw badInput(field, opts.min && opts.min > 1 ? `must be at least ${opts.min} characters` : 'must not be empty');
  if (v.length > opts.max) throw badInput(field, `must be at most ${opts.max} characters`);
  return v;
}

export function optionalText(field: string, value: string | null | undefined, max: number): string | null {
  if (value === null || value === undefined) return null;
  const v = value.trim();
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
