// Signed but malformed Stripe events: each shape is answered 400 (on every redelivery too) and
// leaves no StripeEvent record; a well-formed event after them is still applied.
import { expect } from 'chai';
import type mongoose from 'mongoose';
import { Client } from '../helpers/client';
import { PAY, acceptedDeal, buyer, deliver, getDeal, intentEvent, paymentsClients, sellerWithListing } from '../helpers/deals';

describe('Stripe webhook: signed but malformed events', () => {
  let anon: Client, url: string, db: mongoose.Connection;
  before(async function () {
    this.timeout(120_000);
    ({ anon, url, db } = await paymentsClients());
  });
  after(async () => db?.close());

  const events = () => db.collection('stripeevents');
  let n = 0;
  const eventId = () => `evt_malformed_${Date.now().toString(36)}_${n++}`;
  const envelope = (id: unknown, extra: Record<string, unknown>) => ({
    id, object: 'event', api_version: '2025-01-27.acacia', created: Math.floor(Date.now() / 1000), livemode: false, type: 'payment_intent.succeeded', ...extra,
  });
  const intent = (o: Record<string, unknown>) => ({ object: 'payment_intent', amount: 100, currency: 'cny', status: 'succeeded', metadata: {}, ...o });

  const shapes: { name: string; body: () => { payload: string; id: unknown } }[] = [
    { name: 'JSON null', body: () => ({ payload: 'null', id: null }) },
    { name: 'a JSON array', body: () => ({ payload: '[]', id: null }) },
    { name: 'a JSON string', body: () => ({ payload: '"evt_1"', id: null }) },
    { name: 'no data', body: () => { const id = eventId(); return { payload: JSON.stringify(envelope(id, {})), id }; } },
    { name: 'data: null', body: () => { const id = eventId(); return { payload: JSON.stringify(envelope(id, { data: null })), id }; } },
    { name: 'data.object: null', body: () => { const id = eventId(); return { payload: JSON.stringify(envelope(id, { data: { object: null } })), id }; } },
    { name: 'data.object without id', body: () => { const id = eventId(); return { payload: JSON.stringify(envelope(id, { data: { object: intent({}) } })), id }; } },
    { name: 'a numeric PaymentIntent id', body: () => { const id = eventId(); return { payload: JSON.stringify(envelope(id, { data: { object: intent({ id: 12345 }) } })), id }; } },
    { name: 'a numeric event id', body: () => ({ payload: JSON.stringify(envelope(424242, { data: { object: intent({ id: 'pi_x' }) } })), id: 424242 }) },
    { name: 'no event id', body: () => ({ payload: JSON.stringify(envelope(undefined, { data: { object: intent({ id: 'pi_x' }) } })), id: null }) },
    { name: 'a numeric type', body: () => { const id = eventId(); return { payload: JSON.stringify(envelope(id, { type: 7, data: { object: intent({ id: 'pi_x' }) } })), id }; } },
    { name: 'metadata as a string', body: () => { const id = eventId(); return { payload: JSON.stringify(envelope(id, { data: { object: intent({ id: 'pi_x', metadata: 'deal' }) } })), id }; } },
    { name: 'a string amount', body: () => { const id = eventId(); return { payload: JSON.stringify(envelope(id, { data: { object: intent({ id: 'pi_x', amount: '100' }) } })), id }; } },
  ];

  for (const shape of shapes) {
    it(`answers 400 to ${shape.name}, on every redelivery, and records nothing`, async () => {
      const before = await events().countDocuments({});
      const { payload, id } = shape.body();
      for (let delivery = 0; delivery < 3; delivery++) {
        const res = await deliver(url, payload);
        expect(res.status, `delivery ${delivery + 1}`).to.equal(400);
        expect(res.body.errors[0].extensions.code).to.equal('BAD_REQUEST');
        expect(res.body.errors[0].message).to.match(/^Malformed Stripe event: /);
        expect(JSON.stringify(res.body)).to.not.match(/TypeError|at .*\.js/);
      }
      expect(await events().countDocuments({})).to.equal(before);
      if (id !== null) expect(await events().countDocuments({ eventId: id })).to.equal(0);
    });
  }

  it('still acknowledges an event type it does not use without reading its data (200, ignored)', async () => {
    const id = eventId();
    const res = await deliver(url, envelope(id, { type: 'customer.created', data: null }));
    expect(res.status).to.equal(200);
    expect(res.body.outcome).to.equal('ignored');
    expect(await events().countDocuments({ eventId: id })).to.equal(0);
  });

  it('applies a well-formed payment after malformed deliveries of the same intent', async () => {
    const l = await sellerWithListing(anon);
    const b = await buyer(anon);
    const deal = await acceptedDeal(l, b, { type: 'TRANSFER', price: '12.34' });
    const session = (await b.client.ok(PAY, { id: deal.id })).payDeal;
    const good = intentEvent('payment_intent.succeeded', { intentId: session.paymentIntentId, dealId: deal.id, amount: 1_234 });
    const broken = { ...good, data: { object: null } };
    expect((await deliver(url, broken)).status).to.equal(400);
    expect((await getDeal(b.client, deal.id)).status).to.equal('PAYMENT_PENDING');
    const res = await deliver(url, good);
    expect(res.status).to.equal(200);
    expect(res.body.outcome).to.equal('applied');
    expect((await getDeal(b.client, deal.id)).status).to.equal('PAID'); // a transfer then awaits its CNIPA recordal
    expect((await events().findOne({ eventId: good.id }))?.status).to.equal('applied');
  });
});
