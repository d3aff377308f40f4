// Keeping the financing summary's per-(year, county) figures with every loan move, exactly once,
// without multi-document transactions (docs/financing.md, "financingSummary from kept figures").
//
// 1. The move itself (disbursement, repayment, settlement, default, recovery) $incs the loan's
//    `summaryMoves` in its own conditional update.
// 2. syncSummaryFigures then claims the sync on the loan: one conditional update (summaryPending null,
//    summaryMoves as read) stores `summaryPending = {token, moves, figures, delta}`: the loan's
//    figures now and their difference from `summaryCounted`, what the kept figures hold for it.
// 3. Each (year, county) document touched gets `$inc: delta` and `applied.<token>: true` in one
//    update conditional on `applied.<token>` not existing: applied at most once per document.
// 4. The loan: summaryCounted = {moves, figures}, summaryPending = null (conditional on the token).
// 5. The tokens are unset from the documents (tidying; a leftover token is harmless).
// A crash after 1 leaves summaryMoves ahead of summaryCounted.moves; after 2 or 3 a pending sync.
// Either is finished by the next sync of that loan (every move syncs) or by the repair pass
// (services/repair/financingSummaries.ts: at start-up and every REPAIR_INTERVAL_SECONDS), which
// resumes a pending sync with its own token: the documents that have it are skipped, so nothing is
// lost and nothing counted twice. rebuildFinancingSummaries recomputes everything from the loans.
import mongoose from 'mongoose';
import { FinancingSummary } from '../../models/financingSummary';
import { Loan, type LoanDoc } from '../../models/loan';
import type { ServiceContext } from '../context';
import { updateOneDoc, withLock } from '../atomic';
import { isDuplicateKey } from '../errors';
import { faultPoint } from '../faults';
import { figuresDelta, figuresOf, parseSummaryKey, sumFigures, type Figures, type LoanFigures } from './summaryFigures';

interface Pending {
  token: string;
  moves: number;
  figures: LoanFigures;
  delta: LoanFigures;
}
interface Counted {
  moves: number;
  figures: LoanFigures;
}

const summaryLock = (key: string) => `FinancingSummary:${key}`;
/** FerretDB 1.x wraps an int32 $inc on overflow: increments go as int64. */
const asInt64 = (n: number) => mongoose.mongo.Long.fromNumber(n);

/** Adds `inc` to one (year, county) document unless the sync `token` was added there already. */
async function applyToKey(key: string, token: string, inc: Figures): Promise<void> {
  const { year, county } = parseSummaryKey(key);
  const coll = FinancingSummary.collection;
  // Serialized per document in this process (FerretDB interleaves concurrent updates: services/atomic.ts).
  await withLock(summaryLock(key), async () => {
    try {
      await coll.updateOne({ _id: key } as never, { $setOnInsert: { year, county, f: {}, applied: {} } }, { upsert: true });
    } catch (err) {
      if (!isDuplicateKey(err)) throw err; // created meanwhile
    }
    const $inc: Record<string, unknown> = {};
    for (const [field, n] of Object.entries(inc)) $inc[`f.${field}`] = asInt64(n);
    await coll.updateOne({ _id: key, [`applied.${token}`]: { $exists: false } } as never, { $inc, $set: { [`applied.${token}`]: true } } as never);
  });
}

async function finishPending(loan: LoanDoc): Promise<void> {
  const p = loan.summaryPending as Pending;
  for (const [key, inc] of Object.entries(p.delta)) await applyToKey(key, p.token, inc);
  faultPoint('loanSummary.afterApply');
  await updateOneDoc(Loan, { _id: loan._id, 'summaryPending.token': p.token }, { $set: { summaryCounted: { moves: p.moves, figures: p.figures }, summaryPending: null } });
  for (const key of Object.keys(p.delta)) {
    await withLock(summaryLock(key), () => FinancingSummary.collection.updateOne({ _id: key } as never, { $unset: { [`applied.${p.token}`]: '' } }));
  }
}

/** Brings the kept figures up to date with the loan (finishing a sync left pending first). Returns the loan as read last. */
export async function syncLoanFigures(id: unknown): Promise<LoanDoc | null> {
  return withLock(`LoanSummary:${String(id)}`, async () => {
    let loan = await Loan.findById(id);
    if (loan?.summaryPending) {
      await finishPending(loan);
      loan = await Loan.findById(id);
    }
    if (!loan) return null;
    const moves = loan.summaryMoves ?? 0;
    const counted = loan.summaryCounted as Counted | null;
    if (counted && counted.moves === moves) return loan;
    faultPoint('loanSummary.beforeClaim');
    const figures = figuresOf(loan);
    const pending: Pending = { token: `t${new mongoose.Types.ObjectId().toHexString()}`, moves, figures, delta: figuresDelta(figures, counted?.figures ?? {}) };
    // Conditional on the moves and the counted state read: a sync finished meanwhile (another process) makes it miss.
    const countedAsRead = counted ? { 'summaryCounted.moves': counted.moves } : { summaryCounted: null };
    const claimed = await updateOneDoc<LoanDoc>(Loan, { _id: loan._id, summaryPending: null, summaryMoves: moves || { $in: [0, null] }, ...countedAsRead }, { $set: { summaryPending: pending } });
    if (!claimed) return Loan.findById(id); // moved meanwhile: that move's sync counts it
    await finishPending(claimed);
    return Loan.findById(id);
  });
}

