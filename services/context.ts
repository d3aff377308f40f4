// What every service function receives: who is calling, per-request loaders and app-wide deps.
import type { Config } from '../server/config';
import type { Logger } from '../server/logger';
import type { Loaders } from './loaders';
import type { AttemptLimiter } from './identity/attemptLimiter';
import type { Role } from '../models/enums';
import type { StripeClient } from './payments/stripeClient';

export interface Viewer {
  userId: string;
  orgId: string;
  role: Role;
}

/** Long-lived dependencies, built once at start-up. */
export interface AppDeps {
  config: Config;
  jwtSecret: string;
  loginLimiter: AttemptLimiter; // failed logins per account, address and both (database-backed)
  registerLimiter: AttemptLimiter; // registrations per client address (database-backed)
  log: Logger;
  stripe: StripeClient | null; // null when STRIPE_SECRET_KEY is unset: payments disabled
}

export interface ServiceContext {
  app: AppDeps;
  viewer: Viewer | null;
  loaders: Loaders;
  log: Logger; // child logger carrying the request id
  requestId: string;
  clientAddress: string;
  /** The clock (services/clock.ts); unset: the system clock. Tests set it with the x-test-now header. */
  now?: () => Date;
}
