// Formats of the CNIPA numbers the parties copy from CNIPA's notices into a deal. Pure rules, so the
// same check runs in tests and at the edge; each answers why a number is refused, or null.

/**
 * The serial (发文序号) of CNIPA's notice that the change of owner or applicant was recorded
 * (著录项目变更手续合格通知书): ASCII digits only, 8 to 20 of them, e.g. 2025071500123456.
 */
export function recordalNoticeProblem(text: string): string | null {
  if (!/^\d{8,20}$/.test(text)) return 'must be the 8 to 20 digits of CNIPA’s recordal notice serial (发文序号), e.g. 2025071500123456';
  return null;
}

/**
 * A licence contract filing number (专利实施许可合同备案号): an optional X, the 4-digit filing year,
 * a 2-digit office code (99 for CNIPA itself, else the province's), and a 7-digit serial,
 * e.g. X2025990000123 or 2025230000456.
 */
export function filingNumberProblem(text: string): string | null {
  const m = /^X?(\d{4})\d{2}\d{7}$/.exec(text);
  if (!m) return 'must be a CNIPA licence filing number (备案号): optional X, 4-digit year, 2-digit office code, 7-digit serial, e.g. X2025990000123';
  const year = Number(m[1]);
  if (year < 1985 || year > 2100) return `names the year ${m[1]}, which is not a filing year (1985 or later)`;
  return null;
}
