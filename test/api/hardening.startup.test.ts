// Issue 10, points 2 and 3 at the process level: a refused configuration stops the server at once,
// with one line naming the variable and why, before it touches any database.
import { expect } from 'chai';
import { runToExit as runServerToExit } from '../helpers/process';

/** The server with no reachable database and an ephemeral port, so it can only fail its checks and exit. */
const runToExit = (env: Record<string, string>) => runServerToExit({ PORT: '0', MONGODB_URI: 'mongodb://127.0.0.1:1/never', ...env });

describe('hardening: refused configurations', () => {
  it('NODE_ENV=production with DEMO_DATA=true refuses to start, saying why in one line', async () => {
    const { code, output } = await runToExit({ NODE_ENV: 'production', JWT_SECRET: 'p'.repeat(40), DEMO_DATA: 'true' });
    expect(code).to.equal(1);
    const lines = output.trim().split('\n');
    expect(lines).to.deep.equal(['Invalid configuration:', lines[1]]);
    expect(lines[1]).to.match(/^\s+- DEMO_DATA must not be true when NODE_ENV=production/);
  });

  it('TRUST_PROXY=true refuses to start, saying what to give instead', async () => {
    const { code, output } = await runToExit({ TRUST_PROXY: 'true' });
    expect(code).to.equal(1);
    expect(output).to.match(/^\s+- TRUST_PROXY must not be true .*number of proxies/m);
  });
});
