// An insurer lists its products, the quotes it was asked for and the policies it issued, in the
// console against the real server; the data is set up through the API as the API tests do.
import { expect } from 'chai';
import { registerVerified, type Registered } from '../helpers/client';
import { createAsset, enterprise, world, type World } from '../helpers/financing';
import { expectAccessible, openPage, screenshot, type BrowserSession } from '../helpers/browser';

const CREATE = `mutation($input: InsuranceProductInput!) { createInsuranceProduct(input: $input) { id } }`;
const QUOTE = `mutation($productId: ID!, $assetIds: [ID!]!, $coverage: Money!) { requestInsuranceQuote(productId: $productId, assetIds: $assetIds, coverage: $coverage) { id } }`;
const BIND = `mutation($quoteId: ID!) { bindInsurancePolicy(quoteId: $quoteId) { id policyNumber } }`;

describe('console: insurer (browser)', function () {
  this.timeout(120_000);
  let w: World;
  let insurer: Registered;
  let holderName: string;
  let policyNumber: string;
  let session: BrowserSession | undefined;

  before(async () => {
    w = await world();
    insurer = await registerVerified(w.anon, w.regulator, 'INSURER');
    const loss = (await insurer.client.ok(CREATE, { input: { type: 'INFRINGEMENT_LOSS', name: '专利被侵权损失保险', premiumRatePercent: 1.75, maxCoverage: '2000000.00' } })).createInsuranceProduct.id;
    await insurer.client.ok(CREATE, { input: { type: 'PLEDGE_FINANCING_GUARANTEE', name: '知识产权质押融资保证保险', premiumRatePercent: 2, maxCoverage: '10000000.00' } });
    const owner = await enterprise(w);
    holderName = (await owner.client.ok(`{ me { organization { name } } }`)).me.organization.name;
    const asset = await createAsset(owner.client);
    const bound = (await owner.client.ok(QUOTE, { productId: loss, assetIds: [asset], coverage: '1234567.89' })).requestInsuranceQuote.id;
    await owner.client.ok(QUOTE, { productId: loss, assetIds: [asset], coverage: '2000000.00' });
    policyNumber = (await owner.client.ok(BIND, { quoteId: bound })).bindInsurancePolicy.policyNumber;
  });

  afterEach(async () => {
    await session?.close();
    session = undefined;
  });

  it('lists its products, then its quotes with premium and state, then its policies', async () => {
    session = await openPage(base(), { token: insurer.token });
    const { page } = session;
    await page.goto('/insurer');
    const products = page.getByTestId('insurer-products').getByRole('row');
    await products.filter({ hasText: '专利被侵权损失保险' }).waitFor();
    expect(await products.filter({ hasText: '专利被侵权损失保险' }).innerText()).to.match(/侵权损失险[\s\S]*1\.75%[\s\S]*¥2,000,000\.00/);
    expect(await products.filter({ hasText: '知识产权质押融资保证保险' }).innerText()).to.match(/质押融资保证保险[\s\S]*2%[\s\S]*¥10,000,000\.00/);
    await expectAccessible(page, 'insurer products');

    await page.getByRole('menuitem', { name: '报价' }).click();
    await page.waitForURL('**/insurer/quotes');
    const quotes = page.getByTestId('insurer-quotes').locator('tbody tr');
    await quotes.first().waitFor();
    expect(await quotes.count()).to.equal(2);
    const newest = await quotes.nth(0).innerText();
    const oldest = await quotes.nth(1).innerText();
    expect(newest).to.contain(holderName);
    expect(newest).to.contain('¥2,000,000.00');
    expect(newest).to.contain('¥35,000.00'); // 1.75% of 2,000,000
    expect(newest).to.contain('未出单');
    expect(oldest).to.contain('¥21,604.94'); // 1.75% of 1,234,567.89, half up to the fen
    expect(oldest).to.contain('已出单');
    await expectAccessible(page, 'insurer quotes');

    await page.goto('/insurer/policies');
    const policy = page.getByTestId('insurer-policies').locator('tbody tr').filter({ hasText: policyNumber });
    await policy.waitFor();
    expect(await policy.innerText()).to.match(new RegExp(`${holderName}[\\s\\S]*侵权损失险[\\s\\S]*¥1,234,567\\.89[\\s\\S]*¥21,604\\.94[\\s\\S]*有效`));
    await screenshot(page, 'insurer-quotes-and-policies');
  });

  function base(): string {
    return w.anon.baseUrl;
  }
});
