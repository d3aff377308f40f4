// The loan screens (issue 16) in a real browser: the bank records the loan contract on an approved
// application (first with a principal above the approved amount: the server's field error under the
// field, in Chinese), the disbursement and a repayment, and sees the schedule with the paid amount;
// the borrower sees the loan and what is due; the city IP office sees the year's financing summary
// with the loan counted, downloads its CSV and sets the risk-sharing scheme. Real server and database.
import fs from 'node:fs';
import { expect } from 'chai';
import { apply, approveToday, bankWithProduct, createAsset, enterprise, REGISTER, todayRegistrationInput, world, type BankWithProduct, type World } from '../helpers/financing';
import type { Registered } from '../helpers/client';
import { marker } from '../helpers/listings';
import { chooseOption, expectAccessible, openPage, screenshot, type BrowserSession } from '../helpers/browser';
import { LOAN, runMonitorScript } from '../helpers/loans';
import { sharedStack } from '../helpers/hooks';
import { addMonths, todayInShanghai } from '../../services/rules/calendar';

const SUMMARY = `query($year: Int!, $county: County) {
  financingSummary(year: $year, county: $county) { loansGranted amountGranted repaid subsidyDue }
}`;
/** "1200000.00" -> "¥1,200,000.00", as web/src/format.ts shows money. */
const yuan = (m: string) => `¥${m.replace(/\.\d+$/, '').replace(/\B(?=(\d{3})+(?!\d))/g, ',')}.${m.split('.')[1] ?? '00'}`;

