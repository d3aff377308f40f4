// Authorization in one place: every "who may do this" rule is a function here.
import type { OrganizationDoc } from '../models/organization';
import type { OrgKind } from '../models/enums';
import type { ServiceContext, Viewer } from './context';
import { forbidden, unauthenticated, type DomainError } from './errors';

export function requireViewer(ctx: ServiceContext): Viewer {
  if (!ctx.viewer) throw unauthenticated();
  return ctx.viewer;
}

/** The caller and their organization. */
export async function requireOrg(ctx: ServiceContext): Promise<{ viewer: Viewer; org: OrganizationDoc }> {
  const viewer = requireViewer(ctx);
  const org = await ctx.loaders.organization.load(viewer.orgId);
  if (!org) throw unauthenticated('Your organization no longer exists');
  return { viewer, org };
}

export async function requireRegulator(ctx: ServiceContext): Promise<Viewer> {
  const { viewer, org } = await requireOrg(ctx);
  if (org.kind !== 'REGULATOR') throw forbidden('Only the city IP office (REGULATOR) may do this');
  return viewer;
}

/** The caller's org must be of this kind and verified by the REGULATOR (banks, insurers). */
export async function requireVerifiedKind(ctx: ServiceContext, kind: OrgKind): Promise<{ viewer: Viewer; org: OrganizationDoc }> {
  const { viewer, org } = await requireOrg(ctx);
  if (org.kind !== kind) throw forbidden(`Only a ${kind} organization may do this`);
  if (!org.verified) throw forbidden(`Your ${kind} organization must be verified by the city IP office first`);
  return { viewer, org };
}

/** The caller must belong to the given organization. */
export function requireMemberOf(ctx: ServiceContext, orgId: unknown, action: string): Viewer {
  const viewer = requireViewer(ctx);
  if (String(orgId) !== viewer.orgId) throw forbidden(`Only members of the owning organization may ${action}`);
  return viewer;
}

/**
 * The caller must belong to `orgId` to act on an object. A caller who may not even see the object
 * gets `hidden()`, the very NOT_FOUND a missing id gets, so errors are no existence oracle; a
 * caller who may see it gets FORBIDDEN.
 */
export async function requireMemberOrHide(ctx: ServiceContext, orgId: unknown, canSee: () => Promise<boolean>, hidden: () => DomainError, action: string): Promise<Viewer> {
  const viewer = requireViewer(ctx);
  if (String(orgId) === viewer.orgId) return viewer;
  if (!(await canSee())) throw hidden();
  return requireMemberOf(ctx, orgId, action);
}

export function isMemberOf(ctx: ServiceContext, orgId: unknown): boolean {
  return !!ctx.viewer && ctx.viewer.orgId === String(orgId);
}

/** True when the caller belongs to the REGULATOR (the city IP office). */
export async function isRegulator(ctx: ServiceContext): Promise<boolean> {
  if (!ctx.viewer) return false;
  const org = await ctx.loaders.organization.load(ctx.viewer.orgId);
  return org?.kind === 'REGULATOR';
}

/** True when the caller belongs to one of these organizations (e.g. a pledge application's applicant or bank). */
export function isMemberOfAny(ctx: ServiceContext, orgIds: unknown[]): boolean {
  return orgIds.some((id) => isMemberOf(ctx, id));
}
