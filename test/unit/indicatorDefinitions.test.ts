import { expect } from 'chai';
import { INDICATORS, expectedValue, onTrack, progress, definitionOf } from '../../services/indicators/definitions';

describe('plan indicators: definitions, progress and on-track', () => {
  it('are the five of the plan table, in its order, with its names, units, baselines and targets', () => {
    expect(INDICATORS.map((d) => [d.code, d.name, d.unit, d.baseline, d.target])).to.deep.equal([
      ['INVENTION_PATENTS_PER_10K_POPULATION', '每万人口发明专利拥有量（件）', '件', 0.56, 0.6],
      ['VALID_TRADEMARKS', '有效注册商标数量（件）', '件', 5024, 9000],
      ['PLEDGE_FINANCING_REGISTERED_AMOUNT', '知识产权质押融资登记金额（亿元）', '亿元', 0, 0.3],
      ['IP_ADVANTAGE_ENTERPRISES', '知识产权优势企业数量（家）', '家', 25, 30],
      ['HIGH_VALUE_INVENTION_PATENTS', '高价值发明专利拥有量（件）', '件', 20, 23],
    ]);
    expect(INDICATORS.map((d) => d.order)).to.deep.equal([1, 2, 3, 4, 5]);
  });

  it('progress is 0 at the baseline, 1 at the target, and can leave [0, 1]', () => {
    const tm = definitionOf('VALID_TRADEMARKS');
    expect(progress(tm, 5024)).to.equal(0);
    expect(progress(tm, 9000)).to.equal(1);
    expect(progress(tm, 7012)).to.equal(0.5);
    expect(progress(tm, 0)).to.be.closeTo(-1.2636, 1e-4);
    expect(progress(definitionOf('INVENTION_PATENTS_PER_10K_POPULATION'), 0.6)).to.equal(1); // not 0.9999999999999998
    expect(progress(definitionOf('PLEDGE_FINANCING_REGISTERED_AMOUNT'), 0.15)).to.equal(0.5);
  });

  it('expects a straight line from the 2020 baseline to the 2025 target, then the target', () => {
    const tm = definitionOf('VALID_TRADEMARKS');
    expect([2020, 2021, 2022, 2023, 2024, 2025, 2026, 2030].map((y) => expectedValue(tm, y))).to.deep.equal([
      5024, 5819.2, 6614.4, 7409.6, 8204.8, 9000, 9000, 9000,
    ]);
    const per10k = definitionOf('INVENTION_PATENTS_PER_10K_POPULATION');
    expect(expectedValue(per10k, 2025)).to.equal(0.6);
    expect(expectedValue(per10k, 2023)).to.equal(0.584);
  });

  it('is on track at or above the line, not below it', () => {
    const adv = definitionOf('IP_ADVANTAGE_ENTERPRISES');
    expect(onTrack(adv, 2022, 27)).to.equal(true); // expected 27
    expect(onTrack(adv, 2022, 26)).to.equal(false);
    expect(onTrack(adv, 2027, 30)).to.equal(true);
    expect(onTrack(adv, 2027, 29)).to.equal(false);
    const per10k = definitionOf('INVENTION_PATENTS_PER_10K_POPULATION');
    expect(onTrack(per10k, 2025, 0.6)).to.equal(true); // 0.56 + 0.04 must not be read as 0.6000000000000001
    expect(onTrack(per10k, 2020, 0.56)).to.equal(true);
    // An indicator meant to fall is on track at or below its line.
    expect(onTrack({ baseline: 10, target: 5 }, 2023, 7)).to.equal(true);
    expect(onTrack({ baseline: 10, target: 5 }, 2023, 8)).to.equal(false);
  });
});
