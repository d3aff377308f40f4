// Members of an organization (issue 14, point 1): invitations, roles, removal. Only an ORG_ADMIN
// manages members (services/authz.ts); the last ORG_ADMIN can neither be removed nor demoted.
import type { Types } from 'mongoose';
import { Invitation, type InvitationDoc } from '../../models/invitation';
import { Organization } from '../../models/organization';
import { User, type UserDoc } from '../../models/user';
import { ROLES, type Role } from '../../models/enums';
import type { ServiceContext } from '../context';
import { BANK_ROLES, requireOrgAdmin } from '../authz';
import { badInput, DomainError, isDuplicateKey, notFound } from '../errors';
import { updateOneDoc, withLock } from '../atomic';
import { parseId } from '../ids';
import { decodeCursor, encodeCursor } from '../pagination';
import * as v from '../validate';
import { checkPassword, issue, type AuthResult } from './index';
import { hashPassword } from './passwords';
import { deliverToken } from './resetDelivery';
import { notifyInvitationAccepted } from '../notifications/events';
import { hashSecretToken, looksLikeSecretToken, newSecretToken } from './secretTokens';

/** An invitation as inviteMember answers it: the token is there once, in that answer only. */
export type IssuedInvitation = InvitationDoc & { token?: string };

function checkRole(field: string, role: string, orgKind: string): Role {
  if (!(ROLES as readonly string[]).includes(role)) throw badInput(field, `must be one of ${ROLES.join(', ')}`);
  if (BANK_ROLES.includes(role as Role) && orgKind !== 'BANK') throw badInput(field, `${role} is a bank role; only a BANK may give it`);
  return role as Role;
}

function conflictOn(field: string, message: string): DomainError {
  return new DomainError('CONFLICT', message, field);
}

export async function inviteMember(ctx: ServiceContext, rawEmail: string, rawRole: string): Promise<IssuedInvitation> {
  const { viewer, org } = await requireOrgAdmin(ctx, 'invite members');
  const email = v.email('email', rawEmail);
  const role = checkRole('role', rawRole, org.kind);
  // Only membership of the caller's own organization is told; whether the address has an account
  // elsewhere is not (acceptInvitation refuses it then), so inviting is no account oracle.
  if (await User.exists({ email, organization: org._id, removedAt: null })) {
    throw conflictOn('email', `${email} is already a member of your organization`);
  }
  const { token, hash } = newSecretToken();
  const expiresAt = new Date(Date.now() + ctx.app.config.INVITATION_TTL_SECONDS * 1000);
  // A new invitation replaces any earlier unaccepted one for the same address.
  await Invitation.deleteMany({ organization: org._id, email, acceptedAt: null });
  const invitation = (await Invitation.create({ organization: org._id, email, role, tokenHash: hash, expiresAt, invitedBy: viewer.userId })) as IssuedInvitation;
  try {
    await deliverToken(ctx.app.config, ctx.log, { kind: 'invitation', email, token, expiresAt, organizationName: org.name, role });
  } catch (err) {
    ctx.log.error({ err: (err as Error).message }, 'invitation delivery failed (the token is still returned to the inviter)');
  }
  invitation.token = token;
  return invitation;
}

function unusableToken(field: string, why: string): DomainError {
  return badInput(field, why);
}

/** Creates the invited user in the inviting organization and signs them in. The token works once. */
export async function acceptInvitation(ctx: ServiceContext, token: string, rawName: string, password: string): Promise<AuthResult> {
  const name = v.text('name', rawName, { max: 100 });
  checkPassword('password', password);
  if (!looksLikeSecretToken(token)) throw unusableToken('token', 'is not a valid invitation token');
  const tokenHash = hashSecretToken(token);
  const found = await Invitation.findOne({ tokenHash });
  if (!found) throw unusableToken('token', 'is not a valid invitation token');
  if (found.acceptedAt) throw unusableToken('token', 'has already been used');
  if (found.expiresAt.getTime() <= Date.now()) throw unusableToken('token', 'has expired; ask your organization admin for a new invitation');
  const org = await Organization.findById(found.organization);
  if (!org) throw unusableToken('token', 'belongs to an organization that no longer exists');
  if (await User.exists({ email: found.email })) {
    throw conflictOn('token', `An account with email ${found.email} already exists; an address belongs to one organization only`);
  }
  const passwordHash = await hashPassword(password);
  // Claim the invitation first (one conditional update): a second acceptance finds it used.
  const claimed = await updateOneDoc<InvitationDoc>(
    Invitation,
    { _id: found._id, acceptedAt: null, expiresAt: { $gt: new Date() } },
    { $set: { acceptedAt: new Date() } },
  );
  if (!claimed) throw unusableToken('token', 'has already been used or has expired');
  let user: UserDoc;
  try {
    user = await User.create({ email: found.email, name, passwordHash, role: found.role, organization: found.organization });
  } catch (err) {
    // No transactions: give the invitation back so a failed acceptance changes nothing.
    await updateOneDoc(Invitation, { _id: found._id }, { $set: { acceptedAt: null } });
    if (isDuplicateKey(err)) throw conflictOn('token', `An account with email ${found.email} already exists`);
    throw err;
  }
  await updateOneDoc(Invitation, { _id: found._id }, { $set: { acceptedBy: user._id } });
  await notifyInvitationAccepted(ctx, { orgId: found.organization, userId: String(user._id), userName: name, role: found.role });
  return issue(ctx, user);
}

