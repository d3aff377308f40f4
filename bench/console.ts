// Web console benchmark (not a test): the search page in headless chromium, on the demo data and
// then on 10,000 more listings (bench/listingData.ts, the generator of bench/search.ts), each as
// ratios to the same page with an empty result on the same data, from one run; and the JavaScript a
// first visitor of the search page downloads (gzip).
//
//   npm run bench:console          (BENCH_RUNS=7 page loads per case; BENCH_LISTINGS=10000; CHROMIUM_BIN=/usr/bin/chromium)
//
// Starts its own FerretDB and API server (with the demo data) and stops both. Each load is a fresh
// browser context (cold cache: every script is fetched); the first load of each case is a warm-up.
import zlib from 'node:zlib';
import mongoose from 'mongoose';
import { startStack } from '../test/helpers/stack';
import { closeBrowser, sharedBrowser } from '../test/helpers/browser';
import { insertListings, makeHolders } from './listingData';
import { touchAllMirrors } from '../services/readModel';
import { runBench } from './load';

const RUNS = Number(process.env.BENCH_RUNS ?? 7);
const LISTINGS = Number(process.env.BENCH_LISTINGS ?? 10_000);

interface Sample {
  fcp: number;
  results: number;
  hits: number;
  /** The page's count line, e.g. "共 3,412 条结果". */
  count: string;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function load(base: string, query: string, js?: Map<string, number>): Promise<Sample> {
  const browser = await sharedBrowser();
  // bypassCSP: the page's CSP forbids eval, which waitForFunction's polling needs; timing is unaffected.
  const context = await browser.newContext({ baseURL: base, locale: 'zh-CN', timezoneId: 'Asia/Shanghai', bypassCSP: true });
  const page = await context.newPage();
  if (js) {
    page.on('response', async (res) => {
      if (res.request().resourceType() !== 'script') return;
      const body = await res.body().catch(() => null);
      if (body) js.set(new URL(res.url()).pathname, zlib.gzipSync(body, { level: 9 }).length);
    });
  }
  await page.goto(`/search?q=${encodeURIComponent(query)}`);
  // Results shown: the hit list, or the empty state, with the count line filled in.
  const results = (await (
    await page.waitForFunction(
      `(() => { const c = document.querySelector('[data-testid="result-count"]'); return c && /共 \\d+ 条结果/.test(c.textContent || '') && (document.querySelector('[data-testid="search-hit"]') || document.querySelector('.ant-empty')) ? performance.now() : 0; })()`,
      undefined,
      { polling: 'raf', timeout: 30_000 },
    )
  ).jsonValue()) as number;
  const fcp = (await page.evaluate(`performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? -1`)) as number;
  const hits = (await page.evaluate(`document.querySelectorAll('[data-testid="search-hit"]').length`)) as number;
  const count = (await page.evaluate(`document.querySelector('[data-testid="result-count"]')?.textContent ?? ''`)) as string;
  if (js) await page.waitForLoadState('networkidle');
  await context.close();
  return { fcp, results, hits, count };
}

const CASES = { hits: '石墨', empty: 'zqxnonexistentzq' } as const;
type Case = keyof typeof CASES;
interface Measured { fcp: Record<Case, number>; results: Record<Case, number>; first: Record<Case, Sample> }

/** A warm-up load of each case, then RUNS loads of each, interleaved; medians. */
async function measure(base: string): Promise<Measured> {
  const cases = Object.keys(CASES) as Case[];
  const samples: Record<Case, Sample[]> = { hits: [], empty: [] };
  for (const c of cases) await load(base, CASES[c]); // warm-up (server caches, browser start)
  for (let i = 0; i < RUNS; i++) for (const c of cases) samples[c].push(await load(base, CASES[c]));
  const by = (f: (s: Sample) => number) => ({ hits: median(samples.hits.map(f)), empty: median(samples.empty.map(f)) });
  return { fcp: by((s) => s.fcp), results: by((s) => s.results), first: { hits: samples.hits[0]!, empty: samples.empty[0]! } };
}

function report(what: string, m: Measured): void {
  console.log(`${what}: search "${CASES.hits}" ${m.first.hits.count.trim()}, ${m.first.hits.hits} hits on the first page; empty search: ${m.first.empty.hits} hits`);
  console.log(`  first contentful paint, ${CASES.hits} / empty: ${(m.fcp.hits / m.fcp.empty).toFixed(2)}`);
  console.log(`  time until results show, ${CASES.hits} / empty: ${(m.results.hits / m.results.empty).toFixed(2)}`);
  console.log(`  results shown after first contentful paint: ${(m.results.hits / m.fcp.hits).toFixed(2)} x FCP`);
}

async function main(): Promise<void> {
  const t0 = Date.now();
  const stack = await startStack({ DEMO_DATA: 'true' });
  try {
    const base = stack.server.url;
    console.log(`server with demo data up in ${((Date.now() - t0) / 1000).toFixed(1)} s; ${RUNS} loads per case`);
    const demo = await measure(base);
    const js = new Map<string, number>();
    await load(base, CASES.hits, js);
    report('demo data', demo);

    const t1 = Date.now();
    await mongoose.connect(stack.db.uri);
    await insertListings(LISTINGS, await makeHolders());
    await touchAllMirrors(); // written around the services: the API's read mirrors reload too (as scripts/seedScale.ts)
    await mongoose.disconnect(); // measure's warm-up loads reload the server's search snapshot (the stamp moved)
    console.log(`${LISTINGS.toLocaleString('en')} listings added in ${((Date.now() - t1) / 1000).toFixed(1)} s`);
    const big = await measure(base);
    report(`demo data + ${LISTINGS.toLocaleString('en')} listings`, big);
    console.log(`  time until results show, ${LISTINGS.toLocaleString('en')} listings / demo data: ${(big.results.hits / demo.results.hits).toFixed(2)} (empty result: ${(big.results.empty / demo.results.empty).toFixed(2)})`);
    const total = [...js.values()].reduce((a, b) => a + b, 0);
    console.log(`JavaScript for a first visit of /search: ${js.size} files, ${(total / 1024).toFixed(1)} KiB gzip`);
    for (const [file, size] of [...js.entries()].sort((a, b) => b[1] - a[1])) console.log(`  ${(size / 1024).toFixed(1).padStart(7)} KiB  ${file}`);
  } finally {
    await closeBrowser();
    await stack.stop();
  }
}

runBench(main);
