// IP insurance: verified insurers publish products; asset holders get quotes (money to the fen)
// and bind them once; a pledge-financing guarantee policy backs a pledge application.
import { expect } from 'chai';
import { registerOrg, registerVerified, type Registered } from '../helpers/client';
import { addYears, todayInShanghai } from '../../services/rules/calendar';
import { guaranteePolicy } from '../helpers/guarantee';
import { APPLICATION, APPLY, apply, bankWithProduct, countDocs, createAsset, db, enterprise, insertLicense, oid, world, type World } from '../helpers/financing';

const CREATE = `mutation($input: InsuranceProductInput!) {
  createInsuranceProduct(input: $input) { id type name premiumRatePercent maxCoverage active insurer { id } }
}`;
const PRODUCTS = `query($type: InsuranceType) { insuranceProducts(type: $type) { id type insurer { id } } }`;
const QUOTE = `mutation($productId: ID!, $assetIds: [ID!]!, $coverage: Money!) {
  requestInsuranceQuote(productId: $productId, assetIds: $assetIds, coverage: $coverage) { id coverage premium validUntil bound assets { id } product { id type } }
}`;
const BIND = `mutation($quoteId: ID!) {
  bindInsurancePolicy(quoteId: $quoteId) { id policyNumber type coverage premium startsOn endsOn status holder { id } insurer { id } product { id } assets { id } }
}`;
const MY_POLICIES = `{ myInsurancePolicies { id policyNumber holder { id } } }`;
const ASSET = `query($id: ID!) { ipAsset(id: $id) { id } }`;

const PRODUCT_INPUTS = {
  INFRINGEMENT_LOSS: { type: 'INFRINGEMENT_LOSS', name: '专利被侵权损失保险', premiumRatePercent: 1.75, maxCoverage: '2000000.00' },
  INFRINGEMENT_LIABILITY: { type: 'INFRINGEMENT_LIABILITY', name: '知识产权侵权责任保险', premiumRatePercent: 2.5, maxCoverage: '1000000.00' },
  PLEDGE_FINANCING_GUARANTEE: { type: 'PLEDGE_FINANCING_GUARANTEE', name: '知识产权质押融资保证保险', premiumRatePercent: 2, maxCoverage: '10000000.00' },
};

