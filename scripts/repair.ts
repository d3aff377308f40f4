// npm run repair
//
// One repair pass (services/repair, docs/recovery.md) against MONGODB_URI: finds what a crash in the
// middle of a multi-document sequence left behind (orphan asset claims, PENDING pledge registrations,
// organizations without a user, quotes marked bound without a policy, an interrupted indicator
// rebuild) and undoes or completes it, printing each fix. Idempotent. The server runs the same pass
// at start-up; run this one with the API stopped or quiet, or keep REPAIR_GRACE_SECONDS (default 60)
// longer than any request takes, so a sequence still in flight is never taken for a leftover.
import '../models';
import { createLogger } from '../server/logger';
import { connectDb, disconnectDb } from '../server/db';
import { parseYuanToFen } from '../services/rules/money';
import { runRepair } from '../services/repair';
import { touchAllMirrors } from '../services/readModel';

async function main(): Promise<number> {
  const uri = process.env.MONGODB_URI;
  if (!uri) {
    console.error(
      'MONGODB_URI is not set. This command starts no database: point it at the one the API uses, e.g.\n' +
        '  MONGODB_URI=mongodb://127.0.0.1:27017/hegang npm run repair\n' +
        '(the embedded FerretDB logs its URI at server start-up).',
    );
    return 2;
  }
  const grace = Number(process.env.REPAIR_GRACE_SECONDS ?? 60);
  const threshold = parseYuanToFen(process.env.HIGH_PLEDGE_THRESHOLD_YUAN ?? '10000000');
  if (!Number.isInteger(grace) || grace < 0) {
    console.error('REPAIR_GRACE_SECONDS must be a whole number of seconds');
    return 2;
  }
  if (!threshold || threshold <= 0) {
    console.error('HIGH_PLEDGE_THRESHOLD_YUAN must be a positive yuan amount');
    return 2;
  }
  await connectDb(uri, Number(process.env.DB_TIMEOUT_MS ?? 5000));
  try {
    const fixed = await runRepair({ log: createLogger(process.env.LOG_LEVEL ?? 'silent'), graceSeconds: grace, highPledgeThresholdFen: threshold });
    for (const f of fixed) console.log(`${f.kind} ${f.id}: ${f.detail}`);
    // This process keeps no read mirrors, so running API processes learn of its writes this way.
    if (fixed.length > 0) await touchAllMirrors();
    console.log(`${fixed.length} leftover(s) fixed.`);
    return 0;
  } finally {
    await disconnectDb();
  }
}

main().then(
  (code) => process.exit(code),
  (err) => {
    console.error('repair failed:', err instanceof Error ? err.message : err);
    process.exit(2);
  },
);
