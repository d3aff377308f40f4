// The pledge application and registration state machines, as data, and who may make each move.
import type { Machine } from '../workflow';

export type ApplicationStatus = 'SUBMITTED' | 'UNDER_REVIEW' | 'APPROVED' | 'REJECTED' | 'WITHDRAWN' | 'REGISTERED' | 'RELEASED';
export type ReviewDecision = 'START_REVIEW' | 'APPROVE' | 'REJECT';
export type Party = 'BANK' | 'APPLICANT';

/**
 * SUBMITTED -> UNDER_REVIEW -> APPROVED -> REGISTERED -> RELEASED.
 * The bank may REJECT a SUBMITTED application outright, but APPROVE only after START_REVIEW
 * (approval is a decision on the due diligence, which the review opens). The applicant may
 * WITHDRAW until the bank approves. REJECTED, WITHDRAWN and RELEASED are final.
 */
export const APPLICATION_MACHINE: Machine<ApplicationStatus> = {
  SUBMITTED: ['UNDER_REVIEW', 'REJECTED', 'WITHDRAWN'],
  UNDER_REVIEW: ['APPROVED', 'REJECTED', 'WITHDRAWN'],
  APPROVED: ['REGISTERED'],
  REGISTERED: ['RELEASED'],
  REJECTED: [],
  WITHDRAWN: [],
  RELEASED: [],
};

/** Who moves an application into each status (SUBMITTED is where it starts). */
export const APPLICATION_ACTOR: Record<Exclude<ApplicationStatus, 'SUBMITTED'>, Party> = {
  UNDER_REVIEW: 'BANK',
  APPROVED: 'BANK',
  REJECTED: 'BANK',
  WITHDRAWN: 'APPLICANT',
  REGISTERED: 'BANK', // recordPledgeRegistration
  RELEASED: 'BANK', // releasePledgeRegistration
};

/** The bank's review decisions and the status each leads to. */
export const DECISION_TARGET: Record<ReviewDecision, ApplicationStatus> = {
  START_REVIEW: 'UNDER_REVIEW',
  APPROVE: 'APPROVED',
  REJECT: 'REJECTED',
};

/** Applications that are still being decided (the applicant may withdraw them). */
export const OPEN_APPLICATION_STATUSES: ApplicationStatus[] = ['SUBMITTED', 'UNDER_REVIEW'];

export type RegistrationStatus = 'ACTIVE' | 'RELEASED' | 'EXPIRED';

/**
 * A CNIPA pledge registration is ACTIVE until the pledgee cancels it (注销): RELEASED; or until the
 * daily job finds it past its end date without a release: EXPIRED (issue 16, point 2). Both final.
 */
export const REGISTRATION_MACHINE: Machine<RegistrationStatus> = {
  ACTIVE: ['RELEASED', 'EXPIRED'],
  RELEASED: [],
  EXPIRED: [],
};
