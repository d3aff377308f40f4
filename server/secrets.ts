// The JWT secret: JWT_SECRET when set (required in production), otherwise generated once and
// kept in DATA_DIR/jwt-secret (mode 0600, DATA_DIR 0700) so tokens survive restarts in development.
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Config } from './config';
import { ensurePrivateDir, ensurePrivateFile } from './dataDir';

export function resolveJwtSecret(config: Config): string {
  if (config.JWT_SECRET) return config.JWT_SECRET;
  const file = path.join(config.dataDir, 'jwt-secret');
  ensurePrivateDir(config.dataDir);
  try {
    fs.writeFileSync(file, randomBytes(48).toString('base64url'), { flag: 'wx', mode: 0o600 });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    ensurePrivateFile(file); // one written by an older version may be readable by others
  }
  return fs.readFileSync(file, 'utf8').trim();
}
