// Web console benchmark (not a test): the search page in headless chromium, on the demo data, as
// ratios to the same page with an empty result, from one run; and the JavaScript a first visitor of
// the search page downloads (gzip).
//
//   npm run bench:console          (BENCH_RUNS=7 page loads per case; CHROMIUM_BIN=/usr/bin/chromium)
//
// Starts its own FerretDB and API server (with the demo data) and stops both. Each load is a fresh
// browser context (cold cache: every script is fetched); the first load of each case is a warm-up.
import zlib from 'node:zlib';
import { startStack } from '../test/helpers/stack';
import { closeBrowser, sharedBrowser } from '../test/helpers/browser';

const RUNS = Number(process.env.BENCH_RUNS ?? 7);

interface Sample {
  fcp: number;
  results: number;
  hits: number;
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
  if (js) await page.waitForLoadState('networkidle');
  await context.close();
  return { fcp, results, hits };
}

async function main(): Promise<void> {
  const t0 = Date.now();
  const stack = await startStack({ DEMO_DATA: 'true' });
  try {
    const base = stack.server.url;
    console.log(`server with demo data up in ${((Date.now() - t0) / 1000).toFixed(1)} s; ${RUNS} loads per case`);
    const cases = { demo: '石墨', empty: 'zqxnonexistentzq' } as const;
    const samples: Record<keyof typeof cases, Sample[]> = { demo: [], empty: [] };
    for (const c of Object.keys(cases) as (keyof typeof cases)[]) await load(base, cases[c]); // warm-up (server caches, browser start)
    for (let i = 0; i < RUNS; i++) for (const c of Object.keys(cases) as (keyof typeof cases)[]) samples[c].push(await load(base, cases[c]));
    const js = new Map<string, number>();
    await load(base, cases.demo, js);

    const fcp = { demo: median(samples.demo.map((s) => s.fcp)), empty: median(samples.empty.map((s) => s.fcp)) };
    const res = { demo: median(samples.demo.map((s) => s.results)), empty: median(samples.empty.map((s) => s.results)) };
    console.log(`search "石墨" on the demo data: ${samples.demo[0]!.hits} hits on the first page; empty search: ${samples.empty[0]!.hits} hits`);
    console.log(`first contentful paint, demo / empty: ${(fcp.demo / fcp.empty).toFixed(2)}`);
    console.log(`time until results show, demo / empty: ${(res.demo / res.empty).toFixed(2)}`);
    console.log(`results shown after first contentful paint (demo): ${(res.demo / fcp.demo).toFixed(2)} x FCP`);
    const total = [...js.values()].reduce((a, b) => a + b, 0);
    console.log(`JavaScript for a first visit of /search: ${js.size} files, ${(total / 1024).toFixed(1)} KiB gzip`);
    for (const [file, size] of [...js.entries()].sort((a, b) => b[1] - a[1])) console.log(`  ${(size / 1024).toFixed(1).padStart(7)} KiB  ${file}`);
  } finally {
    await closeBrowser();
    await stack.stop();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
