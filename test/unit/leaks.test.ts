// Issue 10, point 7: what error messages, logs and CSV files may carry. Pure rules and the real
// logger writing to a buffer.
import { Writable } from 'node:stream';
import { expect } from 'chai';
import Stripe from 'stripe';
import { cleanMessage, MAX_ECHO, stripSuggestions, truncateEchoes } from '../../server/errorMessages';
import { createLogger } from '../../server/logger';
import { csvCell, indicatorsCsv } from '../../services/indicators/reportCsv';

function captureLogger(): { log: ReturnType<typeof createLogger>; lines: () => string[] } {
  let out = '';
  const sink = new Writable({
    write(chunk, _enc, done) {
      out += chunk.toString();
      done();
    },
  });
  return { log: createLogger('trace', sink), lines: () => out.trim().split('\n') };
}

describe('production leaks', () => {
  it('a long echoed value is cut to a few dozen characters, and the message bounded', () => {
    const huge = 'A'.repeat(1_000_000);
    const msg = `Variable "$c" got invalid value "${huge}" at "input.county"; Value "${huge}" does not exist in "County" enum.`;
    const cut = truncateEchoes(msg);
    expect(cut.length).to.be.below(400);
    expect(cut).to.contain(`"${'A'.repeat(MAX_ECHO)}…" (1000000 characters)`);
    expect(cut).to.contain('at "input.county"');
    expect(truncateEchoes('x'.repeat(5000))).to.have.length(1001);
  });

  it('suggestions are removed in production only', () => {
    const msg = 'Value "XIANGYAN" does not exist in "County" enum. Did you mean the enum value "XIANGYANG"?';
    expect(stripSuggestions(msg)).to.equal('Value "XIANGYAN" does not exist in "County" enum.');
    expect(cleanMessage(msg, true)).not.to.match(/Did you mean|"XIANGYANG"/);
    expect(cleanMessage(msg, false)).to.equal(msg);
    expect(stripSuggestions('Cannot query field "mee" on type "Query". Did you mean "me"?')).to.equal('Cannot query field "mee" on type "Query".');
  });

  it('the logger redacts secrets at any depth', () => {
    const { log, lines } = captureLogger();
    log.info({ a: { b: { c: { password: 'hunter2-secret', list: [{ clientSecret: 'pi_123_secret_abc' }] } } }, token: 'eyJhbGciOi' }, 'nested');
    const line = lines()[0]!;
    expect(line).not.to.match(/hunter2-secret|pi_123_secret_abc|eyJhbGciOi/);
    expect(JSON.parse(line).a.b.c.password).to.equal('[redacted]');
  });

  it('a Stripe error is logged by type, code and message only', () => {
    const { log, lines } = captureLogger();
    const err = new Stripe.errors.StripeInvalidRequestError({
      message: 'No such payment_intent',
      code: 'resource_missing',
      type: 'invalid_request_error',
      headers: { 'request-id': 'req_1', authorization: 'Bearer sk_test_should_not_leak' },
      raw: { message: 'No such payment_intent', client_secret: 'pi_9_secret_should_not_leak', payment_intent: { id: 'pi_9', client_secret: 'pi_9_secret_should_not_leak' } },
    } as never);
    log.warn({ err, dealId: 'd1' }, 'Stripe refused');
    const line = lines()[0]!;
    expect(line).not.to.match(/should_not_leak|sk_test/);
    const logged = JSON.parse(line).err;
    expect(Object.keys(logged).sort()).to.deep.equal(['code', 'message', 'type'].concat(Object.keys(logged).filter((k) => ['statusCode', 'requestId'].includes(k))).sort());
    expect(logged).to.include({ type: 'StripeInvalidRequestError', code: 'resource_missing', message: 'No such payment_intent' });
  });

  it('CSV cells that would run as formulas are neutralized; numbers stay numbers', () => {
    for (const bad of ['=HYPERLINK("http://x","y")', '+1+1', '-2+3', '@SUM(A1)', '\tx', '\rx']) {
      expect(csvCell(bad).replace(/^"/, '')).to.match(/^'/);
    }
    expect(csvCell('=1+1')).to.equal("'=1+1");
    expect(csvCell(-0.12)).to.equal('-0.12');
    expect(csvCell('鹤岗')).to.equal('鹤岗');
    const csv = indicatorsCsv([{ code: 'X', name: '=cmd|"/c calc"!A1', unit: 'u', baseline: 0, target: 1, year: 2024, county: null, value: -1, platformValue: 0, source: 'PLATFORM_RECORDS', progress: -0.5, onTrack: false } as never]);
    expect(csv).to.contain(`"'=cmd|""/c calc""!A1"`);
    expect(csv).to.contain(',-0.5,');
  });
});
