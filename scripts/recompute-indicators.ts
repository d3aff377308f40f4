// npm run recompute-indicators [-- --check]
//
// Rebuilds the per-(indicator, year, county) ledger (IndicatorDelta) from the records: IP assets,
// organizations' IP-advantage certifications and pledge registrations. With --check it only
// compares and exits 1 when a figure differs. Connects to MONGODB_URI and starts nothing: with the
// embedded database, use the URI the server logs at start-up ("embedded FerretDB (SQLite) started").
// Rewrite with the API stopped (or quiet): the per-figure locks of a running server do not reach
// this process.
import '../models';
import { connectDb, disconnectDb } from '../server/db';
import { rebuildLedger } from '../services/indicators/recompute';

async function main(): Promise<number> {
  const uri = process.env.MONGODB_URI;
  const check = process.argv.includes('--check');
  if (!uri) {
    console.error(
      'MONGODB_URI is not set. This command starts no database: point it at the one the API uses, e.g.\n' +
        '  MONGODB_URI=mongodb://127.0.0.1:27017/hegang npm run recompute-indicators [-- --check]\n' +
        '(the embedded FerretDB logs its URI at server start-up).',
    );
    return 2;
  }
  await connectDb(uri, Number(process.env.DB_TIMEOUT_MS ?? 5000));
  try {
    const { figures, differences } = await rebuildLedger({ dryRun: check });
    for (const d of differences) {
      console.log(`${d.code} ${d.year} ${d.county}: stored ${d.stored}, records say ${d.expected}`);
    }
    const verb = check ? 'differ' : 'corrected';
    console.log(`${figures} figures from the records; ${differences.length} ${verb}.`);
    return check && differences.length > 0 ? 1 : 0;
  } finally {
    await disconnectDb();
  }
}

main().then(
  (code) => process.exit(code),
  (err) => {
    console.error('recompute-indicators failed:', err instanceof Error ? err.message : err);
    process.exit(2);
  },
);
