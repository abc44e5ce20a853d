/**
 * Hostile text (tests/fixtures/hostile: 235 XSS/markup payloads from the Big List of Naughty
 * Strings, our own flag-setting payloads, Unicode oddities) as user and assistant text — and as
 * the page title and the model name — on a page at a real ChatGPT URL, and in an imported file.
 * Nothing executes (no dialog, no `window.__poPwned`, no page error) and nothing renders as
 * markup in the in-page badges, the popup, the dashboard (list and conversation view), or the
 * Markdown export opened as an HTML page.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { launchWithExtension, type ExtensionSession } from './lib/browser.ts';
import { layerMatches } from './lib/badge-layer.ts';
import { expectedCapture } from './lib/oracle.ts';
import { chatgptPage, chatgptUrl, HEARTBEAT_SCRIPT, type PageTurn } from './lib/chat-page.ts';
import { describeRequests, foreignRequests, openTab, storedTurns, tabStatus, waitFor, watchPage, type PageWatch } from './lib/extension.ts';
import { FLAG_PAYLOADS, HOSTILE_TEXTS, PWNED_FLAG, BLNS_SCRIPT_INJECTION } from '../fixtures/hostile/corpus.ts';

const URL_ = chatgptUrl('hostile-text');
const KEY = `chatgpt:${new URL(URL_).pathname.split('/').pop()}`;
const HOSTILE_TITLE = `<img src=x onerror="window.${PWNED_FLAG}=1">Title`;
const HOSTILE_MODEL = `gpt-4o"><svg onload="window.${PWNED_FLAG}=1">`;
const OUT = resolve('test-output');

let session: ExtensionSession;
const watches: { where: string; watch: PageWatch; page: Page }[] = [];

/** One turn per hostile string: user and assistant alternate, so each appears in both roles across runs. */
const turns: PageTurn[] = HOSTILE_TEXTS.map((text, i) => ({
  id: `hostile-${i}`,
  role: i % 2 === 0 ? 'user' : 'assistant',
  text,
  model: i % 2 === 1 ? HOSTILE_MODEL : null,
}));

before(async () => {
  mkdirSync(OUT, { recursive: true });
  session = await launchWithExtension();
});
after(async () => {
  await session?.close();
});

function watch(where: string, page: Page): PageWatch {
  const w = watchPage(page);
  watches.push({ where, watch: w, page });
  return w;
}

/** Elements that only exist if a payload was parsed as markup (our UI renders none of these). */
const INJECTED =
  'img[src="x"], img[src="x:x"], script:not([src]), iframe, object, embed, [onerror], [onload], [onclick], [onmouseover], [onfocus], [ontoggle], a[href^="javascript" i], details[open] > summary + *, math, input[autofocus]';

async function injectedIn(page: Page, rootSelector: string): Promise<string[]> {
  // No named inner functions: the test runner's transpiler would wrap them in a helper the page lacks.
  return page.evaluate(
    ({ root, sel }) => {
      const found: string[] = [];
      const stack: ParentNode[] = Array.from(document.querySelectorAll(root));
      while (stack.length > 0) {
        const node = stack.pop()!;
        for (const el of Array.from(node.querySelectorAll(sel))) found.push(el.outerHTML.slice(0, 120));
        if ((node as Element).shadowRoot) stack.push((node as Element).shadowRoot!);
        for (const el of Array.from(node.querySelectorAll('*'))) if (el.shadowRoot) stack.push(el.shadowRoot);
      }
      return found;
    },
    { root: rootSelector, sel: INJECTED },
  );
}

async function pwned(page: Page): Promise<unknown> {
  return page.evaluate((flag) => (window as unknown as Record<string, unknown>)[flag], PWNED_FLAG);
}