describe('console: loans after approval (browser)', function () {
  this.timeout(180_000);
  let w: World;
  let bp: BankWithProduct;
  let owner: Registered;
  let applicationId: string;
  let loanId: string;
  let contractNumber: string;
  let repaid: string;
  const today = todayInShanghai();
  const year = Number(today.slice(0, 4));
  let summaryBefore: { loansGranted: number; amountGranted: string; repaid: string };
  let session: BrowserSession | undefined;

  before(async () => {
    w = await world();
    bp = await bankWithProduct(w, { name: `知识产权质押贷${marker()}` });
    owner = await enterprise(w, 'SUIBIN');
    const asset = await createAsset(owner.client);
    applicationId = await apply(owner, bp.productId, [asset], { requestedAmount: '1200000.00', termMonths: 6 });
    await approveToday(bp.bank, applicationId);
    summaryBefore = (await w.regulator.ok(SUMMARY, { year, county: 'SUIBIN' })).financingSummary;
    contractNumber = `HT-${marker()}`;
  });

  afterEach(async function () {
    if (this.currentTest?.state === 'failed' && session) await screenshot(session.page, `failed-loans-${this.currentTest.title.slice(0, 20)}`).catch(() => undefined);
    await session?.close();
    session = undefined;
  });

  it('the bank records the contract (a field error first), the disbursement and a repayment, and sees the schedule', async () => {
    session = await openPage(w.anon.baseUrl, { token: bp.bank.token });
    const { page } = session;
    await page.goto(`/bank/applications/${applicationId}`);
    await page.getByTestId('application-status').filter({ hasText: '已批准' }).waitFor();
    await page.getByRole('heading', { name: '贷款合同' }).waitFor();
    await expectAccessible(page, 'application page with the contract form');
    await page.getByLabel('合同编号').fill(contractNumber);
    await page.getByLabel('贷款本金（元）').fill('1,200,000.01');
    await page.getByLabel('年利率（%）').fill('4.35');
    await page.getByRole('button', { name: '记录贷款合同' }).click();
    // The server's field error, in Chinese, under the principal.
    const principalItem = page.locator('.ant-form-item').filter({ has: page.getByLabel('贷款本金（元）') });
    await principalItem.locator('.ant-form-item-explain-error').filter({ hasText: '贷款本金不能超过 ¥1,200,000.00' }).waitFor();
    expect(await page.getByTestId('application-loan').count(), 'nothing recorded').to.equal(0);
    await page.getByLabel('贷款本金（元）').fill('1200000');
    await page.getByRole('button', { name: '记录贷款合同' }).click();
    await page.waitForURL('**/bank/loans/*');
    loanId = page.url().split('/').pop()!;
    await page.getByTestId('loan-status').filter({ hasText: '已签约待放款' }).waitFor();
    const summary = await page.getByTestId('loan-summary').innerText();
    expect(summary).to.contain(contractNumber);
    expect(summary).to.contain('4.35%');
    expect(summary).to.contain('等额本息');
    expect(summary).to.contain('¥1,200,000.00');
    expect(await page.getByText('放款后按实际放款日生成还款计划。').count()).to.equal(1);
    await expectAccessible(page, 'contracted loan page');
    const stored = (await bp.bank.client.ok(LOAN, { id: loanId })).loan;
    expect(stored).to.include({ annualRateBps: 435, principal: '1200000.00', termMonths: 6, repaymentMethod: 'EQUAL_INSTALMENTS', signedOn: today, status: 'CONTRACTED' });

    // The CNIPA registration (after the contract), through the API; then the disbursement in the console.
    await bp.bank.client.ok(REGISTER, { input: todayRegistrationInput(applicationId, { securedAmount: '1200000.00' }) });
    await page.reload();
    expect(await page.getByLabel('放款金额（元）').inputValue()).to.equal('1200000.00');
    await page.getByRole('button', { name: '记录放款' }).click();
    await page.getByTestId('loan-status').filter({ hasText: '正常' }).waitFor();
    const disbursed = (await bp.bank.client.ok(LOAN, { id: loanId })).loan;
    expect(disbursed.schedule).to.have.length(6);
    const rows = page.getByTestId('loan-schedule').locator('tbody tr.ant-table-row');
    await rows.first().waitFor();
    expect(await rows.count()).to.equal(6);
    const first = disbursed.schedule[0];
    const firstRow = (await rows.first().innerText()).replace(/\s+/g, ' ');
    for (const m of [first.principal, first.interest, first.total]) expect(firstRow).to.contain(yuan(m));
    expect(firstRow).to.contain('¥0.00'); // nothing paid yet

    // A repayment of the first instalment.
    repaid = first.total;
    await page.getByLabel('还款金额（元）').fill(repaid);
    await page.getByLabel('凭证号（可选）').fill('TX-浏览器-1');
    await page.getByRole('button', { name: '记录还款' }).click();
    await page.getByTestId('loan-repaid').filter({ hasText: yuan(repaid) }).waitFor();
    const paidRow = (await rows.first().innerText()).replace(/\s+/g, ' ');
    expect(paidRow.match(new RegExp(yuan(repaid).replace(/[$.]/g, '\\$&'), 'g'))).to.have.length(2); // total and paid
    expect(await page.getByTestId('loan-repayments').innerText()).to.contain('TX-浏览器-1');
    const outstanding = (await bp.bank.client.ok(LOAN, { id: loanId })).loan.outstanding as string;
    expect(await page.getByLabel('结清金额（元）').inputValue(), 'the payoff follows the repayment').to.equal(outstanding);
    expect(await page.getByTestId('loan-next-due').innerText()).to.contain(yuan(disbursed.schedule[1].total));
    const history = await page.getByTestId('loan-history-entry').allInnerTexts();
    expect(history).to.have.length(2);
    expect(history[1]).to.contain('已签约待放款 → 正常');
    expect(history[0]).to.contain(`合同 ${contractNumber} 于`); // the server's reason, in Chinese
    expect(history[1]).to.contain('放款 ¥1,200,000.00');
    const after = (await bp.bank.client.ok(LOAN, { id: loanId })).loan;
    expect(after).to.include({ repaidTotal: repaid, status: 'CURRENT' });
    expect(after.schedule[0].paid).to.equal(repaid);
    expect(after.repayments).to.have.length(1);
    await expectAccessible(page, 'loan page');
    await screenshot(page, 'bank-loan');

    // The loans list, filtered by status.
    await page.goto('/bank/loans?status=CURRENT');
    const row = page.getByTestId('loan-list').locator('tr.ant-table-row').filter({ hasText: contractNumber });
    await row.waitFor();
    expect(await row.innerText()).to.contain('正常');
    await expectAccessible(page, 'bank loans list');
    await page.goto('/bank/loans?status=SETTLED');
    await page.getByText('没有“已结清”的贷款').waitFor();
    await page.goto('/bank/alerts');
    await page.getByRole('heading', { level: 1, name: '贷后预警' }).waitFor();
    await page.getByText(/没有预警|共 \d+ 条/).first().waitFor();
    await expectAccessible(page, 'loan alerts');
  });

  it('the bank acknowledges a monitoring alert with a note', async () => {
    expect(loanId, 'the bank journey ran first').to.be.a('string');
    // The daily job, run by hand for today as `npm run loan-monitor` does: the valuation of 2025-06-30 is stale.
    await runMonitorScript((await sharedStack()).db.uri, ['--job', 'loan-monitoring', '--day', today, '--force']);
    session = await openPage(w.anon.baseUrl, { token: bp.bank.token });
    const { page } = session;
    await page.goto('/bank/alerts?status=OPEN');
    const row = page.getByTestId('loan-alerts').locator('tr.ant-table-row').filter({ hasText: contractNumber }).filter({ hasText: '评估报告超过 12 个月' });
    await row.waitFor();
    await expectAccessible(page, 'loan alerts with open alerts');
    await row.getByLabel('处理说明').fill('已通知借款人补充评估');
    await row.getByRole('button', { name: /^确\s*认$/ }).click();
    await page.getByText('已确认预警').waitFor();
    const ALERTS = `query { loanAlerts(first: 100) { edges { node { cause status note loan { id } } } } }`;
    const mine = (await bp.bank.client.ok(ALERTS)).loanAlerts.edges.map((e: { node: { cause: string; status: string; note: string | null; loan: { id: string } } }) => e.node).filter((a: { loan: { id: string } }) => a.loan.id === loanId);
    expect(mine.find((a: { cause: string }) => a.cause === 'VALUATION_STALE')).to.deep.include({ status: 'ACKNOWLEDGED', note: '已通知借款人补充评估' });
    await page.goto('/bank/alerts?status=ACKNOWLEDGED');
    await page.getByTestId('loan-alerts').locator('tr.ant-table-row').filter({ hasText: '已通知借款人补充评估' }).first().waitFor();
  });

  it('the bank changes the registration (变更) and edits, then deactivates, its product', async () => {
    expect(loanId, 'the bank journey ran first').to.be.a('string');
    session = await openPage(w.anon.baseUrl, { token: bp.bank.token });
    const { page } = session;
    await page.goto(`/bank/applications/${applicationId}`);
    await page.getByTestId('application-loan').filter({ hasText: contractNumber }).waitFor();
    await page.getByLabel('变更后被担保债权数额（元）').fill('1000000');
    await page.getByLabel('变更理由（可选）').fill('部分还款后减额');
    await page.getByRole('button', { name: '记录登记变更' }).click();
    const changes = page.getByTestId('registration-changes');
    await changes.waitFor();
    expect((await changes.innerText()).replace(/\s+/g, ' ')).to.contain('¥1,200,000.00 → ¥1,000,000.00');
    expect(await page.getByTestId('registration').innerText()).to.contain('¥1,000,000.00');
    await expectAccessible(page, 'application page with the loan and the registration change');

    await page.goto('/bank/products');
    const row = page.locator('tr.ant-table-row').filter({ hasText: '知识产权质押贷' });
    await row.getByRole('button').first().click(); // the row's expand button
    const editor = page.getByTestId('product-editor');
    await editor.waitFor();
    await editor.getByLabel('发明专利最短剩余保护期（年，可空）').fill('8');
    await editor.getByLabel('专利年费须已缴清').check();
    await editor.getByLabel('逾期多少天起可认定违约').fill('60');
    await editor.getByLabel('修改理由（可选）').fill('按新规调整');
    await editor.getByRole('button', { name: '保存修改' }).click();
    await page.getByText(/已修改产品/).waitFor();
    const PRODUCT = `query { loanProducts { id daysPastDueBeforeDefault eligibility { minRemainingYears { kind years } annualFeesPaidUp verifiedOnly } history { reason fields { field } } } }`;
    const edited = (await bp.bank.client.ok(PRODUCT)).loanProducts.find((p: { id: string }) => p.id === bp.productId);
    expect(edited.daysPastDueBeforeDefault).to.equal(60);
    expect(edited.eligibility).to.deep.include({ minRemainingYears: [{ kind: 'INVENTION_PATENT', years: 8 }], annualFeesPaidUp: true, verifiedOnly: false });
    expect(edited.history.map((h: { reason: string }) => h.reason)).to.deep.equal(['按新规调整']);
    await editor.getByText('修改记录').waitFor();
    await expectAccessible(page, 'products page with the editor');
    await editor.getByLabel('停用理由').fill('产品下线');
    await editor.getByRole('button', { name: /^停\s*用$/ }).click();
    await page.getByText('本行还没有在售产品').waitFor();
    expect((await bp.bank.client.ok(PRODUCT)).loanProducts.some((p: { id: string }) => p.id === bp.productId)).to.equal(false);
  });

  it('the bank records a contract with a CUSTOM schedule from its rows', async () => {
    const bp2 = await bankWithProduct(w);
    const other = await enterprise(w, 'SUIBIN');
    const app2 = await apply(other, bp2.productId, [await createAsset(other.client)], { requestedAmount: '500000.00', termMonths: 6 });
    await approveToday(bp2.bank, app2);
    session = await openPage(w.anon.baseUrl, { token: bp2.bank.token });
    const { page } = session;
    await page.goto(`/bank/applications/${app2}`);
    await page.getByRole('heading', { name: '贷款合同' }).waitFor();
    const number = `HT-${marker()}`;
    await page.getByLabel('合同编号').fill(number);
    await chooseOption(page, '还款方式', '自定义还款计划');
    await page.getByRole('button', { name: '添加一期' }).click();
    await page.getByRole('button', { name: '添加一期' }).click();
    const rows = [{ dueOn: addMonths(today, 3), principal: '200000.00' }, { dueOn: addMonths(today, 6), principal: '300000.00' }];
    for (const [i, r] of rows.entries()) {
      await page.getByLabel(`第 ${i + 1} 期到期日`).fill(r.dueOn);
      await page.getByLabel(`第 ${i + 1} 期本金（元）`).fill(r.principal);
    }
    await expectAccessible(page, 'contract form with custom rows');
    await page.getByRole('button', { name: '记录贷款合同' }).click();
    await page.waitForURL('**/bank/loans/*');
    await page.getByTestId('loan-summary').filter({ hasText: '自定义还款计划' }).waitFor();
    const id = page.url().split('/').pop()!;
    const loan = (await bp2.bank.client.ok(`query($id: ID!) { loan(id: $id) { contractNumber repaymentMethod customSchedule { dueOn principal } } }`, { id })).loan;
    expect(loan).to.deep.equal({ contractNumber: number, repaymentMethod: 'CUSTOM', customSchedule: rows });
  });

  it('the borrower sees the loan, its schedule and what is due', async () => {
    expect(loanId, 'the bank journey ran first').to.be.a('string');
    session = await openPage(w.anon.baseUrl, { token: owner.token });
    const { page } = session;
    await page.goto('/me/loans');
    await page.getByRole('link', { name: contractNumber }).click();
    await page.waitForURL(`**/me/loans/${loanId}`);
    await page.getByTestId('loan-repaid').filter({ hasText: yuan(repaid) }).waitFor();
    expect(await page.getByTestId('loan-schedule').locator('tbody tr.ant-table-row').count()).to.equal(6);
    expect(await page.getByRole('button', { name: '记录还款' }).count(), 'the borrower has no bank actions').to.equal(0);
    await expectAccessible(page, 'my loan page');
  });

  it('the city IP office sees the year’s financing summary with the loan counted, downloads the CSV and sets the scheme', async () => {
    expect(loanId, 'the bank journey ran first').to.be.a('string');
    const now = (await w.regulator.ok(SUMMARY, { year, county: 'SUIBIN' })).financingSummary;
    expect(now.loansGranted - summaryBefore.loansGranted).to.equal(1);
    expect(Math.round(Number(now.amountGranted) * 100) - Math.round(Number(summaryBefore.amountGranted) * 100)).to.equal(120_000_000);
    expect(Math.round(Number(now.repaid) * 100) - Math.round(Number(summaryBefore.repaid) * 100)).to.equal(Math.round(Number(repaid) * 100));
    session = await openPage(w.anon.baseUrl, { token: w.regulator.token! });
    const { page } = session;
    await page.goto(`/office/financing?year=${year}`);
    const suibin = page.getByTestId('financing-summary').locator('tr.ant-table-row').filter({ hasText: '绥滨县' });
    await suibin.waitFor();
    const cells = await suibin.locator('td').allInnerTexts();
    expect(cells.slice(0, 4)).to.deep.equal(['绥滨县', String(now.loansGranted), yuan(now.amountGranted), yuan(now.repaid)]);
    await expectAccessible(page, 'office financing summary');
    // The CSV, as downloaded by the browser.
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: '下载 CSV' }).click()]);
    expect(download.suggestedFilename()).to.equal(`financing-summary-${year}.csv`);
    const csv = fs.readFileSync((await download.path())!, 'utf8');
    const line = csv.split(/\r?\n/).find((l) => l.startsWith(`${year},SUIBIN,`));
    expect(line, csv).to.be.a('string');
    expect(line!.split(',').slice(2, 5)).to.deep.equal([String(now.loansGranted), now.amountGranted, now.repaid]);
    // The scheme: shares not adding up to 100 are refused with the error under the city fund's share.
    await page.getByLabel('银行分担比例（%）').fill('70');
    await page.getByLabel('保险机构分担比例（%）').fill('20');
    await page.getByLabel('市风险补偿资金分担比例（%）').fill('20');
    await page.getByLabel('贴息比例（占利息的 %）').fill('50');
    await page.getByRole('button', { name: '保存方案' }).click();
    const cityItem = page.locator('.ant-form-item').filter({ has: page.getByLabel('市风险补偿资金分担比例（%）') });
    await cityItem.locator('.ant-form-item-explain-error').filter({ hasText: '之和须为 100%（现为 110%）' }).waitFor();
    await page.getByLabel('市风险补偿资金分担比例（%）').fill('10');
    await page.getByRole('button', { name: '保存方案' }).click();
    await page.getByText(`已保存 ${year} 年方案`).waitFor();
    await page.getByTestId('scheme-state').filter({ hasText: '本年度方案已设定' }).waitFor();
    const scheme = (await w.regulator.ok(`query($year: Int!) { riskSharingScheme(year: $year) { bankSharePercent insurerSharePercent cityFundSharePercent interestSubsidyPercent } }`, { year })).riskSharingScheme;
    expect(scheme).to.deep.equal({ bankSharePercent: 70, insurerSharePercent: 20, cityFundSharePercent: 10, interestSubsidyPercent: 50 });
    await screenshot(page, 'office-financing');
  });
});
