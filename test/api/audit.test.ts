// The graphql-http server audit (GraphQL over HTTP spec): every MUST passes; the SHOULDs and MAYs
// it misses are exactly the documented ones (docs/graphql-http-audit.md), printed with the reason.
import { expect } from 'chai';
import { serverAudits, type AuditResult } from 'graphql-http';
import { sharedStack } from '../helpers/hooks';

/** SHOULDs we knowingly miss, with the reason (see docs/graphql-http-audit.md). */
const KNOWN_SHOULD_DEVIATIONS: Record<string, string> = {
  '572B': 'Apollo answers 400 (not 200) to a document that does not parse, also for Accept: application/json',
  FDE2: 'Apollo answers 400 (not 200) to a document that does not validate, also for Accept: application/json',
  // (the audit's "coercion" document has an unused variable, so it already fails validation)
  '7B9B': 'Apollo answers 400 (not 200) to a document that does not validate, also for Accept: application/json',
};

const audits = serverAudits({ url: async () => `${(await sharedStack()).server.url}/graphql`, fetchFn: fetch });

async function describeFailure(result: AuditResult): Promise<string> {
  if (result.status === 'ok') return 'ok';
  const body = await result.response.text().catch(() => '');
  return `${result.status}: ${result.reason} (HTTP ${result.response.status}) ${body.slice(0, 300)}`;
}

describe('graphql-http server audit', () => {
  const must = audits.filter((a) => a.name.startsWith('MUST'));

  it('has MUST audits to run', () => {
    expect(must.length).to.be.greaterThan(10);
  });

  for (const audit of must) {
    it(`${audit.id} ${audit.name}`, async () => {
      const result = await audit.fn();
      expect(result.status, await describeFailure(result)).to.equal('ok');
    });
  }

  it('fails no SHOULD except the documented deviations (and prints them)', async () => {
    const failing: string[] = [];
    for (const audit of audits.filter((a) => a.name.startsWith('SHOULD'))) {
      const result = await audit.fn();
      if (result.status === 'ok') continue;
      failing.push(audit.id);
      console.log(`      SHOULD ${audit.id} ${audit.name}\n        -> ${await describeFailure(result)}`);
    }
    expect(failing.filter((id) => !(id in KNOWN_SHOULD_DEVIATIONS)), 'undocumented SHOULD failures').to.deep.equal([]);
  });

  it('misses only the MAYs that CSRF prevention refuses (GETs without a preflight-forcing header), and prints them', async () => {
    const missed: string[] = [];
    for (const audit of audits.filter((a) => a.name.startsWith('MAY'))) {
      const result = await audit.fn();
      if (result.status === 'ok') continue;
      missed.push(audit.id);
      const text = await describeFailure(result);
      console.log(`      MAY ${audit.id} ${audit.name}\n        -> ${text}`);
      expect(text, audit.id).to.match(/HTTP 400.*Cross-Site Request Forgery/);
    }
    expect(missed.sort()).to.deep.equal(['5A70', '6A70', 'D6D5']);
  });
});
