// Entry point: validate config, start (or connect to) the database, bootstrap, serve, shut down cleanly.
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import mongoose from 'mongoose';
import type { ApolloServer } from '@apollo/server';
import '../models';
import { ConfigError, loadConfig, type Config } from './config';
import { createLogger, type Logger } from './logger';
import { connectDb, disconnectDb } from './db';
import { ensureFerretBinary, stopStaleEmbeddedDb, type FerretBackend } from './embeddedDb';
import { EmbeddedDbSupervisor } from './dbSupervisor';
import { DataDirInUseError, ensurePrivateDir, ensurePrivateFile, FERRETDB_PID_FILE, lockDataDir, type DataDirLock } from './dataDir';
import { DbLease, isFerretDb, LeaseHeldError } from './dbLease';
import { startReadModels } from '../services/readModel';
import { setTokenDeliverer } from '../services/identity/resetDelivery';
import { tokenMailDeliverer } from '../services/mail/tokenMail';
import { resolveJwtSecret } from './secrets';
import { createApollo } from './apollo';
import { PreparedQueries } from './preparedQueries';
import { verifyWriteProbe, walIndexProbe } from './walProbe';
import { useWriteProbe, writeForProbeCheck } from '../services/sharedStamp';
import type { GraphQLContext } from './context';
import { createRequestListener } from './app';
import { mountWebhooks } from './webhooks';
import { MailWorker } from './mailWorker';
import { startDailyJobs, type DailyJobs } from './dailyJobs';
import { AlertWorker } from './alertWorker';
import { createStripeClient } from '../services/payments/stripeClient';
import { AttemptLimiter } from '../services/identity/attemptLimiter';
import { ensureRegulator } from '../services/identity/bootstrap';
import { loadDemoData } from '../scripts/demo';
import { loadPlanBaselines } from '../services/indicators/baselines';
import { runRepair } from '../services/repair';
import { setCountDemoRecords } from '../services/indicators/demoMode';
import { alignLedgerWithDemoMode } from '../services/indicators/recompute';

interface Database {
  uri: string;
  lock?: DataDirLock; // DATA_DIR's lock, held while the embedded database runs
  supervisor?: EmbeddedDbSupervisor;
}

/**
 * The embedded database, or nothing with MONGODB_URI. DATA_DIR is made private (0700) and locked
 * first: a second server on it refuses to start (DataDirInUseError); a FerretDB left behind by a
 * crashed server is stopped before a new one starts on the same files.
 */
async function startDatabase(config: Config, log: Logger, giveUp: () => void): Promise<Database> {
  if (config.MONGODB_URI) return { uri: config.MONGODB_URI };
  const bin = ensureFerretBinary((msg) => log.info(msg), config.FERRETDB_BIN);
  if (ensurePrivateDir(config.dataDir).tightened) log.warn({ dataDir: config.dataDir }, 'DATA_DIR was readable by others; set to 0700');
  const lock = lockDataDir(config.dataDir);
  if (lock.tookOverFrom) log.warn({ previous: lock.tookOverFrom }, 'took over the DATA_DIR lock of a server that no longer runs');
  try {
    const stale = await stopStaleEmbeddedDb(path.join(config.dataDir, FERRETDB_PID_FILE));
    if (stale) log.warn({ pid: stale }, 'stopped a FerretDB left running on this DATA_DIR by an earlier server');
    const dbDir = path.join(config.dataDir, 'db');
    ensurePrivateDir(dbDir);
    for (const name of fs.readdirSync(dbDir)) ensurePrivateFile(path.join(dbDir, name));
    const started = Date.now();
    const backend: FerretBackend =
      config.FERRETDB_BACKEND === 'postgresql' ? { handler: 'postgresql', url: config.FERRETDB_POSTGRESQL_URL! } : { handler: 'sqlite' };
    const supervisor = new EmbeddedDbSupervisor({
      bin,
      dataDir: dbDir,
      backend,
      pidFile: path.join(config.dataDir, FERRETDB_PID_FILE),
      avoidPorts: [config.PORT],
      log,
      maxRestarts: config.EMBEDDED_DB_MAX_RESTARTS,
      backoffMs: config.EMBEDDED_DB_RESTART_BACKOFF_MS,
      onMoved: async (uri) => {
        await disconnectDb();
        await connectDb(uri, config.DB_TIMEOUT_MS);
      },
      onGiveUp: giveUp,
    });
    const embedded = await supervisor.start();
    log.info({ uri: embedded.uri, ms: Date.now() - started, dataDir: config.dataDir, pid: embedded.process.pid }, `embedded FerretDB (${backend.handler === 'sqlite' ? 'SQLite' : 'PostgreSQL'}) started`);
    return { uri: embedded.uri, lock, supervisor };
  } catch (err) {
    lock.release();
    throw err;
  }
}

