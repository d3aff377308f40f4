// Keeps the indicator ledger current: the services whose writes move an indicator call one of these
// right after their own successful write. Each hook adds (contributions after) - (contributions
// before) of the record, so hooks of concurrent writes add up to the right total in any order.
//
//   createIpAsset                      -> onAssetCreated(ctx, asset)
//   a TRANSFER deal ($set owner, $push ownershipHistory) -> onAssetOwnerChanged(ctx, assetAfter) (deals/complete.ts)
//   any other asset write that changes legalStatus, grantDate, high-value flags (e.g. financing
//   setting highPledgeFinancing)        -> onAssetChanged(ctx, before, after)
//   certifyIpAdvantage                 -> onIpAdvantageCertified(ctx, orgAfter)
//   recording a pledge registration    -> addToIndicator('PLEDGE_FINANCING_REGISTERED_AMOUNT', ...) (ledger.ts)
//
// A hook never fails the caller's request (the write is already done): a failure is logged, and
// `npm run recompute-indicators` rebuilds the ledger from the records.
import { Organization, type OrganizationDoc } from '../../models/organization';
import type { County } from '../../models/enums';
import type { ServiceContext } from '../context';
import { addToIndicators } from './ledger';
import { countsInIndicators } from './demoMode';
import { advantageDeltas, assetDeltas, assetFacts, certificationsOf, diff, ownersOf, type AssetFacts } from './contributions';

type HookContext = Pick<ServiceContext, 'log'>;
type AssetLike = Parameters<typeof assetFacts>[0];

async function countiesOf(orgIds: string[]): Promise<Map<string, County>> {
  if (orgIds.length === 0) return new Map();
  const orgs = await Organization.find({ _id: { $in: orgIds } }, { county: 1 }).lean();
  return new Map(orgs.map((o) => [String(o._id), o.county as County]));
}

async function guarded(ctx: HookContext, what: string, fn: () => Promise<void>): Promise<void> {
  try {
    await fn();
  } catch (err) {
    ctx.log.error({ err, hook: what }, 'indicator figures not updated; run `npm run recompute-indicators`');
  }
}

/** Applies the difference between two versions of an asset (null = did not exist). */
export async function onAssetChanged(ctx: HookContext, before: AssetLike | null, after: AssetLike | null): Promise<void> {
  await guarded(ctx, 'onAssetChanged', async () => {
    // Demo records count only in demo mode (demoMode.ts).
    const facts = [before, after].map((a) => (a && countsInIndicators(a as { demo?: boolean | null }) ? assetFacts(a) : null));
    const counties = await countiesOf([...new Set(facts.flatMap((f) => (f ? ownersOf(f) : [])))]);
    const countyOf = (id: string) => counties.get(id);
    const deltasOf = (f: AssetFacts | null) => (f ? assetDeltas(f, countyOf) : []);
    await addToIndicators(diff(deltasOf(facts[0]!), deltasOf(facts[1]!)));
  });
}

export function onAssetCreated(ctx: HookContext, asset: AssetLike): Promise<void> {
  return onAssetChanged(ctx, null, asset);
}

/**
 * After a change of owner recorded as the last entry of ownershipHistory ({from, to, at}) with the
 * owner $set to `to`: the asset now counts in the new owner's county from the year of `at` on.
 * The TRANSFER deal calls this with the asset as returned by its update.
 */
export async function onAssetOwnerChanged(ctx: HookContext, after: AssetLike): Promise<void> {
  const before = beforeLastOwnerChange(after);
  if (before) await onAssetChanged(ctx, before, after);
}

/** The asset as it was before the last entry of its ownershipHistory (null when there is none). */
export function beforeLastOwnerChange(after: AssetLike): AssetLike | null {
  const plain = (after as AssetLike & { toObject?: () => AssetLike }).toObject?.() ?? after;
  const history = plain.ownershipHistory ?? [];
  const last = history[history.length - 1];
  if (!last) return null;
  return { ...plain, owner: last.from, ownershipHistory: history.slice(0, -1) };
}

/** After certifyIpAdvantage pushed a certification onto ipAdvantageHistory (the last entry). */
export async function onIpAdvantageCertified(ctx: HookContext, after: OrganizationDoc): Promise<void> {
  await guarded(ctx, 'onIpAdvantageCertified', async () => {
    if (!countsInIndicators(after)) return;
    const certs = certificationsOf(after);
    const county = after.county as County;
    await addToIndicators(diff(advantageDeltas(certs.slice(0, -1), county), advantageDeltas(certs, county)));
  });
}
