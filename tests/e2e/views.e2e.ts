/**
 * The three places people look, in real Chromium with the real saved ChatGPT page
 * (nuncaeslupus 2026-01 capture: 26 turns, model switches) at a real URL:
 * - in-page badges appear; an annotation made in the badge panel's annotation frame is stored
 *   and shows up in the dashboard's conversation view;
 * - the popup reflects the tab (site, status, turn count, models; "layout not recognized");
 * - the dashboard imports the real ChatGPT and Claude account-export samples and exports a
 *   file that is checked on disk;
 * - axe-core finds no serious or critical violation in the popup and dashboard views;
 * - screenshots of the annotated page, popup, dashboard list and conversation view are
 *   written to demo-output/ (e2e-*.png).
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, existsSync, statSync } from 'node:fs';
import { resolve, join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { launchWithExtension, type ExtensionSession } from './lib/browser.ts';
import { badgeCount, badgedTurnsAcrossPage, clickBox, panelText, shownBadgeBox, type Box } from './lib/badge-layer.ts';
import { readFixture } from './lib/fixtures.ts';
import { EXPORT_SAMPLES } from '../fixtures/paths.ts';
import { expectedCapture } from './lib/oracle.ts';
import { chatgptUrl } from './lib/chat-page.ts';
import { readableModel } from '../../src/core/vocabulary/model-names.ts';
import { BADGE_GAP } from '../../src/content/badges/position.ts';
import { describeRequests, dumpStore, foreignRequests, openTab, storedTurns, tabStatus, waitFor, watchPage } from './lib/extension.ts';
import { describeViolations, runAxe, seriousOrWorse, type AxeViolation } from './lib/axe.ts';

const OUT = resolve('demo-output');
const PAGE_FILE = 'chatgpt/nuncaeslupus__real-capture-2026-01.html';
const PAGE_URL = 'https://chatgpt.com/c/69561f3e-1b2c-8005-a1d4-3e6f2b7c9d01';
const NOTE = 'e2e note: the tone turns playful here';

let session: ExtensionSession;
let chat: { page: Page; tabId: number };
let conversationKey: string;
/** axe results per view, judged together in one test so each flow's own test stays about the flow. */
const axeFindings: { view: string; violations: AxeViolation[] }[] = [];

before(async () => {
  mkdirSync(OUT, { recursive: true });
  session = await launchWithExtension();
  const html = readFixture(PAGE_FILE);
  const expected = expectedCapture(PAGE_URL, html);
  conversationKey = expected.conversationKey;
  session.serve(PAGE_URL, html);
  chat = await openTab(session, PAGE_URL);
  await waitFor('the real page captured', async () => ((await storedTurns(session, conversationKey)).length >= expected.turns.length ? true : null), 20_000);
});
after(async () => {
  await session?.close();
});

/** The popup as if opened over `tabId`: its active-tab query is answered with that tab. */
async function openPopupFor(tabId: number): Promise<Page> {
  const page = await session.context.newPage();
  await page.setViewportSize({ width: 380, height: 560 });
  await page.addInitScript((id) => {
    const tabs = (globalThis as unknown as { chrome: { tabs: { query: (q: unknown, cb?: (t: unknown[]) => void) => unknown } } }).chrome.tabs;
    const answer = [{ id, active: true, index: 0, windowId: 1, highlighted: true, pinned: false, incognito: false }];
    tabs.query = (_q: unknown, cb?: (t: unknown[]) => void) => {
      if (cb) {
        cb(answer);
        return undefined;
      }
      return Promise.resolve(answer);
    };
  }, tabId);
  await page.goto(session.extensionUrl('src/ui/popup/index.html'));
  return page;
}

async function openDashboard(hash = ''): Promise<Page> {
  const page = await session.openPage(session.extensionUrl(`src/ui/dashboard/index.html${hash}`));
  await page.waitForSelector('#app *', { timeout: 10_000 });
  return page;
}

/**
 * The badge's box once it is shown at its reply's top edge (where placeBadge puts it), null
 * before: what the user sees, not a sleep.
 */
async function badgeBeside(page: Page, turnId: string, reply: Locator): Promise<Box | null> {
  const [b, r] = await Promise.all([shownBadgeBox(page, turnId), reply.boundingBox()]);
  if (!b || !r) return null;
  const top = Math.max(BADGE_GAP, r.y + BADGE_GAP);
  const besideTop = Math.abs(b.y - top) <= 1;
  const besideRight = b.x >= r.x && b.x <= r.x + r.width + BADGE_GAP + 1;
  return besideTop && besideRight ? b : null;
}

