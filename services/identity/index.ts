// Identity: registration, login and the current user.
import { Organization } from '../../models/organization';
import { User, type UserDoc } from '../../models/user';
import type { County, OrgKind } from '../../models/enums';
import type { ServiceContext } from '../context';
import { badInput, conflict, isDuplicateKey, rateLimited, unauthenticated } from '../errors';
import { creditCodeProblem, normalizeCreditCode } from '../rules/creditCode';
import * as v from '../validate';
import { burnVerifyTime, hashPassword, MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH, verifyPassword } from './passwords';
import { signToken } from './tokens';
import { isCommonPassword } from './commonPasswords';
import { faultPoint } from '../faults';

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

  if (await User.exists({ email })) throw conflict(`An account with email ${email} already exists`);
  if (await Organization.exists({ creditCode })) throw conflict(`An organization with credit code ${creditCode} is already registered`);

  const passwordHash = await hashPassword(input.password);
  let org;
  try {
    org = await Organization.create({ name: orgName, kind: input.organization.kind, creditCode, county: input.organization.county });
  } catch (err) {
    if (isDuplicateKey(err)) throw conflict(`An organization with credit code ${creditCode} is already registered`);
    throw err;
  }
  faultPoint('register.afterOrganization'); // a crash here leaves an organization without a user: services/repair
  try {
    const user = await User.create({ email, name, passwordHash, role: 'ORG_ADMIN', organization: org._id });
    return issue(ctx, user);
  } catch (err) {
    // No transactions: undo the organization so a failed registration leaves nothing behind.
    await Organization.deleteOne({ _id: org._id });
    if (isDuplicateKey(err)) throw conflict(`An account with email ${email} already exists`);
    throw err;
  }
}

export async function login(ctx: ServiceContext, rawEmail: string, password: string): Promise<AuthResult> {
  const email = rawEmail.trim().toLowerCase();
  const limiter = ctx.app.loginLimiter;
  const wait = limiter.retryAfterSeconds(email, ctx.clientAddress);
  if (wait > 0) throw rateLimited(wait);

  const user = await User.findOne({ email });
  const ok = user ? await verifyPassword(user.passwordHash, password) : (await burnVerifyTime(password), false);
  if (!user || !ok) {
    limiter.recordFailure(email, ctx.clientAddress);
    throw unauthenticated('Wrong email or password');
  }
  limiter.recordSuccess(email, ctx.clientAddress);
  return issue(ctx, user);
}

/** The signed-in user, or null without a token. */
export async function me(ctx: ServiceContext): Promise<UserDoc | null> {
  if (!ctx.viewer) return null;
  return ctx.loaders.user.load(ctx.viewer.userId);
}