/** On FerretDB, the single-API-process lease (see dbLease.ts); nothing on MongoDB or when disabled. */
async function takeLease(config: Config, log: Logger, lost: () => void): Promise<DbLease | undefined> {
  const db = mongoose.connection.db;
  if (!config.FERRETDB_LEASE || !db || !(await isFerretDb(db))) return undefined;
  const lease = await DbLease.acquire(db, {
    heartbeatMs: config.FERRETDB_LEASE_HEARTBEAT_MS,
    log,
    onLost: (holder) => {
      log.fatal({ holder }, 'another API process took over the database lease (this one stalled past its expiry); stopping so that two processes never write at once');
      lost();
    },
  });
  if (lease.tookOverFrom) log.warn({ previous: lease.tookOverFrom }, 'took over the expired database lease of an API process that stopped renewing it');
  return lease;
}

/**
 * The write probe (server/walProbe.ts) of the embedded FerretDB on SQLite, or of the one whose files
 * FERRETDB_SQLITE_DIR names: used only when a write at start is seen to change its token.
 */
async function startWriteProbe(config: Config, log: Logger, db: Database): Promise<void> {
  const dir = db.supervisor ? (config.FERRETDB_BACKEND === 'sqlite' ? path.join(config.dataDir, 'db') : undefined) : config.FERRETDB_SQLITE_DIR || undefined;
  if (!dir) return;
  const shm = path.join(dir, `${mongoose.connection.db!.databaseName}.sqlite-shm`);
  const probe = walIndexProbe(shm);
  if (!(await verifyWriteProbe(probe, writeForProbeCheck))) {
    log.warn({ shm }, 'the SQLite write probe did not see a write: every cache check asks the database');
    return;
  }
  const supervisor = db.supervisor;
  useWriteProbe(probe, supervisor ? () => supervisor.available : undefined);
  log.info({ shm }, 'SQLite write probe in use');
}

let stopping = false;

