import { expect } from 'chai';
import { creditCodeCheckChar, creditCodeProblem } from '../../services/rules/creditCode';

describe('unified social credit code (GB 32100-2015)', () => {
  it('accepts codes whose check character is right', () => {
    // Published example codes with correct check characters.
    for (const code of ['91350100M000100Y43', '91110000600037341L', '12230400MB1A0001X7']) {
      expect(creditCodeProblem(code), code).to.equal(null);
    }
  });

  it('computes the check character, writing 31 as 0', () => {
    expect(creditCodeCheckChar('91350100M000100Y4')).to.equal('3');
    expect(creditCodeCheckChar('91110000600037341')).to.equal('L');
  });

  it('rejects a wrong check character and names the expected one', () => {
    expect(creditCodeProblem('91350100M000100Y44')).to.match(/check character is wrong \(expected 3\)/);
  });

  it('rejects wrong length and letters outside the alphabet (I, O, S, V, Z)', () => {
    expect(creditCodeProblem('91350100M000100Y4')).to.match(/18 characters/);
    expect(creditCodeProblem('91350100M000100I43')).to.match(/only 0-9/);
    expect(creditCodeProblem('91350100M000100Z43')).to.match(/only 0-9/);
  });

  it('every 17-character prefix has exactly one valid completion', () => {
    const prefix = '91230400MA1B2C3D4';
    const valid = [...'0123456789ABCDEFGHJKLMNPQRTUWXY'].filter((c) => creditCodeProblem(prefix + c) === null);
    expect(valid).to.have.length(1);
  });
});
