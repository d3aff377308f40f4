// CNIPA pledge registrations (质押登记): recorded by the pledgee bank for an APPROVED application,
// exactly once per asset at a time, and released (注销) by the same bank.
//
// No multi-document transactions (DESIGN.md): the assets are claimed one by one, in ascending id
// order, each with a conditional update ({pledge: null, owner: pledgor}); on any failure the claims
// already made are undone, so no asset is left half-claimed. The registration number is unique by
// index. The application's APPROVED -> REGISTERED move is the last conditional step.
import { Types } from 'mongoose';
import { IpAsset, type IpAssetDoc } from '../../models/ipAsset';
import { Organization } from '../../models/organization';
import { Loan } from '../../models/loan';
import { PledgeApplication, type PledgeApplicationDoc } from '../../models/pledgeApplication';
import { PledgeRegistration, type PledgeRegistrationDoc } from '../../models/pledgeRegistration';
import type { County } from '../../models/enums';
import type { ServiceContext } from '../context';
import { requireMemberOrHide, requireOrg } from '../authz';
import { canSeeApplication } from './applications';
import { canSeeRegistration } from './registrationQueries';
import { updateOneDoc } from '../atomic';
import { badInput, conflict, isDuplicateKey, notFound } from '../errors';
import { parseId } from '../ids';
import { faultPoint } from '../faults';
import { todayInShanghai } from '../rules/calendar';
import { checkRegisteredOn, checkSecuredAmount } from './registrationBounds';
import { refreshHighPledgeFinancing } from './highPledge';
import { resumeHeldDeals } from './consent';
import { addToIndicator } from '../indicators/ledger';
import { onAssetChanged } from '../indicators/hooks';
import { refreshListingFacts } from '../listings';
import { canMove, historyEntry, transition, type HistoryEntry } from '../workflow';
import * as v from '../validate';
import { GROUND_MESSAGES, pledgeGrounds } from './assetFacts';
import { assetsById } from './loadAssets';
import { notifyRegistration } from '../notifications/events';
import { APPLICATION_MACHINE, REGISTRATION_MACHINE, type ApplicationStatus, type RegistrationStatus } from './machine';

export { EARLIEST_REGISTRATION_DATE } from './registrationBounds';

export interface PledgeRegistrationInput {
  applicationId: string;
  registrationNumber: string;
  securedAmount: number; // fen
  registeredOn: string;
  expiresOn: string;
}

/** CNIPA's 质押登记号 as printed (e.g. Y2024980001234): letters and digits, upper case, no spaces. */
export function normalizeRegistrationNumber(field: string, raw: string): string {
  const n = raw.trim().toUpperCase().replace(/\s+/g, '');
  if (!/^[A-Z0-9][A-Z0-9-]{5,39}$/.test(n)) throw badInput(field, 'must be a CNIPA pledge registration number such as Y2024980001234 (6-40 letters, digits or dashes)');
  return n;
}

export interface ClaimSpec {
  assetIds: Types.ObjectId[]; // any order: claimed in ascending id order
  registration: Types.ObjectId;
  pledgor: Types.ObjectId;
  pledgee: Types.ObjectId;
}

/** Frees the assets this registration claimed (conditional on the claim being its own). */
export async function releaseClaims(assetIds: Types.ObjectId[], registration: Types.ObjectId): Promise<void> {
  for (const _id of assetIds) {
    await updateOneDoc(IpAsset, { _id, 'pledge.registration': registration }, { $set: { pledge: null } });
  }
}

/**
 * Claims every asset for the registration, in a fixed (ascending id) order. If one cannot be
 * claimed, undoes the claims made so far and throws CONFLICT naming the asset and why.
 */
