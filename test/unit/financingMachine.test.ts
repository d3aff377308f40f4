import { expect } from 'chai';
import { canMove } from '../../services/workflow';
import {
  APPLICATION_ACTOR, APPLICATION_MACHINE, DECISION_TARGET, OPEN_APPLICATION_STATUSES, REGISTRATION_MACHINE, type ApplicationStatus,
} from '../../services/financing/machine';

const ALL: ApplicationStatus[] = ['SUBMITTED', 'UNDER_REVIEW', 'APPROVED', 'REJECTED', 'WITHDRAWN', 'REGISTERED', 'RELEASED'];

describe('pledge application state machine', () => {
  it('allows exactly the documented moves', () => {
    const allowed = ALL.flatMap((from) => ALL.filter((to) => canMove(APPLICATION_MACHINE, from, to)).map((to) => `${from}->${to}`));
    expect(allowed.sort()).to.deep.equal(
      [
        'SUBMITTED->UNDER_REVIEW', 'SUBMITTED->REJECTED', 'SUBMITTED->WITHDRAWN',
        'UNDER_REVIEW->APPROVED', 'UNDER_REVIEW->REJECTED', 'UNDER_REVIEW->WITHDRAWN',
        'APPROVED->REGISTERED', 'REGISTERED->RELEASED',
      ].sort(),
    );
  });

  it('REJECTED, WITHDRAWN and RELEASED are final; nothing returns to SUBMITTED', () => {
    for (const s of ['REJECTED', 'WITHDRAWN', 'RELEASED'] as const) expect(APPLICATION_MACHINE[s]).to.deep.equal([]);
    for (const s of ALL) expect(canMove(APPLICATION_MACHINE, s, 'SUBMITTED'), s).to.equal(false);
  });

  it('the applicant only withdraws, and only while the application is open; the bank makes every other move', () => {
    const applicantMoves = Object.entries(APPLICATION_ACTOR).filter(([, who]) => who === 'APPLICANT').map(([to]) => to);
    expect(applicantMoves).to.deep.equal(['WITHDRAWN']);
    const canWithdraw = ALL.filter((s) => canMove(APPLICATION_MACHINE, s, 'WITHDRAWN'));
    expect(canWithdraw).to.deep.equal(OPEN_APPLICATION_STATUSES);
  });

  it('review decisions lead where they say; APPROVE only after START_REVIEW', () => {
    expect(DECISION_TARGET).to.deep.equal({ START_REVIEW: 'UNDER_REVIEW', APPROVE: 'APPROVED', REJECT: 'REJECTED' });
    expect(canMove(APPLICATION_MACHINE, 'SUBMITTED', DECISION_TARGET.APPROVE)).to.equal(false);
    expect(canMove(APPLICATION_MACHINE, 'UNDER_REVIEW', DECISION_TARGET.APPROVE)).to.equal(true);
  });

  it('a registration is released once', () => {
    expect(canMove(REGISTRATION_MACHINE, 'ACTIVE', 'RELEASED')).to.equal(true);
    expect(canMove(REGISTRATION_MACHINE, 'RELEASED', 'RELEASED')).to.equal(false);
    expect(canMove(REGISTRATION_MACHINE, 'RELEASED', 'ACTIVE')).to.equal(false);
  });
});