test(`hostile page (${HOSTILE_TEXTS.length} strings, ${BLNS_SCRIPT_INJECTION.length} from blns Script Injection): captured as text, nothing runs, badges hold no markup`, async () => {
  assert.ok(BLNS_SCRIPT_INJECTION.length >= 100, 'at least 100 XSS payloads from the public list');
  const html = chatgptPage({ title: HOSTILE_TITLE, turns, script: HEARTBEAT_SCRIPT });
  // Whitespace-only strings (blns "Unicode Spaces") are no turn to the adapter: count what it reads.
  // Lone surrogates cannot travel in UTF-8: the served page (like any real page) shows U+FFFD.
  const expected = expectedCapture(URL_, html).turns.map((t) => ({ ...t, text: (t.text as string & { toWellFormed(): string }).toWellFormed() }));
  assert.ok(expected.length >= turns.length - 10, `the adapter reads ${expected.length} of ${turns.length} hostile turns`);
  session.serve(URL_, html);
  const { page } = await openTab(session, URL_);
  const w = watch('chat page', page);
  const stored = await waitFor(
    'the hostile turns stored',
    async () => {
      const s = await storedTurns(session, KEY);
      return s.length >= expected.length ? s : null;
    },
    30_000,
  ).catch(() => storedTurns(session, KEY));
  assert.equal(stored.length, expected.length, 'every hostile turn stored once');
  assert.deepEqual(
    stored.map((t) => t.text),
    expected.map((t) => t.text),
    'stored text is the text the page shows',
  );
  // The flag payloads survive capture as literal text.
  for (const p of FLAG_PAYLOADS.filter((x) => !x.includes('\n'))) {
    assert.ok(
      stored.some((t) => t.text.includes(p)),
      `payload stored as text: ${p}`,
    );
  }
  await page.waitForTimeout(1_000);
  // Scroll through so every badge gets positioned and shown.
  await page.evaluate(async () => {
    for (let y = 0; y < document.body.scrollHeight; y += 600) {
      window.scrollTo(0, y);
      await new Promise((r) => setTimeout(r, 20));
    }
  });
  const injected = await layerMatches(page, INJECTED);
  assert.deepEqual(injected, [], 'no markup from captured text inside our badge layer');
  assert.equal(await pwned(page), undefined, 'no payload ran in the page');
  assert.deepEqual(w.dialogs, [], 'no dialog opened');
});

test('dashboard list and conversation view show the hostile text as text; nothing runs', async () => {
  const list = await session.openPage(session.extensionUrl('src/ui/dashboard/index.html#/conversations'));
  watch('dashboard list', list);
  await list.waitForSelector('#app *');
  await list.getByText('=1">Title', { exact: false }).filter({ visible: true }).first().waitFor({ timeout: 10_000 });
  assert.deepEqual(await injectedIn(list, '#app'), [], 'list: no markup from captured text');

  const view = await session.openPage(session.extensionUrl(`src/ui/dashboard/index.html#/c/${encodeURIComponent(KEY)}`));
  watch('conversation view', view);
  await view.waitForSelector('#app *');
  const probe = FLAG_PAYLOADS[2]; // <script>…</script>
  await view.getByText(probe, { exact: false }).first().waitFor({ timeout: 15_000 });
  const text = await view.locator('#app').innerText();
  let shown = 0;
  for (const p of FLAG_PAYLOADS.filter((x) => !x.includes('\n'))) if (text.includes(p)) shown++;
  assert.ok(shown >= FLAG_PAYLOADS.length - 3, `payloads shown literally as text (${shown} of ${FLAG_PAYLOADS.length})`);
  assert.deepEqual(await injectedIn(view, '#app'), [], 'conversation view: no markup from captured text');
  assert.equal(await pwned(view), undefined);
  await list.close();
});

test('the popup shows a hostile model name and title as text', async () => {
  const { page, tabId } = await openTab(session, URL_);
  // The popup reads the status once: wait until the worker has heard from this tab.
  await waitFor('the tab recognised', async () => ((await tabStatus(session, tabId)).status === 'ok' ? true : null), 20_000);
  const popup = await session.context.newPage();
  watch('popup', popup);
  await popup.addInitScript((id) => {
    const tabs = (globalThis as unknown as { chrome: { tabs: { query: (q: unknown, cb?: (t: unknown[]) => void) => unknown } } }).chrome.tabs;
    const answer = [{ id, active: true }];
    tabs.query = (_q: unknown, cb?: (t: unknown[]) => void) => (cb ? (cb(answer), undefined) : Promise.resolve(answer));
  }, tabId);
  await popup.goto(session.extensionUrl('src/ui/popup/index.html'));
  await popup.getByText('Recognised').waitFor({ timeout: 10_000 });
  const text = await popup.locator('#app').innerText();
  assert.ok(text.includes(HOSTILE_MODEL), `the hostile model name is shown literally in:\n${text}`);
  assert.deepEqual(await injectedIn(popup, '#app'), [], 'popup: no markup');
  assert.equal(await pwned(popup), undefined);
  await popup.close();
  await page.close();
});

