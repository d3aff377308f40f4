// Bounds of a pledge registration (issue 11, point 6), shared by recording and correcting one:
// the secured amount is at most what the bank approved, and the registration date lies between the
// approval date and today (Asia/Shanghai). A registration outside them is BAD_USER_INPUT naming the
// field, and nothing is written.
import type { PledgeApplicationDoc } from '../../models/pledgeApplication';
import { badInput } from '../errors';
import { todayInShanghai } from '../rules/calendar';
import { formatFen } from '../rules/money';
import * as v from '../validate';

/** Dates before China's patent system began (1985-04-01) cannot be pledge registrations. */
export const EARLIEST_REGISTRATION_DATE = '1985-04-01';

type ApplicationLike = Pick<PledgeApplicationDoc, 'approvedAmount' | 'requestedAmount' | 'history'>;

/** The Asia/Shanghai date the application was (last) approved, or null when it has no such entry (imported history). */
export function approvalDate(app: ApplicationLike): string | null {
  const approvals = (app.history ?? []).filter((h) => h.to === 'APPROVED');
  const last = approvals[approvals.length - 1];
  return last ? todayInShanghai(last.at) : null;
}

/** securedAmount (fen) > 0 and at most the approved amount. */
export function checkSecuredAmount(field: string, amount: number, app: ApplicationLike | null): void {
  v.positiveFen(field, amount);
  const approved = app ? (app.approvedAmount ?? null) : null;
  if (approved !== null && amount > approved) {
    throw badInput(field, `must not exceed the approved amount of ${formatFen(approved)} yuan`);
  }
}

/** registeredOn a real date, not in the future, not before the approval (nor 1985-04-01), not after `latest` if given. */
export function checkRegisteredOn(field: string, registeredOn: string, app: ApplicationLike | null, latest?: { date: string; what: string }): void {
  v.calendarDate(field, registeredOn);
  const today = todayInShanghai();
  if (registeredOn > today) throw badInput(field, `must not be in the future (today is ${today} in Asia/Shanghai)`);
  if (registeredOn < EARLIEST_REGISTRATION_DATE) throw badInput(field, `must not be before ${EARLIEST_REGISTRATION_DATE}`);
  const approvedOn = app ? approvalDate(app) : null;
  if (approvedOn && registeredOn < approvedOn) {
    throw badInput(field, `must not be before the application was approved (${approvedOn}): a registration follows the approval`);
  }
  if (latest && registeredOn > latest.date) throw badInput(field, `must not be after ${latest.what} (${latest.date})`);
}
