// The city IP office's queues (issue 14, point 3): every organization for the REGULATOR, awaiting
// verification first; revoking a verification with a reason (audited); and the public directory
// of verified banks, insurers and appraisers.
import { Organization, type OrganizationDoc } from '../../models/organization';
import { COUNTIES, ORG_KINDS, type County, type OrgKind } from '../../models/enums';
import type { ServiceContext } from '../context';
import { requireRegulator } from '../authz';
import { badInput, conflict, notFound } from '../errors';
import { updateOneDoc } from '../atomic';
import { recordAudit } from '../audit';
import { parseId } from '../ids';
import { decodeCursorWithValue, encodeCursor } from '../pagination';
import * as v from '../validate';

export interface OrganizationFilter {
  kind?: OrgKind | null;
  verified?: boolean | null;
  county?: County | null;
  text?: string | null;
}

export interface OrganizationPage {
  edges: { cursor: string; node: OrganizationDoc }[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  totalCount: number;
}

const escapeRegex = (s: string) => s.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&');

/** REGULATOR only. Unverified first, then verified; oldest first within each; keyset-paged. */
export async function listOrganizations(
  ctx: ServiceContext,
  filter: OrganizationFilter | null | undefined,
  first?: number | null,
  after?: string | null,
): Promise<OrganizationPage> {
  await requireRegulator(ctx);
  const size = v.pageSize('first', first);
  const base: Record<string, unknown> = {};
  if (filter?.kind) {
    if (!(ORG_KINDS as readonly string[]).includes(filter.kind)) throw badInput('filter.kind', `must be one of ${ORG_KINDS.join(', ')}`);
    base.kind = filter.kind;
  }
  if (filter?.county) {
    if (!(COUNTIES as readonly string[]).includes(filter.county)) throw badInput('filter.county', `must be one of ${COUNTIES.join(', ')}`);
    base.county = filter.county;
  }
  if (filter?.verified !== undefined && filter?.verified !== null) base.verified = filter.verified;
  const text = v.optionalText('filter.text', filter?.text, 100);
  if (text) {
    const re = { $regex: escapeRegex(text), $options: 'i' };
    base.$or = [{ name: re }, { creditCode: { $regex: `^${escapeRegex(text.toUpperCase())}` } }];
  }
  const conditions: Record<string, unknown>[] = [base];
  if (after) {
    const { id, value } = decodeCursorWithValue('after', after);
    if (value !== 0 && value !== 1) throw badInput('after', 'is not a cursor returned by this API');
    // Order: verified false before true, then _id ascending.
    conditions.push(
      value === 0 ? { $or: [{ verified: false, _id: { $gt: id } }, { verified: true }] } : { verified: true, _id: { $gt: id } },
    );
  }
  const query = conditions.length === 1 ? base : { $and: conditions };
  const [docs, totalCount] = await Promise.all([
    Organization.find(query).sort({ verified: 1, _id: 1 }).limit(size + 1),
    Organization.countDocuments(base),
  ]);
  const page = docs.slice(0, size);
  const edges = page.map((node) => ({ cursor: encodeCursor(node._id, node.verified ? 1 : 0), node }));
  return { edges, pageInfo: { hasNextPage: docs.length > size, endCursor: edges.at(-1)?.cursor ?? null }, totalCount };
}

export async function revokeOrganizationVerification(ctx: ServiceContext, id: string, rawReason: string): Promise<OrganizationDoc> {
  await requireRegulator(ctx);
  const _id = parseId('id', id);
  const reason = v.text('reason', rawReason, { max: 2000 });
  const existing = await Organization.findById(_id);
  if (!existing) throw notFound('Organization', id);
  if (existing.kind === 'REGULATOR') throw conflict('The city IP office’s own verification cannot be revoked');
  const org = await updateOneDoc<OrganizationDoc>(
    Organization,
    { _id, verified: true },
    { $set: { verified: false, verifiedAt: null, verificationRevokedAt: new Date(), verificationRevokedReason: reason } },
  );
  if (!org) throw conflict(`Organization ${id} is not verified; there is nothing to revoke`, { verified: false });
  ctx.loaders.organization.clear(org._id).prime(org._id, org);
  await recordAudit(ctx, {
    kind: 'REVOKE_ORGANIZATION_VERIFICATION',
    targetType: 'Organization',
    targetId: String(org._id),
    summary: `Revoked the verification of ${org.name} (${org.kind}, ${org.creditCode})`,
    reason,
  });
  return org;
}

/** Public: verified banks, insurers or appraisers, by name (their active products hang off Organization). */
export async function financialInstitutions(ctx: ServiceContext, kind: OrgKind): Promise<OrganizationDoc[]> {
  if (kind !== 'BANK' && kind !== 'INSURER' && kind !== 'APPRAISER') throw badInput('kind', 'must be BANK, INSURER or APPRAISER');
  const orgs = await Organization.find({ kind, verified: true }).sort({ name: 1, _id: 1 }).limit(500);
  for (const o of orgs) ctx.loaders.organization.prime(o._id, o);
  return orgs;
}
