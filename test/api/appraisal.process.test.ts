// Two API processes on one FerretDB (FERRETDB_LEASE=false, on purpose) confirming the same report
// at once: exactly one confirmation may win, and the stored report is the winner's.
import fs from 'node:fs';
import path from 'node:path';
import { expect } from 'chai';
import { sharedStack } from '../helpers/hooks';
import { Client } from '../helpers/client';
import { world, type World } from '../helpers/financing';
import { ADMIN_EMAIL, ADMIN_PASSWORD, JWT_SECRET, startServer, tempDir, type ServerHandle } from '../helpers/stack';
import { APP_REPORT, appraisalWorld, CONFIRM, reportInput } from '../helpers/appraisal';

describe('valuation by an appraiser: two API processes confirming at once', function () {
  this.timeout(120_000);
  let w: World;
  let second: ServerHandle;
  let secondDir: string;
  before(async () => {
    w = await world();
    second = await startServer({
      NODE_ENV: 'test', DATA_DIR: path.join((secondDir = tempDir('appraisal2')), 'data'), MONGODB_URI: (await sharedStack()).db.uri,
      FERRETDB_LEASE: 'false', DB_TIMEOUT_MS: '1500', JWT_SECRET, BOOTSTRAP_ADMIN_EMAIL: ADMIN_EMAIL, BOOTSTRAP_ADMIN_PASSWORD: ADMIN_PASSWORD, DEMO_DATA: 'false',
    });
  });
  after(async () => {
    if (second) await second.stop();
    if (secondDir) fs.rmSync(secondDir, { recursive: true, force: true });
  });

  for (let round = 0; round < 2; round++) {
    it(`round ${round}: twenty confirmations split over two processes, exactly one wins`, async () => {
      const { appraiser, assetIds, applicationId } = await appraisalWorld(w);
      const other = new Client(second.url, appraiser.client.token);
      const inputs = Array.from({ length: 20 }, (_x, n) => reportInput(applicationId, assetIds, [`${n + 1}000000.00`, '1000000.00']));
      const results = await Promise.all(inputs.map((input, i) => (i % 2 ? other : appraiser.client).raw(CONFIRM, { input })));
      const winners = results.flatMap((r, i) => (r.errors ? [] : [i]));
      const stored = (await appraiser.client.ok(APP_REPORT, { id: applicationId })).pledgeApplication.valuationReport;
      expect(winners, `stored ${JSON.stringify(stored)}`).to.have.length(1);
      expect(stored.reportNumber).to.equal(inputs[winners[0]!]!.reportNumber);
    });
  }
});
