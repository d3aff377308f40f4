// The DATA_DIR lock's rules, on real files: a live holder (pid and start time) refuses, a dead or
// reused pid or a garbled file is stale and taken over, release removes only our own lock.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect } from 'chai';
import { DataDirInUseError, ensurePrivateDir, lockDataDir, LOCK_FILE } from '../../server/dataDir';
import { identityOf } from '../../server/procInfo';
import { isDbUnavailableError } from '../../server/unavailable';

describe('DATA_DIR lock', () => {
  let dir: string;
  const lockFile = () => path.join(dir, LOCK_FILE);
  const writeLock = (content: object | string) =>
    fs.writeFileSync(lockFile(), typeof content === 'string' ? content : JSON.stringify({ host: os.hostname(), startedAt: 'earlier', ...content }));

  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hegang-lockunit-'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('a live holder (our parent process, same start time) refuses with its pid in the message', () => {
    writeLock(identityOf(process.ppid));
    expect(() => lockDataDir(dir)).to.throw(DataDirInUseError, new RegExp(`in use by another server \\(pid ${process.ppid} `));
    expect(JSON.parse(fs.readFileSync(lockFile(), 'utf8')).pid, 'the live lock is untouched').to.equal(process.ppid);
  });

  it('a holder that exited is stale: taken over, and the previous holder is reported', () => {
    const gone = spawnSync(process.execPath, ['-e', '0']).pid!;
    writeLock({ pid: gone, startTime: '1' });
    const lock = lockDataDir(dir);
    expect(lock.tookOverFrom?.pid).to.equal(gone);
    expect(JSON.parse(fs.readFileSync(lockFile(), 'utf8')).pid).to.equal(process.pid);
    lock.release();
    expect(fs.existsSync(lockFile())).to.equal(false);
  });

  it('a running pid with another start time (a reused pid) is stale', () => {
    writeLock({ pid: process.ppid, startTime: 'not-its-start-time' });
    lockDataDir(dir).release();
  });

  it('a garbled lock file is stale; no temporary files are left behind', () => {
    writeLock('{"pid": 12');
    const lock = lockDataDir(dir);
    expect(fs.readdirSync(dir)).to.deep.equal([LOCK_FILE]);
    lock.release();
  });

  it('release leaves a lock that is no longer ours', () => {
    const lock = lockDataDir(dir);
    writeLock(identityOf(process.ppid)); // someone else's now
    lock.release();
    expect(JSON.parse(fs.readFileSync(lockFile(), 'utf8')).pid).to.equal(process.ppid);
  });

  it('ensurePrivateDir creates 0700 and tightens a directory readable by others', () => {
    const sub = path.join(dir, 'a', 'b');
    ensurePrivateDir(sub);
    expect(fs.statSync(sub).mode & 0o777).to.equal(0o700);
    fs.chmodSync(sub, 0o755);
    expect(ensurePrivateDir(sub)).to.deep.equal({ tightened: true });
    expect(fs.statSync(sub).mode & 0o777).to.equal(0o700);
  });
});

describe('database-unavailable errors', () => {
  const named = (name: string, cause?: unknown) => Object.assign(new Error('x'), { name, cause });
  it('driver connectivity errors, also as a cause, are "database unavailable"', () => {
    for (const name of ['MongoServerSelectionError', 'MongooseServerSelectionError', 'MongoNetworkError', 'MongoNotConnectedError', 'MongoPoolClearedError', 'MongoTopologyClosedError']) {
      expect(isDbUnavailableError(named(name)), name).to.equal(true);
    }
    expect(isDbUnavailableError(named('Error', named('MongoNetworkError')))).to.equal(true);
  });
  it('other errors are not (a duplicate key, a validation error, a plain Error)', () => {
    for (const err of [Object.assign(named('MongoServerError'), { code: 11000 }), named('ValidationError'), new Error('boom'), null, 'MongoNetworkError']) {
      expect(isDbUnavailableError(err)).to.equal(false);
    }
  });
});
