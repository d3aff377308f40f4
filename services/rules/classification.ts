// IPC symbols (form only) and Nice classes, and trademark registration numbers.

const IPC_RE = /^([A-H])(\d{2})([A-Z])(?:\s*(\d{1,4})\/(\d{2,6}))?$/;

/** Normalizes "c01b32/20" to "C01B 32/20"; null when it is not an IPC symbol. */
export function normalizeIpc(input: string): string | null {
  const m = IPC_RE.exec(input.trim().toUpperCase());
  if (!m) return null;
  const subclass = `${m[1]}${m[2]}${m[3]}`;
  return m[4] ? `${subclass} ${Number(m[4])}/${m[5]}` : subclass;
}

/** Normalizes "01" to "1"; null unless a Nice class 1-45. */
export function normalizeNiceClass(input: string): string | null {
  const t = input.trim();
  if (!/^\d{1,2}$/.test(t)) return null;
  const n = Number(t);
  return n >= 1 && n <= 45 ? String(n) : null;
}

/** CN trademark registration numbers: up to 9 digits; Madrid registrations as G + digits. */
export function normalizeTrademarkNumber(input: string): string | null {
  const t = input.trim().toUpperCase().replace(/\s+/g, '');
  return /^(G?\d{1,9})$/.test(t) ? t : null;
}
