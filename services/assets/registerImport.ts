// Importing an official register extract (issue 11, point 2). The REGULATOR sends the CSV; a dry run
// reports what each row would do and writes nothing; the real import writes VERIFIED rights, owners
// matched by credit code; a holder not on the platform keeps an unclaimed right (models/
// unclaimedRight.ts) that its organization takes over when it registers (claimUnclaimedRights).
// Idempotent: a row equal to what is stored is UNCHANGED and writes nothing.
import type { Types } from 'mongoose';
import { IpAsset, type IpAssetDoc } from '../../models/ipAsset';
import { Organization, type OrganizationDoc } from '../../models/organization';
import { UnclaimedRight } from '../../models/unclaimedRight';
import { VerifiedRight, rightKey } from '../../models/verifiedRight';
import type { County } from '../../models/enums';
import type { ServiceContext } from '../context';
import { requireRegulator } from '../authz';
import { updateOneDoc } from '../atomic';
import { recordAudit } from '../audit';
import { expiresOn, type IpKind } from '../rules/assetTerms';
import { assetDeltas, assetFacts, diff, net, type Delta } from '../indicators/contributions';
import { addToIndicators } from '../indicators/ledger';
import { afterAssetChange } from './afterChange';
import { assetChange, changedFields } from './history';
import { parseRegisterCsv, type AssetFields, type ParsedRow } from './registerCsv';
import { rejectCompetingClaims } from './verification';

export type ImportOutcome = 'CREATED' | 'UPDATED' | 'UNCHANGED' | 'ERROR';

export interface ImportRowResult {
  line: number;
  kind: string | null;
  number: string | null;
  outcome: ImportOutcome;
  column: string | null;
  reason: string | null;
  assetId: string | null;
  holderOnPlatform: boolean;
}

export interface ImportReport {
  dryRun: boolean;
  rows: number;
  created: number;
  updated: number;
  unchanged: number;
  errors: number;
  results: ImportRowResult[];
}

const COMPARED = ['title', 'filingDate', 'grantDate', 'legalStatus', 'lapsedOn', 'classes', 'strategicEmergingIndustry', 'foreignFamily', 'chinaPatentAward', 'chinaPatentAwardYear'] as const;

/** The stored fields a register row sets (owner, verification and derived expiry aside). */
function registerSet(f: AssetFields): Record<string, unknown> {
  const set: Record<string, unknown> = {};
  for (const k of COMPARED) set[k] = (f as unknown as Record<string, unknown>)[k] ?? null;
  return set;
}

// Rows per batch: each batch reads the matching records with a few queries (on FerretDB each is a
// collection scan), so larger batches cost fewer scans; progress is logged after each batch.
const CHUNK = 5000;

export async function importRegisterExtract(ctx: ServiceContext, csv: string, dryRun: boolean): Promise<ImportReport> {
  await requireRegulator(ctx);
  const started = Date.now();
  const parsed = parseRegisterCsv(csv);
  ctx.log.info({ rows: parsed.length, dryRun }, 'register import: file read');
  const results: ImportRowResult[] = [];
  const ledger: Delta[] = [];
  for (let i = 0; i < parsed.length; i += CHUNK) {
    const chunk = parsed.slice(i, i + CHUNK);
    results.push(...(await importChunk(ctx, chunk, dryRun, ledger)));
    ctx.log.info({ done: Math.min(i + CHUNK, parsed.length), of: parsed.length, dryRun }, 'register import: progress');
  }
  if (!dryRun) await addToIndicators(net(ledger));
  const count = (o: ImportOutcome) => results.filter((r) => r.outcome === o).length;
  const report: ImportReport = {
    dryRun, rows: results.length, created: count('CREATED'), updated: count('UPDATED'), unchanged: count('UNCHANGED'), errors: count('ERROR'), results,
  };
  ctx.log.info({ ...report, results: undefined, ms: Date.now() - started }, 'register import: done');
  if (!dryRun) {
    await recordAudit(ctx, {
      kind: 'IMPORT_REGISTER', targetType: 'RegisterExtract', summary: `Imported a register extract of ${report.rows} rows`,
      details: { rows: report.rows, created: report.created, updated: report.updated, unchanged: report.unchanged, errors: report.errors },
    });
  }
  return report;
}

