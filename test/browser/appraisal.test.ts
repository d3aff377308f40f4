// An appraiser (资产评估机构) signs in, opens the valuation request naming it, confirms a report with a
// value per asset; the bank's application page then judges on the confirmed value, and the holder's
// pledge page shows the report (issue 16, point 5). Real server and database.
import { expect } from 'chai';
import { world, type World } from '../helpers/financing';
import { appraisalWorld, type AppraisalWorld } from '../helpers/appraisal';
import { chooseOption, expectAccessible, openPage, screenshot, signInThroughForm, type BrowserSession } from '../helpers/browser';

describe('console: valuation by an appraiser (browser)', function () {
  this.timeout(180_000);
  let w: World;
  let aw: AppraisalWorld;
  let numbers: string[];
  let session: BrowserSession | undefined;
  const reportNumber = `鹤评报字[2026]第${Math.floor(Math.random() * 1_000_000)}号`;

  before(async () => {
    w = await world();
    aw = await appraisalWorld(w);
    numbers = await Promise.all(aw.assetIds.map(async (id) => (await aw.owner.client.ok(`query($id: ID!) { ipAsset(id: $id) { number } }`, { id })).ipAsset.number as string));
  });

  afterEach(async function () {
    if (this.currentTest?.state === 'failed' && session) await screenshot(session.page, `failed-appraisal-${this.currentTest.title.slice(0, 20)}`);
    await session?.close();
    session = undefined;
  });

  it('the appraiser signs in, opens the request and confirms a report with a value per asset', async () => {
    session = await openPage(w.anon.baseUrl);
    const { page } = session;
    await signInThroughForm(page, aw.appraiser.email, 'correct-horse-battery');
    await page.waitForURL('**/appraiser');
    const row = page.getByTestId('valuation-requests').getByRole('row').filter({ hasText: numbers[0]! });
    await row.waitFor();
    expect(await row.innerText()).to.contain('待确认');
    expect(await row.innerText()).to.contain('¥8,000,000.00'); // the applicant's own figure
    await expectAccessible(page, 'valuation requests');
    await row.getByRole('link').first().click();
    await page.waitForURL(`**/appraiser/requests/${aw.applicationId}`);
    expect(await page.getByTestId('valuation-panel').innerText()).to.contain('未经评估机构确认');
    await expectAccessible(page, 'confirm valuation report form');

    await page.getByLabel('评估报告编号').fill(reportNumber);
    await chooseOption(page, '评估方法', '市场法');
    await page.getByLabel(new RegExp(numbers[0]!.replace('.', '\\.'))).fill('2000000');
    await page.getByLabel(new RegExp(numbers[1]!.replace('.', '\\.'))).fill('3,000,000.00');
    await page.getByRole('button', { name: '确认评估报告' }).click();
    await page.getByTestId('confirmed-value').filter({ hasText: '¥5,000,000.00' }).waitFor();
    expect(await page.getByTestId('report-number').innerText()).to.equal(reportNumber);
    expect(await page.getByTestId('valuation-panel').innerText()).to.contain('市场法');
    expect(await page.getByRole('button', { name: '确认评估报告' }).count(), 'confirmed once: no form any more').to.equal(0);
  });

  it('the bank’s application page judges on the confirmed value; the holder sees the report', async () => {
    session = await openPage(w.anon.baseUrl, { token: aw.bp.bank.token });
    let { page } = session;
    await page.goto(`/bank/applications/${aw.applicationId}`);
    await page.getByTestId('confirmed-value').filter({ hasText: '¥5,000,000.00' }).waitFor();
    expect(await page.getByTestId('report-number').innerText()).to.equal(reportNumber);
    expect(await page.getByTestId('dd-valuation').innerText()).to.equal('¥5,000,000.00');
    // 3,000,000 / 5,000,000 = 60%, above the product's 50%; the valuation itself raises no flag.
    const flags = (await page.getByTestId('risk-flag').allInnerTexts()).map((f) => f.replace(/\s+/g, ''));
    expect(flags).to.deep.equal(['存在质押率超过产品上限']);
    await expectAccessible(page, 'bank application page with a confirmed valuation');
    await session.close();

    session = await openPage(w.anon.baseUrl, { token: aw.owner.token });
    page = session.page;
    await page.goto(`/me/pledges/${aw.applicationId}`);
    await page.getByTestId('confirmed-value').filter({ hasText: '¥5,000,000.00' }).waitFor();
    expect(await page.getByTestId('valuation-panel').innerText()).to.contain('评估机构已确认');
  });
});
