// Configuration from the environment, validated once at start-up (see .env.example).
// A bad value stops the process with one line per bad variable.
import net from 'node:net';
import path from 'node:path';
import { z } from 'zod';
import { parseYuanToFen } from '../services/rules/money';
import { configuredFault } from '../services/faults';

const bool = (fallback: boolean) =>
  z
    .enum(['true', 'false', '1', '0'], { message: 'must be true or false' })
    .optional()
    .transform((v) => (v === undefined ? fallback : v === 'true' || v === '1'));
const int = (fallback: number, min: number, max: number) =>
  z.coerce.number({ error: 'must be a whole number' }).int('must be a whole number').min(min, `must be at least ${min}`).max(max, `must be at most ${max}`).default(fallback);

const schema = z
  .object({
    NODE_ENV: z.enum(['development', 'production', 'test'], { message: 'must be development, production or test' }).default('development'),
    HOST: z.string().min(1).default('127.0.0.1'),
    PORT: int(4000, 0, 65535),
    DATA_DIR: z.string().min(1).default('./data'),
    MONGODB_URI: z
      .string()
      .regex(/^mongodb(\+srv)?:\/\//, 'must start with mongodb:// or mongodb+srv://')
      .optional(),
    DB_TIMEOUT_MS: int(5000, 100, 120000),
    FERRETDB_BIN: z.string().min(1).optional(),
    // The embedded FerretDB's storage (docs/performance.md): SQLite files under DATA_DIR/db, or a
    // PostgreSQL database (FERRETDB_POSTGRESQL_URL, e.g. postgres://postgres@127.0.0.1:5432/hegang).
    FERRETDB_BACKEND: z.enum(['sqlite', 'postgresql']).default('sqlite'),
    FERRETDB_POSTGRESQL_URL: z.string().regex(/^postgres(ql)?:\/\//, 'must be a postgres:// URL').optional(),
    // With MONGODB_URI: the directory of that FerretDB's SQLite files, when it runs on this machine
    // (server/walProbe.ts: the API then sees that nothing was written without asking it).
    FERRETDB_SQLITE_DIR: z.string().optional(), // (empty: none)
    FERRETDB_LEASE: bool(true),
    FERRETDB_LEASE_HEARTBEAT_MS: int(5000, 100, 60000),
    EMBEDDED_DB_MAX_RESTARTS: int(5, 0, 100),
    EMBEDDED_DB_RESTART_BACKOFF_MS: int(500, 10, 60000),
    JWT_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
    JWT_TTL_SECONDS: int(12 * 3600, 60, 30 * 86400),
    JWT_ISSUER: z.string().min(1).default('hegang-ip-marketplace'),
    JWT_AUDIENCE: z.string().min(1).default('hegang-ip-api'),
    BOOTSTRAP_ADMIN_EMAIL: z.email('must be an email address').default('admin@ip.hegang.gov.cn'),
    BOOTSTRAP_ADMIN_PASSWORD: z.string().min(10, 'must be at least 10 characters').optional(),
    // Default: on in development and test, off in production (crossFieldProblems refuses it there).
    DEMO_DATA: z
      .enum(['true', 'false', '1', '0'], { message: 'must be true or false' })
      .optional()
      .transform((v) => (v === undefined ? undefined : v === 'true' || v === '1')),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    BODY_LIMIT: z.string().regex(/^\d+(b|kb|mb)$/, 'must look like 100kb or 1mb').default('1mb'),
    // POST /imports/register (register extracts, CSV): its own body limit; 16mb holds ~100,000 rows.
    IMPORT_MAX_BYTES: z.string().regex(/^\d+(b|kb|mb)$/, 'must look like 100kb or 16mb').default('16mb'),
    TRUST_PROXY: z.string().optional().transform((v, ctx) => {
      const parsed = parseTrustProxy(v);
      if (typeof parsed === 'string') {
        ctx.addIssue({ code: 'custom', message: parsed });
        return z.NEVER;
      }
      return parsed;
    }),
    LOGIN_WINDOW_SECONDS: int(900, 1, 86400),
    LOGIN_MAX_FAILURES_PER_ACCOUNT_AND_ADDRESS: int(5, 1, 1000),
    LOGIN_MAX_FAILURES_PER_ADDRESS: int(30, 1, 100000),
    LOGIN_MAX_FAILURES_PER_ACCOUNT: int(100, 1, 100000),
    REGISTER_WINDOW_SECONDS: int(3600, 1, 86400),
    REGISTER_MAX_PER_ADDRESS: int(20, 1, 1000000),
    GRAPHQL_MAX_DEPTH: int(10, 2, 50),
    GRAPHQL_MAX_ALIASES: int(20, 1, 500),
    GRAPHQL_MAX_COST: int(20000, 6000, 1000000), // at least a login (5000, server/cost.ts) and its selection
    GRAPHQL_MAX_MUTATIONS: int(5, 1, 100),
    // server/responseCache.ts: how long an anonymous query's answer may be replayed while no stamp
    // moved (what depends on the clock alone is at most this late); 0 turns the cache off.
    RESPONSE_CACHE_TTL_MS: int(2000, 0, 60000),
    // server/preparedQueries.ts: queries whose text Apollo already accepted run without its pipeline.
    PREPARED_QUERIES: bool(true),
    HIGH_PLEDGE_THRESHOLD_YUAN: z
      .string()
      .default('10000000')
      .refine((v) => (parseYuanToFen(v) ?? -1) > 0, 'must be a positive yuan amount'),
    STRIPE_SECRET_KEY: z.string().min(1).optional(),
    STRIPE_WEBHOOK_SECRET: z.string().min(1).optional(),
    // The publishable key the web console gives Stripe.js for the Payment Element (PaymentSession.publishableKey).
    STRIPE_PUBLISHABLE_KEY: z.string().regex(/^pk_(test|live)_\w+$/, 'must be a Stripe publishable key (pk_test_... or pk_live_...)').optional(),
    REPAIR_GRACE_SECONDS: int(60, 0, 86400),
    REPAIR_INTERVAL_SECONDS: int(300, 0, 86400),
    FAULT_INJECT: z.string().optional(),
    STRIPE_API_BASE: z.url('must be a URL such as http://127.0.0.1:12111').optional(),
    // Email (docs/notifications.md): unset SMTP_URL = in-app inbox only, no mail written or sent.
    SMTP_URL: z.string().regex(/^smtps?:\/\/[^\s]+$/, 'must look like smtp://user:pass@host:587 or smtps://host:465').optional(),
    MAIL_FROM: z.string().min(3).default('鹤岗市知识产权运营平台 <no-reply@ip.hegang.gov.cn>'),
    MAIL_POLL_MS: int(5000, 20, 600000),
    ALERT_POLL_MS: int(5000, 20, 60000), // saved-search alerts (issue 18): at most a minute, so a match is told within one
    MAIL_MAX_ATTEMPTS: int(12, 1, 1000),
    MAIL_RETRY_BASE_MS: int(30000, 10, 3600000),
    MAIL_RETRY_MAX_MS: int(6 * 3600000, 10, 7 * 86400000),
    MAIL_LEASE_MS: int(120000, 1000, 3600000),
    MAIL_SEND_TIMEOUT_MS: int(20000, 100, 600000),
    FOUR_EYES: bool(true),
    // Daily jobs (services/jobs/daily.ts): each API process checks this often whether today's run is
    // claimed yet; the first to claim it runs it (once per day across processes and restarts).
    DAILY_JOBS: bool(true),
    DAILY_JOB_CHECK_MS: int(600000, 100, 86400000),
    INVITATION_TTL_SECONDS: int(7 * 86400, 1, 90 * 86400),
    PASSWORD_RESET_TTL_SECONDS: int(30 * 60, 1, 86400),
    TEST_CAPTURE_TOKENS_DIR: z.string().min(1).optional(),
    TEST_CLOCK_FILE: z.string().min(1).optional(), // services/clock.ts: a file holding the domain clock's offset in ms
  });

/** Named subnets Express understands besides addresses and CIDR blocks. */
const NAMED_SUBNETS = new Set(['loopback', 'linklocal', 'uniquelocal']);

function isAddressOrSubnet(item: string): boolean {
  if (NAMED_SUBNETS.has(item)) return true;
  const [address, bits, ...rest] = item.split('/');
  if (rest.length || !address) return false;
  const family = net.isIP(address);
  if (!family) return false;
  if (bits === undefined) return true;
  return /^\d{1,3}$/.test(bits) && Number(bits) <= (family === 4 ? 32 : 128);
}

/**
 * TRUST_PROXY: unset/false/0 = trust no proxy (the socket address is the client); a hop count
 * (1 = one proxy in front) or a comma-separated list of proxy addresses/subnets (Express's `trust
 * proxy`). `true` is refused: it trusts the left-most X-Forwarded-For, which the client writes.
 * Returns the setting, or a string saying why the value is refused.
 */
export function parseTrustProxy(raw: string | undefined): false | number | string[] | string {
  if (raw === undefined || raw === 'false' || raw === '0') return false;
  if (raw === 'true') return 'must not be true (that trusts the X-Forwarded-For the client writes): give the number of proxies in front (e.g. 1) or their addresses/subnets (e.g. 10.0.0.0/8)';
  if (/^\d+$/.test(raw)) return Number(raw) <= 10 ? Number(raw) : 'must be a hop count from 0 to 10 or a list of proxy addresses/subnets';
  const items = raw.split(',').map((s) => s.trim()).filter(Boolean);
  const bad = items.find((i) => !isAddressOrSubnet(i));
  if (!items.length || bad !== undefined) return `must be a hop count (e.g. 1) or a comma-separated list of proxy addresses/subnets; "${bad ?? raw}" is neither`;
  return items;
}

/** Rules across variables. Checked on the raw values, so they are reported together with any bad
 * single variable (a zod object refinement would not run while another field is invalid). */
function crossFieldProblems(env: Record<string, string | undefined>): string[] {
  const problems: string[] = [];
  if (env.NODE_ENV === 'production' && !env.JWT_SECRET) problems.push('JWT_SECRET is required when NODE_ENV=production');
  if (Number(env.MAIL_SEND_TIMEOUT_MS ?? 20000) * 2 > Number(env.MAIL_LEASE_MS ?? 120000)) {
    problems.push('MAIL_LEASE_MS must be at least twice MAIL_SEND_TIMEOUT_MS (a send must end well inside its lease)');
  }
  if (env.FERRETDB_BACKEND === 'postgresql' && !env.FERRETDB_POSTGRESQL_URL && !env.MONGODB_URI) {
    problems.push('FERRETDB_BACKEND=postgresql needs FERRETDB_POSTGRESQL_URL (e.g. postgres://postgres@127.0.0.1:5432/hegang)');
  }
  if (env.TEST_CAPTURE_TOKENS_DIR && env.NODE_ENV !== 'test') problems.push('TEST_CAPTURE_TOKENS_DIR is only allowed when NODE_ENV=test');
  if (env.TEST_CLOCK_FILE && env.NODE_ENV !== 'test') problems.push('TEST_CLOCK_FILE is only allowed when NODE_ENV=test');
  try {
    configuredFault(env);
  } catch (err) {
    problems.push((err as Error).message);
  }
  if (env.NODE_ENV === 'production' && (env.DEMO_DATA === 'true' || env.DEMO_DATA === '1')) {
    problems.push('DEMO_DATA must not be true when NODE_ENV=production (the demo bank and insurer sign in with a published password)');
  }
  return problems;
}

export type Env = z.infer<typeof schema>;

export interface Config extends Omit<Env, 'HIGH_PLEDGE_THRESHOLD_YUAN' | 'DEMO_DATA'> {
  DEMO_DATA: boolean;
  dataDir: string; // absolute
  highPledgeThresholdFen: number;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}

/** Reads and validates the environment. Empty strings count as unset. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = schema.safeParse(cleaned);
  const problems = [
    ...(parsed.success ? [] : parsed.error.issues.map((i) => `${i.path.join('.') || 'environment'} ${i.message}`)),
    ...crossFieldProblems(cleaned),
  ];
  if (!parsed.success || problems.length) throw new ConfigError(problems);
  const { HIGH_PLEDGE_THRESHOLD_YUAN, DEMO_DATA, ...rest } = parsed.data;
  return {
    ...rest,
    DEMO_DATA: DEMO_DATA ?? rest.NODE_ENV !== 'production',
    dataDir: path.resolve(rest.DATA_DIR),
    highPledgeThresholdFen: parseYuanToFen(HIGH_PLEDGE_THRESHOLD_YUAN)!,
  };
}
