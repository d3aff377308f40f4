// Authorization in one place: every "who may do this" rule is a function here.
import type { OrganizationDoc } from '../models/organization';
import type { OrgKind, Role } from '../models/enums';
import type { ServiceContext, Viewer } from './context';
import { DomainError, forbidden, unauthenticated } from './errors';

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

// ---- Roles (issue 14). The role is the user document's (server/context.ts reads it per request). ----

/** What a role may do within its own organization. Every role acts for the organization (ACT). */
export type Ability = 'ACT' | 'MANAGE_MEMBERS' | 'MANAGE_PROFILE' | 'START_REVIEW' | 'APPROVE';

export const ROLE_ABILITIES: Record<Role, readonly Ability[]> = {
  ORG_ADMIN: ['ACT', 'MANAGE_MEMBERS', 'MANAGE_PROFILE', 'START_REVIEW', 'APPROVE'],
  MEMBER: ['ACT'],
  CREDIT_OFFICER: ['ACT', 'START_REVIEW'],
  APPROVER: ['ACT', 'APPROVE'],
};

/** Roles only a BANK may give. */
export const BANK_ROLES: readonly Role[] = ['CREDIT_OFFICER', 'APPROVER'];

export function rolesWith(ability: Ability): Role[] {
  return (Object.keys(ROLE_ABILITIES) as Role[]).filter((r) => ROLE_ABILITIES[r].includes(ability));
}

export function can(viewer: Viewer, ability: Ability): boolean {
  return (ROLE_ABILITIES[viewer.role] ?? []).includes(ability);
}

/** FORBIDDEN naming the roles that may do it (extensions.requiredRoles). */
export function requireAbility(ctx: ServiceContext, ability: Ability, action: string): Viewer {
  const viewer = requireViewer(ctx);
  if (!can(viewer, ability)) {
    const roles = rolesWith(ability);
    throw new DomainError('FORBIDDEN', `Only ${roles.join(' or ')} may ${action} (your role is ${viewer.role})`, undefined, {
      requiredRoles: roles,
    });
  }
  return viewer;
}

/** The caller must be an ORG_ADMIN of their organization (members, the organization's profile). */
export async function requireOrgAdmin(ctx: ServiceContext, action: string): Promise<{ viewer: Viewer; org: OrganizationDoc }> {
  const { viewer, org } = await requireOrg(ctx);
  requireAbility(ctx, 'MANAGE_MEMBERS', action);
  return { viewer, org };
}