export interface MemberPage {
  edges: { cursor: string; node: UserDoc }[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  totalCount: number;
}

/** The caller's organization's members, oldest first, keyset-paged by id. Any member may list them. */
export async function organizationMembers(ctx: ServiceContext, first?: number | null, after?: string | null): Promise<MemberPage> {
  const { org } = await requireOrgOf(ctx);
  const size = v.pageSize('first', first);
  const base = { organization: org, removedAt: null };
  const filter: Record<string, unknown> = { ...base };
  if (after) filter._id = { $gt: decodeCursor('after', after) };
  const [docs, totalCount] = await Promise.all([User.find(filter).sort({ _id: 1 }).limit(size + 1), User.countDocuments(base)]);
  const page = docs.slice(0, size);
  const edges = page.map((node) => ({ cursor: encodeCursor(node._id), node }));
  return { edges, pageInfo: { hasNextPage: docs.length > size, endCursor: edges.at(-1)?.cursor ?? null }, totalCount };
}

async function requireOrgOf(ctx: ServiceContext): Promise<{ org: Types.ObjectId }> {
  const { org } = await requireOrgAdmin(ctx, 'list the members of the organization');
  return { org: org._id };
}

const adminLockKey = (orgId: unknown) => `org-admins:${String(orgId)}`;

async function loadMember(ctx: ServiceContext, orgId: Types.ObjectId, field: string, id: string): Promise<UserDoc> {
  const _id = parseId(field, id);
  const user = await User.findOne({ _id, organization: orgId, removedAt: null });
  if (!user) throw notFound('Member', id);
  return user;
}

/** CONFLICT unless another ORG_ADMIN stays (counted inside the organization's lock). */
async function requireAnotherAdmin(orgId: Types.ObjectId, userId: Types.ObjectId, what: string): Promise<void> {
  const others = await User.countDocuments({ organization: orgId, role: 'ORG_ADMIN', removedAt: null, _id: { $ne: userId } });
  if (others === 0) throw new DomainError('CONFLICT', `The last ORG_ADMIN cannot be ${what}; make another member ORG_ADMIN first`, 'userId');
}

export async function setMemberRole(ctx: ServiceContext, userId: string, rawRole: string): Promise<UserDoc> {
  const { org } = await requireOrgAdmin(ctx, 'change the roles of members');
  const role = checkRole('role', rawRole, org.kind);
  const member = await loadMember(ctx, org._id, 'userId', userId);
  return withLock(adminLockKey(org._id), async () => {
    const current = await User.findOne({ _id: member._id, organization: org._id, removedAt: null });
    if (!current) throw notFound('Member', userId);
    if (current.role === 'ORG_ADMIN' && role !== 'ORG_ADMIN') await requireAnotherAdmin(org._id, current._id, 'demoted');
    const updated = await updateOneDoc<UserDoc>(User, { _id: current._id, organization: org._id, removedAt: null }, { $set: { role } });
    if (!updated) throw notFound('Member', userId);
    ctx.loaders.user.clear(updated._id).prime(updated._id, updated);
    return updated;
  });
}

/**
 * Removes a member: their tokens stop working at once (token version bumped), they can no longer
 * sign in, and their address may be invited again. The user record stays (history names it).
 */
export async function removeMember(ctx: ServiceContext, userId: string): Promise<UserDoc> {
  const { org } = await requireOrgAdmin(ctx, 'remove members');
  const member = await loadMember(ctx, org._id, 'userId', userId);
  return withLock(adminLockKey(org._id), async () => {
    const current = await User.findOne({ _id: member._id, organization: org._id, removedAt: null });
    if (!current) throw notFound('Member', userId);
    if (current.role === 'ORG_ADMIN') await requireAnotherAdmin(org._id, current._id, 'removed');
    const updated = await updateOneDoc<UserDoc>(
      User,
      { _id: current._id, organization: org._id, removedAt: null },
      {
        $set: { removedAt: new Date(), formerEmail: current.email, email: `removed.${String(current._id)}@removed.invalid`, passwordHash: '!' },
        $inc: { tokenVersion: 1 },
      },
    );
    if (!updated) throw notFound('Member', userId);
    ctx.loaders.user.clear(updated._id).prime(updated._id, updated);
    return updated;
  });
}
