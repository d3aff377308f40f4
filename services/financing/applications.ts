// Pledge loan applications: an asset owner applies to a bank's product; the bank reviews; the
// applicant may withdraw. Every status change is one conditional update with history (workflow.ts).
import { requireReviewer } from './fourEyes';
import { Types } from 'mongoose';
import { LoanProduct } from '../../models/loanProduct';
import { Organization } from '../../models/organization';
import { InsurancePolicy } from '../../models/insurancePolicy';
import { PledgeApplication, type PledgeApplicationDoc } from '../../models/pledgeApplication';
import type { ServiceContext } from '../context';
import { isMemberOfAny, requireMemberOf, requireMemberOrHide, requireOrg } from '../authz';
import { canSeeAsset } from '../assets/visibility';
import { badInput, DomainError, forbidden, notFound } from '../errors';
import { checkEligibility, type EligibilityCheck } from './eligibility';
import { requireVerified } from '../assets/verificationRules';
import { parseId, tryParseId } from '../ids';
import { decodeCursor } from '../pagination';
import { todayInShanghai } from '../rules/calendar';
import { formatFen } from '../rules/money';
import { historyEntry, transition } from '../workflow';
import * as v from '../validate';
import { checkBacks, checkGuaranteeFor, claimPolicy, releasePolicy } from '../insurance/guaranteeCover';
import { assetsById } from './loadAssets';
import { canSeeAsAppraiserOrParty, validateAppraiser } from './appraisal';
import { notifyApplication } from '../notifications/events';
import { APPLICATION_ACTOR, APPLICATION_MACHINE, DECISION_TARGET, type ApplicationStatus, type Party, type ReviewDecision } from './machine';

/** At most this many assets in one application (CNIPA registers a pledge contract per batch of rights). */
export const MAX_ASSETS_PER_APPLICATION = 20;

export interface ValuationInput {
  amount: number; // fen
  method: 'INCOME' | 'COST' | 'MARKET';
  valuedOn: string;
  appraiserId?: string | null;
}

export interface PledgeApplicationInput {
  productId: string;
  assetIds: string[];
  requestedAmount: number; // fen
  termMonths: number;
  valuation?: ValuationInput | null;
  insurancePolicyId?: string | null;
  appraiserId?: string | null; // a verified APPRAISER to confirm the valuation (issue 16, point 5)
}

/** Distinct, sorted asset ids (the fixed order in which a registration claims them). */
export function parseAssetIds(field: string, ids: string[], max = MAX_ASSETS_PER_APPLICATION): Types.ObjectId[] {
  if (ids.length === 0) throw badInput(field, 'name at least one asset');
  if (ids.length > max) throw badInput(field, `at most ${max} assets`);
  const parsed = ids.map((id, i) => parseId(`${field}[${i}]`, id));
  const distinct = new Map(parsed.map((id) => [String(id), id]));
  return [...distinct.values()].sort((a, b) => (String(a) < String(b) ? -1 : 1));
}

async function validateValuation(valuation: ValuationInput) {
  v.positiveFen('input.valuation.amount', valuation.amount);
  v.calendarDate('input.valuation.valuedOn', valuation.valuedOn);
  if (valuation.valuedOn > todayInShanghai()) throw badInput('input.valuation.valuedOn', 'must not be in the future');
  let appraiser: Types.ObjectId | null = null;
  if (valuation.appraiserId !== undefined && valuation.appraiserId !== null) {
    appraiser = parseId('input.valuation.appraiserId', valuation.appraiserId);
    const org = await Organization.findById(appraiser).select('kind');
    if (!org) throw badInput('input.valuation.appraiserId', 'is not a registered organization');
    if (org.kind !== 'SERVICE_AGENCY' && org.kind !== 'APPRAISER') {
      throw badInput('input.valuation.appraiserId', `must be an appraisal firm (SERVICE_AGENCY or APPRAISER), not a ${org.kind}`);
    }
  }
  return { amount: valuation.amount, method: valuation.method, valuedOn: valuation.valuedOn, appraiser };
}

/** A 质押融资保证保险 policy the applicant holds, in force (premium paid), naming this bank and covering these assets. */
async function validateGuaranteePolicy(policyId: string, applicant: Types.ObjectId, backed: { bank: Types.ObjectId; assets: Types.ObjectId[] }): Promise<Types.ObjectId> {
  const field = 'input.insurancePolicyId';
  const _id = parseId(field, policyId);
  const policy = await InsurancePolicy.findById(_id);
  if (!policy || String(policy.holder) !== String(applicant)) throw badInput(field, 'is not a policy your organization holds');
  if (policy.type !== 'PLEDGE_FINANCING_GUARANTEE') throw badInput(field, `must be a PLEDGE_FINANCING_GUARANTEE policy, not ${policy.type}`);
  checkBacks(policy, backed, field);
  return _id;
}

