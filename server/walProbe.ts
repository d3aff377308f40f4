// Knowing that nothing was written, without asking the database: the embedded FerretDB on SQLite.
//
// Every request that consults a cache needs the shared stamps from a read that started after it
// arrived (services/sharedStamp.ts), so that a write that returned, in any process, is seen by the
// next request. On FerretDB that read is a round trip costing about 300 µs of FerretDB's CPU and
// 130 µs of ours, shared by the requests of a batch: the floor of every cached page (docs/
// performance.md, round 6). SQLite in WAL mode keeps, in the `-shm` file beside the database, the
// wal-index header (https://www.sqlite.org/walformat.html, "The WAL-Index Format"): the commit of
// every write transaction rewrites it (the last frame, the running checksum of the frames, the
// salts after a restart of the log) before the commit returns, in two copies one after the other,
// and a read never changes it. So when the header reads the same as it did before an earlier read
// of the stamps began, no process has committed anything since, and that read's stamps still hold.
//
// The probe answers a token (the header) or null when it cannot tell: no such file (another
// backend, not WAL mode), a header not initialised, or the two copies differing (a commit in
// progress); null means "ask the database". The server checks at start that a write changes the
// token (verifyWriteProbe) and uses the probe only if it does. This is FerretDB-on-SQLite work-around
// code: MongoDB and FerretDB on PostgreSQL are always asked.
import fs from 'node:fs';
import type { WriteProbe } from '../services/sharedStamp';

const HEADER_BYTES = 48; // one copy of the WalIndexHdr
const IS_INIT = 12; // its isInit byte

/** The probe of the SQLite database whose wal-index is `shmPath` (`<database>.sqlite-shm`). */
export function walIndexProbe(shmPath: string): WriteProbe {
  const buf = Buffer.alloc(HEADER_BYTES * 2);
  let fd: number | null = null;
  let ino = -1;
  // Which opening of the file a token comes from: a file made anew starts from a header that may be
  // byte for byte one seen before (SQLite rebuilds an empty log's header the same way every time),
  // so a token of one opening never equals one of another.
  let opening = 0;
  return () => {
    try {
      const st = fs.statSync(shmPath, { throwIfNoEntry: false });
      if (!st) return null;
      if (fd === null || st.ino !== ino) {
        // First use, or the file was made anew (SQLite removes it when the last connection closes):
        // holding the old one open keeps its inode number from being reused meanwhile.
        if (fd !== null) fs.closeSync(fd);
        fd = fs.openSync(shmPath, 'r');
        ino = fs.fstatSync(fd).ino;
        opening++;
        if (ino !== st.ino) return null;
      }
      if (fs.readSync(fd, buf, 0, buf.length, 0) !== buf.length) return null; // (truncated while SQLite recovers)
      if (buf[IS_INIT] !== 1) return null;
      if (!buf.subarray(0, HEADER_BYTES).equals(buf.subarray(HEADER_BYTES))) return null;
      return `${opening}:${buf.toString('latin1', 0, HEADER_BYTES)}`;
    } catch {
      return null;
    }
  };
}

/** True when `probe` tells a write: it answers a token before and after `write`, and they differ. */
export async function verifyWriteProbe(probe: WriteProbe, write: () => Promise<void>): Promise<boolean> {
  const before = probe();
  await write();
  const after = probe();
  return before !== null && after !== null && before !== after;
}
