// myInsuranceQuotes (added for the insurer's console, issue 15): the requester's quotes and, for an
// insurer, those it was asked for; newest first, paged by id; nobody else's.
import { expect } from 'chai';
import { registerVerified, type Registered } from '../helpers/client';
import { createAsset, enterprise, world, type World } from '../helpers/financing';

const CREATE = `mutation($input: InsuranceProductInput!) { createInsuranceProduct(input: $input) { id } }`;
const QUOTE = `mutation($productId: ID!, $assetIds: [ID!]!, $coverage: Money!) {
  requestInsuranceQuote(productId: $productId, assetIds: $assetIds, coverage: $coverage) { id }
}`;
const BIND = `mutation($quoteId: ID!) { bindInsurancePolicy(quoteId: $quoteId) { id } }`;
const MY_QUOTES = `query($first: Int, $after: String) {
  myInsuranceQuotes(first: $first, after: $after) { id coverage premium bound createdAt requester { id name } product { id insurer { id } } assets { id } }
}`;

describe('myInsuranceQuotes', () => {
  let w: World;
  let insurer: Registered;
  let owner: Registered;
  let productId: string;
  const quoteIds: string[] = [];
  let asset: string;

  before(async () => {
    w = await world();
    insurer = await registerVerified(w.anon, w.regulator, 'INSURER');
    owner = await enterprise(w);
    productId = (await insurer.client.ok(CREATE, { input: { type: 'INFRINGEMENT_LOSS', name: '专利被侵权损失保险', premiumRatePercent: 1.75, maxCoverage: '2000000.00' } }))
      .createInsuranceProduct.id;
    asset = await createAsset(owner.client);
    for (const coverage of ['100000.00', '200000.00', '300000.00']) {
      quoteIds.push((await owner.client.ok(QUOTE, { productId, assetIds: [asset], coverage })).requestInsuranceQuote.id);
    }
    await owner.client.ok(BIND, { quoteId: quoteIds[0] });
  });

  it('the insurer sees the quotes it was asked for, newest first, with requester, premium and bound', async () => {
    const quotes = (await insurer.client.ok(MY_QUOTES)).myInsuranceQuotes;
    expect(quotes.map((q: { id: string }) => q.id)).to.deep.equal([...quoteIds].reverse());
    const oldest = quotes[2];
    expect(oldest).to.include({ coverage: '100000.00', premium: '1750.00', bound: true });
    expect(oldest.requester.id).to.equal(owner.orgId);
    expect(oldest.product.insurer.id).to.equal(insurer.orgId);
    expect(oldest.assets.map((a: { id: string }) => a.id)).to.deep.equal([asset]);
    expect(Date.parse(oldest.createdAt)).to.be.greaterThan(0);
    expect(quotes[0].bound).to.equal(false);
  });

  it('the requester sees its own; pages by id; another organization sees none', async () => {
    const first = (await owner.client.ok(MY_QUOTES, { first: 2 })).myInsuranceQuotes.map((q: { id: string }) => q.id);
    expect(first).to.deep.equal([quoteIds[2], quoteIds[1]]);
    const rest = (await owner.client.ok(MY_QUOTES, { first: 2, after: first[1] })).myInsuranceQuotes.map((q: { id: string }) => q.id);
    expect(rest).to.deep.equal([quoteIds[0]]);
    const other = await enterprise(w);
    expect((await other.client.ok(MY_QUOTES)).myInsuranceQuotes).to.deep.equal([]);
    const otherInsurer = await registerVerified(w.anon, w.regulator, 'INSURER');
    expect((await otherInsurer.client.ok(MY_QUOTES)).myInsuranceQuotes).to.deep.equal([]);
  });

  it('anonymous: UNAUTHENTICATED; a bad page size or cursor: BAD_USER_INPUT naming it', async () => {
    await w.anon.fails(MY_QUOTES, {}, 'UNAUTHENTICATED');
    await owner.client.fails(MY_QUOTES, { first: 0 }, 'BAD_USER_INPUT', 'first');
    await owner.client.fails(MY_QUOTES, { after: 'nope' }, 'BAD_USER_INPUT', 'after');
  });
});
