/**
 * Issue 18 in a real browser (Chromium, dist/chrome):
 * - first install opens the first-run page; its demo button (pressed from the keyboard) imports
 *   the bundled demo conversation and opens it, labelled;
 * - keyboard only through the dashboard: list → Enter opens a conversation with focus on its
 *   title; n / p land on the shift replies' headers; a judgement saved with Enter keeps focus on
 *   its button and is stored;
 * - every view in light and dark, screenshots to demo-output/ux-<view>-<scheme>.png, and axe-core
 *   finds no serious or critical violation in any of them;
 * - the router tab on the bundled router history: five verdict lines (the site's switches concluding), router states numbered and
 *   named in the shared wording, the timeline in persona colours (ux-router[-personas]-<scheme>.png);
 * - no network.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { launchWithExtension, type ExtensionSession } from './lib/browser.ts';
import { describeRequests, dumpStore, foreignRequests, waitFor, watchPage } from './lib/extension.ts';
import { describeViolations, runAxe, seriousOrWorse, type AxeViolation } from './lib/axe.ts';

const OUT = resolve('demo-output');
const DEMO_KEY = 'unknown:demo-6f1c2a9e-persona-observatory';
let session: ExtensionSession;
const axeFindings: { view: string; violations: AxeViolation[] }[] = [];

before(async () => {
  mkdirSync(OUT, { recursive: true });
  session = await launchWithExtension();
});
after(async () => {
  await session?.close();
});

/** Presses Tab until `match` holds for the focused element (at most `limit` presses). */
async function tabTo(page: Page, match: (el: { tag: string; text: string; id: string }) => boolean, limit = 60): Promise<number> {
  for (let i = 1; i <= limit; i++) {
    await page.keyboard.press('Tab');
    const el = await page.evaluate(() => {
      const a = document.activeElement as HTMLElement | null;
      return { tag: a?.tagName ?? '', text: (a?.textContent ?? '').trim().slice(0, 80), id: a?.id ?? '' };
    });
    if (match(el)) return i;
  }
  throw new Error('focus never reached the target by Tab');
}

const focused = (page: Page) =>
  page.evaluate(() => {
    const a = document.activeElement as HTMLElement | null;
    return { tag: a?.tagName ?? '', text: (a?.textContent ?? '').trim().slice(0, 80), id: a?.id ?? '' };
  });

