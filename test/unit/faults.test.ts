// The fault-injection switch (services/faults.ts): only in tests, only named points.
import { expect } from 'chai';
import { configuredFault, FAULT_POINTS } from '../../services/faults';
import { ConfigError, loadConfig } from '../../server/config';

describe('fault injection switch', () => {
  it('is off without FAULT_INJECT, in any mode', () => {
    expect(configuredFault({ NODE_ENV: 'production' })).to.equal(null);
    expect(configuredFault({ NODE_ENV: 'test' })).to.equal(null);
  });

  it('names the configured point with NODE_ENV=test', () => {
    for (const p of FAULT_POINTS) expect(configuredFault({ NODE_ENV: 'test', FAULT_INJECT: p })).to.equal(p);
  });

  it('is refused in production and development, and for an unknown point', () => {
    expect(() => configuredFault({ NODE_ENV: 'production', FAULT_INJECT: 'registration.afterClaim' })).to.throw('only allowed with NODE_ENV=test');
    expect(() => configuredFault({ FAULT_INJECT: 'registration.afterClaim' })).to.throw('only allowed with NODE_ENV=test');
    expect(() => configuredFault({ NODE_ENV: 'test', FAULT_INJECT: 'registration.after' })).to.throw('must be one of');
  });

  it('the configuration refuses it with one line naming the variable', () => {
    const env = { NODE_ENV: 'production', JWT_SECRET: 'x'.repeat(40), FAULT_INJECT: 'bind.afterQuoteClaim', DEMO_DATA: 'false' };
    expect(() => loadConfig(env)).to.throw(ConfigError, 'FAULT_INJECT is only allowed with NODE_ENV=test');
    expect(loadConfig({ ...env, NODE_ENV: 'test' }).FAULT_INJECT).to.equal('bind.afterQuoteClaim');
  });
});
