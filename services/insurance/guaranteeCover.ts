// Does a pledge-financing guarantee policy (质押融资保证保险) back a loan? (issue 16, point 6)
//
// - It names the beneficiary bank: the bank of the application it backs.
// - It covers every asset of the application.
// - It covers its share of the loan: coverage >= approved amount × coverageShareBps / 10,000, the
//   product rounded UP to the fen (a share of 10,000 bps, the default, is the whole amount).
// - It is in force: ACTIVE (not expired, not cancelled) and its premium PAID.
// - It backs one application only: `backsApplication` is claimed with {backsApplication: null} as the
//   condition (two applications at once: one wins, the other is CONFLICT), and freed when that
//   application is rejected or withdrawn.
import type { Types } from 'mongoose';
import { InsurancePolicy, type InsurancePolicyDoc } from '../../models/insurancePolicy';
import { PledgeApplication } from '../../models/pledgeApplication';
import { updateOneDoc } from '../atomic';
import { badInput, conflict } from '../errors';
import { formatFen } from '../rules/money';
import { todayInShanghai } from '../rules/calendar';
import { effectivePolicyStatus } from './policies';

export const FULL_SHARE_BPS = 10_000;

/** Coverage the policy must have for a loan of `amount` fen at `shareBps` (rounded up to the fen). */
export function requiredCoverage(amount: number, shareBps: number | null | undefined): number {
  const share = BigInt(shareBps ?? FULL_SHARE_BPS);
  return Number((BigInt(amount) * share + BigInt(FULL_SHARE_BPS - 1)) / BigInt(FULL_SHARE_BPS));
}

type PolicyFacts = Pick<InsurancePolicyDoc, 'status' | 'endsOn' | 'premiumStatus'>;

/** Why the policy is not in force today, or null. A premium the platform does not collect (null) does not hold it back. */
export function notInForce(policy: PolicyFacts, today = todayInShanghai()): string | null {
  const status = effectivePolicyStatus(policy, today);
  if (status !== 'ACTIVE') return `the policy is ${status}`;
  if (policy.premiumStatus === 'UNPAID') return 'the policy is not in force: its premium is not paid yet (pay it by Stripe or a confirmed bank transfer)';
  return null;
}

export function policyInForce(policy: PolicyFacts, today = todayInShanghai()): boolean {
  return notInForce(policy, today) === null;
}

interface Backed {
  bank: Types.ObjectId;
  assets: Types.ObjectId[];
}

/** BAD_USER_INPUT on `field` unless the policy names this bank, covers these assets and is in force. */
export function checkBacks(policy: InsurancePolicyDoc, app: Backed, field: string, today = todayInShanghai()): void {
  const why = notInForce(policy, today);
  if (why) throw badInput(field, why);
  if (!policy.beneficiaryBank || String(policy.beneficiaryBank) !== String(app.bank)) {
    throw badInput(field, 'the policy does not name this bank as its beneficiary');
  }
  const covered = new Set(policy.assets.map(String));
  const missing = app.assets.filter((a) => !covered.has(String(a)));
  if (missing.length > 0) throw badInput(field, `the policy does not cover asset(s) ${missing.map(String).join(', ')} of the application`);
}

/** BAD_USER_INPUT on `field` unless the coverage reaches the policy's share of `amount`. */
export function checkCoversAmount(policy: InsurancePolicyDoc, amount: number, field: string): void {
  const need = requiredCoverage(amount, policy.coverageShareBps);
  if (policy.coverage < need) {
    const share = (policy.coverageShareBps ?? FULL_SHARE_BPS) / 100;
    throw badInput(field, `the guarantee policy covers ${formatFen(policy.coverage)} yuan, less than ${share}% of ${formatFen(amount)} yuan (${formatFen(need)} yuan)`);
  }
}

/** The full check at approval and at the loan contract (the policy of the application, if any). */
export async function checkGuaranteeFor(
  app: Backed & { insurancePolicy?: Types.ObjectId | null },
  amount: number,
  fields: { policy: string; amount: string },
  today?: string,
): Promise<void> {
  if (!app.insurancePolicy) return;
  const policy = await InsurancePolicy.findById(app.insurancePolicy);
  if (!policy) throw conflict('The guarantee policy of this application no longer exists');
  checkBacks(policy, app, fields.policy, today);
  checkCoversAmount(policy, amount, fields.amount);
}

/** A claim whose application was never inserted (a crash between the two writes) is taken over after this long. */
export const STALE_CLAIM_MS = 60_000;

/**
 * Marks the policy as backing `application` (a fresh id, inserted right after); CONFLICT when it
 * already backs another. A claim naming an application that does not exist and whose id is older
 * than STALE_CLAIM_MS (the process died between the claim and the insert) is taken over, again with
 * a conditional update on that stale id.
 */
export async function claimPolicy(policyId: Types.ObjectId, application: Types.ObjectId): Promise<void> {
  if (await updateOneDoc(InsurancePolicy, { _id: policyId, backsApplication: null }, { $set: { backsApplication: application } })) return;
  const held = (await InsurancePolicy.findById(policyId).select('backsApplication'))?.backsApplication ?? null;
  const stale = held && held.getTimestamp().getTime() < Date.now() - STALE_CLAIM_MS && !(await PledgeApplication.exists({ _id: held }));
  if (stale && (await updateOneDoc(InsurancePolicy, { _id: policyId, backsApplication: held }, { $set: { backsApplication: application } }))) return;
  throw conflict('This guarantee policy already backs another pledge application (a policy backs one loan only)');
}

/** Frees the policy of an application that will not become a loan (rejected, withdrawn, or not created). */
export async function releasePolicy(policyId: Types.ObjectId | null | undefined, application: Types.ObjectId): Promise<void> {
  if (!policyId) return;
  await updateOneDoc(InsurancePolicy, { _id: policyId, backsApplication: application }, { $set: { backsApplication: null } });
}
