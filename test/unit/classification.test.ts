import { expect } from 'chai';
import { normalizeIpc, normalizeNiceClass, normalizeTrademarkNumber } from '../../services/rules/classification';
import { classPrefixPattern } from '../../services/listings/search';

describe('classification symbols', () => {
  it('normalizes IPC symbols to "C01B 32/20" form', () => {
    expect(normalizeIpc('C01B 32/20')).to.equal('C01B 32/20');
    expect(normalizeIpc('c01b32/20')).to.equal('C01B 32/20');
    expect(normalizeIpc(' h01m  4/587 ')).to.equal('H01M 4/587');
    expect(normalizeIpc('C01B 032/20')).to.equal('C01B 32/20');
    expect(normalizeIpc('C01B')).to.equal('C01B');
  });

  it('rejects what is not an IPC symbol', () => {
    for (const bad of ['', 'C01', 'I01B 32/20', 'C1B 32/20', 'C01B 32', 'C01B 32/2', 'C01B32/20X', 'graphite']) {
      expect(normalizeIpc(bad), bad).to.equal(null);
    }
  });

  it('accepts Nice classes 1 to 45 only', () => {
    expect(normalizeNiceClass('1')).to.equal('1');
    expect(normalizeNiceClass('01')).to.equal('1');
    expect(normalizeNiceClass('45')).to.equal('45');
    for (const bad of ['0', '46', '100', '-1', '3.5', 'X', '']) expect(normalizeNiceClass(bad), bad).to.equal(null);
  });

  it('accepts trademark registration numbers and Madrid G numbers', () => {
    expect(normalizeTrademarkNumber('12345678')).to.equal('12345678');
    expect(normalizeTrademarkNumber(' g1234567 ')).to.equal('G1234567');
    for (const bad of ['1234567890', 'TM123', '', '12-34']) expect(normalizeTrademarkNumber(bad), bad).to.equal(null);
  });

  it('turns a class prefix filter into an anchored pattern', () => {
    const matches = (prefix: string, cls: string) => new RegExp(classPrefixPattern(prefix)!).test(cls);
    expect(matches('C01B', 'C01B 32/20')).to.equal(true);
    expect(matches('c01b', 'C01B 32/20')).to.equal(true);
    expect(matches('C01', 'C01B 32/20')).to.equal(true);
    expect(matches('C01B 32', 'C01B 32/20')).to.equal(true);
    expect(matches('C01B32', 'C01B 3/00')).to.equal(false); // group 32 is not group 3
    expect(matches('C01B 3', 'C01B 32/20')).to.equal(false);
    expect(matches('H01M 4/58', 'H01M 4/587')).to.equal(true);
    expect(matches('H01M', 'C01B 32/20')).to.equal(false);
    expect(matches('29', '29')).to.equal(true); // Nice class: whole class
    expect(matches('2', '29')).to.equal(false);
    expect(matches('12', '12-08')).to.equal(true); // Locarno class
    for (const bad of ['46', 'Z01', 'C01B/20', 'graphite', '0']) expect(classPrefixPattern(bad), bad).to.equal(null);
  });
});
