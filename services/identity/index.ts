// Identity: registration, login and the current user.
import { Organization, type OrganizationDoc } from '../../models/organization';
import { User, type UserDoc } from '../../models/user';
import type { County, OrgKind } from '../../models/enums';
import type { ServiceContext } from '../context';
import { badInput, conflict, isDuplicateKey, rateLimited, unauthenticated } from '../errors';
import { creditCodeProblem, normalizeCreditCode } from '../rules/creditCode';
import * as v from '../validate';
import { burnVerifyTime, hashPassword, MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH, verifyPassword } from './passwords';
import { signToken } from './tokens';
import { readOnlyById } from '../readModel/docCache';
import { isCommonPassword } from './commonPasswords';
import { faultPoint } from '../faults';
import { claimUnclaimedRights } from '../assets/registerImport';

export interface RegisterArgs {
  email: string;
  password: string;
  name: string;
  organization: { name: string; kind: OrgKind; creditCode: string; county: County };
}

export interface AuthResult {
  token: string;
  user: UserDoc;
}

export function issue(ctx: ServiceContext, user: UserDoc): AuthResult {
  const viewer = { userId: String(user._id), orgId: String(user.organization), role: user.role };
  return { token: signToken(viewer, ctx.app.jwtSecret, ctx.app.config, user.tokenVersion ?? 0), user };
}

export function checkPassword(field: string, password: string): void {
  if (password.length < MIN_PASSWORD_LENGTH) throw badInput(field, `must be at least ${MIN_PASSWORD_LENGTH} characters`);
  if (password.length > MAX_PASSWORD_LENGTH) throw badInput(field, `must be at most ${MAX_PASSWORD_LENGTH} characters`);
  if (isCommonPassword(password)) throw badInput(field, 'is one of the most common passwords; choose another');
}

export function checkCreditCode(field: string, raw: string): string {
  const code = normalizeCreditCode(raw);
  const problem = creditCodeProblem(code);
  if (problem) throw badInput(field, `is not a valid unified social credit code: ${problem}`);
  return code;
}

/** Creates the organization and its first user (ORG_ADMIN). Nothing is left behind when it fails. */
export async function register(ctx: ServiceContext, input: RegisterArgs): Promise<AuthResult> {
  const email = v.email('input.email', input.email);
  checkPassword('input.password', input.password);
  const name = v.text('input.name', input.name, { max: 100 });
  const orgName = v.text('input.organization.name', input.organization.name, { max: 200 });
  const creditCode = checkCreditCode('input.organization.creditCode', input.organization.creditCode);
  if (input.organization.kind === 'REGULATOR') {
    throw badInput('input.organization.kind', 'REGULATOR organizations cannot register themselves');
  }

  // Counted per client address before any lookup or hash (RATE_LIMITED beyond REGISTER_MAX_PER_ADDRESS).
  const reservation = await ctx.app.registerLimiter.reserve(null, ctx.clientAddress);
  if (!reservation.ok) throw rateLimited(reservation.retryAfterSeconds);

  // The hash comes first, so a taken email costs the same time as a free one; and a taken email and
  // a taken credit code get the same answer, naming neither (no existence oracle beyond what
  // creating an account must reveal, slowed down by the per-address limit).
  const passwordHash = await hashPassword(input.password);
  if ((await User.exists({ email })) || (await Organization.exists({ creditCode }))) throw notRegistrable();
  const org = new Organization({ name: orgName, kind: input.organization.kind, creditCode, county: input.organization.county });
  try {
    await org.save();
  } catch (err) {
    // A duplicate-key answer for a write that was in fact stored (a write retried after its first
    // attempt landed) must not fail the registration that stored it: an organization with our _id is
    // ours, not another registrant's. The concurrent-registration test once saw no winner at all.
    if (!isDuplicateKey(err)) throw err;
    if (!(await Organization.exists({ _id: org._id }))) throw notRegistrable();
  }
  faultPoint('register.afterOrganization'); // a crash here leaves an organization without a user: services/repair
  const user = new User({ email, name, passwordHash, role: 'ORG_ADMIN', organization: org._id });
  try {
    await user.save();
  } catch (err) {
    if (isDuplicateKey(err) && (await User.exists({ _id: user._id }))) return finishRegistration(ctx, org, user); // ours after all (above)
    // No transactions: undo the organization so a failed registration leaves nothing behind.
    await Organization.deleteOne({ _id: org._id });
    if (isDuplicateKey(err)) throw notRegistrable();
    throw err;
  }
  return finishRegistration(ctx, org, user);
}

async function finishRegistration(ctx: ServiceContext, org: OrganizationDoc, user: UserDoc): Promise<AuthResult> {
  // The answer shows the organization this request just saved: from that document, not a read of it
  // (under concurrent registrations FerretDB once answered that read with nothing: CI, 1 run in 7).
  ctx.loaders.organization.prime(String(org._id), org);
  // Rights an official register extract gave this credit code become the organization's (issue 11).
  await claimUnclaimedRights(ctx, org).catch((err: unknown) => ctx.log.error({ err, org: String(org._id) }, 'unclaimed register rights not taken over'));
  return issue(ctx, user);
}

/** One answer for a taken email and a taken credit code. */
const notRegistrable = () =>
  conflict('This email or organization cannot be registered; if the account is yours, sign in, or ask your organization admin to add you');

export async function login(ctx: ServiceContext, rawEmail: string, password: string): Promise<AuthResult> {
  const email = rawEmail.trim().toLowerCase().slice(0, 320);
  const limiter = ctx.app.loginLimiter;
  // Counted before the hash: a guess that would exceed a limit never reaches argon2.
  const reservation = await limiter.reserve(email, ctx.clientAddress);
  if (!reservation.ok) throw rateLimited(reservation.retryAfterSeconds);

  const user = await User.findOne({ email });
  const ok = user ? await verifyPassword(user.passwordHash, password) : (await burnVerifyTime(password), false);
  if (!user || !ok) throw unauthenticated('Wrong email or password'); // the reservation stays: a failure
  await limiter.succeeded(reservation, email, ctx.clientAddress);
  return issue(ctx, user);
}

/**
 * The signed-in user, or null without a token. Only read by the User type's fields, so it is the
 * cached plain document (not hydrated: a Mongoose document costs tens of microseconds per request,
 * docs/performance.md); it is shared, never to be modified.
 */
export async function me(ctx: ServiceContext): Promise<UserDoc | null> {
  if (!ctx.viewer) return null;
  return (await readOnlyById(User, ctx.viewer.userId)) as unknown as UserDoc | null;
}
