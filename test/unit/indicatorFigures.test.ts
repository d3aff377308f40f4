import { expect } from 'chai';
import { indicatorViews, populationFor, type LedgerRow } from '../../services/indicators/figures';
import { indicatorsCsv } from '../../services/indicators/reportCsv';
import { escapeXml, formatNumber, niceStep } from '../../services/indicators/reportChart';
import { COUNTIES } from '../../models/enums';

describe('plan indicators: figures for an area and year', () => {
  it('uses the most recent population up to the year; the city: its own figure, else all eight counties summed', () => {
    const rows = [
      { year: 2020, county: null, population: 891_271 },
      { year: 2020, county: 'LUOBEI', population: 150_000 },
      { year: 2023, county: 'LUOBEI', population: 140_000 },
      ...COUNTIES.map((c) => ({ year: 2024, county: c, population: 100_000 })),
      ...COUNTIES.slice(1).map((c) => ({ year: 2026, county: c, population: 90_000 })), // one county missing
    ];
    expect(populationFor(rows, 'LUOBEI', 2022)).to.deep.equal({ population: 150_000, year: 2020 });
    expect(populationFor(rows, 'LUOBEI', 2023)).to.deep.equal({ population: 140_000, year: 2023 });
    expect(populationFor(rows, null, 2023)).to.deep.equal({ population: 891_271, year: 2020 });
    expect(populationFor(rows, null, 2024)).to.deep.equal({ population: 800_000, year: 2024 });
    expect(populationFor(rows, null, 2027)).to.deep.equal({ population: 800_000, year: 2024 }); // 2026 is incomplete
    expect(populationFor(rows, 'SUIBIN', 2023)).to.equal(null);
    expect(populationFor([], null, 2030)).to.equal(null);
  });

  it('adds stock changes up to each year end, takes flows per year, converts fen to 亿元, lets official statistics win and estimates the other years', () => {
    const ledger: LedgerRow[] = [
      { code: 'VALID_TRADEMARKS', year: 2012, county: 'LUOBEI', amount: 40 }, // before 2020: in the opening stock
      { code: 'VALID_TRADEMARKS', year: 2021, county: 'LUOBEI', amount: 5 },
      { code: 'VALID_TRADEMARKS', year: 2021, county: 'SUIBIN', amount: 2 },
      { code: 'VALID_TRADEMARKS', year: 2023, county: 'LUOBEI', amount: -10 },
      { code: 'PLEDGE_FINANCING_REGISTERED_AMOUNT', year: 2022, county: 'LUOBEI', amount: 1_500_000_000 }, // 15,000,000 yuan
      { code: 'PLEDGE_FINANCING_REGISTERED_AMOUNT', year: 2023, county: 'SUIBIN', amount: 100 },
      { code: 'INVENTION_PATENTS_PER_10K_POPULATION', year: 2019, county: 'LUOBEI', amount: 45 },
    ];
    const views = indicatorViews({
      year: 2023,
      county: null,
      ledger,
      stats: [
        { code: 'VALID_TRADEMARKS', year: 2020, county: null, value: 5024 },
        { code: 'VALID_TRADEMARKS', year: 2022, county: null, value: 6000 },
      ],
      populations: [{ year: 2020, county: null, population: 900_000 }],
      today: '2023-06-01',
    });
    const tm = views.find((v) => v.code === 'VALID_TRADEMARKS')!;
    expect(tm.series.map((p) => [p.year, p.value, p.platformValue, p.source])).to.deep.equal([
      [2020, 5024, 40, 'OFFICIAL_STATISTIC'],
      [2021, 5031, 47, 'ESTIMATE'], // official 2020 (5024) + platform net change since 2020 (47 - 40)
      [2022, 6000, 47, 'OFFICIAL_STATISTIC'],
      [2023, 5990, 37, 'ESTIMATE'], // the latest official figure (2022: 6000) + (37 - 47)
    ]);
    expect(tm.series[3]!.estimateNote).to.equal('official 2022 (6000) + platform net change since 2022 (-10)');
    expect(tm.series[2]!.estimateValue).to.equal(null);
    expect(tm.yearComplete).to.equal(false);
    const pledge = views.find((v) => v.code === 'PLEDGE_FINANCING_REGISTERED_AMOUNT')!;
    expect(pledge.series.map((p) => p.value)).to.deep.equal([0, 0, 0.15, 1e-8]);
    // A flow's estimate is the platform's own figure.
    expect(pledge.series.map((p) => p.source)).to.deep.equal(['ESTIMATE', 'ESTIMATE', 'ESTIMATE', 'ESTIMATE']);
    const per10k = views.find((v) => v.code === 'INVENTION_PATENTS_PER_10K_POPULATION')!;
    expect(per10k.value).to.equal(0.5);
    expect(per10k.population).to.equal(900_000);
    expect(per10k.note).to.contain('45 valid invention patents');
    const county = indicatorViews({ year: 2023, county: 'LUOBEI', ledger: ledger.filter((r) => r.county === 'LUOBEI'), stats: [], populations: [] });
    const noPop = county.find((v) => v.code === 'INVENTION_PATENTS_PER_10K_POPULATION')!;
    expect([noPop.value, noPop.population]).to.deep.equal([0, null]);
    // A county without any official figure: no estimate for a stock; no progress (the targets are the city's).
    const countyTm = county.find((v) => v.code === 'VALID_TRADEMARKS')!;
    expect([countyTm.value, countyTm.source, countyTm.progress, countyTm.onTrack, countyTm.expectedValue]).to.deep.equal([35, 'PLATFORM_RECORDS', null, null, null]);
    expect(noPop.note).to.match(/No population recorded for LUOBEI/);
  });

  it('writes CSV with a BOM, CRLF lines and quoted cells where needed', () => {
    const views = indicatorViews({ year: 2020, county: null, ledger: [], stats: [], populations: [] });
    const csv = indicatorsCsv(views);
    expect(csv.charCodeAt(0)).to.equal(0xfeff);
    const lines = csv.slice(1).split('\r\n');
    expect(lines).to.have.length(7); // header, five rows, and the empty string after the last CRLF
    expect(lines[1]).to.equal('INVENTION_PATENTS_PER_10K_POPULATION,每万人口发明专利拥有量（件）,件,0.56,0.6,2020,,0,0,PLATFORM_RECORDS,-14,false');
  });

  it('estimates a per-10k rate as the official rate plus the platform\'s new patents over the population', () => {
    const views = indicatorViews({
      year: 2022,
      county: null,
      ledger: [
        { code: 'INVENTION_PATENTS_PER_10K_POPULATION', year: 2015, county: 'LUOBEI', amount: 10 },
        { code: 'INVENTION_PATENTS_PER_10K_POPULATION', year: 2022, county: 'LUOBEI', amount: 45 },
      ],
      stats: [{ code: 'INVENTION_PATENTS_PER_10K_POPULATION', year: 2020, county: null, value: 0.56 }],
      populations: [{ year: 2020, county: null, population: 900_000 }],
    });
    const per10k = views[0]!;
    // 0.56 + (55 - 10) / 900,000 x 10,000 = 0.56 + 0.5
    expect([per10k.value, per10k.source, per10k.platformValue]).to.deep.equal([1.06, 'ESTIMATE', 0.611111111111]);
    expect(per10k.series[1]!.value).to.equal(0.56); // 2021: no change since 2020
  });

  it('formats chart labels and ticks readably and escapes text', () => {
    expect([formatNumber(9000), formatNumber(0.56), formatNumber(0.336597959543), formatNumber(1e-5), formatNumber(5819.2), formatNumber(12.346)]).to.deep.equal([
      '9000', '0.56', '0.337', '0.00001', '5819', '12.35',
    ]);
    expect([niceStep(0.65), niceStep(9720), niceStep(32.4), niceStep(0.324)]).to.deep.equal([0.2, 2500, 10, 0.1]);
    expect(escapeXml(`<a & "b">`)).to.equal('&lt;a &amp; &quot;b&quot;&gt;');
  });
});