describe('insurance', () => {
  let w: World;
  let insurer: Registered;
  let owner: Registered;
  const products: Record<string, string> = {};

  before(async () => {
    w = await world();
    insurer = await registerVerified(w.anon, w.regulator, 'INSURER');
    owner = await enterprise(w);
    for (const [type, input] of Object.entries(PRODUCT_INPUTS)) {
      products[type] = (await insurer.client.ok(CREATE, { input })).createInsuranceProduct.id;
    }
  });

  describe('products', () => {
    it('a verified insurer publishes all three types; anyone lists them, by type', async () => {
      const all = (await w.anon.ok(PRODUCTS)).insuranceProducts.filter((p: { insurer: { id: string } }) => p.insurer.id === insurer.orgId);
      expect(all.map((p: { type: string }) => p.type)).to.deep.equal(['INFRINGEMENT_LOSS', 'INFRINGEMENT_LIABILITY', 'PLEDGE_FINANCING_GUARANTEE']);
      const guarantee = (await w.anon.ok(PRODUCTS, { type: 'PLEDGE_FINANCING_GUARANTEE' })).insuranceProducts;
      expect(guarantee.every((p: { type: string }) => p.type === 'PLEDGE_FINANCING_GUARANTEE')).to.equal(true);
      expect(guarantee.map((p: { id: string }) => p.id)).to.include(products.PLEDGE_FINANCING_GUARANTEE);
    });

    it('an unverified insurer, a bank and an anonymous caller may not publish', async () => {
      const unverified = await registerOrg(w.anon, 'INSURER');
      await unverified.client.fails(CREATE, { input: PRODUCT_INPUTS.INFRINGEMENT_LOSS }, 'FORBIDDEN');
      const bank = await registerVerified(w.anon, w.regulator, 'BANK');
      await bank.client.fails(CREATE, { input: PRODUCT_INPUTS.INFRINGEMENT_LOSS }, 'FORBIDDEN');
      await w.anon.fails(CREATE, { input: PRODUCT_INPUTS.INFRINGEMENT_LOSS }, 'UNAUTHENTICATED');
      expect(await countDocs('insuranceproducts', { insurer: { $in: [oid(unverified.orgId), oid(bank.orgId)] } })).to.equal(0);
    });

    it('bad bounds are BAD_USER_INPUT naming the field', async () => {
      const base = PRODUCT_INPUTS.INFRINGEMENT_LOSS;
      const cases: [Record<string, unknown>, string][] = [
        [{ premiumRatePercent: 0 }, 'input.premiumRatePercent'],
        [{ premiumRatePercent: 100.01 }, 'input.premiumRatePercent'],
        [{ premiumRatePercent: 1.23456 }, 'input.premiumRatePercent'],
        [{ maxCoverage: '0.00' }, 'input.maxCoverage'],
        [{ name: '' }, 'input.name'],
      ];
      const before = await countDocs('insuranceproducts', { insurer: oid(insurer.orgId) });
      for (const [override, field] of cases) await insurer.client.fails(CREATE, { input: { ...base, ...override } }, 'BAD_USER_INPUT', field);
      expect(await countDocs('insuranceproducts', { insurer: oid(insurer.orgId) })).to.equal(before);
      const full = await insurer.client.ok(CREATE, { input: { ...base, premiumRatePercent: 100 } });
      expect(full.createInsuranceProduct.premiumRatePercent).to.equal(100);
    });
  });

  describe('quotes: money to the fen', () => {
    it('premium of 1,234,567.89 yuan at 1.75% is 21,604.94 (21,604.936075 rounded half up)', async () => {
      const asset = await createAsset(owner.client);
      const { requestInsuranceQuote: q } = await owner.client.ok(QUOTE, { productId: products.INFRINGEMENT_LOSS, assetIds: [asset], coverage: '1234567.89' });
      expect(q).to.deep.include({ coverage: '1234567.89', premium: '21604.94', bound: false });
      expect(q.assets).to.deep.equal([{ id: asset }]);
      const days = (Date.parse(q.validUntil) - Date.now()) / 86400_000;
      expect(days).to.be.within(29.9, 30.01);
    });

    it('half a fen rounds up; a premium that rounds to nothing is refused', async () => {
      const asset = await createAsset(owner.client);
      const quarter = (await insurer.client.ok(CREATE, { input: { ...PRODUCT_INPUTS.INFRINGEMENT_LOSS, premiumRatePercent: 25 } })).createInsuranceProduct.id;
      expect((await owner.client.ok(QUOTE, { productId: quarter, assetIds: [asset], coverage: '0.02' })).requestInsuranceQuote.premium).to.equal('0.01'); // 0.5 fen
      expect((await owner.client.ok(QUOTE, { productId: products.INFRINGEMENT_LOSS, assetIds: [asset], coverage: '2000000.00' })).requestInsuranceQuote.premium).to.equal('35000.00');
      await owner.client.fails(QUOTE, { productId: products.INFRINGEMENT_LOSS, assetIds: [asset], coverage: '0.01' }, 'BAD_USER_INPUT', 'coverage');
    });

    it('coverage is positive and capped by the product', async () => {
      const asset = await createAsset(owner.client);
      await owner.client.fails(QUOTE, { productId: products.INFRINGEMENT_LOSS, assetIds: [asset], coverage: '2000000.01' }, 'BAD_USER_INPUT', 'coverage');
      await owner.client.fails(QUOTE, { productId: products.INFRINGEMENT_LOSS, assetIds: [asset], coverage: '0.00' }, 'BAD_USER_INPUT', 'coverage');
      await owner.client.fails(QUOTE, { productId: products.INFRINGEMENT_LOSS, assetIds: [asset], coverage: '1.001' }, 'BAD_USER_INPUT', 'coverage');
      await owner.client.fails(QUOTE, { productId: products.INFRINGEMENT_LOSS, assetIds: [], coverage: '100.00' }, 'BAD_USER_INPUT', 'assetIds');
      await owner.client.fails(QUOTE, { productId: 'x', assetIds: [asset], coverage: '100.00' }, 'BAD_USER_INPUT', 'productId');
      await owner.client.fails(QUOTE, { productId: '0123456789abcdef01234567', assetIds: [asset], coverage: '100.00' }, 'NOT_FOUND');
      expect(await countDocs('insurancequotes', { assets: oid(asset) })).to.equal(0);
    });

    it('the policyholder must own the asset (or, for infringement cover, hold a licence in force); the right must be valid', async () => {
      const other = await enterprise(w);
      const asset = await createAsset(owner.client);
      // Not visible to it: the answer of a missing id (no existence oracle, no asset number named).
      const hidden = await other.client.fails(QUOTE, { productId: products.INFRINGEMENT_LOSS, assetIds: [asset], coverage: '100.00' }, 'NOT_FOUND');
      const missing = await other.client.fails(QUOTE, { productId: products.INFRINGEMENT_LOSS, assetIds: ['0123456789abcdef01234567'], coverage: '100.00' }, 'NOT_FOUND');
      expect(hidden.message.replace(asset, 'ID')).to.equal(missing.message.replace('0123456789abcdef01234567', 'ID'));
      const today = todayInShanghai();
      await insertLicense(asset, owner.orgId, other.orgId, 'EXCLUSIVE', addYears(today, -1), addYears(today, 1));
      const licensed = await other.client.ok(QUOTE, { productId: products.INFRINGEMENT_LOSS, assetIds: [asset], coverage: '100.00' });
      expect(licensed.requestInsuranceQuote.premium).to.equal('1.75');
      // The licensee sees the licensed asset (docs/visibility.md), so guarantee cover, which only the
      // owner (the pledgor) may buy, is FORBIDDEN rather than NOT_FOUND.
      await other.client.fails(QUOTE, { productId: products.PLEDGE_FINANCING_GUARANTEE, assetIds: [asset], coverage: '100.00' }, 'FORBIDDEN');
      const lapsed = await createAsset(owner.client, { legalStatus: 'LAPSED' });
      await owner.client.fails(QUOTE, { productId: products.INFRINGEMENT_LOSS, assetIds: [asset, lapsed], coverage: '100.00' }, 'BAD_USER_INPUT', 'assetIds[1]');
      await w.anon.fails(QUOTE, { productId: products.INFRINGEMENT_LOSS, assetIds: [asset], coverage: '100.00' }, 'UNAUTHENTICATED');
    });

    it('the insurer may see the assets it was asked to quote; another insurer may not', async () => {
      const asset = await createAsset(owner.client);
      const otherInsurer = await registerVerified(w.anon, w.regulator, 'INSURER');
      expect((await insurer.client.ok(ASSET, { id: asset })).ipAsset).to.equal(null);
      await owner.client.ok(QUOTE, { productId: products.INFRINGEMENT_LOSS, assetIds: [asset], coverage: '100.00' });
      expect((await insurer.client.ok(ASSET, { id: asset })).ipAsset).to.deep.equal({ id: asset });
      expect((await otherInsurer.client.ok(ASSET, { id: asset })).ipAsset).to.equal(null);
    });
  });

  describe('binding', () => {
    async function quote(type = 'INFRINGEMENT_LOSS', coverage = '500000.00', holder = owner) {
      const asset = await createAsset(holder.client);
      return (await holder.client.ok(QUOTE, { productId: products[type], assetIds: [asset], coverage })).requestInsuranceQuote;
    }

    it('the requester binds a quote into a policy: unique number, today for one year, the quoted money', async () => {
      const q = await quote('INFRINGEMENT_LIABILITY', '400000.00');
      const { bindInsurancePolicy: p } = await owner.client.ok(BIND, { quoteId: q.id });
      const today = todayInShanghai();
      expect(p.policyNumber).to.match(new RegExp(`^HG-IP-${today.slice(0, 4)}-\\d{6}$`));
      expect(p).to.deep.include({ type: 'INFRINGEMENT_LIABILITY', coverage: '400000.00', premium: '10000.00', startsOn: today, endsOn: addYears(today, 1), status: 'ACTIVE' });
      expect(p.holder.id).to.equal(owner.orgId);
      expect(p.insurer.id).to.equal(insurer.orgId);
      expect(p.assets).to.deep.equal(q.assets);
      const mine = (await owner.client.ok(MY_POLICIES)).myInsurancePolicies.map((x: { id: string }) => x.id);
      expect(mine).to.include(p.id);
      const issued = (await insurer.client.ok(MY_POLICIES)).myInsurancePolicies.map((x: { id: string }) => x.id);
      expect(issued).to.include(p.id);
    });

    it('a quote binds once: the second bind is CONFLICT; another organization gets NOT_FOUND', async () => {
      const q = await quote();
      const other = await enterprise(w);
      await other.client.fails(BIND, { quoteId: q.id }, 'NOT_FOUND'); // a quote it cannot see
      await owner.client.ok(BIND, { quoteId: q.id });
      await owner.client.fails(BIND, { quoteId: q.id }, 'CONFLICT');
      expect(await countDocs('insurancepolicies', { quote: oid(q.id) })).to.equal(1);
      expect((await other.client.ok(MY_POLICIES)).myInsurancePolicies).to.deep.equal([]);
    });

    it('20 concurrent binds of one quote: exactly one policy', async () => {
      const q = await quote();
      const results = await Promise.all(Array.from({ length: 20 }, () => owner.client.raw(BIND, { quoteId: q.id })));
      expect(results.filter((r) => !r.errors)).to.have.length(1);
      expect(results.filter((r) => r.errors?.[0]?.extensions?.code === 'CONFLICT')).to.have.length(19);
      expect(await countDocs('insurancepolicies', { quote: oid(q.id) })).to.equal(1);
    });

    it('20 quotes bound at once get 20 distinct, consecutive policy numbers', async () => {
      const quotes = [];
      for (let i = 0; i < 20; i++) quotes.push(await quote());
      const results = await Promise.all(quotes.map((q) => owner.client.ok(BIND, { quoteId: q.id })));
      const numbers = results.map((r) => r.bindInsurancePolicy.policyNumber as string).sort();
      expect(new Set(numbers).size).to.equal(20);
      const serials = numbers.map((n) => Number(n.slice(-6)));
      expect(serials[19]! - serials[0]!).to.equal(19);
    });

    it('an expired quote is CONFLICT and binds nothing', async () => {
      const q = await quote();
      await (await db()).collection('insurancequotes').updateOne({ _id: oid(q.id) }, { $set: { validUntil: new Date(Date.now() - 1000) } });
      await owner.client.fails(BIND, { quoteId: q.id }, 'CONFLICT');
      expect(await countDocs('insurancepolicies', { quote: oid(q.id) })).to.equal(0);
    });

    it('unknown and malformed quote ids', async () => {
      await owner.client.fails(BIND, { quoteId: '0123456789abcdef01234567' }, 'NOT_FOUND');
      await owner.client.fails(BIND, { quoteId: 'x' }, 'BAD_USER_INPUT', 'quoteId');
      await w.anon.fails(BIND, { quoteId: '0123456789abcdef01234567' }, 'UNAUTHENTICATED');
    });
  });

  describe('a pledge-financing guarantee policy backs a pledge application', () => {
    it('the bank sees the policy in the application; other policies are refused', async () => {
      const bp = await bankWithProduct(w);
      const asset = await createAsset(owner.client);
      const policy = await guaranteePolicy({ insurer, productId: products.PLEDGE_FINANCING_GUARANTEE! }, owner, [asset], bp.bank.orgId, { coverage: '3000000.00' });
      expect(policy.premium).to.equal('60000.00'); // about 2% of the loan
      const id = await apply(owner, bp.productId, [asset], { insurancePolicyId: policy.id });
      const { pledgeApplication } = await bp.bank.client.ok(APPLICATION, { id });
      expect(pledgeApplication.insurancePolicy).to.deep.equal({ id: policy.id, policyNumber: policy.policyNumber, type: 'PLEDGE_FINANCING_GUARANTEE', status: 'ACTIVE', holder: { id: owner.orgId } });

      const base = { productId: bp.productId, assetIds: [asset], requestedAmount: '1000000.00', termMonths: 12 };
      const lossQuote = (await owner.client.ok(QUOTE, { productId: products.INFRINGEMENT_LOSS, assetIds: [asset], coverage: '1000.00' })).requestInsuranceQuote;
      const loss = (await owner.client.ok(BIND, { quoteId: lossQuote.id })).bindInsurancePolicy;
      await owner.client.fails(APPLY, { input: { ...base, insurancePolicyId: loss.id } }, 'BAD_USER_INPUT', 'input.insurancePolicyId');
      const other = await enterprise(w);
      const theirs = await createAsset(other.client);
      await other.client.fails(APPLY, { input: { ...base, assetIds: [theirs], insurancePolicyId: policy.id } }, 'BAD_USER_INPUT', 'input.insurancePolicyId');
      await (await db()).collection('insurancepolicies').updateOne({ _id: oid(policy.id) }, { $set: { endsOn: todayInShanghai() } });
      await owner.client.fails(APPLY, { input: { ...base, insurancePolicyId: policy.id } }, 'BAD_USER_INPUT', 'input.insurancePolicyId');
      expect((await bp.bank.client.ok(APPLICATION, { id })).pledgeApplication.insurancePolicy.status).to.equal('EXPIRED');
    });
  });
});