export async function claimAssets(spec: ClaimSpec): Promise<void> {
  const ordered = [...spec.assetIds].sort((a, b) => (String(a) < String(b) ? -1 : 1));
  const claimed: Types.ObjectId[] = [];
  const pledge = { registration: spec.registration, pledgee: spec.pledgee, since: new Date() };
  for (const _id of ordered) {
    let ok: unknown = null;
    try {
      ok = await updateOneDoc(IpAsset, { _id, pledge: null, owner: spec.pledgor, restriction: null, 'verification.status': 'VERIFIED' }, { $set: { pledge } });
    } catch (err) {
      await releaseClaims(claimed, spec.registration);
      throw err;
    }
    if (!ok) {
      await releaseClaims(claimed, spec.registration);
      const now = await IpAsset.findById(_id);
      const why = !now
        ? 'no longer exists'
        : now.pledge
          ? `is already under an active pledge (registration ${String(now.pledge.registration)})`
          : String(now.owner) !== String(spec.pledgor)
            ? 'is no longer owned by the pledgor'
            : now.restriction
              ? 'is under an ownership dispute or court preservation order'
              : now.verification?.status !== 'VERIFIED'
                ? 'is not VERIFIED against the official register'
                : 'changed while the pledge was being recorded';
      throw conflict(`Asset ${now?.number ?? String(_id)} ${why}; nothing was registered`, { assetId: String(_id) });
    }
    claimed.push(_id);
    if (claimed.length === 1 && ordered.length > 1) faultPoint('registration.afterFirstClaim');
  }
}

/**
 * Adds the registration's secured amount to PLEDGE_FINANCING_REGISTERED_AMOUNT for its year and
 * county, once: the flag flip is the guard, so concurrent or repeated calls (demo seed on every
 * start) count it exactly once.
 */
export async function countInIndicator(reg: Pick<PledgeRegistrationDoc, '_id' | 'year' | 'county' | 'securedAmount'>): Promise<boolean> {
  const flipped = await updateOneDoc(PledgeRegistration, { _id: reg._id, indicatorCounted: { $ne: true } }, { $set: { indicatorCounted: true } });
  if (!flipped) return false;
  await addToIndicator('PLEDGE_FINANCING_REGISTERED_AMOUNT', reg.year, reg.county as County, reg.securedAmount);
  return true;
}

function validateDates(input: PledgeRegistrationInput, app: PledgeApplicationDoc, assets: IpAssetDoc[]): void {
  checkRegisteredOn('input.registeredOn', input.registeredOn, app);
  v.calendarDate('input.expiresOn', input.expiresOn);
  if (input.expiresOn <= input.registeredOn) throw badInput('input.expiresOn', 'must be after registeredOn');
  // CNIPA refuses a pledge whose term runs past the right's expiry.
  for (const a of assets) {
    if (a.expiresOn && input.expiresOn > a.expiresOn) {
      throw badInput('input.expiresOn', `runs past the expiry of ${a.number} (${a.expiresOn}); CNIPA refuses such a pledge`);
    }
  }
}

/**
 * PENDING -> ACTIVE, with its history entry, once (conditional on PENDING). Returns the registration
 * as it stands (already ACTIVE when the repair pass got there first).
 */
export async function activateRegistration(regId: Types.ObjectId, entry: HistoryEntry): Promise<PledgeRegistrationDoc> {
  const activated = await updateOneDoc<PledgeRegistrationDoc>(
    PledgeRegistration,
    { _id: regId, status: 'PENDING' },
    { $set: { status: 'ACTIVE' }, $push: { history: entry } },
  );
  const reg = activated ?? (await PledgeRegistration.findById(regId));
  if (!reg) throw conflict('The pledge registration was undone while it was being recorded');
  return reg;
}

/**
 * When the bank recorded the loan contract first (issue 16), the registration is not dated before
 * the contract was signed. Without a contract (a pledge recorded without its loan on the platform)
 * the rule does not apply (docs/financing.md, "The loan machine").
 */