async function importChunk(ctx: ServiceContext, rows: ParsedRow[], dryRun: boolean, ledger: Delta[]): Promise<ImportRowResult[]> {
  const ok = rows.filter((r) => r.fields);
  const keys = ok.map((r) => rightKey(r.kind!, r.number!));
  const [orgs, claims, unclaimed, assets] = await Promise.all([
    Organization.find({ creditCode: { $in: [...new Set(ok.map((r) => r.holderCreditCode))] } }),
    VerifiedRight.find({ _id: { $in: keys } }).lean(),
    UnclaimedRight.find({ _id: { $in: keys } }).lean(),
    ok.length === 0
      ? Promise.resolve([] as IpAssetDoc[])
      : (IpAsset.find({ $or: [...new Set(ok.map((r) => r.kind!))].map((kind) => ({ kind, number: { $in: ok.filter((r) => r.kind === kind).map((r) => r.number!) } })) } as never) as unknown as Promise<IpAssetDoc[]>),
  ]);
  const orgByCode = new Map(orgs.map((o) => [o.creditCode, o]));
  const claimByKey = new Map(claims.map((c) => [c._id, c]));
  const unclaimedByKey = new Map(unclaimed.map((u) => [u._id, u]));
  const assetsByKey = new Map<string, IpAssetDoc[]>();
  for (const a of assets) assetsByKey.set(rightKey(a.kind, a.number), [...(assetsByKey.get(rightKey(a.kind, a.number)) ?? []), a]);

  const out: ImportRowResult[] = [];
  const toInsert: { row: ParsedRow; doc: Record<string, unknown>; org: OrganizationDoc }[] = [];
  const newUnclaimed: { key: string; row: ParsedRow }[] = [];
  for (const row of rows) {
    const base = { line: row.line, kind: row.kind, number: row.number, column: null, reason: null, assetId: null, holderOnPlatform: false };
    if (!row.fields) {
      out.push({ ...base, outcome: 'ERROR', column: row.error!.column, reason: row.error!.reason });
      continue;
    }
    const key = rightKey(row.kind!, row.number!);
    const org = orgByCode.get(row.holderCreditCode) ?? null;
    const claim = claimByKey.get(key) ?? null;
    const set = registerSet(row.fields);
    if (!org) {
      // Holder not on the platform: an unclaimed right, unless a platform record already holds the right.
      if (claim?.asset) {
        out.push({ ...base, outcome: 'ERROR', column: 'holder_credit_code', reason: 'the right is verified for another organization on the platform; record the change of owner first' });
        continue;
      }
      const prev = unclaimedByKey.get(key);
      const same = prev && prev.holderCreditCode === row.holderCreditCode && prev.holderName === row.holderName && JSON.stringify(prev.fields) === JSON.stringify(row.fields);
      if (same) {
        out.push({ ...base, outcome: 'UNCHANGED' });
        continue;
      }
      if (!dryRun && !prev && !claim) {
        newUnclaimed.push({ key, row });
      } else if (!dryRun) {
        await UnclaimedRight.replaceOne(
          { _id: key },
          { holderCreditCode: row.holderCreditCode, holderName: row.holderName, fields: row.fields, importedAt: new Date(), importedBy: ctx.viewer?.userId ?? null },
          { upsert: true },
        );
        if (!claim) await VerifiedRight.updateOne({ _id: key }, { $setOnInsert: { asset: null, at: new Date() }, $set: { holderCreditCode: row.holderCreditCode } }, { upsert: true });
        else await VerifiedRight.updateOne({ _id: key, asset: null }, { $set: { holderCreditCode: row.holderCreditCode } });
      }
      if (!dryRun && (assetsByKey.get(key) ?? []).length > 0) await rejectClaimsFor(ctx, key, row.holderName);
      out.push({ ...base, outcome: prev ? 'UPDATED' : 'CREATED', reason: prev ? 'unclaimed right updated' : null });
      continue;
    }
    const mine = (assetsByKey.get(key) ?? []).find((a) => String(a.owner) === String(org._id) && a.verification?.status !== 'REJECTED')
      ?? (assetsByKey.get(key) ?? []).find((a) => String(a.owner) === String(org._id));
    if (claim && (claim.asset === null ? claim.holderCreditCode !== row.holderCreditCode : String(claim.asset) !== String(mine?._id))) {
      out.push({ ...base, outcome: 'ERROR', column: 'holder_credit_code', reason: 'the right is verified for another holder; record the change of owner first', holderOnPlatform: true });
      continue;
    }
    if (mine) {
      const fields = changedFields(mine.toObject() as unknown as Record<string, unknown>, set);
      const verified = mine.verification?.status === 'VERIFIED';
      if (verified && Object.keys(fields).length === 0) {
        out.push({ ...base, outcome: 'UNCHANGED', assetId: String(mine._id), holderOnPlatform: true });
        continue;
      }
      if (!dryRun) {
        const after = await applyToExisting(ctx, mine, set, fields, claim === null);
        ledger.push(...diff(deltasOf(mine, org), deltasOf(after, org)));
        await rejectCompetingClaims(ctx, after);
        await afterAssetChange(ctx, after);
      }
      const what = [...Object.keys(fields), ...(verified ? [] : ['verification'])].join(', ');
      out.push({ ...base, outcome: 'UPDATED', reason: `changed: ${what}`, assetId: String(mine._id), holderOnPlatform: true });
      continue;
    }
    // A new VERIFIED record for an organization on the platform.
    const doc = {
      ...row.fields,
      owner: org._id,
      expiresOn: expiresOn(row.fields.kind as IpKind, row.fields.filingDate, row.fields.grantDate),
      verification: { status: 'VERIFIED', by: ctx.viewer?.userId ?? null, at: new Date(), reason: 'official register extract' },
      changes: [assetChange(ctx, 'IMPORT', 'official register extract', null)],
    };
    toInsert.push({ row, doc, org });
    out.push({ ...base, outcome: 'CREATED', holderOnPlatform: true });
  }
  if (!dryRun && newUnclaimed.length > 0) {
    // New unclaimed rights in two bulk writes (one upsert each would cost ~15 ms on FerretDB).
    const now = new Date();
    await VerifiedRight.insertMany(newUnclaimed.map(({ key, row }) => ({ _id: key, asset: null, holderCreditCode: row.holderCreditCode, at: now })), { ordered: false });
    await UnclaimedRight.insertMany(
      newUnclaimed.map(({ key, row }) => ({ _id: key, holderCreditCode: row.holderCreditCode, holderName: row.holderName, fields: row.fields, importedAt: now, importedBy: ctx.viewer?.userId ?? null })),
      { ordered: false },
    );
  }
  if (!dryRun && toInsert.length > 0) {
    const created = (await IpAsset.insertMany(toInsert.map((t) => t.doc))) as unknown as IpAssetDoc[];
    await VerifiedRight.insertMany(created.map((a) => ({ _id: rightKey(a.kind, a.number), asset: a._id, holderCreditCode: null, at: new Date() })), { ordered: false });
    created.forEach((a, i) => {
      ledger.push(...deltasOf(a, toInsert[i]!.org));
      const r = out.find((o) => o.line === toInsert[i]!.row.line)!;
      r.assetId = String(a._id);
    });
    for (const a of created) if ((assetsByKey.get(rightKey(a.kind, a.number)) ?? []).length > 0) await rejectCompetingClaims(ctx, a);
  }
  return out;
}

