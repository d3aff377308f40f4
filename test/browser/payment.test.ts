// The buyer's payment page with Stripe configured (stripe-mock): the PaymentIntent's amount and
// status, and a clear message when Stripe.js cannot load (js.stripe.com is blocked here, as on a
// machine without internet access).
import { expect } from 'chai';
import { Client } from '../helpers/client';
import { acceptedDeal, buyer, paymentsStack, sellerWithListing } from '../helpers/deals';
import { openPage, screenshot, type BrowserSession } from '../helpers/browser';

describe('console: paying for a deal (browser, stripe-mock)', function () {
  this.timeout(120_000);
  let session: BrowserSession | undefined;
  afterEach(async () => {
    await session?.close();
    session = undefined;
  });

  it('shows the amount and status of the PaymentIntent and says Stripe.js could not load', async () => {
    const { stack } = await paymentsStack();
    const anon = new Client(stack.server.url);
    const l = await sellerWithListing(anon);
    const b = await buyer(anon);
    const deal = await acceptedDeal(l, b, { type: 'LICENSE', licenseType: 'SOLE', price: '12000.50', termMonths: 12 });
    session = await openPage(stack.server.url, { token: b.token });
    const { page, context } = session;
    let stripeRequested = false;
    await context.route('https://js.stripe.com/**', (route) => {
      stripeRequested = true;
      return route.abort('internetdisconnected');
    });
    await page.goto(`/me/deals/${deal.id}`);
    await page.getByTestId('deal-status').filter({ hasText: '已接受' }).waitFor();
    await page.getByRole('button', { name: /付\s*款/ }).click();
    const panel = page.getByTestId('payment');
    await panel.getByText('无法加载 Stripe 支付组件').waitFor();
    const text = await panel.innerText();
    expect(text).to.contain('¥12,000.50（CNY）');
    expect(text).to.match(/支付状态\s*(待填写支付方式|待确认|处理中|支付成功|需要进一步验证)/);
    expect(text).to.match(/支付单号\s*pi_/);
    expect(stripeRequested).to.equal(true);
    await page.getByTestId('deal-status').filter({ hasText: '待付款' }).waitFor(); // ACCEPTED -> PAYMENT_PENDING
    await page.getByRole('button', { name: '继续付款' }).waitFor();
    await screenshot(page, 'holder-payment');
  });
});
