// npm run rebuild-financing-summaries [-- --check]
//
// Recomputes the financing summary's per-(year, county) figures (collection financingsummaries) from
// the loans, compares them with the kept ones, and rewrites those that differ (marking every loan
// counted as it stands). With --check it only compares and exits 1 when a figure differs. Connects
// to MONGODB_URI and starts nothing. Rewrite with the API stopped (or quiet): the per-document locks
// of a running server do not reach this process. (npm run repair only finishes interrupted syncs.)
import { rebuildFinancingSummaries } from '../services/financing/summaryStore';
import { runDbCommand } from './dbCommand';

const check = process.argv.includes('--check');

runDbCommand('rebuild-financing-summaries', '[-- --check]', async () => {
  const { documents, differences } = await rebuildFinancingSummaries({ dryRun: check });
  for (const d of differences) console.log(`${d.key} ${d.field}: kept ${d.kept}, loans say ${d.loans}`);
  console.log(`${documents} (year, county) documents from the loans; ${differences.length} figures ${check ? 'differ' : 'corrected'}.`);
  return check && differences.length > 0 ? 1 : 0;
});
