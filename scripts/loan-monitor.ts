// npm run loan-monitor [-- --day YYYY-MM-DD] [--force] [--job registration-expiry|loan-monitoring]
//
// Runs the daily jobs (services/financing/dailyJobList.ts: registration expiry, then post-loan
// monitoring; docs/financing.md) against MONGODB_URI, by hand. Without --day it runs today's
// (Asia/Shanghai); --job runs one of them only. It claims the same (job, day) run as the API
// processes: if one already ran that day it says so and does nothing, unless --force (the jobs are
// idempotent: a re-run raises only alerts not raised before and expires nothing twice).
import '../models';
import { createLogger } from '../server/logger';
import { connectDb, disconnectDb } from '../server/db';
import { runDaily, runnerName } from '../services/jobs/daily';
import { DAILY_JOB_LIST } from '../services/financing/dailyJobList';
import { touchAllMirrors } from '../services/readModel';
import { isCalendarDate, todayInShanghai } from '../services/rules/calendar';

async function main(argv: string[]): Promise<number> {
  const uri = process.env.MONGODB_URI;
  if (!uri) {
    console.error('MONGODB_URI is not set: point it at the database the API uses (the embedded FerretDB logs its URI at start-up).');
    return 2;
  }
  const dayAt = argv.indexOf('--day');
  const day = dayAt >= 0 ? argv[dayAt + 1] ?? '' : todayInShanghai();
  if (!isCalendarDate(day)) {
    console.error('--day must be a date written YYYY-MM-DD');
    return 2;
  }
  const force = argv.includes('--force');
  const log = createLogger(process.env.LOG_LEVEL ?? 'silent');
  await connectDb(uri, Number(process.env.DB_TIMEOUT_MS ?? 5000));
  try {
    const deps = { app: { config: { SMTP_URL: process.env.SMTP_URL } } as never, log };
    const jobAt = argv.indexOf('--job');
    const only = jobAt >= 0 ? argv[jobAt + 1] : null;
    const jobs = DAILY_JOB_LIST.filter((j) => !only || j.name === only);
    if (jobs.length === 0) {
      console.error(`--job must be one of ${DAILY_JOB_LIST.map((j) => j.name).join(', ')}`);
      return 2;
    }
    for (const job of jobs) {
      const outcome = await runDaily(job.name, day, runnerName('script'), () => job.run(deps, day), { force });
      console.log(outcome.ran ? `${job.name} ${day}: ${JSON.stringify(outcome.result)}` : `${job.name} ${day}: already run (use --force to run it again)`);
    }
    // This process keeps no read mirrors: tell the API processes' mirrors to re-read (services/readModel).
    await touchAllMirrors();
    return 0;
  } finally {
    await disconnectDb();
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err) => {
    console.error('loan-monitor failed:', err instanceof Error ? err.message : err);
    process.exit(2);
  },
);
