// The schedule section of the deal page: the seller marks a milestone reached, the buyer records the
// bank transfer that pays it (a server field error shown under its field first), the seller confirms it.
import { expect } from 'chai';
import { Client } from '../helpers/client';
import { ACCEPT, PAY, buyer, deliver, intentEvent, paymentsStack, sellerWithListing } from '../helpers/deals';
import { expectAccessible, openPage, screenshot, type BrowserSession } from '../helpers/browser';
import { addDays, todayInShanghai } from '../../services/rules/calendar';

describe('console: a deal paid by schedule (browser)', function () {
  this.timeout(120_000);
  let session: BrowserSession | undefined;
  afterEach(async () => {
    await session?.close();
    session = undefined;
  });

  it('shows the instalments; the seller marks a milestone reached, the buyer records its transfer, the seller confirms it', async () => {
    const { stack } = await paymentsStack();
    const url = stack.server.url;
    const anon = new Client(url);
    const l = await sellerWithListing(anon);
    const b = await buyer(anon);
    const input = {
      listingId: l.listingId, type: 'LICENSE', licenseType: 'NON_EXCLUSIVE', termMonths: 12, price: '30000.00',
      schedule: { upfront: '10000.00', milestones: [{ description: '完成中试', amount: '20000.00', dueOn: addDays(todayInShanghai(), 30) }], royalty: { rateBps: 250, period: 'QUARTERLY' } },
    };
    const dealId = (await b.client.ok(`mutation($input: ProposeDealInput!) { proposeDeal(input: $input) { id } }`, { input })).proposeDeal.id;
    await l.seller.client.ok(ACCEPT, { id: dealId });
    const pay = (await b.client.ok(PAY, { id: dealId })).payDeal;
    await deliver(url, intentEvent('payment_intent.succeeded', { intentId: pay.paymentIntentId, dealId, amount: 1_000_000 }));

    session = await openPage(url, { token: l.seller.token });
    let page = session.page;
    await page.goto(`/me/deals/${dealId}`);
    const section = page.getByTestId('deal-schedule');
    await section.getByText('完成中试').waitFor();
    expect(await section.innerText()).to.contain('¥10,000.00');
    await section.getByRole('button', { name: '确认达成' }).click();
    await section.getByText('待付款').waitFor();
    await session.close();

    session = await openPage(url, { token: b.token });
    page = session.page;
    await page.goto(`/me/deals/${dealId}`);
    await page.getByTestId('deal-schedule').getByRole('button', { name: '登记转账' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('银行流水号').fill('x');
    await dialog.getByLabel('转账日期（YYYY-MM-DD）').fill(todayInShanghai());
    await dialog.getByRole('button', { name: /登\s*记/ }).click();
    await dialog.locator('.ant-form-item-explain-error').first().waitFor(); // the server's input.reference error, under the field
    await dialog.getByLabel('银行流水号').fill('ICBC-UI-0001');
    await dialog.getByRole('button', { name: /登\s*记/ }).click();
    await page.getByTestId('deal-schedule').getByText('转账 ICBC-UI-0001 待确认').waitFor();
    await page.getByLabel('净销售额（元）').waitFor(); // the licensee's royalty report form
    await dialog.waitFor({ state: 'hidden' }); // the closing modal (its leave animation) is not part of the page checked
    await expectAccessible(page, 'deal schedule (buyer)');
    await screenshot(page, 'holder-deal-schedule');
    await session.close();

    session = await openPage(url, { token: l.seller.token });
    page = session.page;
    await page.goto(`/me/deals/${dealId}`);
    await page.getByTestId('deal-schedule').getByRole('button', { name: '确认收款' }).click();
    await page.getByTestId('deal-schedule').getByText('已付清').waitFor();
  });
});
