// Loading a policy for a move by one of its parties: NOT_FOUND when the caller cannot see it,
// FORBIDDEN when it sees it but is not the party who makes this move.
import { InsurancePolicy, type InsurancePolicyDoc } from '../../models/insurancePolicy';
import type { ServiceContext } from '../context';
import { requireMemberOrHide, requireOrg } from '../authz';
import { conflict, notFound } from '../errors';
import { parseId } from '../ids';
import { canSeePolicy } from './visibility';

export async function loadPolicyFor(ctx: ServiceContext, party: 'holder' | 'insurer', id: string, field: string, action: string): Promise<InsurancePolicyDoc> {
  await requireOrg(ctx);
  const policy = await InsurancePolicy.findById(parseId(field, id));
  if (!policy) throw notFound('Insurance policy', id);
  await requireMemberOrHide(ctx, policy[party], () => canSeePolicy(ctx, policy), () => notFound('Insurance policy', id), `${action} (only its ${party})`);
  return policy;
}

/** CONFLICT unless the premium of this policy is collected on the platform and still unpaid. */
export function requireUnpaidPremium(policy: InsurancePolicyDoc): void {
  if (policy.premiumStatus === 'PAID') throw conflict('The premium of this policy is already paid', { premiumStatus: 'PAID' });
  if (policy.premiumStatus !== 'UNPAID') throw conflict('The premium of this kind of policy is not paid through the platform');
}
