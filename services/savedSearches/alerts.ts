// Saved-search alerts: every listing publication is matched against every saved search, and each
// user whose search matches is told once (a SAVED_SEARCH_MATCH notification, mailed with SMTP_URL).
//
// Durable: publishListing writes a ListingAlertJob (the outbox) before its transition to
// PUBLISHED; the alert pass (server/alertWorker.ts: every ALERT_POLL_MS in each API process, and at
// once after a publish in this process) reads the jobs from the database, so a job left by a crash
// or a restart is done by the next pass of any process. A job whose listing is still DRAFT is kept
// for JOB_GRACE_MS (the publish may be in flight), then dropped (the publish failed).
// Once: the notification's eventKey is per (user, listing) (unique per recipient in the inbox), and
// each (saved search, listing) pair is recorded under a unique index, so a pass run twice (two
// processes, a retry after a crash, a listing withdrawn and published again) tells nobody twice.
// Visible only: a job is matched only while its listing is PUBLISHED, with the public search's
// conditions (status, not expired) plus the saved filter; listings of the user's own organization
// are not announced to it.
import type { Types } from 'mongoose';
import { Listing } from '../../models/listing';
import { ListingAlertJob, SavedSearch, SavedSearchMatch, type SavedSearchDoc } from '../../models/savedSearch';
import type { ServiceContext } from '../context';
import { isDuplicateKey } from '../errors';
import { todayInShanghai } from '../rules/calendar';
import { notify } from '../notifications';
import { matchesAll } from '../listings/searchMatch';
import { compileFilter, type ListingFilterInput } from '../listings/search';
import { IpAsset } from '../../models/ipAsset';
import { Organization } from '../../models/organization';

export const JOB_GRACE_MS = 120_000;
const BATCH = 100;

type AlertCtx = Pick<ServiceContext, 'app' | 'log'>;

/** The outbox entry of a publication; called before the listing's move to PUBLISHED. */
export async function recordPublication(listingId: unknown): Promise<void> {
  await ListingAlertJob.create({ listing: listingId as Types.ObjectId, createdAt: new Date() });
}

let kick: (() => void) | null = null;
/** The worker of this process registers here; a publish calls alertSoon() to run a pass at once. */
export function onAlertKick(fn: (() => void) | null): void {
  kick = fn;
}
export function alertSoon(): void {
  kick?.();
}

async function matchingSearches(ctx: AlertCtx, listing: Record<string, unknown>, searches: SavedSearchDoc[], today: string): Promise<SavedSearchDoc[]> {
  const out: SavedSearchDoc[] = [];
  const compileCtx = { ...ctx, viewer: null } as unknown as ServiceContext; // `mine` is never saved: no caller needed
  for (const s of searches) {
    if (String(s.organization) === String(listing.holder)) continue;
    try {
      const { conditions } = await compileFilter(compileCtx, s.filter as ListingFilterInput, today);
      if (matchesAll(listing, conditions)) out.push(s);
    } catch (err) {
      ctx.log.warn({ err, savedSearch: String(s._id) }, 'a saved search no longer compiles; skipped');
    }
  }
  return out;
}

/** One pass over the outbox. Returns the number of users told. Never throws for one bad job. */
export async function alertPass(ctx: AlertCtx, now = Date.now()): Promise<number> {
  const jobs = await ListingAlertJob.find({}).sort({ createdAt: 1, _id: 1 }).limit(BATCH);
  if (jobs.length === 0) return 0;
  const searches = await SavedSearch.find({});
  const today = todayInShanghai(new Date(now));
  let told = 0;
  for (const job of jobs) {
    try {
      const listing = await Listing.findById(job.listing);
      if (!listing || listing.status !== 'PUBLISHED') {
        if (listing?.status === 'DRAFT' && now - job.createdAt.getTime() < JOB_GRACE_MS) continue; // the publish may still be in flight
        await ListingAlertJob.deleteOne({ _id: job._id });
        continue;
      }
      const plain = listing.toObject() as unknown as Record<string, unknown>;
      const matched = await matchingSearches(ctx, plain, searches, today);
      const byUser = new Map<string, SavedSearchDoc[]>();
      for (const s of matched) byUser.set(String(s.user), [...(byUser.get(String(s.user)) ?? []), s]);
      if (byUser.size > 0) {
        const [asset, holder] = await Promise.all([IpAsset.findById(listing.asset).select('title number'), Organization.findById(listing.holder).select('name')]);
        const title = asset ? `${asset.title}（${asset.number}）` : '新挂牌';
        for (const [user, list] of byUser) {
          const names = list.map((s) => `「${s.name}」`).join('、');
          told += await notify(ctx, {
            kind: 'SAVED_SEARCH_MATCH',
            objectType: 'Listing',
            objectId: listing._id,
            orgIds: [list[0]!.organization],
            userIds: [user],
            title: `新挂牌符合您保存的搜索${names}：「${title}」`.slice(0, 200),
            summary: `${holder?.name ?? ''}发布了「${title}」，符合您保存的搜索${names}。`,
            eventKey: `saved-search:listing:${String(listing._id)}`,
          });
          for (const s of list) {
            try {
              await SavedSearchMatch.create({ savedSearch: s._id, listing: listing._id, user: s.user, at: new Date(now) });
            } catch (err) {
              if (!isDuplicateKey(err)) throw err;
            }
          }
        }
      }
      await ListingAlertJob.deleteOne({ _id: job._id });
    } catch (err) {
      ctx.log.error({ err, job: String(job._id) }, 'saved-search alert job failed; the next pass tries again');
    }
  }
  return told;
}
