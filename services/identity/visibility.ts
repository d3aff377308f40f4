// A user is shown to outsiders by name and organization only. Contact and role (email, role) are
// for the user, the members of their organization and the REGULATOR; and in the AuthPayload of the
// register/login that just proved who the caller is (there is no viewer yet in that request).
import type { UserDoc } from '../../models/user';
import type { ServiceContext } from '../context';
import { isMemberOf, isRegulator } from '../authz';

export async function canSeeUserContact(ctx: ServiceContext, user: UserDoc, reachedThrough?: string): Promise<boolean> {
  if (reachedThrough === 'AuthPayload') return true;
  if (!ctx.viewer) return false;
  if (ctx.viewer.userId === String(user._id) || isMemberOf(ctx, user.organization)) return true;
  return isRegulator(ctx);
}
