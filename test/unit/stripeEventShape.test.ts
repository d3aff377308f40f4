// The shape check applied to a verified Stripe event before anything is recorded.
import { expect } from 'chai';
import { malformedEventReason } from '../../services/payments/eventShape';

const HANDLED = new Set(['payment_intent.succeeded', 'payment_intent.payment_failed', 'charge.refunded', 'charge.dispute.created']);
const good = () => ({
  id: 'evt_1', type: 'payment_intent.succeeded',
  data: { object: { id: 'pi_1', amount: 100, currency: 'cny', metadata: { dealId: 'x' } } },
});

describe('malformedEventReason', () => {
  it('accepts a well-formed payment_intent event, and an unused type whatever its data', () => {
    expect(malformedEventReason(good(), HANDLED)).to.equal(null);
    expect(malformedEventReason({ id: 'evt_2', type: 'customer.created', data: null }, HANDLED)).to.equal(null);
    expect(malformedEventReason({ ...good(), data: { object: { id: 'pi_1' } } }, HANDLED)).to.equal(null);
  });

  const cases: [string, unknown, RegExp][] = [
    ['null', null, /not a JSON object/],
    ['an array', [good()], /not a JSON object/],
    ['a number', 5, /not a JSON object/],
    ['no id', { ...good(), id: undefined }, /no string id/],
    ['a numeric id', { ...good(), id: 12 }, /no string id/],
    ['an empty id', { ...good(), id: '' }, /no string id/],
    ['no type', { ...good(), type: undefined }, /no string type/],
    ['no data', { id: 'evt', type: 'payment_intent.succeeded' }, /no data object/],
    ['data: null', { ...good(), data: null }, /no data object/],
    ['data.object: null', { ...good(), data: { object: null } }, /no data\.object/],
    ['data.object an array', { ...good(), data: { object: [] } }, /no data\.object/],
    ['a numeric intent id', { ...good(), data: { object: { id: 7 } } }, /data\.object has no string id/],
    ['a charge without its payment_intent', { id: 'evt', type: 'charge.refunded', data: { object: { id: 'ch_1', amount: 5 } } }, /payment_intent/],
    ['a charge with a fractional amount_refunded', { id: 'evt', type: 'charge.refunded', data: { object: { id: 'ch_1', payment_intent: 'pi_1', amount_refunded: 1.5 } } }, /amount_refunded/],
    ['metadata a string', { ...good(), data: { object: { id: 'pi', metadata: 'x' } } }, /metadata/],
    ['a fractional amount', { ...good(), data: { object: { id: 'pi', amount: 1.5 } } }, /amount/],
    ['a numeric currency', { ...good(), data: { object: { id: 'pi', currency: 156 } } }, /currency/],
  ];
  for (const [name, event, reason] of cases) {
    it(`refuses ${name}`, () => expect(malformedEventReason(event, HANDLED)).to.match(reason));
  }
});
