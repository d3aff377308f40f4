// The console's Chinese formatting (web/src/format.ts).
import { expect } from 'chai';
import { formatCount, formatDate, formatDateTime, formatMoney, formatYears, parseMoneyInput } from '../../web/src/format';

describe('console formatting (web/src/format.ts)', () => {
  it('money: yuan with the ¥ sign, thousands separators and two decimals', () => {
    expect(formatMoney('1200000.00')).to.equal('¥1,200,000.00');
    expect(formatMoney('1200000')).to.equal('¥1,200,000.00');
    expect(formatMoney('30000000.5')).to.equal('¥30,000,000.50');
    expect(formatMoney('0.05')).to.equal('¥0.05');
    expect(formatMoney('999')).to.equal('¥999.00');
    expect(formatMoney('-12')).to.equal('-¥12.00');
    expect(formatMoney('12345678901234567.89')).to.equal('¥12,345,678,901,234,567.89'); // no float rounding
    expect(formatMoney(null)).to.equal('—');
  });

  it('dates: 2025年3月1日; instants as the date and time in China (UTC+8)', () => {
    expect(formatDate('2025-03-01')).to.equal('2025年3月1日');
    expect(formatDate('2025-12-31')).to.equal('2025年12月31日');
    expect(formatDate('2025-02-28T16:30:00.000Z')).to.equal('2025年3月1日'); // 00:30 in Hegang
    expect(formatDateTime('2025-02-28T16:05:00Z')).to.equal('2025年3月1日 00:05');
    expect(formatDate(null)).to.equal('—');
  });

  it('years, counts and typed amounts', () => {
    expect(formatYears(12.34)).to.equal('12.3年');
    expect(formatCount(1234567)).to.equal('1,234,567');
    expect(parseMoneyInput('¥1,200,000')).to.equal('1200000');
    expect(parseMoneyInput('3000.5')).to.equal('3000.5');
    expect(parseMoneyInput('1.234')).to.equal(null);
    expect(parseMoneyInput('abc')).to.equal(null);
  });
});
