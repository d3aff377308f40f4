// Settling deals in the console (issue 17), set up through the API as test/api/dealsBankTransfer.test.ts
// and dealsPublicNotice.test.ts do: a buyer records a 3,000,000 yuan bank transfer (first with an amount
// past the price, whose server error shows under the field in Chinese), the seller confirms it, the
// buyer records the CNIPA recordal and the seller confirms it, and the deal reads completed; a
// university's negotiated licence appears on the public notices page, another enterprise objects, the
// seller answers on the deal page; an open licence is taken on its published terms and withdrawn; a
// paid transfer is cancelled and refunded by bank; a Stripe dispute (stripe-mock, signed webhooks) is
// shown to both parties and on the city IP office's 支付争议 page.
import { expect } from 'chai';
import { sharedStack } from '../helpers/hooks';
import { Client, registerOrg } from '../helpers/client';
import { createAsset, marker } from '../helpers/listings';
import { verifyAsset } from '../helpers/verify';
import {
  CONFIRM_TRANSFER, PAY, RECORD_TRANSFER, acceptedDeal, buyer, chargeEvent, deliver, intentEvent, noticeNumber, paymentsStack, sellerWithListing,
} from '../helpers/deals';
import { ADMIN_EMAIL, ADMIN_PASSWORD } from '../helpers/stack';
import { todayInShanghai } from '../../services/rules/calendar';
import type { Page } from 'playwright-core';
import { chooseOption, expectAccessible, openPage, screenshot, signInThroughForm, type BrowserSession } from '../helpers/browser';

const ASSET_NUMBER = `query($id: ID!) { ipAsset(id: $id) { number } }`;

