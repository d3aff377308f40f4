// npm run loan-monitor [-- --day YYYY-MM-DD] [--force]
//
// Runs the daily post-loan monitoring job (services/financing/monitoring.ts, docs/financing.md)
// against MONGODB_URI, by hand. Without --day it runs today's (Asia/Shanghai). It claims the same
// (job, day) run as the API processes: if one already ran that day it says so and does nothing,
// unless --force (the job is idempotent: a re-run raises only alerts not raised before).
import '../models';
import { createLogger } from '../server/logger';
import { connectDb, disconnectDb } from '../server/db';
import { runDaily, runnerName } from '../services/jobs/daily';
import { LOAN_MONITORING_JOB, runLoanMonitoring } from '../services/financing/monitoring';
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
    const outcome = await runDaily(LOAN_MONITORING_JOB, day, runnerName('script'), () => runLoanMonitoring(deps, day), { force });
    if (!outcome.ran) {
      console.log(`${LOAN_MONITORING_JOB} ${day}: already run (use --force to run it again)`);
      return 0;
    }
    console.log(`${LOAN_MONITORING_JOB} ${day}: ${JSON.stringify(outcome.result)}`);
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