test('badges appear on the real page; a note made in the badge panel is stored and shows in the dashboard', async () => {
  const { page } = chat;
  await page.bringToFront();
  const watch = watchPage(page);
  const assistants = (await storedTurns(session, conversationKey)).filter((t) => t.role === 'assistant').length;
  // Badges render only near the viewport: scroll through the page to meet them all.
  await waitFor('the first badges', async () => ((await badgeCount(page)) > 0 ? true : null), 15_000).catch(() => undefined);
  assert.equal((await badgedTurnsAcrossPage(page)).size, assistants, 'one badge per assistant reply');

  // Badges of replies out of view are hidden: bring a reply into view, then use its badge once
  // the user can see it beside that reply (a badge is shown only once placed).
  const turn = page
    .locator('article[data-testid^="conversation-turn-"]')
    .filter({ has: page.locator('[data-message-author-role="assistant"]') })
    .nth(1);
  const turnId = await turn.locator('[data-message-author-role="assistant"]').first().getAttribute('data-message-id');
  assert.ok(turnId, 'the reply has a message id');
  await turn.scrollIntoViewIfNeeded();
  const box = await waitFor("the reply's badge shown beside it", () => badgeBeside(page, turnId, turn), 5_000);
  await clickBox(page, box);
  await waitFor('the panel open', () => panelText(page), 5_000);
  // The note is typed in the annotation frame: an extension page, not the chat page.
  const frame = await waitFor(
    'the annotation frame loaded',
    async () => page.frames().find((f) => f.url().includes('/src/ui/annotate/index.html')) ?? null,
    10_000,
  );
  await frame.getByPlaceholder('Note (optional)').fill(NOTE);
  await frame.getByRole('button', { name: 'Save note' }).click();
  await frame.getByText('✓ Saved').waitFor({ timeout: 5_000 });
  const annotation = await waitFor('the note stored', async () => {
    const dump = await dumpStore(session);
    return (dump.annotations ?? []).find((a) => (a as { note: string | null }).note === NOTE) as { conversationKey: string; kind: string } | undefined;
  });
  assert.equal(annotation.conversationKey, conversationKey);
  await page.screenshot({ path: join(OUT, 'e2e-annotated-page.png') });
  assert.deepEqual(watch.errors, [], 'no page errors');

  const dash = await openDashboard(`#/c/${encodeURIComponent(conversationKey)}`);
  await dash.getByText(NOTE).first().waitFor({ timeout: 10_000 });
  await dash.screenshot({ path: join(OUT, 'e2e-dashboard-conversation.png'), fullPage: false });
  axeFindings.push({ view: 'conversation view', violations: seriousOrWorse(await runAxe(dash)) });
  await dash.close();
});

test('the popup reflects the tab: site, status, turns, models; and "layout not recognized" on an unknown layout', async () => {
  const stored = await storedTurns(session, conversationKey);
  const popup = await openPopupFor(chat.tabId);
  await popup.getByText('Recognised').waitFor({ timeout: 10_000 });
  const text = await popup.locator('#app').innerText();
  assert.match(text, /chatgpt/i);
  assert.ok(text.includes(String(stored.filter((t) => t.alternativeOf === null).length)), `turn count shown (${stored.length}) in:\n${text}`);
  const models = [...new Set(stored.map((t) => t.model).filter((m): m is string => !!m))];
  assert.ok(models.length > 0, 'the fixture shows models');
  // Readable names ("GPT-4o"), the raw slug on hover.
  for (const m of models) assert.ok(text.includes(readableModel(m)), `model ${m} shown as ${readableModel(m)} in:\n${text}`);
  await popup.screenshot({ path: join(OUT, 'e2e-popup.png') });
  axeFindings.push({ view: 'popup', violations: seriousOrWorse(await runAxe(popup)) });
  await popup.close();

  const url = chatgptUrl('popup-unknown');
  session.serve(url, '<!doctype html><html><body><main><p>Nothing a chat adapter knows.</p></main></body></html>');
  const unknown = await openTab(session, url);
  await waitFor(
    'the worker to know the unknown layout',
    async () => ((await tabStatus(session, unknown.tabId)).status === 'layout-not-recognized' ? true : null),
    15_000,
  );
  const popup2 = await openPopupFor(unknown.tabId);
  await popup2.getByText('Layout not recognized').waitFor({ timeout: 15_000 });
  await popup2.close();
  await unknown.page.close();
});

test('dashboard list: the captured conversation is listed; screenshot', async () => {
  const dump = await dumpStore(session);
  const title = (dump.conversations ?? []).map((c) => c as { key: string; title: string | null }).find((c) => c.key === conversationKey)?.title;
  assert.ok(title, 'the captured conversation has a title');
  const dash = await openDashboard('#/conversations');
  await dash.getByText(title).first().waitFor({ timeout: 10_000 });
  await dash.waitForTimeout(500);
  await dash.screenshot({ path: join(OUT, 'e2e-dashboard-list.png') });
  axeFindings.push({ view: 'conversation list', violations: seriousOrWorse(await runAxe(dash)) });
  await dash.close();
});

