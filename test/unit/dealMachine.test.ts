import { expect } from 'chai';
import { canMove } from '../../services/workflow';
import { CANCELLABLE_DEAL_STATUSES, DEAL_MACHINE, IN_FLIGHT_DEAL_STATUSES, type DealStatus } from '../../services/deals/machine';
import { licencePeriod, licencesConflict, periodsOverlap, type LicenceTerm } from '../../services/deals/licenceRules';

const ALL: DealStatus[] = ['PROPOSED', 'ACCEPTED', 'PAYMENT_PENDING', 'PAID', 'COMPLETED', 'REFUND_PENDING', 'CANCELLED'];

/** Every status reachable from `from` by legal moves. */
function reachable(from: DealStatus): Set<DealStatus> {
  const seen = new Set<DealStatus>();
  const todo = [from];
  while (todo.length) for (const next of DEAL_MACHINE[todo.pop()!]) if (!seen.has(next)) (seen.add(next), todo.push(next));
  return seen;
}

describe('deal state machine', () => {
  it('follows propose -> accept -> pay -> paid -> completed', () => {
    const path: DealStatus[] = ['PROPOSED', 'ACCEPTED', 'PAYMENT_PENDING', 'PAID', 'COMPLETED'];
    for (let i = 0; i + 1 < path.length; i++) expect(canMove(DEAL_MACHINE, path[i]!, path[i + 1]!), `${path[i]} -> ${path[i + 1]}`).to.equal(true);
  });

  it('leaves PAID only to COMPLETED or, cancelled, through REFUND_PENDING to CANCELLED; COMPLETED and CANCELLED are final', () => {
    expect(DEAL_MACHINE.PAID).to.deep.equal(['COMPLETED', 'REFUND_PENDING']);
    expect(DEAL_MACHINE.REFUND_PENDING).to.deep.equal(['CANCELLED']);
    expect(DEAL_MACHINE.COMPLETED).to.deep.equal([]);
    expect(DEAL_MACHINE.CANCELLED).to.deep.equal([]);
    expect([...reachable('PAID')]).to.have.members(['COMPLETED', 'REFUND_PENDING', 'CANCELLED']);
  });

  it('lets a failed payment return to ACCEPTED, but nothing skips the seller or the payment', () => {
    expect(canMove(DEAL_MACHINE, 'PAYMENT_PENDING', 'ACCEPTED')).to.equal(true);
    expect(canMove(DEAL_MACHINE, 'PROPOSED', 'PAYMENT_PENDING')).to.equal(false);
    expect(canMove(DEAL_MACHINE, 'PROPOSED', 'PAID')).to.equal(false);
    for (const s of ALL) expect(canMove(DEAL_MACHINE, s, 'COMPLETED'), `${s} -> COMPLETED`).to.equal(s === 'PAID');
    for (const s of ALL) expect(canMove(DEAL_MACHINE, s, 'PROPOSED'), `${s} -> PROPOSED`).to.equal(false);
  });

  it('cancels directly only before the money has moved; after payment only once refunded', () => {
    for (const s of ALL) {
      expect(canMove(DEAL_MACHINE, s, 'CANCELLED'), `${s} -> CANCELLED`).to.equal(CANCELLABLE_DEAL_STATUSES.includes(s) || s === 'REFUND_PENDING');
    }
    expect(CANCELLABLE_DEAL_STATUSES).to.not.include('PAID');
    expect(CANCELLABLE_DEAL_STATUSES).to.not.include('REFUND_PENDING');
  });

  it('treats accepted, pending and paid deals as holding the asset', () => {
    expect(IN_FLIGHT_DEAL_STATUSES).to.have.members(['ACCEPTED', 'PAYMENT_PENDING', 'PAID', 'REFUND_PENDING']);
  });

  it('names every status as a key (no typo can make a status a dead end by accident)', () => {
    expect(Object.keys(DEAL_MACHINE)).to.have.members(ALL);
    for (const targets of Object.values(DEAL_MACHINE)) for (const t of targets) expect(ALL).to.include(t);
  });
});

describe('licence exclusivity rules', () => {
  const lic = (licensee: string, type: LicenceTerm['type'], startsOn: string, months: number): LicenceTerm => ({
    licensee,
    type,
    ...licencePeriod(startsOn, months),
  });

  it('computes the period as startsOn + termMonths, month ends clamped', () => {
    expect(licencePeriod('2025-01-31', 1)).to.deep.equal({ startsOn: '2025-01-31', endsOn: '2025-02-28' });
    expect(licencePeriod('2025-06-15', 24)).to.deep.equal({ startsOn: '2025-06-15', endsOn: '2027-06-15' });
  });

  it('treats periods as half-open: one ending the day another starts does not overlap', () => {
    expect(periodsOverlap({ startsOn: '2025-01-01', endsOn: '2026-01-01' }, { startsOn: '2026-01-01', endsOn: '2027-01-01' })).to.equal(false);
    expect(periodsOverlap({ startsOn: '2025-01-01', endsOn: '2026-01-02' }, { startsOn: '2026-01-01', endsOn: '2027-01-01' })).to.equal(true);
  });

  it('EXCLUSIVE excludes every overlapping licence, whoever holds it', () => {
    const ex = lic('A', 'EXCLUSIVE', '2025-01-01', 12);
    expect(licencesConflict(ex, lic('B', 'NON_EXCLUSIVE', '2025-06-01', 12))).to.equal(true);
    expect(licencesConflict(lic('B', 'SOLE', '2025-06-01', 1), ex)).to.equal(true);
    expect(licencesConflict(ex, lic('A', 'NON_EXCLUSIVE', '2025-06-01', 12))).to.equal(true);
    expect(licencesConflict(ex, lic('B', 'EXCLUSIVE', '2026-01-01', 12))).to.equal(false); // after it ends
  });

  it('SOLE excludes other licensees but not the same licensee', () => {
    const sole = lic('A', 'SOLE', '2025-01-01', 12);
    expect(licencesConflict(sole, lic('B', 'NON_EXCLUSIVE', '2025-03-01', 1))).to.equal(true);
    expect(licencesConflict(sole, lic('A', 'NON_EXCLUSIVE', '2025-03-01', 1))).to.equal(false);
  });

  it('NON_EXCLUSIVE licences coexist', () => {
    expect(licencesConflict(lic('A', 'NON_EXCLUSIVE', '2025-01-01', 60), lic('B', 'NON_EXCLUSIVE', '2025-01-01', 60))).to.equal(false);
  });
});
