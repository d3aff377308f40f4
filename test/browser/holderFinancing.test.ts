// A holder's financing pages in a real browser: an insurance quote bound into a policy, a pledge loan
// application with a product, followed through the bank's review with its due diligence in words.
import { expect } from 'chai';
import { registerVerified } from '../helpers/client';
import { bankWithProduct, createAsset, enterprise, review, world } from '../helpers/financing';
import { marker } from '../helpers/listings';
import { CONFIRM_PREMIUM_TRANSFER, RECORD_PREMIUM_TRANSFER, UNDERWRITE, uniqueReference } from '../helpers/guarantee';
import { todayInShanghai } from '../../services/rules/calendar';
import { chooseOption, expectAccessible, fillDate, openPage, screenshot, type BrowserSession } from '../helpers/browser';

describe('console: insurance and pledge financing for a holder (browser)', function () {
  this.timeout(180_000);
  let session: BrowserSession | undefined;
  afterEach(async function () {
    if (this.currentTest?.state === 'failed' && session) await screenshot(session.page, 'failed-holder-financing').catch(() => undefined);
    await session?.close();
    session = undefined;
  });

  it('binds a policy from a quote, applies for a pledge loan and follows the review', async () => {
    const w = await world();
    const word = marker();
    const insurer = await registerVerified(w.anon, w.regulator, 'INSURER');
    await insurer.client.ok(`mutation($input: InsuranceProductInput!) { createInsuranceProduct(input: $input) { id } }`, {
      input: { type: 'PLEDGE_FINANCING_GUARANTEE', name: `质押融资保证保险${word}`, premiumRatePercent: 1.5, maxCoverage: '5000000.00' },
    });
    const bp = await bankWithProduct(w, { name: `石墨知识产权质押贷${word}` });
    const owner = await enterprise(w);
    const assetId = await createAsset(owner.client, { title: `石墨负极材料专利${word}` });
    const number = (await owner.client.ok(`query($id: ID!) { ipAsset(id: $id) { number } }`, { id: assetId })).ipAsset.number as string;

    session = await openPage(w.anon.baseUrl, { token: owner.token });
    const { page } = session;

    // ---- insurance: quote, then bind ----
    await page.goto('/me/insurance');
    await page.getByText('还没有保单。').waitFor(); // empty state
    await chooseOption(page, '保险产品', word, word);
    await chooseOption(page, '投保的权利', word, word);
    await page.getByLabel('保额（元）').fill('2000000');
    await chooseOption(page, '受益银行（贷款银行）', word, word); // the bank named with its loan products
    await page.getByRole('button', { name: '获取报价' }).click();
    const quote = page.getByTestId('quote');
    await quote.waitFor();
    const quoteText = await quote.innerText();
    expect(quoteText).to.contain('¥2,000,000.00');
    expect(quoteText).to.contain('¥30,000.00'); // 1.5 %
    expect(quoteText).to.contain(number);
    await quote.getByText('待保险公司核保').waitFor(); // guarantee cover is underwritten first (test/browser/guarantee.test.ts)
    const quoteId = (await owner.client.ok(`{ myInsuranceQuotes { id } }`)).myInsuranceQuotes[0].id as string;
    await insurer.client.ok(UNDERWRITE, { input: { quoteId, decision: 'ACCEPT' } });
    await page.reload();
    const quoteRow = page.getByTestId('holder-quotes').locator('tbody tr').filter({ hasText: number });
    await quoteRow.getByRole('button', { name: '确认投保' }).click();
    await quoteRow.getByText('已投保').waitFor();
    const policyRow = page.locator('tr.ant-table-row').filter({ hasText: 'HG-IP-' }).filter({ hasText: number });
    await policyRow.getByText('保费未付').waitFor();
    // The premium paid by a bank transfer the insurer confirms: the policy is in force.
    const policyId = (await owner.client.ok(`{ myInsurancePolicies { id } }`)).myInsurancePolicies[0].id as string;
    await owner.client.ok(RECORD_PREMIUM_TRANSFER, { policyId, input: { reference: uniqueReference(), amount: '30000.00', paidOn: todayInShanghai() } });
    await insurer.client.ok(CONFIRM_PREMIUM_TRANSFER, { policyId });
    await page.reload();
    await policyRow.getByText('保费已付（对公转账）').waitFor();
    await policyRow.getByText('有效').waitFor();
    expect(await policyRow.innerText()).to.contain('质押融资保证保险');
    await expectAccessible(page, 'insurance page');

    // ---- pledge application ----
    await page.getByRole('link', { name: '质押融资' }).click();
    await page.getByRole('heading', { level: 1, name: '质押融资' }).waitFor();
    await page.getByText('还没有质押贷款申请。').waitFor();
    await page.getByRole('button', { name: '申请质押贷款' }).click();
    await chooseOption(page, '贷款产品', word, word);
    const productTerms = await page.getByTestId('product-terms').innerText();
    expect(productTerms).to.contain('¥10,000,000.00');
    expect(productTerms).to.contain('3.85%');
    await chooseOption(page, '质押物（本机构的权利）', word, word);
    await page.getByLabel('申请金额（元）').fill('5,000,000');
    await page.getByLabel('期限（月）').fill('12');
    await page.getByLabel('评估价值（元）').fill('8000000');
    await chooseOption(page, '评估方法', '收益法');
    await fillDate(page, '评估基准日', '2025-06-30');
    await chooseOption(page, '质押融资保证保险保单（可选）', word);
    await page.getByRole('button', { name: '提交申请' }).click();
    await page.getByRole('heading', { level: 1, name: `质押贷款申请：石墨知识产权质押贷${word}` }).waitFor();
    await page.getByTestId('pledge-status').filter({ hasText: '已提交' }).waitFor();
    const terms = await page.getByTestId('pledge-terms').innerText();
    for (const s of ['¥5,000,000.00', '12个月', 'HG-IP-', '¥8,000,000.00（收益法，2025年6月30日）']) expect(terms).to.contain(s);
    const risks = await page.getByTestId('risk-flags').innerText();
    expect(risks).to.contain('质押率超过产品上限'); // 62.5 % against the product's 50 %, in words, not as a code
    expect(risks).not.to.contain('LOAN_TO_VALUE');
    expect(await page.getByText('62.5%').count()).to.equal(1); // loan-to-value 5,000,000 / 8,000,000

    // ---- the bank starts its review: the applicant sees it ----
    await review(bp.bank, (new URL(page.url()).pathname.split('/').pop())!, 'START_REVIEW');
    await page.reload();
    await page.getByTestId('pledge-status').filter({ hasText: '审查中' }).waitFor();
    await page.getByText(/已提交 → 审查中/).waitFor();
    await expectAccessible(page, 'pledge application page');
    await screenshot(page, 'holder-pledge');
  });
});