test('dashboard transcript search: a word only in a reply finds the conversation through the text index, with a snippet', async () => {
  const dump = await dumpStore(session);
  assert.ok((dump.searchDocs ?? []).length > 0, 'the capture was indexed (searchDocs rows)');
  const title = ((dump.conversations ?? []) as { key: string; title: string | null }[]).find((c) => c.key === conversationKey)?.title ?? '';
  // A long word from a stored reply that is not in the title (so only the transcript can match).
  const replies = (await storedTurns(session, conversationKey)).filter((t) => t.role === 'assistant').map((t) => t.text);
  const word = replies
    .join(' ')
    .match(/\p{L}{9,}/gu)
    ?.find((w) => !title.toLowerCase().includes(w.toLowerCase()));
  assert.ok(word, 'a reply has a long word');
  const dash = await openDashboard('#/conversations');
  await dash.getByRole('searchbox', { name: 'Search conversations' }).fill(word.toUpperCase());
  await dash.getByLabel('Sort by').selectOption('relevance');
  const snippet = dash.locator('.po-row-snippet').first();
  await snippet.waitFor({ timeout: 15_000 });
  assert.ok((await snippet.innerText()).toLowerCase().includes(word.toLowerCase()), `the snippet shows "${word}"`);
  assert.match(await dash.locator('[role=status]').first().innerText(), /match in their text/);
  await dash.close();
});

test('dashboard import of the real ChatGPT and Claude export samples, then export checked on disk', async () => {
  const files = [resolve(EXPORT_SAMPLES, 'chatgpt/pkuppens-2023__conversations.excerpt.json'), resolve(EXPORT_SAMPLES, 'claude/simonw-2024-10__example.json')];
  // Expected from the files themselves: conversation ids in each.
  const chatgptIds = (JSON.parse(readFileSync(files[0], 'utf8')) as { id?: string; conversation_id?: string }[]).map((c) => c.conversation_id ?? c.id);
  const claudeIds = (JSON.parse(readFileSync(files[1], 'utf8')) as { uuid: string }[]).map((c) => c.uuid);
  assert.equal(chatgptIds.length, 3);
  assert.equal(claudeIds.length, 1);

  const dash = await openDashboard('#/io');
  const watch = watchPage(dash);
  await dash.locator('input[type=file]').setInputFiles(files);
  await dash.getByRole('button', { name: /^Import \d+ conversations?$/ }).click();
  await dash.getByText(/Imported: \d+ new/).waitFor({ timeout: 20_000 });
  const dump = await dumpStore(session);
  const keys = (dump.conversations ?? []).map((c) => (c as { key: string }).key);
  for (const id of chatgptIds)
    assert.ok(
      keys.some((k) => k.endsWith(`:${id}`)),
      `ChatGPT conversation ${id} imported (keys: ${keys.join(', ')})`,
    );
  for (const id of claudeIds)
    assert.ok(
      keys.some((k) => k.endsWith(`:${id}`)),
      `Claude conversation ${id} imported`,
    );
  axeFindings.push({ view: 'import/export', violations: seriousOrWorse(await runAxe(dash)) });

  // Export everything as our JSON bundle and read the download from disk.
  await dash.reload();
  await dash.waitForSelector('#app *');
  const format = dash.getByLabel('Export format').first();
  await format.selectOption('json');
  const [download] = await Promise.all([
    dash.waitForEvent('download', { timeout: 20_000 }),
    dash
      .getByRole('button', { name: /^Export/ })
      .first()
      .click(),
  ]);
  const path = join(OUT, '..', 'test-output', `e2e-export-${download.suggestedFilename()}`);
  mkdirSync(resolve('test-output'), { recursive: true });
  await download.saveAs(path);
  assert.ok(existsSync(path) && statSync(path).size > 0, 'the export is on disk');
  const text = readFileSync(path, 'utf8');
  for (const id of [...chatgptIds, ...claudeIds]) assert.ok(text.includes(String(id)), `export holds conversation ${id}`);
  assert.deepEqual(watch.errors, []);
  await dash.close();
});

test('axe-core: no serious or critical violation in the popup and the dashboard views', () => {
  assert.ok(axeFindings.length >= 4, `axe ran on ${axeFindings.map((f) => f.view).join(', ')}`);
  const bad = axeFindings.filter((f) => f.violations.length > 0);
  assert.deepEqual(
    bad.map((f) => f.view),
    [],
    bad.map((f) => `${f.view}:\n${describeViolations(f.violations)}`).join('\n'),
  );
});

test('no network: nothing but served fixtures and extension resources was requested', () => {
  const foreign = foreignRequests(session);
  assert.equal(foreign.length, 0, `unexpected requests:\n${describeRequests(foreign)}`);
});