test('a hostile file imported through the dashboard, then the Markdown export opened as HTML: nothing runs, no markup', async () => {
  // A label-contract JSONL line with every hostile string as a turn.
  const line = JSON.stringify({ id: 'hostile-import', turns: HOSTILE_TEXTS.map((text, i) => ({ role: i % 2 ? 'assistant' : 'user', text })) });
  const file = join(OUT, 'hostile-import.jsonl');
  // Markdown-level attacks too: a javascript: link, a remote image, a forged turn heading.
  const markdownAttacks = JSON.stringify({
    id: 'hostile-import-3',
    turns: [
      { role: 'user', text: '[click me](javascript:window.__poPwned=1) <a href="javascript:window.__poPwned=1">x</a>' },
      { role: 'assistant', text: '![pixel](https://tracker.invalid/p.png)\n<img src="https://tracker.invalid/q.png">\n### 9 · User\nforged turn' },
    ],
  });
  writeFileSync(file, `${line}\n${JSON.stringify({ id: 'hostile-import-2', turns: [{ role: 'user', text: HOSTILE_TITLE }] })}\n${markdownAttacks}\n`);
  const dash = await session.openPage(session.extensionUrl('src/ui/dashboard/index.html#/io'));
  watch('dashboard import/export', dash);
  await dash.waitForSelector('#app *');
  await dash.locator('input[type=file]').setInputFiles(file);
  await dash.getByRole('button', { name: /^Import \d+ conversations?$/ }).click();
  await dash.getByText(/Imported: \d+ new/).waitFor({ timeout: 20_000 });
  assert.deepEqual(await injectedIn(dash, '#app'), [], 'import panel: no markup');

  await dash.reload();
  await dash.waitForSelector('#app *');
  await dash.getByLabel('Export format').first().selectOption('md');
  const [download] = await Promise.all([
    dash.waitForEvent('download', { timeout: 20_000 }),
    dash
      .getByRole('button', { name: /^Export/ })
      .first()
      .click(),
  ]);
  const mdPath = join(OUT, 'hostile-export.md');
  await download.saveAs(mdPath);
  const markdown = readFileSync(mdPath, 'utf8');
  assert.ok(markdown.includes('Title'), 'the export holds the hostile conversations');

  // "Opened as HTML": the file served as an HTML page, as a careless viewer would.
  const viewerUrl = 'https://viewer.invalid/export.html';
  session.serve(viewerUrl, `<!doctype html><html><body><div id="md">${markdown}</div></body></html>`, { keepScripts: true });
  const viewer = await session.openPage(viewerUrl);
  const vw = watch('markdown opened as HTML', viewer);
  await viewer.waitForTimeout(1_500);
  const injected = await injectedIn(viewer, '#md');
  assert.equal(await pwned(viewer), undefined, 'no payload ran when the Markdown export was opened as HTML');
  assert.deepEqual(vw.dialogs, [], 'no dialog');
  assert.deepEqual(injected.slice(0, 10), [], `the Markdown export renders ${injected.length} elements as markup`);
  assert.equal(await viewer.locator('img, a[href]').count(), 0, 'no image or link in the viewer');
  const remote = session.requests.filter((r) => r.url.includes('tracker.invalid'));
  assert.deepEqual(
    remote.map((r) => r.url),
    [],
    'the remote image was never fetched',
  );
  assert.ok(markdown.includes('forged turn'), 'the Markdown attacks are in the export (fenced: see markdown-inert.test.ts)');
  await viewer.close();
});

test('across every extension page and the chat page: no dialog, no page error, no payload flag', async () => {
  // The Markdown-as-HTML viewer is judged by its own test above; this one covers our pages.
  for (const { where, watch: w, page } of watches.filter((x) => x.where !== 'markdown opened as HTML')) {
    assert.deepEqual(w.dialogs, [], `${where}: dialogs`);
    assert.deepEqual(w.errors, [], `${where}: page errors`);
    if (!page.isClosed()) assert.equal(await pwned(page), undefined, `${where}: flag`);
  }
});

test('no network: nothing but served fixtures and extension resources was requested', () => {
  // The Markdown-as-HTML viewer is not the extension: its own fetches are judged by the test above.
  const foreign = foreignRequests(session).filter((r) => !r.origin.startsWith('https://viewer.invalid/'));
  assert.equal(foreign.length, 0, `unexpected requests:\n${describeRequests(foreign)}`);
});
