// Browser tests (test/browser/*.test.ts): Debian's chromium driven by playwright-core, one browser
// per run (closed by the root hooks), a fresh context per test against a test stack's server (which
// serves the built console at /). Screenshots go to SCREENSHOT_DIR; axe-core checks accessibility.
import fs from 'node:fs';
import path from 'node:path';
import { expect } from 'chai';
import { chromium, type Browser, type BrowserContext, type Locator, type Page } from 'playwright-core';
import { projectRoot } from '../../server/paths';

export const CHROMIUM = process.env.CHROMIUM_BIN ?? '/usr/bin/chromium';
/** Where each journey's last page is saved (README names this folder; gitignored). */
export const SCREENSHOT_DIR = path.join(projectRoot, 'test-artifacts', 'screenshots');

let browser: Promise<Browser> | null = null;

export function sharedBrowser(): Promise<Browser> {
  // playwright-core kills the browsers it launched when this process exits.
  browser ??= chromium.launch({ executablePath: CHROMIUM, headless: true, args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
  return browser;
}

export async function closeBrowser(): Promise<void> {
  if (!browser) return;
  const b = browser;
  browser = null;
  await (await b).close().catch(() => undefined);
}

export interface BrowserSession {
  context: BrowserContext;
  page: Page;
  close(): Promise<void>;
}

/** A new browser context (its own storage: one user) on the server at `baseURL`, in Chinese, China time. */
export async function openPage(baseURL: string, opts: { token?: string } = {}): Promise<BrowserSession> {
  const context = await (await sharedBrowser()).newContext({ baseURL, locale: 'zh-CN', timezoneId: 'Asia/Shanghai', viewport: { width: 1280, height: 900 } });
  context.setDefaultTimeout(20_000);
  if (opts.token) {
    // Signed in without the form: the console reads its token from localStorage (web/src/auth.tsx).
    await context.addInitScript(`window.localStorage.setItem('hegang.console.token', ${JSON.stringify(opts.token)})`);
  }
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  return {
    context,
    page,
    close: async () => {
      await context.close();
      expect(errors, 'uncaught errors in the page').to.deep.equal([]);
    },
  };
}

/** Signs in through the console's sign-in page and waits until the header shows the user. */
export async function signInThroughForm(page: Page, email: string, password: string): Promise<void> {
  await page.goto('/login');
  await page.getByLabel('邮箱').fill(email);
  await page.getByLabel('密码').fill(password);
  await page.getByRole('button', { name: /登\s*录/ }).click();
  await page.getByTestId('signed-in-as').waitFor();
}

/** Saves a full-page screenshot as SCREENSHOT_DIR/<name>.png and returns its path. */
export async function screenshot(page: Page, name: string): Promise<string> {
  fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const file = path.join(SCREENSHOT_DIR, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}

let axeSource: string | null = null;

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: unknown[]; failureSummary?: string }[];
}

/**
 * Runs axe-core (WCAG 2.1 A/AA rules) on the page as it is and fails on any serious or critical
 * violation. axe is evaluated through the DevTools protocol, which the page's CSP does not block.
 */
export async function expectAccessible(page: Page, what: string): Promise<void> {
  axeSource ??= fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
  // Let finite animations end first (at most 3 s): axe read an antd toast mid-fade-in as grey on white
  // (3.39:1) once. Infinite ones (spinners) are not waited for.
  await page
    .waitForFunction(() => {
      type Anim = { playState: string; effect: { getComputedTiming(): { iterations?: number } } | null };
      const doc = (globalThis as unknown as { document: { getAnimations(): Anim[] } }).document;
      return doc.getAnimations().every((a) => a.playState !== 'running' || a.effect?.getComputedTiming().iterations === Infinity);
    }, undefined, { timeout: 3000, polling: 50 })
    .catch(() => undefined); // still animating after 3 s: check the page as it is
  await page.evaluate(axeSource);
  const violations = await page.evaluate(async () => {
    const g = globalThis as unknown as { axe: { run(ctx: unknown, opts: unknown): Promise<{ violations: AxeViolation[] }> }; document: unknown };
    const result = await g.axe.run(g.document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] } });
    return result.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.slice(0, 3).map((n) => ({ target: n.target, failureSummary: n.failureSummary })) }));
  });
  const bad = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(bad, `${what}: serious or critical accessibility violations:\n${JSON.stringify(bad, null, 2)}`).to.deep.equal([]);
}

/** Picks `option` in the antd Select labelled `label` (typing `search` first for a searchable Select). */
export async function chooseOption(page: Page, label: string, option: string | RegExp, search?: string): Promise<void> {
  const input = page.getByLabel(label, { exact: true });
  const chosen = page.locator('.ant-select', { has: input }).filter({ hasText: option });
  for (let attempt = 1; ; attempt++) {
    await input.click();
    const item = page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: option }).first();
    if (search !== undefined) {
      // Typing filters the options down to the one wanted, which Enter then picks (no click on a moving dropdown).
      await input.fill(search);
      await item.waitFor();
      await input.press('Enter');
    } else {
      await item.click();
    }
    await page.keyboard.press('Escape'); // closes a multiple Select's dropdown
    // The Select shows what was picked. A click on an option still sliding in can miss it (a CI run
    // waited 20 s for a field that only the picked option shows): pick again, once.
    try {
      await chosen.first().waitFor({ timeout: attempt === 1 ? 3000 : 10_000 });
      return;
    } catch (err) {
      if (attempt >= 2) throw err;
    }
  }
}

/**
 * Clicks `form`'s submit button (its text matching `text`) once it is not loading. A CI run once
 * waited 20 s for the button by its accessible name right after a server field error; the name of a
 * loading antd button includes its spinner's label. On a timeout the error lists the form's buttons.
 */
export async function submitForm(form: Locator, text: RegExp): Promise<void> {
  const button = form.locator('button[type="submit"]:not(.ant-btn-loading)').filter({ hasText: text });
  try {
    await button.click({ timeout: 15_000 });
  } catch (err) {
    const buttons = await form.locator('button').evaluateAll((bs) => bs.map((b) => b.outerHTML)).catch(() => ['(form gone)']);
    throw new Error(`${(err as Error).message}\nbuttons in the form:\n${buttons.join('\n')}`);
  }
}

/** Types a date (YYYY-MM-DD) into the antd DatePicker labelled `label`. */
export async function fillDate(page: Page, label: string, date: string): Promise<void> {
  const input = page.getByLabel(label, { exact: true });
  await input.click();
  await input.fill(date);
  await input.press('Enter');
}
