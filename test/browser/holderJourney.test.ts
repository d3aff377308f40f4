// The holders' journey in a real browser: a university signs up, records a patent (its number
// checked as typed) and publishes a listing; an enterprise finds it by searching 石墨, asks in an
// inquiry thread and proposes a licence; the university answers and accepts. Every step asserts what
// the pages show; the last page of each side is saved as a screenshot.
import { expect } from 'chai';
import { sharedStack } from '../helpers/hooks';
import { Client, registerOrg, uniqueCreditCode, uniqueEmail } from '../helpers/client';
import { marker, patentNumber, withWrongCheckDigit } from '../helpers/listings';
import { verifyAsset } from '../helpers/verify';
import { chooseOption, expectAccessible, fillDate, openPage, screenshot, signInThroughForm, type BrowserSession } from '../helpers/browser';

describe('console: a university lists a patent, an enterprise finds it and licenses it (browser)', function () {
  this.timeout(180_000);
  const sessions: BrowserSession[] = [];
  afterEach(async function () {
    if (this.currentTest?.state === 'failed') for (const [i, s] of sessions.entries()) await screenshot(s.page, `failed-holder-journey-${i}`).catch(() => undefined);
    while (sessions.length) await sessions.pop()!.close();
  });

  it('records, publishes, finds by 石墨, inquires, proposes and accepts', async () => {
    const stack = await sharedStack();
    const base = stack.server.url;
    const word = marker();
    const title = `一种石墨烯复合导热材料及其制备方法 ${word}`;
    const number = patentNumber('1', 2021);

    // ---- the university signs up ----
    const uniSession = await openPage(base);
    sessions.push(uniSession);
    const uni = uniSession.page;
    await uni.goto('/signup');
    await uni.getByLabel('机构名称').fill(`鹤岗理工学院${word}`);
    await uni.getByLabel('统一社会信用代码').fill('91230400MA1B2C3D4X');
    await uni.getByLabel('联系人姓名').click();
    await uni.getByText(/校验位不正确|只能包含/).first().waitFor(); // checked as typed, before the server sees it
    await uni.getByLabel('统一社会信用代码').fill(uniqueCreditCode());
    await uni.getByLabel('联系人姓名').fill('王老师');
    await uni.getByLabel('邮箱').fill(uniqueEmail('tto'));
    await uni.getByLabel('密码').fill('correct-horse-battery');
    await expectAccessible(uni, 'sign-up page');
    await uni.getByRole('button', { name: '注册并登录' }).click();
    await uni.getByTestId('signed-in-as').filter({ hasText: `鹤岗理工学院${word}（高等院校）· 王老师` }).waitFor();
    await uni.getByRole('heading', { name: '我的权利' }).waitFor();
    await uni.getByText('还没有登记权利').waitFor(); // the empty state

    // ---- records a patent: the number is checked as typed ----
    await uni.getByRole('button', { name: '登记权利' }).click();
    await uni.getByLabel('专利申请号').fill(withWrongCheckDigit(number));
    await uni.getByText(/校验位不正确，应为 [\dX]/).waitFor();
    await uni.getByLabel('专利申请号').fill(patentNumber('3', 2021));
    await uni.getByText(/类型位表明这是外观设计/).waitFor(); // a design patent's type digit for an invention
    await uni.getByLabel('专利申请号').fill(number);
    await uni.getByLabel('名称').fill(title);
    await uni.getByLabel('摘要').fill('以鳞片石墨为原料制备高导热石墨烯复合膜。');
    await fillDate(uni, '申请日', '2021-06-01');
    await fillDate(uni, '授权公告日', '2023-08-15');
    const classes = uni.getByLabel('IPC 分类号');
    await classes.fill('C01B 32/184');
    await classes.press('Enter');
    await uni.getByRole('checkbox', { name: '石墨' }).check();
    await uni.getByRole('button', { name: '保存并继续挂牌' }).click();
    await uni.getByText(`权利 ${number} 已登记`).waitFor();
    const assetId = new URL(uni.url()).searchParams.get('assetId')!;
    expect(assetId).to.match(/^[0-9a-f]{24}$/);
    // The city IP office verifies it against the register (through the API, as in the API tests).
    await verifyAsset(new Client(base), assetId);

    // ---- lists it and publishes ----
    await uni.getByText(`${number} ${title}`).waitFor(); // the new right is chosen
    await uni.getByLabel('挂牌价格（元）').fill('800000');
    await uni.getByRole('button', { name: '保存并发布' }).click();
    await uni.getByRole('heading', { name: '我的挂牌' }).waitFor();
    const row = uni.getByRole('row').filter({ hasText: title });
    await row.getByText('已发布').waitFor();
    expect(await row.innerText()).to.contain('¥800,000.00');

    // ---- an enterprise finds it by searching 石墨 ----
    const ent = await registerOrg(new Client(base), 'ENTERPRISE', { name: `萝北石墨深加工有限公司${word}`, county: 'LUOBEI' });
    const entSession = await openPage(base);
    sessions.push(entSession);
    const buyer = entSession.page;
    await signInThroughForm(buyer, ent.email, 'correct-horse-battery');
    await buyer.goto('/search');
    await buyer.getByRole('searchbox', { name: '检索关键词' }).fill('石墨');
    await buyer.getByRole('button', { name: /检\s*索/ }).click();
    await buyer.waitForURL(/q=%E7%9F%B3%E5%A2%A8/);
    await chooseOption(buyer, '排序', '最新发布');
    await buyer.waitForURL(/sort=NEWEST/);
    const hit = buyer.getByTestId('search-hit').filter({ hasText: title });
    await hit.waitFor();
    const hitText = await hit.innerText();
    expect(hitText).to.contain(number);
    expect(hitText).to.contain(`鹤岗理工学院${word}`);
    expect(hitText).to.contain('¥800,000.00');
    expect(await buyer.getByTestId('result-count').innerText()).to.match(/^共 \d+ 条结果$/);
    await hit.getByRole('link', { name: title }).click();

    // ---- the listing's page ----
    await buyer.getByRole('heading', { level: 1, name: title }).waitFor();
    const facts = await buyer.getByTestId('asset-facts').innerText();
    for (const s of [number, '发明专利', 'C01B 32/184', '2021年6月1日', '2023年8月15日', '2041年6月1日', '有效', '已核验', '无有效质押登记']) expect(facts).to.contain(s);

    // ---- asks first, in an inquiry thread ----
    await buyer.getByRole('tab', { name: '询价留言' }).click();
    await buyer.getByLabel('留言', { exact: true }).fill('请问能否提供样品测试数据？');
    await buyer.getByRole('button', { name: '发送询价' }).click();
    await buyer.getByRole('heading', { name: `询价：${title}` }).waitFor();
    expect(await buyer.getByTestId('inquiry-message').count()).to.equal(1);

    // ---- the university answers in the thread ----
    await uni.getByRole('link', { name: '询价' }).click();
    await uni.getByRole('heading', { level: 1, name: '询价' }).waitFor();
    await uni.getByRole('link', { name: new RegExp(word) }).click();
    await uni.getByText('请问能否提供样品测试数据？').waitFor();
    await uni.getByLabel('回复').fill('可以，样品已寄出。');
    await uni.getByRole('button', { name: /发\s*送/ }).click();
    await uni.getByTestId('inquiry-message').nth(1).filter({ hasText: '可以，样品已寄出。' }).waitFor();

    // ---- the enterprise proposes a licence ----
    await buyer.reload();
    await buyer.getByText('可以，样品已寄出。').waitFor();
    await buyer.getByRole('link', { name: '查看挂牌' }).click();
    await buyer.getByRole('tab', { name: '提出交易' }).click();
    await buyer.getByLabel('报价（元）').fill('100000000000000'); // past 2^53 - 1 fen: the Money scalar refuses it
    await buyer.getByRole('button', { name: '提交报价' }).click();
    await buyer.locator('#price_help').filter({ hasText: '报价不能超过 ¥90,071,992,547,409.91（即 2^53 - 1 分' }).waitFor(); // the server's field error, in Chinese, under the price
    await buyer.getByLabel('报价（元）').fill('600000');
    await buyer.getByLabel('许可期限（月）').fill('24');
    await buyer.getByRole('button', { name: '提交报价' }).click();
    await buyer.getByRole('heading', { name: `交易：${title}` }).waitFor();
    await buyer.getByTestId('deal-status').filter({ hasText: '已报价' }).waitFor();
    const terms = await buyer.getByTestId('deal-terms').innerText();
    for (const s of ['许可（普通许可）', '¥600,000.00', '24个月', `萝北石墨深加工有限公司${word}（本机构）`]) expect(terms).to.contain(s);

    // ---- the university accepts ----
    await uni.getByRole('link', { name: '我的交易' }).click();
    await uni.getByRole('heading', { level: 1, name: '我的交易' }).waitFor();
    const dealRow = uni.getByRole('row').filter({ hasText: title });
    await dealRow.getByText('已报价').waitFor();
    expect(await dealRow.innerText()).to.contain('卖方');
    await dealRow.getByRole('link', { name: title }).click();
    await uni.getByRole('button', { name: '接受报价' }).click();
    await uni.getByTestId('deal-status').filter({ hasText: '已接受' }).waitFor();
    await uni.getByText(/已报价 → 已接受/).waitFor(); // the history
    await expectAccessible(uni, 'deal page');
    await screenshot(uni, 'holder-journey-university');

    // ---- the enterprise sees it accepted; paying without Stripe configured says so ----
    await buyer.reload();
    await buyer.getByTestId('deal-status').filter({ hasText: '已接受' }).waitFor();
    await buyer.getByRole('button', { name: /付\s*款/ }).click();
    await buyer.getByRole('alert').filter({ hasText: '本服务器未开通在线支付' }).waitFor();
    await screenshot(buyer, 'holder-journey-enterprise');
  });
});