function deltasOf(a: IpAssetDoc, org: OrganizationDoc): Delta[] {
  return assetDeltas(assetFacts(a), (id) => (id === String(org._id) ? (org.county as County) : undefined));
}

async function applyToExisting(ctx: ServiceContext, asset: IpAssetDoc, set: Record<string, unknown>, fields: Record<string, [unknown, unknown]>, claim: boolean): Promise<IpAssetDoc> {
  if (claim) {
    await VerifiedRight.updateOne({ _id: rightKey(asset.kind, asset.number) }, { $setOnInsert: { asset: asset._id, holderCreditCode: null, at: new Date() } }, { upsert: true });
  }
  const verification = asset.verification?.status === 'VERIFIED'
    ? asset.verification
    : { status: 'VERIFIED', by: ctx.viewer?.userId ?? null, at: new Date(), reason: 'official register extract' };
  const grant = (set.grantDate as string | null) ?? null;
  const after = await updateOneDoc<IpAssetDoc>(
    IpAsset,
    { _id: asset._id },
    {
      $set: { ...set, verification, expiresOn: expiresOn(asset.kind as IpKind, set.filingDate as string, grant, asset.renewals ?? 0) },
      $push: { changes: assetChange(ctx, 'IMPORT', 'official register extract', { ...fields, ...(asset.verification?.status === 'VERIFIED' ? {} : { verification: [asset.verification?.status ?? 'UNVERIFIED', 'VERIFIED'] }) }) },
    },
  );
  return after ?? asset;
}

