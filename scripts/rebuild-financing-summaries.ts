// npm run rebuild-financing-summaries [-- --check]
//
// Recomputes the financing summary's per-(year, county) figures (collection financingsummaries) from
// the loans, compares them with the kept ones, and rewrites those that differ (marking every loan
// counted as it stands). With --check it only compares and exits 1 when a figure differs. Connects
// to MONGODB_URI and starts nothing. Rewrite with the API stopped (or quiet): the per-document locks
// of a running server do not reach this process. (npm run repair only finishes interrupted syncs.)
import '../models';
import { connectDb, disconnectDb } from '../server/db';
import { rebuildFinancingSummaries } from '../services/financing/summaryStore';

async function main(): Promise<number> {
  const uri = process.env.MONGODB_URI;
  const check = process.argv.includes('--check');
  if (!uri) {
    console.error('MONGODB_URI is not set. This command starts no database: point it at the one the API uses (the embedded FerretDB logs its URI at start-up).');
    return 2;
  }
  await connectDb(uri, Number(process.env.DB_TIMEOUT_MS ?? 5000));
  try {
    const { documents, differences } = await rebuildFinancingSummaries({ dryRun: check });
    for (const d of differences) console.log(`${d.key} ${d.field}: kept ${d.kept}, loans say ${d.loans}`);
    console.log(`${documents} (year, county) documents from the loans; ${differences.length} figures ${check ? 'differ' : 'corrected'}.`);
    return check && differences.length > 0 ? 1 : 0;
  } finally {
    await disconnectDb();
  }
}

main().then(
  (code) => process.exit(code),
  (err) => {
    console.error('rebuild-financing-summaries failed:', err instanceof Error ? err.message : err);
    process.exit(2);
  },
);
