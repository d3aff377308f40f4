import { expect } from 'chai';
import type { IpAssetDoc } from '../../models/ipAsset';
import { publishProblem } from '../../services/listings';
import { highValueFrom } from '../../services/listings/denormalize';

const asset = (o: Record<string, unknown> = {}) =>
  ({ kind: 'INVENTION_PATENT', legalStatus: 'VALID', filingDate: '2020-01-01', expiresOn: '2040-01-01', pledge: null, ...o }) as unknown as IpAssetDoc;
const pledged = { registration: 'r', pledgee: 'b', since: new Date() };

describe('publication rules (publishProblem)', () => {
  it('publishes a VALID asset in any mode', () => {
    expect(publishProblem(asset(), ['LICENSE', 'TRANSFER', 'PLEDGE'], ['EXCLUSIVE'])).to.equal(null);
  });

  it('refuses expired, invalidated and lapsed assets', () => {
    expect(publishProblem(asset({ expiresOn: '2001-01-01' }), ['LICENSE'], ['NON_EXCLUSIVE'])).to.match(/EXPIRED/);
    expect(publishProblem(asset({ legalStatus: 'INVALIDATED' }), ['LICENSE'], ['NON_EXCLUSIVE'])).to.match(/INVALIDATED/);
    expect(publishProblem(asset({ legalStatus: 'LAPSED' }), ['TRANSFER'], [])).to.match(/LAPSED/);
  });

  it('offers a PENDING application for licensing or transfer of the application right (not open licensing, not pledge)', () => {
    const pending = asset({ legalStatus: 'PENDING' });
    expect(publishProblem(pending, ['LICENSE'], ['SOLE'])).to.equal(null);
    expect(publishProblem(pending, ['LICENSE', 'TRANSFER'], ['SOLE'])).to.equal(null);
    expect(publishProblem(pending, ['TRANSFER'], [])).to.equal(null);
    expect(publishProblem(pending, ['PLEDGE'], [])).to.match(/PENDING/);
    expect(publishProblem(pending, ['OPEN_LICENSE'], ['NON_EXCLUSIVE'])).to.match(/PENDING/);
  });

  it('under an active pledge: no transfer, no second pledge, no exclusive or open licence', () => {
    const a = asset({ pledge: pledged });
    expect(publishProblem(a, ['TRANSFER'], [])).to.match(/pledge/);
    expect(publishProblem(a, ['PLEDGE'], [])).to.match(/already pledged/);
    expect(publishProblem(a, ['LICENSE'], ['EXCLUSIVE'])).to.match(/exclusive/);
    expect(publishProblem(a, ['OPEN_LICENSE'], ['NON_EXCLUSIVE'])).to.match(/open licence/);
    expect(publishProblem(a, ['LICENSE'], ['NON_EXCLUSIVE', 'SOLE'])).to.equal(null);
  });
});

describe('denormalized high value (highValueFrom)', () => {
  it('is immediate for a reason that does not depend on time', () => {
    expect(highValueFrom(asset({ strategicEmergingIndustry: true }))).to.equal('0000-01-01');
    expect(highValueFrom(asset({ highPledgeFinancing: true, legalStatus: 'PENDING' }))).to.equal('0000-01-01');
  });
  it('starts after the 10th filing anniversary of a VALID invention patent', () => {
    expect(highValueFrom(asset({ filingDate: '2016-03-05' }))).to.equal('2026-03-05');
    expect(highValueFrom(asset({ legalStatus: 'PENDING' }))).to.equal(null);
  });
  it('never for other kinds', () => {
    expect(highValueFrom(asset({ kind: 'UTILITY_MODEL', strategicEmergingIndustry: true }))).to.equal(null);
  });
});
