import { expect } from 'chai';
import { DESIGN_15_YEAR_FROM, effectiveStatus, expiresOn, highValueReasons, remainingYears } from '../../services/rules/assetTerms';
import { addYears } from '../../services/rules/calendar';

describe('asset terms: expiry, effective status, high value', () => {
  it('invention patents run 20 years and utility models 10 years from filing', () => {
    expect(expiresOn('INVENTION_PATENT', '2017-08-04')).to.equal('2037-08-04');
    expect(expiresOn('UTILITY_MODEL', '2019-03-01')).to.equal('2029-03-01');
  });

  it('designs run 10 years if filed before 2021-06-01, 15 from that day', () => {
    expect(DESIGN_15_YEAR_FROM).to.equal('2021-06-01');
    expect(expiresOn('DESIGN_PATENT', '2021-05-31')).to.equal('2031-05-31');
    expect(expiresOn('DESIGN_PATENT', '2021-06-01')).to.equal('2036-06-01');
  });

  it('trademarks run 10 years from registration, and have no expiry before it', () => {
    expect(expiresOn('TRADEMARK', '2015-01-10', '2016-04-21')).to.equal('2026-04-21');
    expect(expiresOn('TRADEMARK', '2024-01-10', null)).to.equal(null);
  });

  it('keeps 29 February as 28 February in a common year', () => {
    expect(expiresOn('UTILITY_MODEL', '2020-02-29')).to.equal('2030-02-28');
  });

  it('a right past its expiry is EXPIRED whatever was typed', () => {
    expect(effectiveStatus('VALID', '2020-01-01', '2025-01-01')).to.equal('EXPIRED');
    expect(effectiveStatus('PENDING', '2020-01-01', '2025-01-01')).to.equal('EXPIRED');
    expect(effectiveStatus('VALID', '2025-01-01', '2025-01-01')).to.equal('EXPIRED'); // the anniversary ends it
    expect(effectiveStatus('VALID', '2030-01-01', '2025-01-01')).to.equal('VALID');
    expect(effectiveStatus('INVALIDATED', '2020-01-01', '2025-01-01')).to.equal('INVALIDATED');
    expect(effectiveStatus('VALID', null, '2025-01-01')).to.equal('VALID');
  });

  it('counts remaining years, never below zero', () => {
    expect(remainingYears('2035-01-01', '2025-01-01')).to.be.closeTo(10, 0.01);
    expect(remainingYears('2020-01-01', '2025-01-01')).to.equal(0);
    expect(remainingYears(null, '2025-01-01')).to.equal(0);
  });

  it('derives the five high-value reasons for invention patents only', () => {
    const today = '2025-06-01';
    const base = { kind: 'INVENTION_PATENT' as const, filingDate: '2020-01-01', status: 'VALID' as const };
    expect(highValueReasons(base, today)).to.deep.equal([]);
    expect(highValueReasons({ ...base, strategicEmergingIndustry: true, foreignFamily: true, chinaPatentAward: true, highPledgeFinancing: true }, today)).to.deep.equal([
      'STRATEGIC_EMERGING_INDUSTRY', 'FOREIGN_FAMILY', 'HIGH_PLEDGE_FINANCING', 'CHINA_PATENT_AWARD',
    ]);
    // maintained over 10 years: in force and more than ten years since filing
    expect(highValueReasons({ ...base, filingDate: addYears(today, -10) }, today)).to.deep.equal([]);
    expect(highValueReasons({ ...base, filingDate: '2015-05-31' }, today)).to.deep.equal(['MAINTAINED_OVER_10_YEARS']);
    expect(highValueReasons({ ...base, filingDate: '2015-05-31', status: 'LAPSED' }, today)).to.deep.equal([]);
    expect(highValueReasons({ ...base, kind: 'UTILITY_MODEL', strategicEmergingIndustry: true }, today)).to.deep.equal([]);
  });
});
