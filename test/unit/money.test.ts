import { expect } from 'chai';
import { fenToYi, formatFen, parseYuanToFen, percentOfFen } from '../../services/rules/money';

describe('money (integer fen inside, yuan strings outside)', () => {
  it('parses yuan strings to fen exactly', () => {
    expect(parseYuanToFen('30000000.00')).to.equal(3_000_000_000);
    expect(parseYuanToFen('0.1')).to.equal(10);
    expect(parseYuanToFen('0.07')).to.equal(7);
    expect(parseYuanToFen('12')).to.equal(1200);
    expect(parseYuanToFen('-5.50')).to.equal(-550);
  });

  it('rejects floats with more than 2 decimals, exponents and junk', () => {
    for (const bad of ['1.234', '1e6', 'abc', '', '1.', '.5', '１２']) expect(parseYuanToFen(bad), bad).to.equal(null);
  });

  it('formats fen with two decimals', () => {
    expect(formatFen(3_000_000_000)).to.equal('30000000.00');
    expect(formatFen(7)).to.equal('0.07');
    expect(formatFen(-550)).to.equal('-5.50');
  });

  it('round-trips where floats would drift (0.1 + 0.2)', () => {
    expect(formatFen(parseYuanToFen('0.10')! + parseYuanToFen('0.20')!)).to.equal('0.30');
  });

  it('takes a percentage rounded half up to the fen', () => {
    expect(percentOfFen(1_000_000, 2)).to.equal(20_000); // 2% of 10,000.00 = 200.00
    expect(percentOfFen(333, 1.5)).to.equal(5); // 4.995 fen -> 5
    expect(percentOfFen(100, 0.5)).to.equal(1); // 0.5 fen -> 1
  });

  it('converts fen to 亿元', () => {
    expect(fenToYi(3_000_000_000)).to.equal(0.3);
  });
});
