// The time the domain rules use (deadlines, "not in the future"): the real clock, shifted in tests.
// TEST_CLOCK_FILE (NODE_ENV=test only) names a file holding an offset in milliseconds that is added
// to the real time; a missing or empty file means no offset. Tests write it to move the server's
// clock forward (e.g. past a 3-month filing deadline) without restarting it. Outside test mode the
// variable is ignored and this is `new Date()`.
import fs from 'node:fs';
import { todayInShanghai } from './rules/calendar';

function offsetMs(): number {
  const file = process.env.TEST_CLOCK_FILE;
  if (!file || process.env.NODE_ENV !== 'test') return 0;
  try {
    const n = Number(fs.readFileSync(file, 'utf8').trim() || '0');
    return Number.isFinite(n) ? n : 0;
  } catch {
    return 0; // no file: the real clock
  }
}

/** Now, as the domain sees it. */
export function now(): Date {
  return new Date(Date.now() + offsetMs());
}

/** Today's business date (Asia/Shanghai), as the domain sees it. */
export function today(): string {
  return todayInShanghai(now());
}
