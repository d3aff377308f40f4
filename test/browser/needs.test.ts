// Technology needs in a real browser (issue 18): an enterprise posts a need for 石墨负极 (a bad IPC
// prefix is refused next to its field) and publishes it; a university with a published graphite
// anode listing finds the need on /needs and answers it with that listing; the enterprise sees the
// suggestion with its reasons and the answer, then closes the need as found. A hidden owner shows as
// 匿名企业. A signed-in user saves a listing search, sees it listed and deletes it.
import { expect } from 'chai';
import type { Page } from 'playwright-core';
import { sharedStack } from '../helpers/hooks';
import { Client, registerOrg } from '../helpers/client';
import { marker, publishedListing } from '../helpers/listings';
import { openNeed } from '../helpers/needs';
import { expectAccessible, openPage, screenshot, type BrowserSession } from '../helpers/browser';

async function chooseOption(page: Page, label: string, option: string): Promise<void> {
  await page.getByLabel(label, { exact: true }).click();
  await page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: option }).first().click();
}

describe('console: technology needs and saved searches (browser)', function () {
  this.timeout(180_000);
  const sessions: BrowserSession[] = [];
  afterEach(async function () {
    if (this.currentTest?.state === 'failed') for (const [i, s] of sessions.entries()) await screenshot(s.page, `failed-needs-${i}`).catch(() => undefined);
    while (sessions.length) await sessions.pop()!.close();
  });

  it('an enterprise posts a need, a university answers it with its listing, the enterprise sees it', async () => {
    const base = (await sharedStack()).server.url;
    const anon = new Client(base);
    const M = marker();
    const entName = `萝北${M}负极材料有限公司`;
    const uniName = `鹤岗${M}理工学院`;
    const [ent, uni] = await Promise.all([
      registerOrg(anon, 'ENTERPRISE', { county: 'LUOBEI', name: entName }),
      registerOrg(anon, 'UNIVERSITY', { county: 'XIANGYANG', name: uniName }),
    ]);
    const listingTitle = `球形石墨负极材料的包覆方法 ${M}`;
    await publishedListing(uni.client, { title: listingTitle, abstract: '以沥青包覆球形石墨，用作锂离子电池负极材料。', classes: ['H01M 4/587'], industries: ['GRAPHITE'] }, { askingPrice: '800000.00' });

    // ---- the enterprise posts the need; a bad IPC prefix is refused by the server, next to its field ----
    const es = await openPage(base, { token: ent.token });
    sessions.push(es);
    const e = es.page;
    await e.goto('/me/needs');
    await e.getByRole('heading', { name: '我的需求' }).waitFor();
    await e.getByText('还没有发布技术需求。').waitFor();
    await e.getByRole('button', { name: '发布技术需求' }).click();
    await e.getByRole('heading', { name: '发布技术需求' }).waitFor();
    const needTitle = `寻求石墨负极量产技术 ${M}`;
    await e.getByLabel('需求标题').fill(needTitle);
    await e.getByLabel('需求说明').fill('我公司拥有鳞片石墨资源，希望引进球形化与包覆技术，用于动力电池负极材料。');
    await e.getByRole('checkbox', { name: '石墨', exact: true }).check();
    const ipc = e.getByLabel('IPC 分类号');
    await ipc.fill('not-a-class');
    await ipc.press('Enter');
    await e.getByLabel('预算上限（元）').fill('3000000');
    await chooseOption(e, '所在区县', '萝北县');
    const deadline = e.getByLabel('截止日期', { exact: true });
    await deadline.click();
    await deadline.fill('2099-12-31');
    await deadline.press('Enter');
    await e.getByRole('button', { name: '保存并发布' }).click();
    const ipcItem = e.locator('.ant-form-item').filter({ has: e.getByLabel('IPC 分类号') });
    await ipcItem.locator('.ant-form-item-explain-error').waitFor();
    await e.getByRole('alert').filter({ hasText: /./ }).first().waitFor();
    expect(e.url()).to.match(/\/me\/needs\/new$/); // nothing written, still on the form
    await ipc.press('Backspace'); // removes the bad tag
    await ipc.fill('H01M 4/58');
    await ipc.press('Enter');
    await e.getByRole('button', { name: '保存并发布' }).click();
    await e.getByRole('heading', { level: 1, name: needTitle }).waitFor();
    const needId = /\/me\/needs\/([0-9a-f]{24})$/.exec(e.url())?.[1];
    expect(needId).to.be.a('string');
    let facts = await e.getByTestId('need-facts').innerText();
    for (const s of [entName, '征集中', '石墨', 'H01M 4/58', '许可', '不超过 ¥3,000,000.00', '萝北县', '2099年12月31日']) expect(facts).to.contain(s);
    await e.getByText('还没有权利人应答。').waitFor();
    // The university's listing is suggested, with its reasons.
    const suggestion = e.getByTestId('suggestion').filter({ hasText: listingTitle });
    await suggestion.waitFor();
    const suggestionText = await suggestion.innerText();
    expect(suggestionText).to.contain(uniName);
    expect(suggestionText).to.contain('¥800,000.00');
    expect(suggestionText).to.match(/IPC 分类 H01M 4\/58 与 H01M 4\/587 相符/);
    expect(suggestionText).to.contain('可提供：许可');
    expect(suggestionText).to.contain('产业领域：石墨');
    expect(suggestionText).to.contain('在预算内（挂牌价 ¥800,000.00 ≤ 预算上限 ¥3,000,000.00）');

    // ---- the university finds the need on /needs ----
    const us = await openPage(base, { token: uni.token });
    sessions.push(us);
    const u = us.page;
    await u.goto('/needs');
    await u.getByRole('heading', { level: 1, name: '技术需求' }).waitFor();
    await u.getByRole('searchbox', { name: '需求关键词' }).fill(`石墨负极 ${M}`);
    await u.getByRole('button', { name: /检\s*索/ }).click();
    await u.waitForURL(/\/needs\?q=/);
    // The unfiltered first page stays on screen until the search answers: wait for the count to change.
    await u.getByTestId('need-count').filter({ hasText: /^共 1 条需求$/ }).waitFor();
    const hit = u.getByTestId('need-hit').filter({ hasText: needTitle });
    await hit.waitFor();
    expect(await u.getByTestId('need-hit').count()).to.equal(1);
    const hitText = await hit.innerText();
    for (const s of [entName, '萝北县', '2099年12月31日', '不超过 ¥3,000,000.00', '石墨', '许可']) expect(hitText).to.contain(s);
    expect(await u.getByRole('checkbox', { name: '石墨（1）' }).count()).to.equal(1); // facet counts over the result
    await expectAccessible(u, 'needs search');
    await hit.getByRole('link', { name: needTitle }).click();

    // ---- the need's page: facts, then the answer with the listing ----
    await u.getByRole('heading', { level: 1, name: needTitle }).waitFor();
    facts = await u.getByTestId('need-facts').innerText();
    for (const s of [entName, '征集中', 'H01M 4/58', '2099年12月31日']) expect(facts).to.contain(s);
    await expectAccessible(u, 'need page');
    await chooseOption(u, '用于应答的挂牌', listingTitle);
    await u.getByLabel('应答留言').fill('我院的沥青包覆球形石墨技术可满足贵公司的负极需求。');
    await u.getByRole('button', { name: '用此挂牌应答' }).click();
    await u.waitForURL(/\/me\/inquiries\/[0-9a-f]{24}$/);
    await u.getByText('我院的沥青包覆球形石墨技术可满足贵公司的负极需求。').first().waitFor();
    await u.goto(`/needs/${needId}`);
    expect(await u.getByTestId('my-answers').innerText()).to.contain(listingTitle);

    // ---- the enterprise sees the answer, then closes the need as found ----
    await e.reload();
    const answer = e.getByTestId('need-answer').filter({ hasText: listingTitle });
    await answer.waitFor();
    const answerText = await answer.innerText();
    for (const s of [uniName, '许可', '¥800,000.00', '我院的沥青包覆球形石墨技术可满足贵公司的负极需求。']) expect(answerText).to.contain(s);
    await e.getByRole('heading', { name: '收到的应答（1）' }).waitFor();
    await e.getByRole('button', { name: '关闭需求' }).click();
    await e.getByRole('radio', { name: '已找到技术' }).check();
    await e.getByRole('button', { name: '确认关闭' }).click();
    await e.getByTestId('need-facts').getByText('已关闭（已找到技术）').waitFor();
    await screenshot(e, 'needs-journey');
    await e.goto('/me/needs');
    expect(await e.getByRole('row').filter({ hasText: needTitle }).innerText()).to.contain('已关闭（已找到技术）');
  });

  it('a hidden owner is shown as 匿名企业 to visitors', async () => {
    const base = (await sharedStack()).server.url;
    const M = marker();
    const owner = await registerOrg(new Client(base), 'ENTERPRISE', { name: `隐名${M}科技有限公司` });
    const need = await openNeed(owner.client, { title: `匿名的石墨负极需求 ${M}`, hideName: true });
    const s = await openPage(base);
    sessions.push(s);
    await s.page.goto(`/needs/${need.id}`);
    await s.page.getByRole('heading', { level: 1, name: `匿名的石墨负极需求 ${M}` }).waitFor();
    const facts = await s.page.getByTestId('need-facts').innerText();
    expect(facts).to.contain('匿名企业');
    expect(facts).not.to.contain(`隐名${M}`);
    await s.page.getByRole('link', { name: '登录' }).first().waitFor(); // a visitor is asked to sign in to answer
    await s.page.goto('/needs/000000000000000000000000');
    await s.page.getByText('该需求不存在、尚未发布或已关闭。').waitFor();
  });

  it('a signed-in user saves the listing search, sees it listed and deletes it', async () => {
    const base = (await sharedStack()).server.url;
    const M = marker();
    const user = await registerOrg(new Client(base), 'ENTERPRISE');
    const s = await openPage(base, { token: user.token });
    sessions.push(s);
    const p = s.page;
    await p.goto('/me/saved-searches');
    await p.getByText('还没有保存的检索。').waitFor();
    await p.goto(`/search?q=${encodeURIComponent('石墨负极')}&industries=GRAPHITE`);
    await p.getByRole('button', { name: '保存检索' }).click();
    const name = p.getByLabel('名称');
    await name.fill(`负极订阅 ${M}`);
    await p.getByRole('button', { name: /保\s*存/ }).last().click();
    await p.getByText(`已保存检索“负极订阅 ${M}”`).waitFor();
    await p.goto('/me/saved-searches');
    const row = p.getByRole('row').filter({ hasText: `负极订阅 ${M}` });
    await row.waitFor();
    expect(await row.innerText()).to.contain('关键词“石墨负极”；石墨');
    await expectAccessible(p, 'saved searches');
    await row.getByRole('link', { name: `负极订阅 ${M}` }).click();
    await p.waitForURL(/\/search\?q=.*industries=GRAPHITE/);
    await p.goBack();
    await p.getByRole('row').filter({ hasText: `负极订阅 ${M}` }).getByRole('button', { name: /删\s*除/ }).click();
    await p.locator('.ant-popconfirm').getByRole('button', { name: /删\s*除/ }).click();
    await p.getByText('还没有保存的检索。').waitFor();
  });
});
