// Chinese formatting shared by every page (pure functions; unit-tested in test/unit/webFormat.test.ts).
// Money arrives as the API's decimal string of yuan ("1200000.00"); it is never turned into a float.

const TZ = 'Asia/Shanghai';

/** "1200000.5" -> "¥1,200,000.50"; null/undefined/"" -> "—". Negative amounts keep their sign: "-¥12.00". */
export function formatMoney(value: string | null | undefined): string {
  if (value === null || value === undefined || value === '') return '—';
  const m = /^(-?)(\d+)(?:\.(\d{1,2}))?$/.exec(value.trim());
  if (!m) return value;
  const [, sign, whole, frac = ''] = m;
  const grouped = whole!.replace(/^0+(?=\d)/, '').replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${sign}¥${grouped}.${frac.padEnd(2, '0')}`;
}

/** "2025-03-01" -> "2025年3月1日"; a DateTime is shown as its date in China (UTC+8). */
export function formatDate(value: string | null | undefined): string {
  if (!value) return '—';
  const plain = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (plain) return `${Number(plain[1])}年${Number(plain[2])}月${Number(plain[3])}日`;
  const p = partsInChina(value);
  return p ? `${p.year}年${p.month}月${p.day}日` : value;
}

/** An RFC 3339 instant as China time: "2025年3月1日 09:05". */
export function formatDateTime(value: string | null | undefined): string {
  if (!value) return '—';
  const p = partsInChina(value);
  return p ? `${p.year}年${p.month}月${p.day}日 ${p.hour}:${p.minute}` : value;
}

/** Today in China as YYYY-MM-DD (the default of a date field). */
export function todayInChina(): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: TZ, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());
}

function partsInChina(value: string): { year: number; month: number; day: number; hour: string; minute: string } | null {
  const d = new Date(value);
  if (Number.isNaN(d.getTime())) return null;
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone: TZ, year: 'numeric', month: 'numeric', day: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23',
  }).formatToParts(d);
  const get = (t: string) => parts.find((p) => p.type === t)?.value ?? '';
  return { year: Number(get('year')), month: Number(get('month')), day: Number(get('day')), hour: get('hour').padStart(2, '0'), minute: get('minute') };
}

/** Years with one decimal: 12.3 -> "12.3年". */
export function formatYears(value: number | null | undefined): string {
  if (value === null || value === undefined) return '—';
  return `${(Math.round(value * 10) / 10).toFixed(1)}年`;
}

/** A count with thousands separators: 12345 -> "12,345". */
export function formatCount(value: number | null | undefined): string {
  if (value === null || value === undefined) return '—';
  return String(value).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** A yuan amount typed by a user ("1,200,000", "¥3000.5") as the API's Money string, or null if not a valid amount. */
export function parseMoneyInput(text: string): string | null {
  const t = text.trim().replace(/^¥/, '').replace(/[,，\s]/g, '');
  if (!/^\d+(\.\d{1,2})?$/.test(t)) return null;
  return t;
}
