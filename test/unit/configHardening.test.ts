// Issue 10, points 2 and 3: configuration rules (server/config.ts loadConfig, a pure function of the environment).
import { expect } from 'chai';
import { ConfigError, loadConfig } from '../../server/config';

const PROD = { NODE_ENV: 'production', JWT_SECRET: 'x'.repeat(40) };

function problems(env: Record<string, string>): string[] {
  try {
    loadConfig(env);
    return [];
  } catch (err) {
    if (err instanceof ConfigError) return err.problems;
    throw err;
  }
}

describe('configuration hardening', () => {
  it('TRUST_PROXY=true is refused with a one-line reason', () => {
    const p = problems({ TRUST_PROXY: 'true' });
    expect(p).to.have.length(1);
    expect(p[0]).to.match(/^TRUST_PROXY must not be true .*number of proxies/);
    expect(p[0]).not.to.contain('\n');
  });

  it('TRUST_PROXY takes a hop count or a list of proxy addresses and subnets', () => {
    expect(loadConfig({}).TRUST_PROXY).to.equal(false);
    expect(loadConfig({ TRUST_PROXY: 'false' }).TRUST_PROXY).to.equal(false);
    expect(loadConfig({ TRUST_PROXY: '0' }).TRUST_PROXY).to.equal(false);
    expect(loadConfig({ TRUST_PROXY: '1' }).TRUST_PROXY).to.equal(1);
    expect(loadConfig({ TRUST_PROXY: '10.0.0.1, 10.1.0.0/16,loopback,::1' }).TRUST_PROXY).to.deep.equal(['10.0.0.1', '10.1.0.0/16', 'loopback', '::1']);
    expect(problems({ TRUST_PROXY: 'yes' })[0]).to.match(/^TRUST_PROXY /);
    expect(problems({ TRUST_PROXY: '10.0.0.0/33' })[0]).to.match(/^TRUST_PROXY .*"10\.0\.0\.0\/33"/);
  });

  it('DEMO_DATA defaults to true in development and false in production', () => {
    expect(loadConfig({}).DEMO_DATA).to.equal(true);
    expect(loadConfig({ NODE_ENV: 'test' }).DEMO_DATA).to.equal(true);
    expect(loadConfig(PROD).DEMO_DATA).to.equal(false);
    expect(loadConfig({ ...PROD, DEMO_DATA: 'false' }).DEMO_DATA).to.equal(false);
  });

  it('DEMO_DATA=true with NODE_ENV=production is refused with a one-line reason', () => {
    for (const value of ['true', '1']) {
      const p = problems({ ...PROD, DEMO_DATA: value });
      expect(p).to.have.length(1);
      expect(p[0]).to.match(/^DEMO_DATA must not be true when NODE_ENV=production/);
    }
    expect(problems({ DEMO_DATA: 'true' })).to.deep.equal([]);
  });
});
