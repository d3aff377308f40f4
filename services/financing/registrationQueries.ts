// Reading pledge registrations. Who sees what: the city IP office (REGULATOR) all of them; any
// other organization those where it is the pledgee (bank) or the pledgor, and the current owner of a
// pledged asset its ACTIVE pledge (after a consented transfer); anonymous callers none.
import type { PipelineStage } from 'mongoose';
import { PledgeRegistration, type PledgeRegistrationDoc } from '../../models/pledgeRegistration';
import type { County } from '../../models/enums';
import type { ServiceContext } from '../context';
import { isMemberOfAny, isRegulator, requireOrg } from '../authz';
import { decodeCursor, encodeCursor } from '../pagination';
import * as v from '../validate';
import type { RegistrationStatus } from './machine';

export interface RegistrationFilter {
  year?: number | null;
  county?: County | null;
  status?: RegistrationStatus | null;
}

export interface RegistrationConnection {
  edges: { cursor: string; node: PledgeRegistrationDoc }[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  totalCount: number;
  totalSecuredAmount: number; // fen
}

export async function canSeeRegistration(ctx: ServiceContext, reg: PledgeRegistrationDoc): Promise<boolean> {
  if (isMemberOfAny(ctx, [reg.pledgee, reg.pledgor]) || (await isRegulator(ctx))) return true;
  // The pledge follows the right (a consented transfer): the current owner of a pledged asset sees the pledge on it.
  if (!ctx.viewer || reg.status !== 'ACTIVE') return false;
  const assets = await ctx.loaders.ipAsset.loadMany(reg.assets);
  return assets.some((a) => a && !(a instanceof Error) && isMemberOfAny(ctx, [a.owner]));
}

/** The filter over what the caller may see, from validated values only. */
async function scopedFilter(ctx: ServiceContext, filter: RegistrationFilter | null | undefined): Promise<Record<string, unknown>> {
  const { org } = await requireOrg(ctx);
  const f: Record<string, unknown> = org.kind === 'REGULATOR' ? {} : { $or: [{ pledgee: org._id }, { pledgor: org._id }] };
  if (filter?.year !== undefined && filter.year !== null) f.year = v.intInRange('filter.year', filter.year, 1985, 2100);
  if (filter?.county) f.county = filter.county;
  if (filter?.status) f.status = filter.status;
  return f;
}

/** Registrations newest first (keyset on _id), with the count and secured total of the whole filter. */
export async function listPledgeRegistrations(
  ctx: ServiceContext,
  filter: RegistrationFilter | null | undefined,
  first?: number | null,
  after?: string | null,
): Promise<RegistrationConnection> {
  const f = await scopedFilter(ctx, filter);
  const limit = v.pageSize('first', first);
  const cursor = after ? decodeCursor('after', after) : null;
  // FerretDB 1.24 quirks (measured): a $group keyed by a constant (_id: null) sums fields to 0, and
  // only the first accumulator of a $group is computed. So: one accumulator, keyed by status, added
  // up here; the count separately.
  const totalsPipeline: PipelineStage[] = [{ $match: f }, { $group: { _id: '$status', total: { $sum: '$securedAmount' } } }];
  const [rows, totals, totalCount] = await Promise.all([
    PledgeRegistration.find({ ...f, ...(cursor ? { _id: { $lt: cursor } } : {}) })
      .sort({ _id: -1 })
      .limit(limit + 1),
    PledgeRegistration.aggregate<{ total: number }>(totalsPipeline),
    PledgeRegistration.countDocuments(f),
  ]);
  const page = rows.slice(0, limit);
  const edges = page.map((node) => ({ cursor: encodeCursor(node._id), node }));
  return {
    edges,
    pageInfo: { hasNextPage: rows.length > limit, endCursor: edges.at(-1)?.cursor ?? null },
    totalCount,
    totalSecuredAmount: totals.reduce((n, t) => n + t.total, 0),
  };
}
