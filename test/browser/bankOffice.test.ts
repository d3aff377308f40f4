// A bank reviews a pledge application in the console (a credit officer starts the review, an
// approver approves: four-eyes) and records the registration; then the city IP office sees the
// pledge-financing indicator move on its dashboard and downloads the CSV. Real server and database.
import fs from 'node:fs';
import { expect } from 'chai';
import { addMember, registerOrg, registerVerified, type Registered } from '../helpers/client';
import { apply, CREATE_PRODUCT, DEFAULT_PRODUCT, createAsset, enterprise, uniqueRegistrationNumber, world, type World } from '../helpers/financing';
import { expectAccessible, openPage, screenshot, submitForm, type BrowserSession } from '../helpers/browser';
import { todayInShanghai } from '../../services/rules/calendar';

const PLEDGE = 'PLEDGE_FINANCING_REGISTERED_AMOUNT';
const INDICATORS = `query($year: Int!, $county: County) { planIndicators(year: $year, county: $county) { code name value source } }`;

describe('console: bank and city IP office (browser)', function () {
  this.timeout(180_000);
  let w: World;
  let base: string;
  let bank: Registered;
  let officer: { token: string; email: string };
  let applicationId: string;
  let applicantName: string;
  const year = Math.min(Math.max(Number(todayInShanghai().slice(0, 4)), 2020), 2030);
  let pledgeBefore: number;
  let registrationNumber: string;
  let session: BrowserSession | undefined;

  const pledgeValue = async (county: string | null = null): Promise<{ value: number; source: string; name: string }> =>
    (await w.regulator.ok(INDICATORS, { year, county })).planIndicators.find((i: { code: string }) => i.code === PLEDGE);

  before(async () => {
    w = await world();
    base = w.anon.baseUrl;
    bank = await registerVerified(w.anon, w.regulator, 'BANK');
    officer = await addMember(bank, 'CREDIT_OFFICER');
    const productId = (await bank.client.ok(CREATE_PRODUCT, { input: { ...DEFAULT_PRODUCT, name: '鹤岗石墨知识产权质押贷' } })).createLoanProduct.id;
    const owner = await enterprise(w, 'LUOBEI');
    applicantName = (await owner.client.ok(`{ me { organization { name } } }`)).me.organization.name;
    const asset = await createAsset(owner.client);
    // No valuation: the due diligence flags NO_VALUATION (shown in words), which does not stop a registration.
    applicationId = await apply(owner, productId, [asset], { requestedAmount: '3000000.00', termMonths: 12, valuation: null });
  });

  afterEach(async function () {
    if (this.currentTest?.state === 'failed' && session) await screenshot(session.page, `failed-bank-office-${this.currentTest.title.slice(0, 20)}`);
    await session?.close();
    session = undefined;
  });

  it('a credit officer starts the review; an approver approves and records the registration', async () => {
    pledgeBefore = (await pledgeValue()).value;
    // The credit officer: the queue, then the application.
    session = await openPage(base, { token: officer.token });
    let { page } = session;
    await page.goto('/bank');
    const row = page.getByTestId('application-queue').getByRole('row').filter({ hasText: applicantName });
    await row.waitFor();
    expect(await row.innerText()).to.contain('¥3,000,000.00');
    expect(await row.innerText()).to.contain('已提交');
    await expectAccessible(page, 'bank application queue');
    await row.getByRole('link', { name: applicantName }).click();
    await page.waitForURL(`**/bank/applications/${applicationId}`);
    await page.getByTestId('application-status').filter({ hasText: '已提交' }).waitFor();
    expect(await page.getByTestId('my-role').innerText()).to.equal('信贷员');
    const flags = await page.getByTestId('risk-flag').allInnerTexts();
    expect(flags.map((f) => f.replace(/\s+/g, ''))).to.deep.equal(['存在缺少评估报告']);
    expect(await page.getByTestId('risk-flags').innerText()).to.contain('权利已被质押'); // every flag is listed, absent ones as 未发现
    await page.getByLabel('理由 / 审查意见').fill('材料齐全，受理审查');
    await page.getByRole('button', { name: '受理审查' }).click();
    await page.getByTestId('application-status').filter({ hasText: '审查中' }).waitFor();
    expect(await page.getByRole('button', { name: /批\s*准/ }).isDisabled(), 'a credit officer cannot approve').to.equal(true);
    await expectAccessible(page, 'bank application page');
    await session.close();

    // The approver approves, then records the CNIPA registration.
    session = await openPage(base, { token: bank.approver!.token! });
    page = session.page;
    await page.goto(`/bank/applications/${applicationId}`);
    await page.getByTestId('application-status').filter({ hasText: '审查中' }).waitFor();
    expect(await page.getByTestId('my-role').innerText()).to.equal('审批人');
    expect(await page.getByText('受理审查人：CREDIT_OFFICER member').count()).to.equal(1);
    await page.getByLabel('理由 / 审查意见').fill('估值待补，风险可控，同意');
    await page.getByRole('button', { name: /批\s*准/ }).click();
    await page.getByTestId('application-status').filter({ hasText: '已批准' }).waitFor();
    // A registration number the server refuses: the error shows next to the field.
    await page.getByLabel('质押登记号').fill('登记号 123');
    await page.getByRole('button', { name: '记录质押登记' }).click();
    await page.getByText('质押登记号必须是国家知识产权局的质押登记号，例如 Y2024980001234').first().waitFor(); // the server's field error, in Chinese
    registrationNumber = uniqueRegistrationNumber(year);
    await page.getByLabel('质押登记号').fill(registrationNumber);
    expect(await page.getByLabel('被担保债权数额（元）').inputValue()).to.equal('3000000.00');
    await page.getByRole('button', { name: '记录质押登记' }).click();
    await page.getByTestId('application-status').filter({ hasText: '已登记' }).waitFor();
    const reg = await page.getByTestId('registration').innerText();
    expect(reg).to.contain(registrationNumber);
    expect(reg).to.contain('质押中');
    expect(reg).to.contain('¥3,000,000.00');
    const history = await page.getByTestId('history-entry').allInnerTexts();
    expect(history).to.have.length(4);
    expect(history[1]).to.match(/已提交 → 审查中 · CREDIT_OFFICER member · 理由：材料齐全，受理审查$/);
    expect(history[2]).to.match(/审查中 → 已批准 · APPROVER member · 理由：估值待补，风险可控，同意$/);
    expect(history[3]).to.contain(`已批准 → 已登记 · APPROVER member · 理由：国家知识产权局质押登记号 ${registrationNumber}`);
    expect(await page.getByText('您无权执行此操作').count(), 'no error shown').to.equal(0);
    await screenshot(page, 'bank-review-and-registration');
  });

  it('the city IP office sees the pledge-financing indicator move and downloads the CSV', async () => {
    expect(registrationNumber, 'the bank journey ran first').to.be.a('string');
    const after = await pledgeValue();
    expect(after.value - pledgeBefore).to.be.closeTo(0.03, 1e-9); // 3,000,000 yuan = 0.03 亿元
    session = await openPage(base, { token: w.regulator.token! });
    const { page } = session;
    await page.goto(`/office?year=${year}`);
    const card = page.getByTestId(`indicator-${PLEDGE}`);
    await card.waitFor();
    expect(await card.getByRole('heading').innerText()).to.equal('知识产权质押融资登记金额（亿元）');
    const shown = new Intl.NumberFormat('zh-CN', { maximumFractionDigits: 4 }).format(after.value);
    await card.getByTestId('indicator-value').filter({ hasText: new RegExp(`^${shown.replace('.', '\\.')}$`) }).waitFor();
    expect(await card.innerText()).to.match(/基期（2020年）\s*0/);
    expect(await card.innerText()).to.match(/目标（2025年）\s*0\.3/);
    expect(await card.getByTestId('indicator-source').innerText()).to.be.oneOf(['平台记录', '估算', '官方统计']);
    expect(await card.locator('[role="img"] svg').count(), 'the ECharts SVG chart').to.equal(1);
    for (const name of ['每万人口发明专利拥有量（件）', '有效注册商标数量（件）', '知识产权优势企业数量（家）', '高价值发明专利拥有量（件）']) {
      await page.getByRole('heading', { name }).waitFor();
    }
    // The county breakdown: the applicant is in 萝北县.
    const luobei = await pledgeValue('LUOBEI');
    const breakdown = page.getByTestId('county-breakdown').getByRole('row').filter({ hasText: '知识产权质押融资登记金额（亿元）' });
    expect(await breakdown.innerText()).to.contain(new Intl.NumberFormat('zh-CN', { maximumFractionDigits: 4 }).format(luobei.value));
    await expectAccessible(page, 'office dashboard');
    // The CSV, as downloaded by the browser.
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: '下载 CSV' }).click()]);
    expect(download.suggestedFilename()).to.equal(`plan-indicators-${year}-CITY.csv`);
    const csv = fs.readFileSync((await download.path())!, 'utf8');
    expect(csv.charCodeAt(0)).to.equal(0xfeff);
    const lines = csv.slice(1).trim().split('\r\n');
    expect(lines[0]).to.contain('指标名称 Name');
    const pledgeRow = lines.find((l) => l.startsWith(`${PLEDGE},`))!;
    const cells = pledgeRow.split(',');
    expect(cells[1]).to.equal('知识产权质押融资登记金额（亿元）');
    expect(cells[5]).to.equal(String(year));
    expect(Number(cells[7])).to.be.closeTo(after.value, 1e-9);
    expect(lines).to.have.length(6); // the header and the plan's five indicators
    // The SVG picture of the same figures.
    const [svgDownload] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: '下载 SVG 图' }).click()]);
    expect(svgDownload.suggestedFilename()).to.equal(`plan-indicators-${year}-CITY.svg`);
    const svg = fs.readFileSync((await svgDownload.path())!, 'utf8');
    expect(svg).to.match(/<svg[\s>]/);
    expect(svg).to.contain('知识产权质押融资登记金额');
    await screenshot(page, 'office-dashboard');
  });

  it('the office verifies an organization and revokes it with a reason; enters an official statistic with field errors', async () => {
    const name = `新注册保险公司${Date.now() % 1_000_000}`;
    const org = await registerOrg(w.anon, 'INSURER', { name, county: 'SUIBIN' });
    session = await openPage(base, { token: w.regulator.token! });
    const { page } = session;
    await page.goto(`/office/organizations?q=${encodeURIComponent(name)}`);
    const row = page.locator('tbody tr').filter({ hasText: name });
    await row.waitFor();
    expect(await row.innerText()).to.match(/保险公司[\s\S]*绥滨县[\s\S]*待核验/);
    expect(await page.getByTestId('org-count').innerText()).to.equal('共 1 家');
    await expectAccessible(page, 'office organizations');
    await row.getByRole('button', { name: '核验通过' }).click();
    // It leaves the "pending" list; under 全部 it shows as verified.
    await page.getByText('没有待核验的机构').waitFor();
    await page.getByText('全部', { exact: true }).click();
    await row.filter({ hasText: '已核验' }).waitFor();
    expect((await w.regulator.ok(`query($id: ID!) { organization(id: $id) { verified } }`, { id: org.orgId })).organization.verified).to.equal(true);
    await row.getByRole('button', { name: '撤销核验' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('button', { name: '撤销核验' }).click();
    await dialog.getByText('请填写撤销理由').waitFor();
    await dialog.getByLabel('理由').fill('营业执照已注销');
    await dialog.getByRole('button', { name: '撤销核验' }).click();
    await row.filter({ hasText: '待核验' }).waitFor();
    expect((await w.regulator.ok(`query($id: ID!) { organization(id: $id) { verified } }`, { id: org.orgId })).organization.verified).to.equal(false);

    // Official statistics: a fractional trademark count is refused next to the field; a whole one is recorded, then withdrawn.
    await page.getByRole('menuitem', { name: '统计数据录入' }).click();
    await page.waitForURL('**/office/statistics');
    // The statistics form itself (not "the first form on the page", which a dialog left in the DOM could be).
    const form = page.locator('form').filter({ has: page.getByLabel('数值（按规划单位）') });
    await form.getByLabel('指标').click();
    await page.getByTitle('有效注册商标数量（件）').click();
    await form.getByLabel('年度').fill('2030');
    await form.getByLabel('区域').click();
    await page.getByTitle('绥滨县').first().click();
    await form.getByLabel('数值（按规划单位）').fill('12.5');
    await submitForm(form, /^录\s*入$/);
    await form.getByText('数值必须是整数（有效注册商标数量（件）按整数计）').waitFor();
    await form.getByLabel('数值（按规划单位）').fill('321');
    await submitForm(form, /^录\s*入$/);
    await page.getByText('已录入：有效注册商标数量（件） 2030年 = 321（官方统计）').waitFor();
    await form.getByLabel('撤回理由（仅撤回时）').fill('录入错误');
    await form.getByRole('button', { name: '撤回该项官方统计' }).click();
    await page.getByText(/已撤回官方统计，现为：[\d,.]+（(平台记录|估算)）/).waitFor();
    await expectAccessible(page, 'office statistics');
    await screenshot(page, 'office-statistics');
  });

  it('the bank lists its products and publishes one; a server field error shows next to the field', async () => {
    session = await openPage(base, { token: bank.token });
    const { page } = session;
    await page.goto('/bank/products');
    await page.locator('tbody tr').filter({ hasText: '鹤岗石墨知识产权质押贷' }).waitFor();
    expect(await page.locator('tbody tr').filter({ hasText: '鹤岗石墨知识产权质押贷' }).innerText()).to.match(/¥10,000,000\.00[\s\S]*50%[\s\S]*36个月[\s\S]*3\.85%[\s\S]*发明专利、实用新型/);
    await expectAccessible(page, 'bank products');
    await page.getByLabel('产品名称').fill('科技型企业专利质押贷');
    await page.getByLabel('最高贷款额（元）').fill('5,000,000');
    await page.getByLabel('最长期限（月）').fill('999');
    await page.getByRole('button', { name: '发布产品' }).click();
    const termError = page.locator('.ant-form-item').filter({ has: page.getByLabel('最长期限（月）') }).locator('.ant-form-item-explain-error');
    await termError.waitFor();
    expect(await termError.innerText()).to.equal('最长期限（月）必须是 1 到 120 之间的整数');
    await page.getByLabel('最长期限（月）').fill('24');
    await page.getByRole('button', { name: '发布产品' }).click();
    const created = page.locator('tbody tr').filter({ hasText: '科技型企业专利质押贷' });
    await created.waitFor();
    expect(await created.innerText()).to.match(/¥5,000,000\.00[\s\S]*50%[\s\S]*24个月/);
    await screenshot(page, 'bank-products');
  });
});