/**
 * After a loan move: syncs its figures. The move stands whatever happens here; a failure is logged
 * and left to the next sync of the loan or to the repair pass.
 */
export async function syncSummaryFigures(ctx: ServiceContext | null, loan: LoanDoc): Promise<LoanDoc> {
  try {
    return (await syncLoanFigures(loan._id)) ?? loan;
  } catch (err) {
    ctx?.log.error({ err, loan: String(loan._id) }, 'financing summary figures not synced; the repair pass will');
    return loan;
  }
}

/** The kept figures of a year, for one county or the whole city (every county document of the year). */
export async function readSummaryFigures(year: number, county: string | null): Promise<Figures> {
  const docs = await FinancingSummary.find(county ? { _id: `${year}:${county}` } : { year }, { f: 1 }).lean();
  return sumFigures(docs.map((d) => (d.f ?? {}) as Figures));
}

export interface FigureDifference {
  key: string;
  field: string;
  kept: number;
  loans: number;
}

/** The loan is marked counted with exactly these figures, at its current number of moves, with nothing pending. */
function countedAs(l: LoanDoc, figures: LoanFigures): boolean {
  const marker = l.summaryCounted as { moves?: number; figures?: LoanFigures } | null;
  if (!marker || l.summaryPending || (marker.moves ?? 0) !== (l.summaryMoves ?? 0)) return false;
  const had = marker.figures ?? {};
  for (const key of new Set([...Object.keys(had), ...Object.keys(figures)])) {
    const a = had[key] ?? {};
    const b = figures[key] ?? {};
    for (const field of new Set([...Object.keys(a), ...Object.keys(b)])) if (Number(String(a[field] ?? 0)) !== (b[field] ?? 0)) return false;
  }
  return true;
}

/**
 * Recomputes every (year, county) document from the loans and compares; unless `dryRun`, rewrites
 * the documents that differ and marks every loan counted as it is. Run it with the API stopped or
 * quiet (the per-document locks of a running server do not reach another process).
 */
export async function rebuildFinancingSummaries(opts: { dryRun: boolean }): Promise<{ documents: number; differences: FigureDifference[] }> {
  const loans = (await Loan.find({}, { borrowerCounty: 1, disbursedOn: 1, disbursedAmount: 1, repayments: 1, defaultedOn: 1, lossAtDefault: 1, recoveredAmount: 1, insured: 1, schedule: 1, repaidTotal: 1, industries: 1, summaryMoves: 1, summaryCounted: 1, summaryPending: 1 }).lean()) as unknown as LoanDoc[];
  const expected = new Map<string, Figures[]>();
  const perLoan = loans.map((l) => ({ l, figures: figuresOf(l) }));
  for (const { figures } of perLoan) {
    for (const [key, f] of Object.entries(figures)) {
      const list = expected.get(key);
      if (list) list.push(f);
      else expected.set(key, [f]);
    }
  }
  const kept = new Map((await FinancingSummary.find({}, { f: 1 }).lean()).map((d) => [String(d._id), (d.f ?? {}) as Figures]));
  const differences: FigureDifference[] = [];
  for (const key of new Set([...expected.keys(), ...kept.keys()])) {
    const want = sumFigures(expected.get(key) ?? []);
    const have = kept.get(key) ?? {};
    for (const field of new Set([...Object.keys(want), ...Object.keys(have)])) {
      if ((want[field] ?? 0) !== (have[field] ?? 0)) differences.push({ key, field, kept: have[field] ?? 0, loans: want[field] ?? 0 });
    }
  }
  if (!opts.dryRun) {
    for (const key of new Set(differences.map((d) => d.key))) {
      const { year, county } = parseSummaryKey(key);
      const want = sumFigures(expected.get(key) ?? []);
      const f = Object.fromEntries(Object.entries(want).map(([k, n]) => [k, asInt64(n)]));
      await withLock(summaryLock(key), () => FinancingSummary.collection.replaceOne({ _id: key } as never, { year, county, f, applied: {} }, { upsert: true }));
    }
    // Only the loans whose marker is not already what they count: a rebuild after a crash, or over
    // loans imported with their markers, rewrites a few loans, not all of them.
    for (const { l, figures } of perLoan) {
      if (countedAs(l, figures)) continue;
      await updateOneDoc(Loan, { _id: l._id }, { $set: { summaryCounted: { moves: l.summaryMoves ?? 0, figures }, summaryPending: null } });
    }
  }
  return { documents: new Set([...expected.keys(), ...kept.keys()]).size, differences };
}
