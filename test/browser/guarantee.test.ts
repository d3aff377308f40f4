// Pledge-financing guarantee cover in the console (issue 16, point 6): the insurer underwrites the
// quotes it was asked for (accepts one, declines one with a reason); the holder binds the accepted
// one and sees its premium unpaid, with the bank transfer to record.
import { expect } from 'chai';
import { bankWithProduct, createAsset, enterprise, world } from '../helpers/financing';
import { GUARANTEE_QUOTE, guaranteeInsurer } from '../helpers/guarantee';
import { marker } from '../helpers/listings';
import { expectAccessible, openPage, screenshot, type BrowserSession } from '../helpers/browser';

describe('console: guarantee insurance underwritten, bound, premium unpaid (browser)', function () {
  this.timeout(180_000);
  let session: BrowserSession | undefined;
  afterEach(async function () {
    if (this.currentTest?.state === 'failed' && session) await screenshot(session.page, 'failed-guarantee').catch(() => undefined);
    await session?.close();
    session = undefined;
  });

  it('the insurer accepts one quote and declines another with a reason; the holder binds the accepted one and sees 保费未付', async () => {
    const w = await world();
    const word = marker();
    const gi = await guaranteeInsurer(w);
    const bp = await bankWithProduct(w);
    const owner = await enterprise(w);
    const holderName = (await owner.client.ok(`{ me { organization { name } } }`)).me.organization.name as string;
    const asset = await createAsset(owner.client, { title: `石墨烯导热膜专利${word}` });
    const quote = (coverage: string) => owner.client.ok(GUARANTEE_QUOTE, { productId: gi.productId, assetIds: [asset], coverage, bank: bp.bank.orgId, share: 8000 });
    await quote('1500000.00'); // premium 30,000.00, to be declined
    await quote('2500000.00'); // premium 50,000.00, to be accepted

    session = await openPage(w.anon.baseUrl, { token: gi.insurer.token });
    let page = session.page;
    await page.goto('/insurer/quotes');
    const rows = page.getByTestId('insurer-quotes').locator('tbody tr');
    const accepted = rows.filter({ hasText: '¥2,500,000.00' });
    const declined = rows.filter({ hasText: '¥1,500,000.00' });
    await accepted.waitFor();
    expect(await accepted.innerText()).to.contain(holderName);
    expect(await accepted.innerText()).to.contain('保障 80%');
    expect(await accepted.innerText()).to.contain('待核保');
    await accepted.getByRole('button', { name: /^承\s?保$/ }).click();
    await accepted.getByText('已承保').waitFor();

    await declined.getByRole('button', { name: /^拒\s?保$/ }).click();
    const dialog = page.getByRole('dialog', { name: '拒保' });
    await dialog.getByRole('button', { name: '确认拒保' }).click();
    await dialog.getByText('请填写拒保理由').waitFor(); // required, under the field
    await dialog.getByLabel('拒保理由').fill('质押物估值依据不足');
    await dialog.getByRole('button', { name: '确认拒保' }).click();
    await declined.getByText('已拒保').waitFor();
    await expectAccessible(page, 'insurer underwriting');
    await session.close();

    session = await openPage(w.anon.baseUrl, { token: owner.token });
    page = session.page;
    await page.goto('/me/insurance');
    const quotes = page.getByTestId('holder-quotes').locator('tbody tr');
    const mine = quotes.filter({ hasText: '¥2,500,000.00' });
    await mine.waitFor();
    expect(await quotes.filter({ hasText: '¥1,500,000.00' }).innerText()).to.contain('质押物估值依据不足');
    expect(await quotes.filter({ hasText: '¥1,500,000.00' }).getByRole('button', { name: '确认投保' }).count()).to.equal(0);
    await mine.getByRole('button', { name: '确认投保' }).click();
    await mine.getByText('已投保').waitFor();
    const policy = page.locator('tr.ant-table-row').filter({ hasText: '¥50,000.00' }).filter({ hasText: 'HG-IP-' });
    await policy.getByText('保费未付').waitFor();
    expect(await policy.innerText()).to.contain('质押融资保证保险');
    await policy.getByRole('button', { name: '登记保费转账' }).waitFor();
    await expectAccessible(page, 'holder insurance with an unpaid premium');
    await screenshot(page, 'guarantee-premium-unpaid');
  });
});
