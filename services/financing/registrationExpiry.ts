// The daily expiry of pledge registrations (issue 16, point 2): an ACTIVE registration whose end
// date has passed without a release becomes EXPIRED and frees its assets. Status first (one
// conditional update with history), then the claims; a crash in between leaves assets pledged to an
// EXPIRED registration, which the repair pass frees (services/repair/pledges.ts).
import { PledgeRegistration, type PledgeRegistrationDoc } from '../../models/pledgeRegistration';
import { transition } from '../workflow';
import { refreshListingFacts } from '../listings';
import { releaseClaims } from './registrations';
import { REGISTRATION_MACHINE, type RegistrationStatus } from './machine';
import type { JobDeps } from './monitoring';

export const REGISTRATION_EXPIRY_JOB = 'registration-expiry';

/** Expires every ACTIVE registration whose expiresOn is before `day`. Idempotent. */
export async function runRegistrationExpiry(deps: JobDeps, day: string): Promise<{ day: string; expired: number }> {
  const due = await PledgeRegistration.find({ status: 'ACTIVE', expiresOn: { $lt: day } }).sort({ _id: 1 });
  let expired = 0;
  for (const reg of due) {
    try {
      await transition<RegistrationStatus, PledgeRegistrationDoc>(null, {
        model: PledgeRegistration, id: reg._id, machine: REGISTRATION_MACHINE, current: 'ACTIVE', to: 'EXPIRED', what: 'Pledge registration',
        reason: `expired: its term ended on ${reg.expiresOn} without a release (daily job of ${day})`,
      });
      await releaseClaims(reg.assets, reg._id);
      for (const a of reg.assets) await refreshListingFacts(a).catch((err: unknown) => deps.log.error({ err }, 'listing facts not refreshed'));
      expired++;
    } catch (err) {
      deps.log.error({ err, registration: String(reg._id) }, 'registration not expired (changed meanwhile?)');
    }
  }
  deps.log.info({ day, expired }, 'registration expiry done');
  return { day, expired };
}