test('first install opens the first-run page; its demo button, pressed from the keyboard, opens the labelled demo', async () => {
  const welcome = await waitFor(
    'the first-run page opened on install',
    async () => session.context.pages().find((p) => p.url().includes('#/welcome')) ?? null,
    15_000,
  );
  await welcome.waitForSelector('h2:has-text("Welcome")', { timeout: 10_000 });
  const watch = watchPage(welcome);
  assert.equal((await focused(welcome)).tag, 'H2', 'focus starts on the page title');
  await tabTo(welcome, (el) => el.text === 'Open the demo conversation');
  await welcome.keyboard.press('Enter');
  await welcome.waitForURL(/#\/c\//, { timeout: 20_000 });
  await welcome.getByText('model changed:').first().waitFor({ timeout: 20_000 });
  assert.match(welcome.url(), /demo-6f1c2a9e/);
  assert.equal((await focused(welcome)).tag, 'H2', 'opening a conversation moves focus to its title');
  const text = await welcome.locator('main').innerText();
  assert.match(text, /from the page/, 'the model change reads as a fact');
  assert.doesNotMatch(text, /\d%/, 'no confidence as a percentage');
  assert.doesNotMatch(text, /\*\*|###/, 'Markdown is rendered, not shown raw');
  assert.deepEqual(watch.errors, []);
  await welcome.close();
});

test('keyboard only: list → conversation → next shift → judgement saved with focus kept', async () => {
  const page = await session.openPage(session.extensionUrl('src/ui/dashboard/index.html#/conversations'));
  const watch = watchPage(page);
  await page.waitForSelector('.po-row', { timeout: 10_000 });
  await tabTo(page, (el) => el.tag === 'BUTTON' && el.text.startsWith('Demo: three persona segments'));
  await page.keyboard.press('Enter');
  await page.waitForSelector('.po-conversation h2', { timeout: 10_000 });
  await page.getByText('model changed:').first().waitFor({ timeout: 10_000 });
  assert.equal((await focused(page)).tag, 'H2');
  // The shifts as the strip marks them (cell index = reply index).
  const shifts = await page.$$eval('.po-tl-cell.po-tl-shift', (els) => els.map((e) => Number((e as HTMLElement).dataset.cell)));
  assert.ok(shifts.length > 0, 'the demo has a shift');
  // n: the first shift's reply header, below the sticky strip (visible, not hidden under it).
  await page.keyboard.press('n');
  const first = await focused(page);
  assert.equal(first.id, `po-reply-${shifts[0]}`, `n focuses the first shift's header (got ${JSON.stringify(first)})`);
  const [strip, header] = await Promise.all([page.locator('.po-sticky').boundingBox(), page.locator(`#${first.id}`).boundingBox()]);
  assert.ok(
    strip && header && header.y >= strip.y + strip.height - 1,
    `the header lands below the strip (strip ${JSON.stringify(strip)}, header ${JSON.stringify(header)})`,
  );
  await page.keyboard.press('n');
  assert.equal((await focused(page)).id, `po-reply-${shifts[1] ?? shifts[0]}`, 'n again: the next shift (or stays on the last)');
  await page.keyboard.press('p');
  assert.equal((await focused(page)).id, first.id, 'p: back to the first shift');
  // Annotate that reply with the keyboard only: Tab to "Annotate", Enter, Tab to "Confirm shift", Enter.
  await tabTo(page, (el) => el.text === 'Annotate', 20);
  await page.keyboard.press('Enter');
  await tabTo(page, (el) => el.text === 'Confirm shift', 10);
  await page.keyboard.press('Enter');
  await page.getByText('✓ Saved').first().waitFor({ timeout: 10_000 });
  assert.equal((await focused(page)).text, 'Confirm shift', 'focus stays on the button after saving');
  const stored = await waitFor('the judgement stored', async () => {
    const dump = await dumpStore(session);
    return (
      (dump.annotations ?? []).find(
        (a) => (a as { conversationKey: string; kind: string }).conversationKey === DEMO_KEY && (a as { kind: string }).kind === 'confirm',
      ) ?? null
    );
  });
  assert.ok(stored);
  assert.deepEqual(watch.errors, []);
  await page.close();
});

const VIEWS: { name: string; hash: string; ready: string }[] = [
  { name: 'welcome', hash: '#/welcome', ready: 'text=What a badge means' },
  { name: 'list', hash: '#/conversations', ready: '.po-row' },
  { name: 'conversation', hash: `#/c/${encodeURIComponent(DEMO_KEY)}`, ready: 'text=model changed:' },
  { name: 'import-export', hash: '#/io', ready: 'text=Choose files' },
  { name: 'settings', hash: '#/settings', ready: '.po-site-switch' },
  { name: 'about', hash: '#/about', ready: 'h3' },
];

test('every view, light and dark: screenshots to demo-output/ and axe-core', async () => {
  for (const scheme of ['light', 'dark'] as const) {
    for (const v of VIEWS) {
      const page = await session.context.newPage();
      await page.emulateMedia({ colorScheme: scheme });
      await page.setViewportSize({ width: 1200, height: 900 });
      await page.goto(session.extensionUrl(`src/ui/dashboard/index.html${v.hash}`));
      await page.locator(v.ready).first().waitFor({ timeout: 15_000 });
      await page.waitForTimeout(300);
      if (v.name === 'conversation') {
        // Open one piece of evidence and one calibration note, as a reader would.
        await page.getByRole('button', { name: 'Evidence' }).nth(1).click();
        await page.locator('button.po-conf').first().click();
      }
      await page.screenshot({ path: join(OUT, `ux-${v.name}-${scheme}.png`) });
      axeFindings.push({ view: `${v.name} (${scheme})`, violations: seriousOrWorse(await runAxe(page)) });
      await page.close();
    }
    const popup = await session.context.newPage();
    await popup.emulateMedia({ colorScheme: scheme });
    await popup.setViewportSize({ width: 380, height: 520 });
    await popup.goto(session.extensionUrl('src/ui/popup/index.html'));
    await popup.locator('.po-popup-wide').waitFor({ timeout: 10_000 });
    await popup.waitForTimeout(300);
    await popup.screenshot({ path: join(OUT, `ux-popup-${scheme}.png`) });
    axeFindings.push({ view: `popup (${scheme})`, violations: seriousOrWorse(await runAxe(popup)) });
    await popup.close();
  }
  const bad = axeFindings.filter((f) => f.violations.length > 0);
  assert.deepEqual(
    bad.map((f) => f.view),
    [],
    bad.map((f) => `${f.view}:\n${describeViolations(f.violations)}`).join('\n'),
  );
});

test('the router tab on the bundled router history, light and dark: verdict lines, and the evidence on the persona vocabulary', async () => {
  const page = await session.context.newPage();
  const watch = watchPage(page);
  await page.setViewportSize({ width: 1200, height: 900 });
  // The history goes in through the dashboard's own import, as `npm start` does (demo/README.md).
  await page.goto(session.extensionUrl('src/ui/dashboard/index.html#/io'));
  await page.locator('input[type=file]').setInputFiles(resolve('demo/router-history.jsonl'));
  await page.getByRole('button', { name: /^Import \d+ conversations?$/ }).click();
  await page.getByText(/Imported: \d+ new/).waitFor({ timeout: 30_000 });
  await page.goto(session.extensionUrl('src/ui/dashboard/index.html#/router'));
  await page.getByRole('button', { name: /^Analyse/ }).click();
  await page.locator('.po-verdict-line').first().waitFor({ timeout: 120_000 });
  assert.equal(await page.locator('.po-verdict-line').count(), 5, 'one verdict line per question');
  // The history's router is the site's (demo/README.md): it swaps model on disengagement and says which
  // model served each reply. The routes survive the import and the worker's analysis, so the trigger and
  // loop lines conclude on the site's switches, with their evidence.
  for (const id of ['triggers', 'loop', 'models']) {
    const line = page.locator(`.po-verdict-line[data-question="${id}"]`);
    assert.equal((await line.locator('.po-verdict').textContent())?.trim(), 'yes', `${id} line`);
    assert.equal(await line.locator('.po-verdict-evidence').count(), 1, `the ${id} line shows its evidence`);
    if (id !== 'models') assert.match((await line.locator('.po-verdict-answer').textContent()) ?? '', /^Yes, for the model switches the site reported: /);
  }
  // The text cannot tell GPT-4o from its mini: the router line says "can't tell" with its reason and evidence, never a wrong "no".
  const routerLine = page.locator('.po-verdict-line[data-question="router"]');
  assert.equal((await routerLine.locator('.po-verdict').textContent())?.trim(), "can't tell");
  assert.match((await routerLine.locator('.po-verdict-answer').textContent()) ?? '', /^Can't tell: .+, but .+/);
  assert.equal(await routerLine.locator('.po-verdict-evidence').count(), 1, 'the router line shows its evidence');
  await page.locator('.po-router-more').evaluate((d) => ((d as HTMLDetailsElement).open = true));
  // Router states are numbered and named in the shared wording; replies are coloured by their persona (P1, P2, …).
  const states = await page.locator('.po-states > li > strong').allTextContents();
  assert.ok(states.length >= 2, 'router states listed');
  for (const s of states) assert.match(s, /^State #\d+ · /);
  assert.ok(!states.some((s) => /\b(?:high|low) .*\(/.test(s)), `no raw feature labels as names: ${states.join(' | ')}`);
  assert.ok(await page.locator('.po-states .po-chip-letter', { hasText: /^P\d$/ }).count(), 'each state lists its personas');
  const coloured = await page.locator('.po-state-cell[class*="po-s"]').count();
  assert.ok(coloured > 0, 'timeline cells in persona colours');
  assert.match((await page.locator('.po-state-cell').first().getAttribute('title')) ?? '', /^reply 1: (?:P\d .+|no stored persona) · router state #\d/);
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    await page.waitForTimeout(300);
    await page.screenshot({ path: join(OUT, `ux-router-${scheme}.png`) });
    await page.locator('.po-states').scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(OUT, `ux-router-personas-${scheme}.png`) });
    await page.evaluate(() => window.scrollTo(0, 0));
    axeFindings.push({ view: `router (${scheme})`, violations: seriousOrWorse(await runAxe(page)) });
  }
  const bad = axeFindings.filter((f) => f.view.startsWith('router') && f.violations.length > 0);
  assert.deepEqual(
    bad.map((f) => f.view),
    [],
    bad.map((f) => `${f.view}:\n${describeViolations(f.violations)}`).join('\n'),
  );
  assert.deepEqual(watch.errors, []);
  await page.close();
});

test('no network: nothing but extension resources was requested', () => {
  const foreign = foreignRequests(session);
  assert.equal(foreign.length, 0, `unexpected requests:\n${describeRequests(foreign)}`);
});