/** BAD_USER_INPUT naming the rule (extensions.rule) and the input it is about. */
function eligibilityRefusal(check: EligibilityCheck, input: PledgeApplicationInput): DomainError {
  const assetIndex = check.asset ? input.assetIds.findIndex((id) => id === String(check.asset!._id)) : -1;
  const field = assetIndex >= 0 ? `input.assetIds[${assetIndex}]`
    : check.rule === 'INSURANCE_REQUIRED' ? 'input.insurancePolicyId'
      : check.rule === 'MAX_LOAN_TO_VALUE' && !input.valuation ? 'input.valuation' : 'input.requestedAmount';
  return new DomainError('BAD_USER_INPUT', `${field}: the product's rule ${check.rule} is not met (${check.detail})`, field, { rule: check.rule });
}

/**
 * The owner of every asset applies (and the product's eligibility rules must be met: point 4 of issue 16). Assets the caller's organization does not own are FORBIDDEN
 * (the same answer as listing someone else's asset). Limits of the product (amount, kinds, loan to
 * value) are not refused here: due diligence flags them for the bank; the term is refused.
 */
export async function applyForPledgeLoan(ctx: ServiceContext, input: PledgeApplicationInput): Promise<PledgeApplicationDoc> {
  const { org } = await requireOrg(ctx);
  const productId = parseId('input.productId', input.productId);
  const assetIds = parseAssetIds('input.assetIds', input.assetIds);
  v.positiveFen('input.requestedAmount', input.requestedAmount);
  const product = await LoanProduct.findOne({ _id: productId, active: true });
  if (!product) throw notFound('Loan product', input.productId);
  v.intInRange('input.termMonths', input.termMonths, 1, product.maxTermMonths);
  const assets = await assetsById(assetIds);
  for (const id of assetIds) {
    const asset = assets.get(String(id));
    if (!asset) throw notFound('Asset', String(id));
    await requireMemberOrHide(ctx, asset.owner, () => canSeeAsset(ctx, asset), () => notFound('Asset', String(id)), 'pledge this asset (only its owner may)');
    requireVerified(asset, 'input.assetIds', 'pledged');
  }
  const valuation = input.valuation ? await validateValuation(input.valuation) : null;
  const insurancePolicy = input.insurancePolicyId ? await validateGuaranteePolicy(input.insurancePolicyId, org._id, { bank: product.bank, assets: assetIds }) : null;
  const appraiser = input.appraiserId ? await validateAppraiser('input.appraiserId', input.appraiserId, org._id) : null;
  const checks = checkEligibility(product.eligibility, {
    assets: assetIds.map((id) => assets.get(String(id))!),
    amount: input.requestedAmount,
    valuation: valuation?.amount ?? null,
    insured: insurancePolicy !== null,
    today: todayInShanghai(),
  });
  const failed = checks.find((c) => !c.met);
  if (failed) throw eligibilityRefusal(failed, input);
  const _id = new Types.ObjectId();
  if (insurancePolicy) await claimPolicy(insurancePolicy, _id); // the last check: one application per policy
  const created = await PledgeApplication.create({
    _id,
    applicant: org._id,
    bank: product.bank,
    product: product._id,
    assets: assetIds,
    requestedAmount: input.requestedAmount,
    termMonths: input.termMonths,
    valuation,
    insurancePolicy,
    appraiser,
    status: 'SUBMITTED',
    history: [historyEntry(ctx, null, 'SUBMITTED')],
  }).catch(async (err: unknown) => {
    await releasePolicy(insurancePolicy, _id);
    throw err;
  });
  await notifyApplication(ctx, created, 'SUBMITTED');
  return created;
}

/** The application, or NOT_FOUND; and FORBIDDEN unless the caller is the party who makes this move. */
export async function loadForMove(ctx: ServiceContext, id: string, field: string, to: Exclude<ApplicationStatus, 'SUBMITTED'>): Promise<PledgeApplicationDoc> {
  await requireOrg(ctx);
  const _id = parseId(field, id);
  const app = await PledgeApplication.findById(_id);
  // An application the caller cannot see answers like one that does not exist (no existence oracle).
  if (!app || !canSeeApplication(ctx, app)) throw notFound('Pledge application', id);
  requireParty(ctx, app, APPLICATION_ACTOR[to], to);
  return app;
}

