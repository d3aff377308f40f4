// Configuration from the environment, validated once at start-up (see .env.example).
// A bad value stops the process with one line per bad variable.
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
    DEMO_DATA: bool(true),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    BODY_LIMIT: z.string().regex(/^\d+(b|kb|mb)$/, 'must look like 100kb or 1mb').default('1mb'),
    TRUST_PROXY: bool(false),
    LOGIN_WINDOW_SECONDS: int(900, 1, 86400),
    LOGIN_MAX_FAILURES_PER_ACCOUNT_AND_ADDRESS: int(5, 1, 1000),
    LOGIN_MAX_FAILURES_PER_ADDRESS: int(30, 1, 100000),
    LOGIN_MAX_FAILURES_PER_ACCOUNT: int(100, 1, 100000),
    GRAPHQL_MAX_DEPTH: int(10, 2, 50),
    GRAPHQL_MAX_ALIASES: int(20, 1, 500),
    GRAPHQL_MAX_COST: int(20000, 100, 1000000),
    HIGH_PLEDGE_THRESHOLD_YUAN: z
      .string()
      .default('10000000')
      .refine((v) => (parseYuanToFen(v) ?? -1) > 0, 'must be a positive yuan amount'),
    STRIPE_SECRET_KEY: z.string().min(1).optional(),
    STRIPE_WEBHOOK_SECRET: z.string().min(1).optional(),
    REPAIR_GRACE_SECONDS: int(60, 0, 86400),
    REPAIR_INTERVAL_SECONDS: int(300, 0, 86400),
    FAULT_INJECT: z.string().optional(),
    STRIPE_API_BASE: z.url('must be a URL such as http://127.0.0.1:12111').optional(),
    FOUR_EYES: bool(true),
    INVITATION_TTL_SECONDS: int(7 * 86400, 1, 90 * 86400),
    PASSWORD_RESET_TTL_SECONDS: int(30 * 60, 1, 86400),
    TEST_CAPTURE_TOKENS_DIR: z.string().min(1).optional(),
  });

/** Rules across variables. Checked on the raw values, so they are reported together with any bad
 * single variable (a zod object refinement would not run while another field is invalid). */
function crossFieldProblems(env: Record<string, string | undefined>): string[] {
  const problems: string[] = [];
  if (env.NODE_ENV === 'production' && !env.JWT_SECRET) problems.push('JWT_SECRET is required when NODE_ENV=production');
  if (env.TEST_CAPTURE_TOKENS_DIR && env.NODE_ENV !== 'test') problems.push('TEST_CAPTURE_TOKENS_DIR is only allowed when NODE_ENV=test');
  try {
    configuredFault(env);
  } catch (err) {
    problems.push((err as Error).message);
  }
  return problems;
}

export type Env = z.infer<typeof schema>;

export interface Config extends Omit<Env, 'HIGH_PLEDGE_THRESHOLD_YUAN'> {
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
  const { HIGH_PLEDGE_THRESHOLD_YUAN, ...rest } = parsed.data;
  return {
    ...rest,
    dataDir: path.resolve(rest.DATA_DIR),
    highPledgeThresholdFen: parseYuanToFen(HIGH_PLEDGE_THRESHOLD_YUAN)!,
  };
}
