// Who is process N: liveness and identity checks for lock and pid files. A pid alone is not an
// identity (pids are reused, and in a container a restarted server often gets the same pid), so a
// file records the pid together with the process's start time (Linux: /proc/<pid>/stat field 22,
// clock ticks since boot). Elsewhere the start time is unknown and only the pid is checked.
import fs from 'node:fs';

export interface ProcessIdentity {
  pid: number;
  startTime: string | null; // null where /proc is unavailable
}

function stat(pid: number): string[] | null {
  try {
    const text = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    // "pid (comm) state ppid ..." where comm may contain spaces and parentheses: split after the last ')'.
    return text.slice(text.lastIndexOf(')') + 2).split(' ');
  } catch {
    return null;
  }
}

/** The start time of a process (clock ticks since boot), or null when it is unknown. */
export function startTimeOf(pid: number): string | null {
  return stat(pid)?.[19] ?? null; // field 22 of the whole line; the 20th after "pid (comm)"
}

export function identityOf(pid: number): ProcessIdentity {
  return { pid, startTime: startTimeOf(pid) };
}

/** True when the process runs (a zombie, dead but not yet reaped, counts as gone). */
export function isRunning(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EPERM') return false;
  }
  const s = stat(pid);
  return s === null ? true : s[0] !== 'Z' && s[0] !== 'X';
}

/** True when the process recorded in `id` still runs: same pid and, where known, same start time. */
export function isSameProcessRunning(id: ProcessIdentity): boolean {
  if (!isRunning(id.pid)) return false;
  if (id.startTime === null) return true;
  const now = startTimeOf(id.pid);
  return now === null || now === id.startTime;
}

/** Waits until the process is gone, up to `timeoutMs`; true when it is. */
export async function waitForExit(pid: number, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (isRunning(pid)) {
    if (Date.now() > deadline) return false;
    await new Promise((r) => setTimeout(r, 50));
  }
  return true;
}
