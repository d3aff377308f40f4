// Matching benchmark (issue 18 point 2; not a test): precision at 5 of suggestedListings on the
// hand-labelled needs (resources/matching/labelled-needs.tsv) against the demo's published listings
// and the hand-written catalogue (resources/matching/catalogue.tsv), through the API; the same
// precision for a plain search of each need's title (the baseline a seeker had before); and the
// suggestion latency as a ratio to that search, from one run.
//
//   npm run bench:matching            (exits 1 when precision at 5 falls below BENCH_MIN_P5, default 0.25)
//
// Everything runs on 127.0.0.1 against a fresh embedded FerretDB in a temporary directory, with
// the demo data loaded by the server at start-up.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import mongoose, { Types } from 'mongoose';
import { startStack } from '../test/helpers/stack';
import { touchMirrors } from '../test/helpers/mirrors';
import { projectRoot } from '../server/paths';
import { Organization } from '../models/organization';
import { IpAsset } from '../models/ipAsset';
import { Listing } from '../models/listing';
import { TechnologyNeed } from '../models/technologyNeed';
import { listingFacts } from '../services/listings/denormalize';
import { searchTextFor } from '../services/listings/searchText';
import { touchListings } from '../services/listings/searchSnapshot';
import { expiresOn } from '../services/rules/assetTerms';
import { patentCheckDigit } from '../services/rules/patentNumber';
import { creditCodeCheckChar } from '../services/rules/creditCode';
import { normalizeIpcPrefix } from '../services/needs';
import { DEMO_ASSETS } from '../scripts/demo/assets';
import { runBench } from './load';

const say = (msg: string) => console.log(msg);

function readTsv(file: string): Record<string, string>[] {
  const lines = fs.readFileSync(path.join(projectRoot, 'resources', 'matching', file), 'utf8').split('\n').filter((l) => l && !l.startsWith('#'));
  const header = lines.shift()!.split('\t');
  return lines.map((l) => Object.fromEntries(l.split('\t').map((v, i) => [header[i]!, v])));
}
const list = (s: string | undefined) => (s ? s.split(';').map((x) => x.trim()).filter(Boolean) : []);

function org(name: string, kind: string, county: string, i: number) {
  const first17 = `9123040${i}MA${String(1000000 + i * 7919)}`;
  return { _id: new Types.ObjectId(), name, kind, creditCode: first17 + creditCodeCheckChar(first17), county, verified: true, verifiedAt: new Date(), ipAdvantage: null, demo: false, createdAt: new Date(), updatedAt: new Date() };
}

async function insertCatalogue(holder: ReturnType<typeof org>): Promise<Map<string, string>> {
  const keyOf = new Map<string, string>(); // listing id -> key
  let serial = 0;
  for (const r of readTsv('catalogue.tsv')) {
    serial++;
    const kind = r.kind!;
    const filingDate = '2021-03-01';
    const grantDate = '2022-06-01';
    const twelve = `2021${kind === 'UTILITY_MODEL' ? '2' : '1'}${String(9_000_000 + serial).padStart(7, '0')}`;
    const number = kind === 'TRADEMARK' ? String(60_000_000 + serial) : `${twelve}.${patentCheckDigit(twelve)}`;
    const asset = {
      _id: new Types.ObjectId(), kind, number, title: r.title!, abstract: r.abstract!, owner: holder._id, filingDate, grantDate,
      legalStatus: 'VALID', expiresOn: expiresOn(kind as never, filingDate, grantDate), classes: list(r.classes), industries: list(r.industries),
      strategicEmergingIndustry: false, foreignFamily: false, chinaPatentAward: false, highPledgeFinancing: false, pledge: null, ownershipHistory: [],
      verification: { status: 'VERIFIED', by: null, reason: 'bench', at: new Date() }, demo: false, createdAt: new Date(), updatedAt: new Date(),
    };
    const modes = list(r.modes);
    const publishedAt = new Date(Date.now() - serial * 3_600_000);
    const listing = {
      _id: new Types.ObjectId(), asset: asset._id, holder: holder._id, modes, licenseTypes: modes.includes('LICENSE') || modes.includes('OPEN_LICENSE') ? ['NON_EXCLUSIVE'] : [],
      askingPrice: Number(r.priceYuan) * 100, negotiable: !modes.includes('OPEN_LICENSE'), description: null, status: 'PUBLISHED', publishedAt,
      history: [{ from: null, to: 'DRAFT', at: publishedAt, by: null, reason: null }, { from: 'DRAFT', to: 'PUBLISHED', at: publishedAt, by: null, reason: null }],
      ...listingFacts(asset as never, holder as never, null, modes), demo: false, createdAt: new Date(), updatedAt: new Date(), __v: 0,
    };
    await IpAsset.collection.insertOne(asset as never);
    await Listing.collection.insertOne(listing as never);
    keyOf.set(String(listing._id), r.key!);
  }
  return keyOf;
}

async function insertNeeds(owner: ReturnType<typeof org>): Promise<{ id: string; key: string; title: string; relevant: Set<string> }[]> {
  const out = [];
  for (const r of readTsv('labelled-needs.tsv')) {
    const ipcPrefixes = list(r.ipcPrefixes).map((p) => normalizeIpcPrefix(p)!);
    const need = {
      _id: new Types.ObjectId(), owner: owner._id, ownerKind: 'ENTERPRISE', title: r.title!, description: r.description!, industries: list(r.industries), ipcPrefixes,
      dealTypes: list(r.dealTypes), budgetMin: null, budgetMax: Number(r.budgetMaxYuan) * 100, county: 'LUOBEI', deadline: '2099-12-31', hideName: false, revealedTo: [],
      status: 'OPEN', closeReason: null, publishedAt: new Date(), history: [], createdAt: new Date(), updatedAt: new Date(), __v: 0,
      searchText: searchTextFor({ title: r.title!, abstract: r.description!, description: null, number: '', classes: ipcPrefixes }),
    };
    await TechnologyNeed.collection.insertOne(need as never);
    out.push({ id: String(need._id), key: r.key!, title: r.title!, relevant: new Set(list(r.relevant)) });
  }
  return out;
}