async function main(): Promise<void> {
  let config: Config;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(err.message);
      process.exit(1);
    }
    throw err;
  }
  const log = createLogger(config.LOG_LEVEL);
  const t0 = Date.now();

  let apollo: ApolloServer<GraphQLContext> | undefined;
  let db: Database | undefined;
  let lease: DbLease | undefined;
  let mailWorker: MailWorker | undefined;
  let dailyJobs: DailyJobs | undefined;
  let alertWorker: AlertWorker | undefined;
  // One way down, also for a signal or a failure during start-up: whatever has started is closed,
  // so the embedded FerretDB is never left running without us.
  const shutdown = async (reason: string, code = 0): Promise<void> => {
    if (stopping) return;
    stopping = true;
    log.info({ reason }, 'shutting down');
    const force = setTimeout(() => process.exit(code || 1), 20_000);
    force.unref();
    try {
      await apollo?.stop(); // stops accepting, drains in-flight requests (DrainHttpServer plugin)
      await alertWorker?.stop(); // lets the alert pass in flight finish
      await mailWorker?.stop(); // lets the mail being sent finish, sends nothing more
      await dailyJobs?.stop(); // lets a run in progress finish
      await lease?.release();
      await disconnectDb();
      await db?.supervisor?.stop();
      db?.lock?.release();
    } catch (err) {
      log.error({ err }, 'error during shutdown');
      code = code || 1;
    }
    log.info('stopped');
    process.exit(code);
  };
  process.once('SIGINT', () => void shutdown('SIGINT'));
  process.once('SIGTERM', () => void shutdown('SIGTERM'));

  try {
    db = await startDatabase(config, log, () => void shutdown('the embedded database failed repeatedly', 1));
  } catch (err) {
    if (!(err instanceof DataDirInUseError)) throw err;
    console.error(`Cannot start: ${err.message}`);
    log.fatal({ holder: err.holder }, 'DATA_DIR is in use by another server');
    process.exit(1);
  }
  try {
    await connectDb(db.uri, config.DB_TIMEOUT_MS);
    startReadModels(); // per-process read mirrors (services/readModel): before the first query
  } catch (err) {
    log.fatal({ err }, 'cannot connect to the database');
    return shutdown('start-up failed', 1);
  }
  try {
    lease = await takeLease(config, log, () => void shutdown('database lease lost', 1));
  } catch (err) {
    if (!(err instanceof LeaseHeldError)) {
      log.fatal({ err }, 'cannot take the database lease');
      return shutdown('start-up failed', 1);
    }
    console.error(`Cannot start: ${err.message}`);
    log.fatal({ holder: err.lease }, 'the database is in use by another API process');
    return shutdown('database in use by another API process', 1);
  }
  try {
    await startWriteProbe(config, log, db); // (its check writes: only once the lease is ours)
  } catch (err) {
    log.fatal({ err }, 'cannot check the SQLite write probe');
    return shutdown('start-up failed', 1);
  }

  try {
    const boot = await ensureRegulator(config);
    if (boot.created) {
      if (boot.generatedPassword) {
        // Printed once, on the console only: the admin should change it (README).
        console.log(`\nCity IP office admin created: ${config.BOOTSTRAP_ADMIN_EMAIL} / ${boot.generatedPassword}\n`);
      } else {
        log.info({ email: config.BOOTSTRAP_ADMIN_EMAIL }, 'city IP office admin created');
      }
    }
    setCountDemoRecords(config.DEMO_DATA); // demo records count in the indicators only in demo mode
    setTokenDeliverer(tokenMailDeliverer(config)); // reset and invitation tokens by mail when SMTP_URL is set
    // Undo what a crash in the middle of a multi-document sequence left (docs/recovery.md), then
    // again every REPAIR_INTERVAL_SECONDS for leftovers still inside the grace period now.
    const repairOpts = { log, graceSeconds: config.REPAIR_GRACE_SECONDS, highPledgeThresholdFen: config.highPledgeThresholdFen };
    await runRepair(repairOpts);
    if (config.REPAIR_INTERVAL_SECONDS > 0) {
      setInterval(() => void runRepair({ ...repairOpts, periodic: true }).catch((err: unknown) => log.error({ err }, 'repair pass failed')), config.REPAIR_INTERVAL_SECONDS * 1000).unref();
    }
    await loadPlanBaselines();
    if (config.DEMO_DATA) await loadDemoData(log);
    const realigned = await alignLedgerWithDemoMode();
    if (realigned > 0) log.info({ figures: realigned }, 'indicator ledger rebuilt for the demo mode');

    const deps = {
      config,
      log,
      jwtSecret: resolveJwtSecret(config),
      loginLimiter: new AttemptLimiter('LOGIN', config.LOGIN_WINDOW_SECONDS * 1000, [
        { scope: 'ACCOUNT_AND_ADDRESS', max: config.LOGIN_MAX_FAILURES_PER_ACCOUNT_AND_ADDRESS },
        { scope: 'ADDRESS', max: config.LOGIN_MAX_FAILURES_PER_ADDRESS },
        { scope: 'ACCOUNT', max: config.LOGIN_MAX_FAILURES_PER_ACCOUNT },
      ]),
      registerLimiter: new AttemptLimiter('REGISTER', config.REGISTER_WINDOW_SECONDS * 1000, [
        { scope: 'ADDRESS', max: config.REGISTER_MAX_PER_ADDRESS },
      ]),
      stripe: createStripeClient(config, log),
    };
    const httpServer = http.createServer();
    const prepared = config.PREPARED_QUERIES ? new PreparedQueries({ maxCost: config.GRAPHQL_MAX_COST, maxMutations: config.GRAPHQL_MAX_MUTATIONS }) : undefined;
    apollo = createApollo(config, log, httpServer, prepared);
    await apollo.start();
    const supervisor = db.supervisor;
    httpServer.on(
      'request',
      createRequestListener(deps, apollo, {
        beforeJson: (app) => mountWebhooks(app, deps),
        dbAvailable: supervisor ? () => supervisor.available : undefined,
        prepared,
      }),
    );
    await new Promise<void>((resolve, reject) => {
      httpServer.once('error', reject); // e.g. EADDRINUSE
      httpServer.listen(config.PORT, config.HOST, () => {
        httpServer.off('error', reject);
        resolve();
      });
    });
    const address = httpServer.address();
    const port = typeof address === 'object' && address ? address.port : config.PORT;
    log.info({ port, host: config.HOST, ms: Date.now() - t0 }, `listening on http://${config.HOST}:${port}/graphql`);
    alertWorker = new AlertWorker(deps, log, config.ALERT_POLL_MS);
    alertWorker.start();
    if (config.SMTP_URL) {
      mailWorker = new MailWorker(config, log);
      mailWorker.start();
    }
    if (config.DAILY_JOBS) dailyJobs = startDailyJobs(config, log);
  } catch (err) {
    log.fatal({ err }, `start-up failed: ${err instanceof Error ? err.message : String(err)}`);
    return shutdown('start-up failed', 1);
  }
}

main().catch((err) => {
  console.error('Start-up failed:', err instanceof Error ? err.message : err);
  process.exit(1);
});
