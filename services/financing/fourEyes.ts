// Four-eyes review for banks (issue 14): START_REVIEW needs a CREDIT_OFFICER or ORG_ADMIN; APPROVE
// needs an APPROVER or ORG_ADMIN who is not the user who started the review (FOUR_EYES=true, the
// default); REJECT needs either ability. The roles themselves live in services/authz.ts.
import { User } from '../../models/user';
import type { PledgeApplicationDoc } from '../../models/pledgeApplication';
import type { ServiceContext } from '../context';
import { can, requireAbility, rolesWith } from '../authz';
import { DomainError } from '../errors';
import type { ReviewDecision } from './machine';

/** The user who moved the application to UNDER_REVIEW (the latest such move), if any. */
export function reviewStartedBy(app: PledgeApplicationDoc): string | null {
  const entries = (app.history ?? []).filter((h) => h.to === 'UNDER_REVIEW');
  const last = entries[entries.length - 1];
  return last?.by ? String(last.by) : null;
}

export async function requireReviewer(ctx: ServiceContext, app: PledgeApplicationDoc, decision: ReviewDecision): Promise<void> {
  if (decision === 'START_REVIEW') {
    requireAbility(ctx, 'START_REVIEW', 'start the review of a pledge application');
    return;
  }
  if (decision === 'REJECT') {
    const viewer = ctx.viewer!;
    if (!can(viewer, 'START_REVIEW') && !can(viewer, 'APPROVE')) {
      const roles = [...new Set([...rolesWith('START_REVIEW'), ...rolesWith('APPROVE')])];
      throw new DomainError('FORBIDDEN', `Only ${roles.join(' or ')} may reject a pledge application (your role is ${viewer.role})`, undefined, {
        requiredRoles: roles,
      });
    }
    return;
  }
  const viewer = requireAbility(ctx, 'APPROVE', 'approve a pledge application');
  // Only an application under review can be approved; other states answer CONFLICT from the machine.
  if (!ctx.app.config.FOUR_EYES || app.status !== 'UNDER_REVIEW') return;
  const starter = reviewStartedBy(app);
  if (starter !== null && starter === viewer.userId) {
    const colleagues = await User.countDocuments({ organization: viewer.orgId, removedAt: null, _id: { $ne: viewer.userId } });
    const why = colleagues === 0
      ? ' Your bank has a single user: an ORG_ADMIN must first invite an APPROVER (inviteMember) who approves.'
      : ' Another APPROVER or ORG_ADMIN of your bank must approve.';
    throw new DomainError('FORBIDDEN', `Four-eyes rule: the user who started the review cannot also approve it.${why}`, undefined, {
      requiredRoles: rolesWith('APPROVE'),
      fourEyes: true,
    });
  }
}
