import { expect } from 'chai';
import { Types } from 'mongoose';
import { IpAsset, type IpAssetDoc } from '../../models/ipAsset';
import type { LicenseDoc } from '../../models/license';
import { aboveLoanToValue, activeExclusiveLicenses, assess, type AssessmentInput } from '../../services/financing/dueDiligence';
import { annualFeeStatus, pledgeGrounds } from '../../services/financing/assetFacts';
import { normalizeRegistrationNumber } from '../../services/financing/registrations';
import { boundedNumber } from '../../services/financing/products';
import { effectiveValuation } from '../../services/financing/appraisal';

const applicant = new Types.ObjectId();
const NOW = new Date('2026-03-10T04:00:00Z'); // 2026-03-10 in Shanghai

function asset(fields: Record<string, unknown> = {}): IpAssetDoc {
  return new IpAsset({
    kind: 'INVENTION_PATENT', number: '201810000001.1', title: 't', owner: applicant, filingDate: '2018-03-01', grantDate: '2020-06-01',
    legalStatus: 'VALID', expiresOn: '2038-03-01', verification: { status: 'VERIFIED' }, ...fields,
  }) as IpAssetDoc;
}

// A confirmed appraiser's report (issue 16, point 5): without one the valuation is VALUATION_UNCONFIRMED.
const REPORT = { total: 800_000_000, valuedOn: '2025-12-01', method: 'INCOME', reportNumber: 'PG-1', values: [], appraiser: new Types.ObjectId(), confirmedAt: NOW };

function input(over: Partial<AssessmentInput['application']> = {}, assets = [asset()], licenses = new Map<string, LicenseDoc[]>()): AssessmentInput {
  return {
    application: { applicant, requestedAmount: 300_000_000, approvedAmount: null, termMonths: 12, valuation: { amount: 800_000_000, method: 'INCOME', valuedOn: '2025-12-01', appraiser: null }, valuationReport: REPORT, registration: null, createdAt: NOW, ...over } as AssessmentInput['application'],
    product: { maxAmount: 1_000_000_000, maxLoanToValue: 0.5, acceptedKinds: ['INVENTION_PATENT'] } as AssessmentInput['product'],
    assets,
    licensesByAsset: licenses,
    now: NOW,
  };
}

