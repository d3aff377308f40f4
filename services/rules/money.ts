// Money: integer fen (分) inside, a decimal yuan string outside. Never a float.

const MONEY_RE = /^(-)?(\d{1,16})(?:\.(\d{1,2}))?$/;

/** Parses "30000000.00" into 3000000000 fen. Returns null for anything that is not such a string. */
export function parseYuanToFen(text: string): number | null {
  const m = MONEY_RE.exec(text.trim());
  if (!m) return null;
  const yuan = BigInt(m[2]!);
  const cents = BigInt((m[3] ?? '').padEnd(2, '0'));
  const fen = yuan * 100n + cents;
  if (fen > BigInt(Number.MAX_SAFE_INTEGER)) return null;
  const n = Number(fen);
  return m[1] ? -n : n;
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