describe('console: deals settled by bank transfer, CNIPA recordal, public notice, open licence, refund and dispute (browser)', function () {
  this.timeout(180_000);
  const sessions: BrowserSession[] = [];
  let anon: Client;
  let base: string;

  before(async () => {
    base = (await sharedStack()).server.url;
    anon = new Client(base);
  });
  afterEach(async function () {
    if (this.currentTest?.state === 'failed') for (const [i, s] of sessions.entries()) await screenshot(s.page, `failed-deals-settlement-${i}`).catch(() => undefined);
    while (sessions.length) await sessions.pop()!.close();
  });

  const open = async (token: string, url = base) => {
    const s = await openPage(url, { token });
    sessions.push(s);
    return s.page;
  };

  it('a 3,000,000 yuan transfer: bank transfer recorded and confirmed, recordal recorded and confirmed, completed', async () => {
    const l = await sellerWithListing(anon, { modes: ['TRANSFER'], askingPrice: '3000000.00' });
    const b = await buyer(anon);
    const deal = await acceptedDeal(l, b, { type: 'TRANSFER', price: '3000000.00' });
    expect(deal).to.include({ status: 'ACCEPTED', stripeAllowed: false });
    const reference = `ICBC-${Date.now()}`;

    // ---- the buyer records the transfer: first more than the price ----
    const buyerPage = await open(b.token);
    await buyerPage.goto(`/me/deals/${deal.id}`);
    await buyerPage.getByRole('heading', { name: '对公转账' }).waitFor();
    await buyerPage.getByText('价格超过在线支付单笔上限').waitFor();
    await buyerPage.getByRole('button', { name: /付\s*款/ }).click(); // Stripe cannot take it: the answer says where to pay
    await buyerPage.getByRole('alert').filter({ hasText: '价格 ¥3,000,000.00 超过在线支付单笔上限 ¥999,999.99，请在下方“对公转账”中登记转账。' }).waitFor();
    await buyerPage.getByLabel('银行流水号').fill(reference);
    await buyerPage.getByLabel('转账金额（元）').fill('3,000,000.01');
    await buyerPage.getByRole('button', { name: '登记转账' }).click();
    await buyerPage
      .locator('#amount_help')
      .filter({ hasText: '金额不能超过 ¥3,000,000.00（价格 ¥3,000,000.00，已确认到账 ¥0.00，待卖方确认 ¥0.00）' })
      .waitFor(); // the server's field error, in Chinese, under the amount
    await buyerPage.getByLabel('转账金额（元）').fill('3000000');
    await buyerPage.getByRole('button', { name: '登记转账' }).click();
    const row = buyerPage.getByRole('row').filter({ hasText: reference });
    await row.getByText('待卖方确认').waitFor();
    expect(await row.innerText()).to.contain('¥3,000,000.00');
    await buyerPage.getByTestId('deal-status').filter({ hasText: '待付款' }).waitFor();
    expect(await buyerPage.getByTestId('bank-summary').innerText()).to.match(/待卖方确认\s*¥3,000,000\.00/);
    await expectAccessible(buyerPage, 'deal page with a bank transfer');

    // ---- the seller confirms receipt: PAID, waiting for the recordal ----
    const sellerPage = await open(l.seller.token);
    await sellerPage.goto(`/me/deals/${deal.id}`);
    await sellerPage.getByRole('row').filter({ hasText: reference }).getByRole('button', { name: '确认到账' }).click();
    await sellerPage.getByTestId('deal-status').filter({ hasText: '已付款' }).waitFor();
    await sellerPage.getByRole('row').filter({ hasText: reference }).getByText('已确认到账').waitFor();
    expect(await sellerPage.getByTestId('bank-summary').innerText()).to.match(/已确认到账\s*¥3,000,000\.00/);

    // ---- the seller records CNIPA's recordal notice (a bad number first), the buyer confirms it ----
    await sellerPage.getByRole('heading', { name: '专利权转让登记（著录项目变更）' }).waitFor();
    await sellerPage.getByLabel('通知书发文序号').fill('1234');
    await sellerPage.getByRole('button', { name: '登记变更' }).click();
    await sellerPage.locator('#noticeNumber_help').filter({ hasText: '通知书发文序号必须是国家知识产权局手续合格通知书的发文序号（8–20 位数字）' }).waitFor();
    const notice = noticeNumber();
    await sellerPage.getByLabel('通知书发文序号').fill(notice);
    await sellerPage.getByRole('button', { name: '登记变更' }).click();
    await sellerPage.getByTestId('recordal').filter({ hasText: '待对方确认' }).waitFor();
    expect(await sellerPage.getByTestId('recordal').innerText()).to.contain(notice);
    await sellerPage.getByText('等待对方确认。').waitFor();

    await buyerPage.reload();
    await buyerPage.getByTestId('recordal').filter({ hasText: notice }).waitFor();
    await buyerPage.getByRole('button', { name: '确认变更登记' }).click();
    await buyerPage.getByTestId('deal-status').filter({ hasText: '已完成' }).waitFor();
    await buyerPage.getByTestId('recordal').filter({ hasText: '双方已确认' }).waitFor();
    await buyerPage.getByText(/已付款 → 已完成/).waitFor(); // the history
    const owner = (await b.client.ok(`query($id: ID!) { ipAsset(id: $id) { owner { id } } }`, { id: l.assetId })).ipAsset.owner.id;
    expect(owner).to.equal(b.orgId);
    await expectAccessible(buyerPage, 'completed transfer deal page');
    await screenshot(buyerPage, 'deal-bank-transfer-recordal');
  });

  it('a university’s licence is publicly noticed; another enterprise objects; the seller answers', async () => {
    const l = await sellerWithListing(anon, { sellerKind: 'UNIVERSITY' });
    const b = await buyer(anon);
    const deal = await acceptedDeal(l, b, { type: 'LICENSE', licenseType: 'SOLE', termMonths: 36, price: '320000.00' });
    expect(deal.publicNotice).to.include({ inForce: true, objectionCount: 0 });
    const number = (await l.seller.client.ok(ASSET_NUMBER, { id: l.assetId })).ipAsset.number;

    // ---- the buyer's deal page: the notice period, payment waits ----
    const buyerPage = await open(b.token);
    await buyerPage.goto(`/me/deals/${deal.id}`);
    const period = buyerPage.getByTestId('notice-period');
    await period.filter({ hasText: '公示中' }).waitFor();
    expect(await period.innerText()).to.match(/公示期满（\d{4}年\d{1,2}月\d{1,2}日起）且异议均已答复后方可付款/);

    // ---- anybody signed in objects on the public notices page ----
    const objector = await buyer(anon);
    const objPage = await open(objector.token);
    await objPage.goto('/notices');
    await objPage.getByRole('heading', { level: 1, name: '成果转化公示' }).waitFor();
    const card = objPage.getByTestId('public-notice').filter({ hasText: number });
    await card.waitFor();
    const text = await card.innerText();
    for (const s of ['¥320,000.00', '许可（排他许可）', '36个月', '0 条']) expect(text).to.contain(s);
    await expectAccessible(objPage, 'public notices page');
    await card.getByRole('button', { name: '提出异议' }).click();
    await objPage.getByRole('button', { name: '提交异议' }).click();
    await objPage.getByText('请填写异议理由').waitFor(); // required, checked before the server
    await objPage.getByLabel('异议理由').fill('评估价值约为 80 万元，许可价格明显偏低');
    await objPage.getByRole('button', { name: '提交异议' }).click();
    await card.filter({ hasText: '1 条' }).waitFor();
    await screenshot(objPage, 'public-notices');

    // ---- the seller answers it on the deal page ----
    const sellerPage = await open(l.seller.token);
    await sellerPage.goto(`/me/deals/${deal.id}`);
    const objection = sellerPage.getByTestId('notice-objection').filter({ hasText: '许可价格明显偏低' });
    await objection.waitFor();
    await expectAccessible(sellerPage, 'deal page with a public notice');
    await objection.getByLabel('答复').fill('经第三方评估，价格公允');
    await objection.getByRole('button', { name: '提交答复' }).click();
    await sellerPage.getByTestId('notice-objection').filter({ hasText: '卖方答复' }).filter({ hasText: '经第三方评估，价格公允' }).waitFor();
    await buyerPage.reload();
    await buyerPage.getByTestId('notice-objection').filter({ hasText: '经第三方评估，价格公允' }).waitFor();
  });

  it('an open licence published with its terms; taking it accepts them (no price field), and the taker withdraws before paying', async () => {
    const seller = await registerOrg(anon, 'ENTERPRISE');
    const title = `石墨烯散热膜的制备方法 ${marker()}`;
    const asset = await createAsset(seller.client, { title }); // filed 2020-03-15: expires 2040-03-15
    await verifyAsset(seller.client, asset.id);

    // ---- the patentee publishes the open licence: a period past the patent's expiry first ----
    const sellerPage = await open(seller.token);
    await sellerPage.goto(`/me/listings/new?assetId=${asset.id}`);
    await sellerPage.getByRole('checkbox', { name: '许可', exact: true }).uncheck();
    await sellerPage.getByRole('checkbox', { name: '开放许可' }).check();
    await chooseOption(sellerPage, '开放许可计费方式', '按年计费');
    await sellerPage.getByLabel('开放许可期限（月）').fill('240');
    await sellerPage.getByLabel('挂牌价格（元）').fill('10000');
    await sellerPage.getByRole('button', { name: '保存并发布' }).click();
    await sellerPage.locator('[id="openLicence_periodMonths_help"]').filter({ hasText: /开放许可期限（月）：自 .* 起 240 个月的许可将超过专利届满日 2040年3月15日/ }).waitFor();
    await sellerPage.getByLabel('开放许可期限（月）').fill('30');
    await sellerPage.getByRole('button', { name: '保存并发布' }).click();
    await sellerPage.getByRole('heading', { name: '我的挂牌' }).waitFor();
    await sellerPage.getByRole('row').filter({ hasText: title }).getByText('已发布').waitFor();
    const listingId = (await sellerPage.getByRole('row').filter({ hasText: title }).getByRole('link', { name: title }).getAttribute('href'))!.split('/').pop()!;

    // ---- a taker sees the fixed terms and takes them ----
    const b = await buyer(anon);
    const page = await open(b.token);
    await page.goto(`/listings/${listingId}`);
    const terms = page.getByTestId('open-licence-terms').first();
    await terms.waitFor();
    const shown = await terms.innerText();
    for (const s of ['按年计费（每年 ¥10,000.00）', '30个月', '¥25,000.00']) expect(shown).to.contain(s);
    await page.getByRole('tab', { name: '取得开放许可' }).click();
    expect(await page.getByLabel('报价（元）').count()).to.equal(0); // no price to type
    await expectAccessible(page, 'open licence listing page');
    await page.getByRole('button', { name: '接受公布条件并取得许可' }).click();
    await page.getByTestId('deal-status').filter({ hasText: '已接受' }).waitFor();
    await page.getByText('按专利权人公布的许可使用费和期限取得').waitFor();
    expect(await page.getByTestId('deal-terms').innerText()).to.contain('¥25,000.00');
    await page.getByRole('button', { name: '取消交易' }).click();
    await page.getByRole('button', { name: '确认取消' }).click();
    await page.getByTestId('deal-status').filter({ hasText: '已取消' }).waitFor();
  });

  it('cancelling a transfer paid by bank transfer refunds it: the seller transfers back, the buyer confirms', async () => {
    const l = await sellerWithListing(anon, { modes: ['TRANSFER'], askingPrice: '1200000.00' });
    const b = await buyer(anon);
    const deal = await acceptedDeal(l, b, { type: 'TRANSFER', price: '1200000.00' });
    const recorded = (await b.client.ok(RECORD_TRANSFER, { dealId: deal.id, input: { reference: `BOC-${Date.now()}`, amount: '1200000.00', paidOn: todayInShanghai() } })).recordBankTransfer;
    await l.seller.client.ok(CONFIRM_TRANSFER, { dealId: deal.id, t: recorded.bankTransfers[0].id });

    const buyerPage = await open(b.token);
    await buyerPage.goto(`/me/deals/${deal.id}`);
    await buyerPage.getByTestId('deal-status').filter({ hasText: '已付款' }).waitFor();
    await buyerPage.getByRole('button', { name: '取消交易并退款' }).click();
    await buyerPage.getByLabel('取消原因（可选）').fill('未能取得共有人同意');
    await buyerPage.getByRole('button', { name: '确认取消并退款' }).click();
    await buyerPage.getByTestId('deal-status').filter({ hasText: '退款中' }).waitFor();
    const refund = buyerPage.getByTestId('refund');
    await refund.filter({ hasText: '待卖方转账退回' }).waitFor();
    expect(await refund.innerText()).to.contain('¥1,200,000.00');

    const sellerPage = await open(l.seller.token);
    await sellerPage.goto(`/me/deals/${deal.id}`);
    await sellerPage.getByRole('heading', { name: '登记退款转账' }).waitFor();
    expect(await sellerPage.getByLabel('退款金额（元）').inputValue()).to.equal('1200000.00');
    await sellerPage.getByLabel('银行流水号').fill('BOC-REFUND-0001');
    await sellerPage.getByRole('button', { name: '登记退款' }).click();
    await sellerPage.getByTestId('refund').filter({ hasText: '卖方已退回，待买方确认' }).waitFor();

    await buyerPage.reload();
    await buyerPage.getByTestId('refund').filter({ hasText: 'BOC-REFUND-0001' }).waitFor();
    await buyerPage.getByRole('button', { name: '确认收到退款' }).click();
    await buyerPage.getByTestId('deal-status').filter({ hasText: '已取消' }).waitFor();
    await buyerPage.getByTestId('refund').filter({ hasText: '已退款' }).waitFor();
    await expectAccessible(buyerPage, 'refunded deal page');
  });

  it('a Stripe dispute is shown to both parties and listed for the city IP office; the overdue licence filing is flagged, then recorded (stripe-mock)', async () => {
    const { stack } = await paymentsStack();
    const url = stack.server.url;
    const pAnon = new Client(url);
    const l = await sellerWithListing(pAnon);
    const b = await buyer(pAnon);
    const deal = await acceptedDeal(l, b, { type: 'LICENSE', licenseType: 'NON_EXCLUSIVE', termMonths: 12, price: '5600.00' });
    const session = (await b.client.ok(PAY, { id: deal.id })).payDeal;
    await deliver(url, intentEvent('payment_intent.succeeded', { intentId: session.paymentIntentId, dealId: deal.id, amount: 560_000 }));
    expect((await deliver(url, chargeEvent('charge.dispute.created', { intentId: session.paymentIntentId, amount: 560_000, reason: 'product_not_received' }))).body.outcome).to.equal('applied');

    const pages = [];
    for (const token of [b.token, l.seller.token]) {
      const page = await open(token, url);
      pages.push(page);
      await page.goto(`/me/deals/${deal.id}`);
      const alert = page.getByRole('alert').filter({ hasText: '该交易的付款已被发卡行提出争议（拒付）' });
      await alert.waitFor();
      expect(await alert.innerText()).to.contain('争议金额 ¥5,600.00').and.to.contain('未收到商品或服务');
      await page.getByTestId('deal-status').filter({ hasText: '已完成' }).waitFor(); // nothing moves back
      await page.getByTestId('filing').filter({ hasText: '尚未备案' }).waitFor(); // the licence's 3-month filing duty
    }

    // ---- the licence is not filed within 3 months: flagged to both; the licensor records the filing ----
    try {
      stack.shiftClockDays(93);
      for (const page of pages) {
        await page.reload();
        await page.getByRole('alert').filter({ hasText: /许可合同未在 \d{4}年\d{1,2}月\d{1,2}日 前备案，已逾期/ }).waitFor();
      }
      const [buyerPage, sellerPage] = pages as [Page, Page];
      expect(await buyerPage.getByLabel('备案号').count()).to.equal(0); // only the licensor records it
      await sellerPage.getByLabel('备案号').fill('X2026990000123');
      await sellerPage.getByRole('button', { name: '登记备案' }).click();
      await sellerPage.getByTestId('filing').filter({ hasText: 'X2026990000123' }).waitFor();
      await sellerPage.getByRole('alert').filter({ hasText: '已逾期' }).waitFor({ state: 'detached' });
    } finally {
      stack.shiftClockDays(0);
    }

    const office = await open('', url);
    await signInThroughForm(office, ADMIN_EMAIL, ADMIN_PASSWORD);
    await office.goto('/office/disputes');
    await office.getByRole('heading', { level: 1, name: '支付争议' }).waitFor();
    const number = (await l.seller.client.ok(ASSET_NUMBER, { id: l.assetId })).ipAsset.number;
    const row = office.getByRole('row').filter({ hasText: number });
    await row.waitFor();
    for (const s of ['¥5,600.00', '未收到商品或服务', '许可']) expect(await row.innerText()).to.contain(s);
    expect(await row.innerText()).to.contain('已完成');
    await expectAccessible(office, 'disputed deals page');
  });
});