async function checkAfterContract(registeredOn: string, app: PledgeApplicationDoc): Promise<void> {
  const contract = await Loan.findById(app._id).select('signedOn contractNumber');
  if (contract && registeredOn < contract.signedOn) {
    throw badInput('input.registeredOn', `must not be before the loan contract ${contract.contractNumber} was signed (${contract.signedOn})`);
  }
}

export async function recordPledgeRegistration(ctx: ServiceContext, input: PledgeRegistrationInput): Promise<PledgeRegistrationDoc> {
  await requireOrg(ctx);
  const appId = parseId('input.applicationId', input.applicationId);
  const app = await PledgeApplication.findById(appId);
  if (!app) throw notFound('Pledge application', input.applicationId);
  await requireMemberOrHide(
    ctx,
    app.bank,
    async () => canSeeApplication(ctx, app),
    () => notFound('Pledge application', input.applicationId),
    'record its pledge registration (only the bank the application was sent to)',
  );
  const registrationNumber = normalizeRegistrationNumber('input.registrationNumber', input.registrationNumber);
  checkSecuredAmount('input.securedAmount', input.securedAmount, app);
  const assets = [...(await assetsById(app.assets)).values()];
  validateDates(input, app, assets);
  await checkAfterContract(input.registeredOn, app);
  if (!canMove(APPLICATION_MACHINE, app.status as ApplicationStatus, 'REGISTERED')) {
    throw conflict(`Pledge application is ${app.status}; only an APPROVED application can be registered`, { status: app.status });
  }
  if (assets.length !== app.assets.length) throw conflict('An asset of this application no longer exists');
  const today = todayInShanghai();
  for (const a of assets) {
    const grounds = pledgeGrounds(a, app.applicant, today);
    if (grounds.length > 0) {
      throw conflict(`CNIPA would refuse this registration: asset ${a.number} ${GROUND_MESSAGES[grounds[0]!]}`, { assetId: String(a._id), grounds });
    }
  }
  const pledgor = await Organization.findById(app.applicant).select('county');
  if (!pledgor) throw conflict('The applicant organization no longer exists');

  // Four steps, each leaving a state the repair pass (services/repair) recognises after a crash:
  // 1. the registration PENDING (reserves the number; invisible to readers), 2. the asset claims,
  // stamped with its id, 3. the application APPROVED -> REGISTERED (the commit point), 4. ACTIVE.
  // A PENDING registration whose application does not point at it is undone; one whose
  // application does is activated.
  const regId = new Types.ObjectId();
  try {
    await PledgeRegistration.create({
      _id: regId,
      registrationNumber,
      application: app._id,
      pledgor: app.applicant,
      pledgee: app.bank,
      assets: app.assets,
      securedAmount: input.securedAmount,
      registeredOn: input.registeredOn,
      year: Number(input.registeredOn.slice(0, 4)),
      expiresOn: input.expiresOn,
      county: pledgor.county,
      status: 'PENDING',
      history: [],
    });
  } catch (err) {
    if (isDuplicateKey(err)) throw conflict(`Registration number ${registrationNumber} is already recorded`);
    throw err;
  }
  faultPoint('registration.afterPending');
  try {
    await claimAssets({ assetIds: app.assets, registration: regId, pledgor: app.applicant, pledgee: app.bank });
  } catch (err) {
    await PledgeRegistration.deleteOne({ _id: regId, status: 'PENDING' });
    throw err;
  }
  faultPoint('registration.afterClaim');
  try {
    const moved = await transition<ApplicationStatus, PledgeApplicationDoc>(ctx, {
      model: PledgeApplication,
      id: app._id,
      machine: APPLICATION_MACHINE,
      current: 'APPROVED',
      to: 'REGISTERED',
      what: 'Pledge application',
      set: { registration: regId },
      reason: `CNIPA registration ${registrationNumber}`,
    });
    ctx.loaders.pledgeApplication.clear(app._id).prime(app._id, moved);
  } catch (err) {
    await releaseClaims(app.assets, regId);
    await PledgeRegistration.deleteOne({ _id: regId, status: 'PENDING' });
    throw err;
  }
  faultPoint('registration.afterApplication');
  const reg = await activateRegistration(regId, historyEntry(ctx, null, 'ACTIVE', `registered ${registrationNumber}`));
  faultPoint('registration.afterActivate');
  // The registration stands from here on: a failure below is logged, not reported as a failed
  // registration (a recomputation of the indicator from the registrations repairs the figure).
  for (const a of app.assets) await refreshListingFacts(a).catch((err: unknown) => ctx.log.error({ err }, 'listing facts not refreshed'));
  try {
    await countInIndicator(reg);
    await refreshHighPledgeFinancing(ctx, app.assets, ctx.app.config.highPledgeThresholdFen);
  } catch (err) {
    ctx.log.error({ err, registration: String(regId) }, 'pledge registration recorded, but updating the indicator or high-value flags failed');
  }
  for (const id of app.assets) ctx.loaders.ipAsset.clear(id);
  await notifyRegistration(ctx, reg, 'RECORDED');
  return reg;
}

