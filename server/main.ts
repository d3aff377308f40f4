// Entry point: validate config, start (or connect to) the database, bootstrap, serve, shut down cleanly.
import http from 'node:http';
import path from 'node:path';
import type { ApolloServer } from '@apollo/server';
import '../models';
import { ConfigError, loadConfig, type Config } from './config';
import { createLogger, type Logger } from './logger';
import { connectDb, disconnectDb } from './db';
import { startReadModels } from '../services/readModel';
import { ensureFerretBinary, startEmbeddedDb, type EmbeddedDb } from './embeddedDb';
import { resolveJwtSecret } from './secrets';
import { createApollo } from './apollo';
import type { GraphQLContext } from './context';
import { createApp } from './app';
import { mountWebhooks } from './webhooks';
import { createStripeClient } from '../services/payments/stripeClient';
import { LoginLimiter } from '../services/identity/loginLimiter';
import { ensureRegulator } from '../services/identity/bootstrap';
import { loadDemoData } from '../scripts/demo';
import { loadPlanBaselines } from '../services/indicators/baselines';

async function startDatabase(config: Config, log: Logger, onCrash: () => void): Promise<{ uri: string; embedded?: EmbeddedDb }> {
  if (config.MONGODB_URI) return { uri: config.MONGODB_URI };
  const bin = ensureFerretBinary((msg) => log.info(msg), config.FERRETDB_BIN);
  const started = Date.now();
  const embedded = await startEmbeddedDb({
    bin,
    dataDir: path.join(config.dataDir, 'db'),
    onExit: (code, signal) => {
      if (!stopping) {
        log.error({ code, signal }, 'the embedded database stopped unexpectedly');
        onCrash();
      }
    },
  });
  log.info({ uri: embedded.uri, ms: Date.now() - started, dataDir: config.dataDir }, 'embedded FerretDB (SQLite) started');
  return { uri: embedded.uri, embedded };
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
  let db: { uri: string; embedded?: EmbeddedDb } | undefined;
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
      await disconnectDb();
      await db?.embedded?.stop();
    } catch (err) {
      log.error({ err }, 'error during shutdown');
      code = code || 1;
    }
    log.info('stopped');
    process.exit(code);
  };
  process.once('SIGINT', () => void shutdown('SIGINT'));
  process.once('SIGTERM', () => void shutdown('SIGTERM'));

  db = await startDatabase(config, log, () => void shutdown('embedded database stopped', 1));
  try {
    await connectDb(db.uri, config.DB_TIMEOUT_MS);
    startReadModels(); // per-process read mirrors (services/readModel): before the first query
  } catch (err) {
    log.fatal({ err }, 'cannot connect to the database');
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
    await loadPlanBaselines();
    if (config.DEMO_DATA) await loadDemoData(log);

    const deps = {
      config,
      log,
      jwtSecret: resolveJwtSecret(config),
      loginLimiter: new LoginLimiter({
        windowMs: config.LOGIN_WINDOW_SECONDS * 1000,
        perAccountAndAddress: config.LOGIN_MAX_FAILURES_PER_ACCOUNT_AND_ADDRESS,
        perAddress: config.LOGIN_MAX_FAILURES_PER_ADDRESS,
        perAccount: config.LOGIN_MAX_FAILURES_PER_ACCOUNT,
      }),
      stripe: createStripeClient(config, log),
    };
    const httpServer = http.createServer();
    apollo = createApollo(config, log, httpServer);
    await apollo.start();
    httpServer.on('request', createApp(deps, apollo, { beforeJson: (app) => mountWebhooks(app, deps) }));
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
  } catch (err) {
    log.fatal({ err }, `start-up failed: ${err instanceof Error ? err.message : String(err)}`);
    return shutdown('start-up failed', 1);
  }
}

main().catch((err) => {
  console.error('Start-up failed:', err instanceof Error ? err.message : err);
  process.exit(1);
});
