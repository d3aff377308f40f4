// npm run bench:indicators
//
// planIndicators reads the per-(indicator, year, county) ledger kept current by writes; the
// REGULATOR's indicatorAudit recomputes the same year from every record. Both go through the API of
// one stack seeded with many assets, measured in the same run (autocannon, loopback, 5 s each), so
// the ratio shows what keeping the ledger saves. Also checks the two agree first.
import autocannon from 'autocannon';
import mongoose, { Types } from 'mongoose';
import '../models';
import { IpAsset } from '../models/ipAsset';
import { Organization } from '../models/organization';
import { COUNTIES } from '../models/enums';
import { rebuildLedger } from '../services/indicators/recompute';
import { expiresOn, type IpKind } from '../services/rules/assetTerms';
import { ADMIN_EMAIL, ADMIN_PASSWORD, startStack } from '../test/helpers/stack';
import { Client, signInAdmin } from '../test/helpers/client';
import { runBench } from './load';

const ASSETS = Number(process.env.BENCH_ASSETS ?? 20_000);
const SECONDS = 5;

function pad(n: number, w: number) {
  return String(n).padStart(w, '0');
}

async function seed(): Promise<void> {
  const orgs = await Organization.insertMany(
    Array.from({ length: 80 }, (_, i) => ({
      name: `基准企业${i}`,
      kind: 'ENTERPRISE',
      creditCode: `BENCH${pad(i, 13)}`,
      county: COUNTIES[i % COUNTIES.length],
      ipAdvantage: i % 5 === 0 ? { level: 'MUNICIPAL', certifiedOn: `${2019 + (i % 6)}-05-01`, expiresOn: `${2022 + (i % 6)}-05-01` } : null,
    })),
  );
  let rnd = 7;
  const next = () => (rnd = (rnd * 1103515245 + 12345) % 2147483648) / 2147483648;
  for (let start = 0; start < ASSETS; start += 1000) {
    const batch = [];
    for (let i = start; i < Math.min(ASSETS, start + 1000); i++) {
      const kind: IpKind = next() < 0.6 ? 'INVENTION_PATENT' : 'TRADEMARK';
      const filingDate = `${2003 + Math.floor(next() * 22)}-${pad(1 + Math.floor(next() * 12), 2)}-${pad(1 + Math.floor(next() * 28), 2)}`;
      const grantDate = next() < 0.85 ? `${Number(filingDate.slice(0, 4)) + 1 + Math.floor(next() * 2)}${filingDate.slice(4)}` : null;
      batch.push({
        kind,
        number: `B${pad(i, 9)}`,
        title: '基准资产',
        owner: orgs[Math.floor(next() * orgs.length)]!._id,
        filingDate,
        grantDate: grantDate && grantDate <= '2026-01-01' ? grantDate : null,
        legalStatus: grantDate && grantDate <= '2026-01-01' ? 'VALID' : 'PENDING',
        expiresOn: expiresOn(kind, filingDate, grantDate && grantDate <= '2026-01-01' ? grantDate : null),
        strategicEmergingIndustry: kind === 'INVENTION_PATENT' && next() < 0.1,
        ownershipHistory: [] as { from: Types.ObjectId; to: Types.ObjectId; at: Date }[],
      });
    }
    await IpAsset.insertMany(batch);
  }
}

async function measure(title: string, url: string, body: string, token?: string) {
  const result = await autocannon({
    url,
    method: 'POST',
    connections: 4,
    duration: SECONDS,
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body,
  });
  if (result.non2xx > 0 || result.errors > 0) throw new Error(`${title}: ${result.non2xx} non-2xx, ${result.errors} errors`);
  console.log(`${title.padEnd(48)} ${result.requests.average.toFixed(1).padStart(8)} req/s   p50 ${String(result.latency.p50).padStart(5)} ms   p99 ${String(result.latency.p99).padStart(5)} ms`);
  return result;
}

async function main() {
  const stack = await startStack();
  try {
    await mongoose.connect(stack.db.uri);
    const t0 = Date.now();
    await seed();
    const seeded = Date.now();
    const { figures } = await rebuildLedger({ dryRun: false });
    console.log(`seeded ${ASSETS} assets and 80 organizations in ${((seeded - t0) / 1000).toFixed(1)} s; ledger rebuilt from the records in ${((Date.now() - seeded) / 1000).toFixed(1)} s (${figures} figures)`);

    const admin = await signInAdmin(new Client(stack.server.url), ADMIN_EMAIL, ADMIN_PASSWORD);
    const audit = await admin.ok(`{ indicatorAudit(year: 2025) { consistent } }`);
    if (!audit.indicatorAudit.consistent) throw new Error('ledger and recomputation disagree');
    const url = `${stack.server.url}/graphql`;
    const live = await measure(
      'planIndicators(2025), from the ledger',
      url,
      JSON.stringify({ query: '{ planIndicators(year: 2025) { code value platformValue source progress onTrack series { year value } } }' }),
    );
    const county = await measure(
      'planIndicators(2025, LUOBEI), from the ledger',
      url,
      JSON.stringify({ query: '{ planIndicators(year: 2025, county: LUOBEI) { code value platformValue source progress onTrack series { year value } } }' }),
    );
    // The recomputation takes seconds: time a few sequential requests instead of a fixed window.
    const times: number[] = [];
    for (let i = 0; i < 3; i++) {
      const t = Date.now();
      await admin.ok(`{ indicatorAudit(year: 2025) { consistent } }`);
      times.push(Date.now() - t);
    }
    const auditMs = times.reduce((a, b) => a + b, 0) / times.length;
    console.log(`${'indicatorAudit(2025), recomputed from records'.padEnd(48)} ${(1000 / auditMs).toFixed(2).padStart(8)} req/s   mean ${auditMs.toFixed(0)} ms (3 sequential requests)`);
    console.log(
      `ratio: one recomputation costs as much time as ${(auditMs / live.latency.average).toFixed(0)} planIndicators requests (city, mean latency ${live.latency.average.toFixed(1)} ms) ` +
        `or ${(auditMs / county.latency.average).toFixed(0)} (county) with ${ASSETS} assets`,
    );
  } finally {
    await mongoose.disconnect();
    await stack.stop();
  }
}

runBench(main);