export async function releasePledgeRegistration(ctx: ServiceContext, id: string, releasedOn: string): Promise<PledgeRegistrationDoc> {
  await requireOrg(ctx);
  const _id = parseId('id', id);
  const reg = await PledgeRegistration.findById(_id);
  if (!reg) throw notFound('Pledge registration', id);
  await requireMemberOrHide(ctx, reg.pledgee, () => canSeeRegistration(ctx, reg), () => notFound('Pledge registration', id), 'release this pledge (only the pledgee bank)');
  v.calendarDate('releasedOn', releasedOn);
  if (releasedOn < reg.registeredOn) throw badInput('releasedOn', `must not be before the registration date (${reg.registeredOn})`);
  if (releasedOn > todayInShanghai()) throw badInput('releasedOn', 'must not be in the future');
  if (!canMove(REGISTRATION_MACHINE, reg.status as RegistrationStatus, 'RELEASED')) {
    throw conflict(`Pledge registration is ${reg.status} and cannot be released again`, { status: reg.status });
  }
  // Free the assets first: freeing is idempotent, so a release that fails half-way can be retried.
  await releaseClaims(reg.assets, reg._id);
  const released = await transition<RegistrationStatus, PledgeRegistrationDoc>(ctx, {
    model: PledgeRegistration,
    id: reg._id,
    machine: REGISTRATION_MACHINE,
    current: 'ACTIVE',
    to: 'RELEASED',
    what: 'Pledge registration',
    set: { releasedOn },
    reason: `released (注销) on ${releasedOn}`,
  });
  if (reg.application) {
    // The application follows its registration; if it is not REGISTERED (e.g. imported history), it stays as it is.
    await transition<ApplicationStatus, PledgeApplicationDoc>(ctx, {
      model: PledgeApplication,
      id: reg.application,
      machine: APPLICATION_MACHINE,
      current: 'REGISTERED',
      to: 'RELEASED',
      what: 'Pledge application',
      reason: `registration ${reg.registrationNumber} released on ${releasedOn}`,
    }).catch((err: unknown) => ctx.log.warn({ err, application: String(reg.application) }, 'pledge application not moved to RELEASED'));
    ctx.loaders.pledgeApplication.clear(reg.application);
  }
  for (const a of reg.assets) {
    ctx.loaders.ipAsset.clear(a);
    await refreshListingFacts(a).catch((err: unknown) => ctx.log.error({ err }, 'listing facts not refreshed'));
  }
  ctx.loaders.pledgeRegistration.clear(reg._id).prime(reg._id, released);
  await resumeHeldDeals(ctx, reg.assets); // paid without consent while pledged: free to complete now
  await notifyRegistration(ctx, released, 'RELEASED');
  return released;
}
