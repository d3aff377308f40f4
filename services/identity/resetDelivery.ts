// The seam through which a secret token (a password reset, an invitation) reaches its owner. With no
// deliverer wired (no mail configured), the token is not delivered (an invitation's token is still
// returned once to the inviting ORG_ADMIN). The mail outbox (issue 14, point 4) calls
// setTokenDeliverer at start-up. Nothing secret is ever logged.
//
// Tests only: with NODE_ENV=test and TEST_CAPTURE_TOKENS_DIR set, the token is written to
// <dir>/<kind>-<email>.token (the config refuses the variable in any other environment).
import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { Config } from '../../server/config';
import type { Logger } from '../../server/logger';

export type TokenKind = 'password-reset' | 'invitation';

export interface TokenMessage {
  kind: TokenKind;
  email: string;
  token: string;
  expiresAt: Date;
  /** For an invitation: the organization's name and the role offered. */
  organizationName?: string;
  role?: string;
}

export type TokenDeliverer = (message: TokenMessage) => Promise<void>;

let deliverer: TokenDeliverer | null = null;

export function setTokenDeliverer(fn: TokenDeliverer | null): void {
  deliverer = fn;
}

export async function deliverToken(config: Config, log: Logger, message: TokenMessage): Promise<void> {
  if (config.TEST_CAPTURE_TOKENS_DIR && config.NODE_ENV === 'test') {
    const dir = config.TEST_CAPTURE_TOKENS_DIR;
    await fs.mkdir(dir, { recursive: true });
    const file = path.join(dir, `${message.kind}-${message.email.replace(/[^a-z0-9@._-]/gi, '_')}.token`);
    await fs.writeFile(`${file}.tmp`, message.token, { mode: 0o600 });
    await fs.rename(`${file}.tmp`, file);
  }
  if (deliverer) {
    await deliverer(message);
  } else if (message.kind === 'password-reset') {
    log.warn({ kind: message.kind }, 'password reset requested but no mail is configured: the token cannot be delivered');
  }
}
