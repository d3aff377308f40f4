import { expect } from 'chai';
import { parsePatentNumber, patentCheckDigit } from '../../services/rules/patentNumber';

describe('CN patent application numbers (ZC 0006-2003)', () => {
  it('computes the check digit: 201710601862 -> 3 (weights 2..9,2..5, mod 11)', () => {
    expect(patentCheckDigit('201710601862')).to.equal('3');
  });

  it('writes a remainder of 10 as X', () => {
    // 2*2+0*3+1*4+9*5+1*6+1*7+0+0+0+0+0+2*5 = 76, 76 mod 11 = 10
    expect(patentCheckDigit('201911000002')).to.equal('X');
    const parsed = parsePatentNumber('201911000002.x');
    expect(parsed.ok && parsed.value.normalized).to.equal('201911000002.X');
  });

  it('accepts the written forms people use and normalizes them', () => {
    for (const form of ['201710601862.3', 'CN201710601862.3', 'ZL 201710601862.3', 'zl201710601862.3', '2017106018623', ' 201710601862.3 ']) {
      const parsed = parsePatentNumber(form);
      expect(parsed.ok, form).to.equal(true);
      if (parsed.ok) {
        expect(parsed.value.normalized).to.equal('201710601862.3');
        expect(parsed.value.year).to.equal(2017);
        expect(parsed.value.kind).to.equal('INVENTION_PATENT');
        expect(parsed.value.pct).to.equal(false);
      }
    }
  });

  it('rejects a wrong check digit and names the right one', () => {
    const parsed = parsePatentNumber('201710601862.4');
    expect(parsed.ok).to.equal(false);
    if (!parsed.ok) expect(parsed.problem).to.match(/check digit is wrong \(expected 3\)/);
  });

  it('reads the type digit: 1 invention, 2 utility model, 3 design, 8/9 PCT', () => {
    const kinds = (['1', '2', '3', '8', '9'] as const).map((t) => {
      const digits = `2021${t}0012345`;
      const p = parsePatentNumber(`${digits}.${patentCheckDigit(digits)}`);
      return p.ok ? [p.value.kind, p.value.pct] : p.problem;
    });
    expect(kinds).to.deep.equal([
      ['INVENTION_PATENT', false],
      ['UTILITY_MODEL', false],
      ['DESIGN_PATENT', false],
      ['INVENTION_PATENT', true],
      ['UTILITY_MODEL', true],
    ]);
  });

  it('rejects a type digit that names no kind', () => {
    const digits = '202150012345';
    const parsed = parsePatentNumber(`${digits}.${patentCheckDigit(digits)}`);
    expect(parsed.ok).to.equal(false);
    if (!parsed.ok) expect(parsed.problem).to.match(/type digit 5/);
  });

  it('accepts the 8-digit pre-2003 form with weights 2..9', () => {
    // 0*2+1*3+1*4+2*5+3*6+4*7+5*8+6*9 = 157, 157 mod 11 = 3
    expect(patentCheckDigit('01123456')).to.equal('3');
    const parsed = parsePatentNumber('01123456.3');
    expect(parsed.ok).to.equal(true);
    if (parsed.ok) expect(parsed.value).to.deep.equal({ normalized: '01123456.3', year: 2001, kind: 'INVENTION_PATENT', pct: false });
    const ninetyEight = parsePatentNumber(`98220001.${patentCheckDigit('98220001')}`);
    expect(ninetyEight.ok && [ninetyEight.value.year, ninetyEight.value.kind]).to.deep.equal([1998, 'UTILITY_MODEL']);
  });

  it('refuses year forms that cannot exist: 12 digits before 2003, 8 digits after 2003', () => {
    const old12 = `200210012345`;
    expect(parsePatentNumber(`${old12}.${patentCheckDigit(old12)}`).ok).to.equal(false);
    const new8 = '05100001';
    expect(parsePatentNumber(`${new8}.${patentCheckDigit(new8)}`).ok).to.equal(false);
  });

  it('rejects malformed input', () => {
    for (const bad of ['', '2017106018', '20171060186', 'abc', '201710601862.', '201710601862.33', '97100001']) {
      expect(parsePatentNumber(bad).ok, bad).to.equal(false);
    }
  });
});