describe('due diligence (pure assessment)', () => {
  it('the valuation judged: the confirmed report total; unconfirmed and stale (over 12 months) are flags', () => {
    const report = assess(input({ valuation: { amount: 100, method: 'COST', valuedOn: '2026-03-01' } as never, valuationReport: { ...REPORT, total: 600_000_000 } as never }));
    expect(report).to.include({ loanToValue: 0.5, valuationUsed: 600_000_000, valuationConfirmed: true, valuedOn: '2025-12-01' });
    expect(report.risks).to.deep.equal([]);
    const own = assess(input({ valuationReport: null }));
    expect(own).to.include({ loanToValue: 0.375, valuationUsed: 800_000_000, valuationConfirmed: false });
    expect(own.risks).to.deep.equal(['VALUATION_UNCONFIRMED']);
    // 12 months to the day is not stale; a day more is (today 2026-03-10).
    expect(assess(input({ valuationReport: { ...REPORT, valuedOn: '2025-03-10' } as never })).risks).to.deep.equal([]);
    expect(assess(input({ valuationReport: { ...REPORT, valuedOn: '2025-03-09' } as never })).risks).to.deep.equal(['VALUATION_STALE']);
    expect(assess(input({ valuation: null, valuationReport: null })).risks).to.deep.equal(['NO_VALUATION']);
  });

  it('the valuation used (also by the VALUATION_STALE loan alert): the report once confirmed, else the applicant figure', () => {
    const stated = { amount: 100, method: 'COST', valuedOn: '2024-01-01' } as never;
    expect(effectiveValuation({ valuation: stated, valuationReport: REPORT as never })).to.deep.equal({ amount: 800_000_000, valuedOn: '2025-12-01', confirmed: true });
    expect(effectiveValuation({ valuation: stated, valuationReport: null })).to.deep.equal({ amount: 100, valuedOn: '2024-01-01', confirmed: false });
    expect(effectiveValuation({ valuation: null, valuationReport: null })).to.equal(null);
  });

  it('a clean case: no risks, LTV to four decimals, loan end from the application date', () => {
    const dd = assess(input());
    expect(dd.risks).to.deep.equal([]);
    expect(dd.loanToValue).to.equal(0.375);
    expect(dd.loanEndsOn).to.equal('2027-03-10');
    expect(dd.amount).to.equal(300_000_000);
  });

  it('LTV is decided in integers at the boundary', () => {
    expect(aboveLoanToValue(400_000_000, 800_000_000, 0.5)).to.equal(false);
    expect(aboveLoanToValue(400_000_001, 800_000_000, 0.5)).to.equal(true);
    // 0.7 x 3 is 2.0999999999999996 in floating point; in integers 210 fen of 300 is exactly 70%.
    expect(aboveLoanToValue(210, 300, 0.7)).to.equal(false);
    expect(aboveLoanToValue(211, 300, 0.7)).to.equal(true);
  });

  it('EXPIRES_WITHIN_TERM when expiry falls on or before the last day of the loan', () => {
    expect(assess(input({}, [asset({ expiresOn: '2027-03-10' })])).risks).to.deep.equal(['EXPIRES_WITHIN_TERM']);
    expect(assess(input({}, [asset({ expiresOn: '2027-03-11' })])).risks).to.deep.equal([]);
  });

  it('its own registration is not ALREADY_PLEDGED; another is', () => {
    const reg = new Types.ObjectId();
    const pledged = asset({ pledge: { registration: reg, pledgee: new Types.ObjectId(), since: NOW } });
    expect(assess(input({ registration: reg }, [pledged])).risks).to.deep.equal([]);
    expect(assess(input({}, [pledged])).risks).to.deep.equal(['ALREADY_PLEDGED']);
  });

  it('exclusive licences count only while in force', () => {
    const l = (type: string, startsOn: string, endsOn: string) => ({ type, startsOn, endsOn }) as LicenseDoc;
    expect(activeExclusiveLicenses([l('EXCLUSIVE', '2025-01-01', '2026-03-10'), l('EXCLUSIVE', '2026-03-11', '2027-01-01'), l('SOLE', '2025-01-01', '2027-01-01')], '2026-03-10')).to.equal(1);
  });

  it('annual fee status and the CNIPA grounds of one asset', () => {
    expect(annualFeeStatus(asset(), '2026-03-10')).to.equal('UNKNOWN');
    expect(annualFeeStatus(asset({ annualFeesPaidUntil: '2026-03-09' }), '2026-03-10')).to.equal('OVERDUE');
    expect(annualFeeStatus(asset({ annualFeesPaidUntil: '2026-03-10' }), '2026-03-10')).to.equal('PAID');
    expect(annualFeeStatus(asset({ kind: 'TRADEMARK' }), '2026-03-10')).to.equal('NOT_APPLICABLE');
    const bad = asset({
      legalStatus: 'INVALIDATED', owner: new Types.ObjectId(), pledge: { registration: new Types.ObjectId(), since: NOW },
      restriction: { kind: 'OWNERSHIP_DISPUTE', since: '2026-01-01' }, annualFeesPaidUntil: '2025-01-01', coOwners: ['甲'],
    });
    expect(pledgeGrounds(bad, applicant, '2026-03-10')).to.deep.equal([
      'ASSET_NOT_VALID', 'OWNER_MISMATCH', 'ALREADY_PLEDGED', 'OWNERSHIP_RESTRICTED', 'ANNUAL_FEE_OVERDUE', 'CO_OWNER_CONSENT_MISSING',
    ]);
    expect(pledgeGrounds(asset({ coOwners: ['甲'], coOwnersConsentToPledge: true }), applicant, '2026-03-10')).to.deep.equal([]);
    // Only VERIFIED rights can be pledged (issue 11): CNIPA registration and due diligence both say so.
    const unverified = asset({ verification: { status: 'UNVERIFIED' } });
    expect(pledgeGrounds(unverified, applicant, '2026-03-10')).to.deep.equal(['ASSET_NOT_VERIFIED']);
    expect(assess(input({}, [unverified])).risks).to.deep.equal(['ASSET_NOT_VERIFIED']);
  });
});

describe('financing input rules', () => {
  it('registration numbers: upper case, no spaces, letters digits and dashes', () => {
    expect(normalizeRegistrationNumber('f', ' y2024 9800 01234 ')).to.equal('Y2024980001234');
    expect(() => normalizeRegistrationNumber('f', 'Y20/24')).to.throw(/registration number/);
    expect(() => normalizeRegistrationNumber('f', 'Y1')).to.throw();
  });

  it('bounded ratios: (min, max] with a limit on decimals', () => {
    expect(boundedNumber('f', 1, 0, 1, 4)).to.equal(1);
    expect(boundedNumber('f', 0.0001, 0, 1, 4)).to.equal(0.0001);
    for (const bad of [0, 1.0001, -1, Number.NaN, Number.POSITIVE_INFINITY, 0.00001]) expect(() => boundedNumber('f', bad, 0, 1, 4), String(bad)).to.throw();
  });
});