async function api(url: string, query: string, variables: Record<string, unknown>): Promise<any> {
  const res = await fetch(`${url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query, variables }) });
  const body = (await res.json()) as { data?: any; errors?: unknown[] };
  if (body.errors) throw new Error(`API error: ${JSON.stringify(body.errors)}`);
  return body.data;
}

const SUGGEST = `query($id: ID!) { suggestedListings(needId: $id, first: 5) { score reasons listing { id } } }`;
const SEARCH = `query($text: String) { listings(filter: { text: $text }, first: 5) { edges { node { id } } } }`;

async function timed<T>(fn: () => Promise<T>): Promise<[T, number]> {
  const t0 = process.hrtime.bigint();
  const r = await fn();
  return [r, Number(process.hrtime.bigint() - t0) / 1e6];
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function main(): Promise<void> {
  say(`${os.cpus().length} CPUs, load average ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}`);
  const stack = await startStack({ DEMO_DATA: 'true' });
  try {
    await mongoose.connect(stack.db.uri);
    const holder = org('基准目录技术持有人', 'UNIVERSITY', 'XIANGYANG', 1);
    const seeker = org('基准需求企业', 'ENTERPRISE', 'LUOBEI', 2);
    await Organization.collection.insertMany([holder, seeker] as never[]);
    const keyOf = await insertCatalogue(holder);
    const needs = await insertNeeds(seeker);
    await touchListings();
    await touchMirrors(mongoose.connection, 'organizations', 'ipassets', 'listings', 'technologyneeds');
    // the demo's listings, by asset key
    const demoKeyByNumber = new Map(DEMO_ASSETS.map((a) => [a.input.number, a.key]));
    const demoListings = await Listing.find({ demo: true, status: 'PUBLISHED' }).lean();
    const assets = await IpAsset.find({ _id: { $in: demoListings.map((l) => l.asset) } }).lean();
    const numberOf = new Map(assets.map((a) => [String(a._id), a.number]));
    for (const l of demoListings) keyOf.set(String(l._id), demoKeyByNumber.get(numberOf.get(String(l.asset)) ?? '') ?? `demo:${String(l._id)}`);
    say(`catalogue: ${demoListings.length} demo listings + ${keyOf.size - demoListings.length} hand-written; ${needs.length} labelled needs`);

    const url = stack.server.url;
    await api(url, SUGGEST, { id: needs[0]!.id }); // warm-up (snapshot, mirrors)
    await api(url, SEARCH, { text: needs[0]!.title });
    let p5 = 0;
    let capped = 0;
    let searchP5 = 0;
    const suggestMs: number[] = [];
    const searchMs: number[] = [];
    const rows: string[] = [];
    for (const n of needs) {
      const runs: number[] = [];
      const sruns: number[] = [];
      let top: string[] = [];
      let reasons = '';
      let found: string[] = [];
      for (let i = 0; i < 3; i++) {
        const [s, ms] = await timed(() => api(url, SUGGEST, { id: n.id }));
        runs.push(ms);
        top = s.suggestedListings.map((x: any) => keyOf.get(x.listing.id) ?? x.listing.id);
        reasons = s.suggestedListings[0] ? s.suggestedListings[0].reasons.join('; ') : '';
        const [r, sms] = await timed(() => api(url, SEARCH, { text: n.title }));
        sruns.push(sms);
        found = r.listings.edges.map((e: any) => keyOf.get(e.node.id) ?? e.node.id);
      }
      suggestMs.push(median(runs));
      searchMs.push(median(sruns));
      const hits = top.filter((k) => n.relevant.has(k)).length;
      const searchHits = found.filter((k) => n.relevant.has(k)).length;
      p5 += hits / 5;
      capped += hits / Math.min(5, n.relevant.size);
      searchP5 += searchHits / 5;
      rows.push(`${n.key}\t${hits}/${Math.min(5, n.relevant.size)}\tsearch ${searchHits}\t${top.join(',')}\t${reasons}`);
    }
    for (const r of rows) say(r);
    const N = needs.length;
    const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
    say('');
    say(`precision at 5 (hits / 5), mean over ${N} needs: suggestedListings ${(p5 / N).toFixed(3)}; plain search of the title ${(searchP5 / N).toFixed(3)}`);
    say(`precision at 5 capped by the relevant count (hits / min(5, relevant)): suggestedListings ${(capped / N).toFixed(3)}`);
    say(`latency, median of 3 per need, summed: suggestedListings ${sum(suggestMs).toFixed(0)} ms, listings(text: title) ${sum(searchMs).toFixed(0)} ms: ratio ${(sum(suggestMs) / sum(searchMs)).toFixed(2)}`);
    say(`load average at the end ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}`);
    // The most this set allows is 0.282 (most needs have one relevant listing); 0.273 when it was built.
    const floor = Number(process.env.BENCH_MIN_P5 ?? 0.25);
    if (p5 / N < floor) {
      say(`precision at 5 ${(p5 / N).toFixed(3)} fell below BENCH_MIN_P5=${floor}`);
      process.exitCode = 1;
    }
  } finally {
    await mongoose.disconnect();
    await stack.stop();
  }
}

runBench(main);
