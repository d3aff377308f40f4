// DATA_DIR: private to the user (0700, files 0600) and used by one server at a time.
//
// Two servers on one DATA_DIR lose acknowledged writes (FerretDB updates are not atomic across
// processes, and two FerretDBs on one set of SQLite files are worse), so the server takes
// DATA_DIR/server.lock before it starts anything. The lock file holds the holder's pid and process
// start time; a lock whose holder no longer runs (kill -9, power loss) is stale and is taken over,
// so a crash never leaves it stuck. The file is created complete (written to a temporary name, then
// hard-linked into place, which fails when the name exists), and a stale file is removed by renaming
// it aside and checking that what was moved is the stale lock that was read, so two servers
// starting at once cannot both win.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { identityOf, isSameProcessRunning, type ProcessIdentity } from './procInfo';

export const LOCK_FILE = 'server.lock';
/** The embedded FerretDB's pid and start time, so a server can stop one left behind (embeddedDb.ts). */
export const FERRETDB_PID_FILE = 'ferretdb.pid';

interface LockContent extends ProcessIdentity {
  host: string;
  startedAt: string;
}

export class DataDirInUseError extends Error {
  constructor(
    readonly dataDir: string,
    readonly holder: LockContent,
  ) {
    super(
      `DATA_DIR ${dataDir} is in use by another server (pid ${holder.pid} on ${holder.host}, started ${holder.startedAt}); ` +
        'stop that server first or give this one another DATA_DIR. Two servers on one DATA_DIR lose writes.',
    );
    this.name = 'DataDirInUseError';
  }
}

/** Creates `dir` (and parents) with mode 0700; tightens an existing directory of ours to 0700. */
export function ensurePrivateDir(dir: string): { tightened: boolean } {
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  const st = fs.statSync(dir);
  if ((st.mode & 0o077) !== 0 && (process.getuid === undefined || st.uid === process.getuid())) {
    fs.chmodSync(dir, 0o700);
    return { tightened: true };
  }
  return { tightened: false };
}

/** Tightens an existing file of ours to 0600 (a file from an older version may be 0644). */
export function ensurePrivateFile(file: string): void {
  try {
    const st = fs.statSync(file);
    if ((st.mode & 0o077) !== 0 && (process.getuid === undefined || st.uid === process.getuid())) fs.chmodSync(file, 0o600);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  }
}

function readLock(file: string): LockContent | null {
  try {
    return readLockText(fs.readFileSync(file, 'utf8'));
  } catch {
    return null; // not JSON: not a live holder's lock (ours are written whole)
  }
}

function isLive(holder: LockContent): boolean {
  if (holder.pid === process.pid) return false; // a previous life with our pid (containers reuse pids)
  // The host is not compared: a new container on the same volume has a new hostname, and a lock
  // that never goes stale is worse than the unsupported case of one DATA_DIR shared over a network.
  return isSameProcessRunning(holder);
}

export interface DataDirLock {
  file: string;
  /** The previous holder when its stale lock was taken over (it had crashed). */
  tookOverFrom?: LockContent;
  release(): void;
}

/** Takes DATA_DIR's lock or throws DataDirInUseError. Call after ensurePrivateDir(dataDir). */
export function lockDataDir(dataDir: string): DataDirLock {
  const file = path.join(dataDir, LOCK_FILE);
  const me: LockContent = { ...identityOf(process.pid), host: os.hostname(), startedAt: new Date().toISOString() };
  const text = JSON.stringify(me);
  let tookOverFrom: LockContent | undefined;

  for (let attempt = 0; attempt < 10; attempt++) {
    const tmp = `${file}.${process.pid}.${attempt}.tmp`;
    fs.writeFileSync(tmp, text, { mode: 0o600 });
    try {
      fs.linkSync(tmp, file);
      fs.unlinkSync(tmp);
      let released = false;
      return {
        file,
        tookOverFrom,
        release: () => {
          if (released) return;
          released = true;
          try {
            if (fs.readFileSync(file, 'utf8') === text) fs.unlinkSync(file);
          } catch {
            /* already gone */
          }
        },
      };
    } catch (err) {
      fs.unlinkSync(tmp);
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    }

    let seen: string;
    try {
      seen = fs.readFileSync(file, 'utf8');
    } catch {
      continue; // removed in between: try again
    }
    const holder = readLockText(seen);
    if (holder && isLive(holder)) throw new DataDirInUseError(dataDir, holder);

    // Stale: move it aside, and put it back if what moved is not what was read (a live newcomer's).
    const aside = `${file}.${process.pid}.stale`;
    try {
      fs.renameSync(file, aside);
    } catch {
      continue;
    }
    const moved = fs.readFileSync(aside, 'utf8');
    if (moved === seen) {
      fs.unlinkSync(aside);
      if (holder) tookOverFrom = holder;
    } else {
      try {
        fs.linkSync(aside, file);
      } catch {
        /* a third server took it meanwhile; its lock stands */
      }
      fs.unlinkSync(aside);
    }
  }
  const holder = readLock(file);
  throw new DataDirInUseError(dataDir, holder ?? { pid: 0, startTime: null, host: '?', startedAt: '?' });
}

function readLockText(text: string): LockContent | null {
  try {
    const parsed = JSON.parse(text) as Partial<LockContent>;
    if (typeof parsed.pid !== 'number') return null;
    return {
      pid: parsed.pid,
      startTime: typeof parsed.startTime === 'string' ? parsed.startTime : null,
      host: typeof parsed.host === 'string' ? parsed.host : '?',
      startedAt: typeof parsed.startedAt === 'string' ? parsed.startedAt : '?',
    };
  } catch {
    return null; // not JSON: not a live holder's lock (ours are written whole)
  }
}
