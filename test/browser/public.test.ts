// The public pages in a real browser: search (text, facets, sort, paging) and a listing's page,
// against the real server and database; accessibility checked with axe-core.
import { expect } from 'chai';
import { sharedStack } from '../helpers/hooks';
import { Client, registerOrg } from '../helpers/client';
import { marker, patentNumber, publishedListing } from '../helpers/listings';
import { expectAccessible, openPage, screenshot, type BrowserSession } from '../helpers/browser';

describe('console: public pages (browser)', function () {
  this.timeout(120_000);
  let base: string;
  let session: BrowserSession | undefined;
  const word = marker();
  const listings: any[] = [];

  before(async () => {
    const stack = await sharedStack();
    base = stack.server.url;
    const uni = await registerOrg(new Client(base), 'UNIVERSITY', { name: '鹤岗测试大学', county: 'XINGSHAN' });
    // 12 listings with the marker: 11 invention patents, 1 utility model; one page shows 10.
    for (let i = 0; i < 12; i++) {
      const kind = i === 0 ? 'UTILITY_MODEL' : 'INVENTION_PATENT';
      listings.push(
        await publishedListing(
          uni.client,
          { kind, number: patentNumber(kind === 'UTILITY_MODEL' ? '2' : '1', 2021), title: `石墨烯导热膜制备方法 ${word} 第${i + 1}号`, ...(kind === 'UTILITY_MODEL' ? { grantDate: '2022-01-10' } : {}) },
          { askingPrice: `${1200000 + i * 1000}.00`, modes: ['LICENSE', 'TRANSFER'], licenseTypes: ['NON_EXCLUSIVE', 'EXCLUSIVE'] },
        ),
      );
    }
  });

  afterEach(async () => {
    await session?.close();
    session = undefined;
  });

  it('searching shows hits with title, number and holder, facet counts, and pages through them', async () => {
    session = await openPage(base);
    const { page } = session;
    await page.goto('/search');
    await page.getByRole('searchbox', { name: '检索关键词' }).fill(word);
    await page.getByRole('button', { name: /检\s*索/ }).click();
    await page.getByTestId('result-count').filter({ hasText: '共 12 条结果' }).waitFor();
    expect(new URL(page.url()).searchParams.get('q')).to.equal(word);
    const hits = page.getByTestId('search-hit');
    expect(await hits.count()).to.equal(10);
    const first = await hits.first().innerText();
    expect(first).to.contain(word);
    expect(first).to.contain('鹤岗测试大学');
    expect(first).to.match(/号码 2021[12]\d{7}\.[\dX]/);
    expect(first).to.match(/¥1,2\d\d,000\.00/);
    // facet counts over the whole result, not only the page
    await page.getByRole('checkbox', { name: '发明专利（11）' }).waitFor();
    await page.getByRole('checkbox', { name: '实用新型（1）' }).waitFor();
    await page.getByRole('checkbox', { name: '兴山区（12）' }).waitFor();
    // next page: the last 2
    await page.getByRole('button', { name: '下一页' }).click();
    await page.getByText('第 2 页').waitFor();
    for (let i = 0; i < 100 && (await hits.count()) !== 2; i++) await page.waitForTimeout(100); // the second page replaces the first
    expect(await hits.count()).to.equal(2);
    await page.getByRole('button', { name: '上一页' }).click();
    await page.getByText('第 1 页').waitFor();
    // a facet narrows the result
    await page.getByRole('checkbox', { name: '实用新型（1）' }).click();
    await page.getByTestId('result-count').filter({ hasText: '共 1 条结果' }).waitFor();
    expect(new URL(page.url()).searchParams.get('kinds')).to.equal('UTILITY_MODEL');
    await expectAccessible(page, 'search page');
    await screenshot(page, 'public-search');
  });

  it('an empty result says so', async () => {
    session = await openPage(base);
    const { page } = session;
    await page.goto(`/search?q=${marker()}`);
    await page.getByText('没有符合条件的挂牌').waitFor();
    expect(await page.getByTestId('result-count').innerText()).to.equal('共 0 条结果');
  });

  it("a listing's page shows the right's facts, the holder, the modes and terms", async () => {
    session = await openPage(base);
    const { page } = session;
    const l = listings[1];
    await page.goto(`/listings/${l.id}`);
    await page.getByRole('heading', { level: 1, name: l.asset.title }).waitFor();
    const facts = await page.getByTestId('asset-facts').innerText();
    expect(facts).to.contain(l.asset.number);
    expect(facts).to.contain('发明专利');
    expect(facts).to.contain('C01B 32/215');
    expect(facts).to.contain('2040年3月15日'); // filed 2020-03-15, twenty years
    expect(facts).to.contain('有效');
    expect(facts).to.contain('已核验');
    expect(facts).to.contain('无有效质押登记');
    expect(await page.getByTestId('holder').innerText()).to.contain('鹤岗测试大学');
    const terms = await page.getByTestId('terms').innerText();
    expect(terms).to.contain('许可');
    expect(terms).to.contain('转让');
    expect(terms).to.contain('普通许可、独占许可');
    expect(terms).to.contain('¥1,201,000.00');
    await expectAccessible(page, 'listing page');
    await screenshot(page, 'public-listing');
  });

  it('a missing listing and an unknown page say so; the API paths are not shadowed', async () => {
    session = await openPage(base);
    const { page } = session;
    await page.goto('/listings/000000000000000000000000');
    await page.getByText('该挂牌不存在或未公开').waitFor();
    await page.goto('/no/such/page');
    await page.getByText('页面不存在').waitFor();
    const health = await fetch(`${base}/healthz`, { headers: { accept: 'text/html' } });
    expect(await health.json()).to.deep.equal({ status: 'ok' });
    const unknownApi = await fetch(`${base}/nope`);
    expect(unknownApi.status).to.equal(404);
    expect(unknownApi.headers.get('content-type')).to.match(/json/);
  });

  it('the sign-in page is accessible and shows a wrong password', async () => {
    session = await openPage(base);
    const { page } = session;
    await page.goto('/login');
    await expectAccessible(page, 'sign-in page');
    await page.getByLabel('邮箱').fill('nobody@example.cn');
    await page.getByLabel('密码').fill('wrong-password-123');
    await page.getByRole('button', { name: /登\s*录/ }).click();
    await page.getByRole('alert').filter({ hasText: '邮箱或密码不正确' }).waitFor();
  });
});