export function requireParty(ctx: ServiceContext, app: PledgeApplicationDoc, party: Party, to: string): void {
  const orgId = party === 'BANK' ? app.bank : app.applicant;
  if (!isMemberOfAny(ctx, [orgId])) {
    throw forbidden(`Only the ${party === 'BANK' ? 'bank the application was sent to' : 'applicant'} may move a pledge application to ${to}`);
  }
}

export interface ReviewInput {
  applicationId: string;
  decision: ReviewDecision;
  reason?: string | null;
  approvedAmount?: number | null; // fen
}

export async function reviewPledgeApplication(ctx: ServiceContext, input: ReviewInput): Promise<PledgeApplicationDoc> {
  const to = DECISION_TARGET[input.decision];
  const app = await loadForMove(ctx, input.applicationId, 'input.applicationId', to as Exclude<ApplicationStatus, 'SUBMITTED'>);
  await requireReviewer(ctx, app, input.decision);
  const reason = v.optionalText('input.reason', input.reason, 1000);
  if (input.decision === 'REJECT' && !reason) throw badInput('input.reason', 'is required when rejecting an application');
  const set: Record<string, unknown> = {};
  if (input.approvedAmount !== undefined && input.approvedAmount !== null && input.decision !== 'APPROVE') {
    throw badInput('input.approvedAmount', 'is only given with the APPROVE decision');
  }
  if (input.decision === 'APPROVE') {
    const approved = input.approvedAmount ?? app.requestedAmount;
    v.positiveFen('input.approvedAmount', approved);
    const product = await LoanProduct.findById(app.product).select('maxAmount');
    if (product && approved > product.maxAmount) {
      throw badInput('input.approvedAmount', `must not exceed the product's maximum of ${formatFen(product.maxAmount)} yuan`);
    }
    await checkGuaranteeFor(app, approved, { policy: 'input.applicationId', amount: 'input.approvedAmount' });
    set.approvedAmount = approved;
  }
  const updated = await transition<ApplicationStatus, PledgeApplicationDoc>(ctx, {
    model: PledgeApplication,
    id: app._id,
    machine: APPLICATION_MACHINE,
    current: app.status as ApplicationStatus,
    to,
    what: 'Pledge application',
    set,
    reason,
  });
  ctx.loaders.pledgeApplication.clear(app._id).prime(app._id, updated);
  if (to === 'REJECTED') await releasePolicy(updated.insurancePolicy, updated._id);
  await notifyApplication(ctx, updated, 'REVIEWED');
  return updated;
}

export async function withdrawPledgeApplication(ctx: ServiceContext, id: string): Promise<PledgeApplicationDoc> {
  const app = await loadForMove(ctx, id, 'id', 'WITHDRAWN');
  const updated = await transition<ApplicationStatus, PledgeApplicationDoc>(ctx, {
    model: PledgeApplication,
    id: app._id,
    machine: APPLICATION_MACHINE,
    current: app.status as ApplicationStatus,
    to: 'WITHDRAWN',
    what: 'Pledge application',
  });
  ctx.loaders.pledgeApplication.clear(app._id).prime(app._id, updated);
  await releasePolicy(updated.insurancePolicy, updated._id);
  return updated;
}

/** The applicant, the bank and the named appraiser may see an application; for anyone else it does not exist. */
export function canSeeApplication(ctx: ServiceContext, app: PledgeApplicationDoc): boolean {
  return canSeeAsAppraiserOrParty(ctx, app);
}

export async function getPledgeApplication(ctx: ServiceContext, id: string): Promise<PledgeApplicationDoc | null> {
  const oid = tryParseId(id);
  if (!oid) return null;
  const app = await ctx.loaders.pledgeApplication.load(oid);
  return app && canSeeApplication(ctx, app) ? app : null;
}

/**
 * Applications the caller's organization sent (as applicant) or received (as bank), newest first,
 * keyset-paginated: `after` is the id of the last application of the previous page.
 */
export async function listPledgeApplications(
  ctx: ServiceContext,
  status?: ApplicationStatus | null,
  first?: number | null,
  after?: string | null,
): Promise<PledgeApplicationDoc[]> {
  const { org } = await requireOrg(ctx);
  const limit = v.pageSize('first', first);
  const cursor = after ? (tryParseId(after) ?? decodeCursor('after', after)) : null;
  return PledgeApplication.find({
    $or: [{ bank: org._id }, { applicant: org._id }],
    ...(status ? { status } : {}),
    ...(cursor ? { _id: { $lt: cursor } } : {}),
  })
    .sort({ _id: -1 })
    .limit(limit);
}
