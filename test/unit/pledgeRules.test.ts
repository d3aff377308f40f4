// Pure rules behind issue 11 points 4-5: the pledgee's consent covers one deal; HIGH_PLEDGE_FINANCING
// counts from the registration's date, never back to the grant.
import { expect } from 'chai';
import { consentCovers, latestConsent } from '../../services/financing/consentRules';
import { highValueSpan, type AssetFacts } from '../../services/indicators/contributions';
import { isHighValueAtYearEnd } from '../../services/indicators/yearEnd';
import { highValueReasons } from '../../services/rules/assetTerms';

describe('pledgee consent rules', () => {
  const consents = [
    { deal: 'a', decision: 'REFUSED', note: 'no' },
    { deal: 'b', decision: 'GRANTED' },
    { deal: 'a', decision: 'GRANTED' },
    { deal: 'c', decision: 'GRANTED' },
    { deal: 'c', decision: 'REFUSED' },
  ];
  it('the latest decision on a deal counts', () => {
    expect(latestConsent(consents, 'a')?.decision).to.equal('GRANTED');
    expect(latestConsent(consents, 'c')?.decision).to.equal('REFUSED');
    expect(latestConsent(consents, 'z')).to.equal(null);
    expect(latestConsent(null, 'a')).to.equal(null);
  });
  it('a consent covers exactly the deal it names', () => {
    expect(consentCovers(consents, 'a')).to.equal(true);
    expect(consentCovers(consents, 'b')).to.equal(true);
    expect(consentCovers(consents, 'c')).to.equal(false);
    expect(consentCovers(consents, 'd')).to.equal(false);
    expect(consentCovers(consents, null)).to.equal(false); // no deal yet (a proposal)
  });
});

describe('HIGH_PLEDGE_FINANCING is dated', () => {
  const patent = (over: Partial<AssetFacts> = {}): AssetFacts => ({
    kind: 'INVENTION_PATENT', filingDate: '2019-03-01', grantDate: '2021-06-15', expiresOn: '2039-03-01', legalStatus: 'VALID',
    recordedOn: '2021-07-01', strategicEmergingIndustry: false, foreignFamily: false, chinaPatentAward: false,
    highPledgeFinancing: true, highPledgeFinancingSince: '2024-05-20', owner: 'a', ownershipHistory: [], verified: true, lapsedOn: null, ...over,
  });
  it('counts from the registration year, not from the grant', () => {
    expect(highValueSpan(patent())).to.deep.equal({ from: 2024, to: 2039 });
    expect(isHighValueAtYearEnd(patent(), 2023)).to.equal(false);
    expect(isHighValueAtYearEnd(patent(), 2024)).to.equal(true);
  });
  it('an earlier reason still wins: maintained over ten years, or a dateless reason', () => {
    expect(highValueSpan(patent({ filingDate: '2010-01-10', grantDate: '2012-01-01', expiresOn: '2030-01-10', highPledgeFinancingSince: '2025-01-01' }))).to.deep.equal({ from: 2020, to: 2030 });
    expect(highValueSpan(patent({ foreignFamily: true }))).to.deep.equal({ from: 2021, to: 2039 });
  });
  it('records without a date (before this field) keep counting from the grant', () => {
    expect(highValueSpan(patent({ highPledgeFinancingSince: null }))).to.deep.equal({ from: 2021, to: 2039 });
  });
  it('the asset rule agrees: no HIGH_PLEDGE_FINANCING reason before the registration date', () => {
    const a = { kind: 'INVENTION_PATENT' as const, filingDate: '2019-03-01', status: 'VALID' as const, highPledgeFinancing: true, highPledgeFinancingSince: '2024-05-20' };
    expect(highValueReasons(a, '2024-05-19')).to.deep.equal([]);
    expect(highValueReasons(a, '2024-05-20')).to.deep.equal(['HIGH_PLEDGE_FINANCING']);
  });
});
