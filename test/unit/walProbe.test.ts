// The write probe reads SQLite's wal-index header (server/walProbe.ts): a token only when the file
// holds an initialised header whose two copies agree; a new token when the header changes; null
// (ask the database) otherwise, also after the file is made anew.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect } from 'chai';
import { verifyWriteProbe, walIndexProbe } from '../../server/walProbe';

/** A wal-index header (48 bytes, twice) with this mxFrame, initialised unless told otherwise. */
function header(mxFrame: number, opts: { init?: boolean; torn?: boolean } = {}): Buffer {
  const one = Buffer.alloc(48);
  one.writeUInt32LE(3007000, 0); // iVersion
  one.writeUInt32LE(7, 8); // iChange
  one[12] = opts.init === false ? 0 : 1; // isInit
  one.writeUInt32LE(mxFrame, 16);
  const two = Buffer.from(one);
  if (opts.torn) two.writeUInt32LE(mxFrame + 1, 16); // a commit between the two copies
  return Buffer.concat([one, two, Buffer.alloc(32 * 1024 - 96)]);
}

describe('write probe: the SQLite wal-index header', () => {
  let dir: string;
  let shm: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'walprobe-'));
    shm = path.join(dir, 'db.sqlite-shm');
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('no file, a short file, an uninitialised or torn header: null', () => {
    const probe = walIndexProbe(shm);
    expect(probe()).to.equal(null);
    fs.writeFileSync(shm, Buffer.alloc(50));
    expect(probe()).to.equal(null);
    fs.writeFileSync(shm, header(5, { init: false }));
    expect(probe()).to.equal(null);
    fs.writeFileSync(shm, header(5, { torn: true }));
    expect(probe()).to.equal(null);
  });

  it('the same header gives the same token; a changed one another', () => {
    fs.writeFileSync(shm, header(5));
    const probe = walIndexProbe(shm);
    const a = probe();
    expect(a).to.be.a('string');
    expect(probe()).to.equal(a);
    const fd = fs.openSync(shm, 'r+'); // rewritten in place, as SQLite's shared memory is
    fs.writeSync(fd, header(6), 0, 96, 0);
    fs.closeSync(fd);
    const b = probe();
    expect(b).to.be.a('string');
    expect(b).to.not.equal(a);
  });

  it('a file made anew never gives a token of the old one, even with the same header (SQLite rebuilds an empty log\'s header alike)', () => {
    fs.writeFileSync(shm, header(5));
    const probe = walIndexProbe(shm);
    const a = probe();
    fs.rmSync(shm);
    expect(probe()).to.equal(null);
    fs.writeFileSync(shm, header(5));
    const b = probe();
    expect(b).to.be.a('string');
    expect(b).to.not.equal(a);
    expect(probe()).to.equal(b);
  });

  it('is trusted only when a write is seen to change the token', async () => {
    fs.writeFileSync(shm, header(5));
    const probe = walIndexProbe(shm);
    expect(await verifyWriteProbe(probe, async () => undefined)).to.equal(false); // a write it did not see
    expect(await verifyWriteProbe(probe, async () => fs.writeFileSync(shm, header(6)))).to.equal(true);
    expect(await verifyWriteProbe(walIndexProbe(path.join(dir, 'none-shm')), async () => undefined)).to.equal(false);
  });
});
