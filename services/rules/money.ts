// Money: integer fen (分) inside, a decimal yuan string outside. Never a float.

const MONEY_RE = /^(-)?(\d{1,40})(?:\.(\d{1,2}))?$/;

/** The largest amount held exactly: 2^53 - 1 fen, i.e. 90071992547409.91 yuan. */
export const MAX_MONEY_FEN = Number.MAX_SAFE_INTEGER;

/** Why `text` is not a Money amount ('format' or 'too large'), or the amount in fen. */
export function readYuan(text: string): { fen: number } | { problem: 'format' | 'too large' } {
  const m = MONEY_RE.exec(text.trim());
  if (!m) return { problem: 'format' };
  const yuan = BigInt(m[2]!);
  const cents = BigInt((m[3] ?? '').padEnd(2, '0'));
  const fen = yuan * 100n + cents;
  if (fen > BigInt(MAX_MONEY_FEN)) return { problem: 'too large' };
  const n = Number(fen);
  return { fen: m[1] ? -n : n };
}

/** Parses "30000000.00" into 3000000000 fen. Returns null for anything that is not such a string (or is past 2^53 - 1 fen). */
export function parseYuanToFen(text: string): number | null {
  const read = readYuan(text);
  return 'fen' in read ? read.fen : null;
}

/** Formats 3000000000 fen as "30000000.00". */
export function formatFen(fen: number): string {
  if (!Number.isSafeInteger(fen)) throw new RangeError(`money must be a safe integer of fen, got ${fen}`);
  const sign = fen < 0 ? '-' : '';
  const abs = Math.abs(fen);
  const yuan = Math.floor(abs / 100);
  const cents = abs % 100;
  return `${sign}${yuan}.${cents.toString().padStart(2, '0')}`;
}

/** amount x percent / 100, rounded half up to the fen, in integer arithmetic. */
export function percentOfFen(fen: number, percent: number): number {
  // percent has at most 4 decimals in our inputs; scale to an integer number of ten-thousandths.
  const scaled = BigInt(Math.round(percent * 10_000));
  const num = BigInt(fen) * scaled;
  const den = 1_000_000n; // 100 (percent) x 10,000 (scale)
  const q = num / den;
  const r = num % den;
  return Number(r * 2n >= den ? q + 1n : q);
}

/** Fen to 亿元 (1 亿 = 10^8 yuan = 10^10 fen), for indicators. */
export function fenToYi(fen: number): number {
  return fen / 1e10;
}
