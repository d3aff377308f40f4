// npm run recompute-indicators [-- --check]
//
// Rebuilds the per-(indicator, year, county) ledger (IndicatorDelta) from the records: IP assets,
// organizations' IP-advantage certifications and pledge registrations. With --check it only
// compares and exits 1 when a figure differs. Connects to MONGODB_URI and starts nothing: with the
// embedded database, use the URI the server logs at start-up ("embedded FerretDB (SQLite) started").
// Rewrite with the API stopped (or quiet): the per-figure locks of a running server do not reach
// this process.
import { rebuildLedger } from '../services/indicators/recompute';
import { runDbCommand } from './dbCommand';

const check = process.argv.includes('--check');

runDbCommand('recompute-indicators', '[-- --check]', async () => {
  const { figures, differences } = await rebuildLedger({ dryRun: check });
  for (const d of differences) {
    console.log(`${d.code} ${d.year} ${d.county}: stored ${d.stored}, records say ${d.expected}`);
  }
  const verb = check ? 'differ' : 'corrected';
  console.log(`${figures} figures from the records; ${differences.length} ${verb}.`);
  return check && differences.length > 0 ? 1 : 0;
});