/** Platform claims of a right the register gives to a holder not on the platform become REJECTED. */
async function rejectClaimsFor(ctx: ServiceContext, key: string, holderName: string): Promise<void> {
  const [kind, number] = [key.slice(0, key.indexOf(':')), key.slice(key.indexOf(':') + 1)];
  const claims = (await IpAsset.find({ kind, number, 'verification.status': 'UNVERIFIED' } as never)) as unknown as IpAssetDoc[];
  const reason = `verified for ${holderName}`;
  for (const c of claims) {
    const done = await updateOneDoc<IpAssetDoc>(
      IpAsset,
      { _id: c._id, 'verification.status': 'UNVERIFIED' },
      { $set: { verification: { status: 'REJECTED', by: ctx.viewer?.userId ?? null, at: new Date(), reason } }, $push: { changes: assetChange(ctx, 'REJECT', reason, { verification: ['UNVERIFIED', 'REJECTED'] }) } },
    );
    if (done) await afterAssetChange(ctx, done);
  }
}

/**
 * When an organization registers: the unclaimed rights of its credit code become its VERIFIED
 * assets (and count in its county from then on). Safe to repeat: each right is taken once.
 */
export async function claimUnclaimedRights(ctx: Pick<ServiceContext, 'log' | 'viewer'>, org: OrganizationDoc): Promise<number> {
  const rights = await UnclaimedRight.find({ holderCreditCode: org.creditCode }).lean();
  let n = 0;
  const ledger: Delta[] = [];
  for (const r of rights) {
    const fields = r.fields as AssetFields;
    const asset = (await IpAsset.create({
      ...fields,
      owner: org._id as Types.ObjectId,
      expiresOn: expiresOn(fields.kind as IpKind, fields.filingDate, fields.grantDate),
      verification: { status: 'VERIFIED', by: r.importedBy ?? null, at: new Date(), reason: 'official register extract (taken over on registration)' },
      changes: [assetChange(null, 'CLAIM', `taken over by ${org.name} on registration with credit code ${org.creditCode}`, null)],
    })) as IpAssetDoc;
    const moved = await VerifiedRight.updateOne({ _id: r._id, asset: null, holderCreditCode: org.creditCode }, { $set: { asset: asset._id } });
    if (moved.modifiedCount !== 1) {
      await IpAsset.deleteOne({ _id: asset._id });
      continue;
    }
    await UnclaimedRight.deleteOne({ _id: r._id });
    ledger.push(...deltasOf(asset, org));
    n++;
  }
  if (ledger.length) await addToIndicators(net(ledger));
  if (n > 0) ctx.log.info({ org: String(org._id), rights: n }, 'unclaimed register rights taken over on registration');
  return n;
}
