/**
 * Foundation: the built extension loads in Debian Chromium, its worker answers a typed message,
 * the popup and dashboard render, and the content script runs on a chat URL (served locally).
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launchWithExtension, type ExtensionSession } from './lib/browser.ts';
import { readFixture } from './lib/fixtures.ts';
import { describeRequests, foreignRequests, openTab, tabStatus, waitFor } from './lib/extension.ts';

let session: ExtensionSession;

before(async () => {
  session = await launchWithExtension();
});
after(async () => {
  await session?.close();
});

test('the service worker answers ping with its version', async () => {
  const page = await session.openPage(session.extensionUrl('src/ui/popup/index.html'));
  const reply = await page.evaluate(() => chrome.runtime.sendMessage({ type: 'ping' }));
  assert.equal((reply as { ok: boolean }).ok, true);
  assert.match(String((reply as { version: string }).version), /^\d+\.\d+\.\d+/);
  await page.close();
});

test('popup and dashboard render with Preact', async () => {
  for (const path of ['src/ui/popup/index.html', 'src/ui/dashboard/index.html']) {
    const page = await session.openPage(session.extensionUrl(path));
    await page.waitForSelector('#app *', { timeout: 10_000 });
    const text = await page.locator('#app').innerText();
    assert.ok(text.includes('Persona Observatory'), `${path} shows the product name, got: ${text.slice(0, 80)}`);
    await page.close();
  }
});

test('the content script recognises a chat page at its real URL', async () => {
  const url = 'https://chatgpt.com/c/6880ba4e-0a4c-8004-b0c5-7a2b7c2ac1f0';
  session.serve(url, readFixture('chatgpt/yongseopkim__chatgpt-2025-11.html'));
  const { page, tabId } = await openTab(session, url);
  // The worker knows (the tab reported); the page is told nothing: no marker attribute, no id.
  const status = await waitFor('the tab to report', async () => {
    const s = await tabStatus(session, tabId);
    return s.site ? s : null;
  });
  assert.equal(status.site, 'chatgpt');
  const marks = await page.evaluate(() => ({
    html: document.documentElement.getAttributeNames(),
    ids: Array.from(document.querySelectorAll('[id*="persona" i], [data-persona-observatory], [data-persona-observatory-ui]')).length,
  }));
  assert.deepEqual(marks, { html: [], ids: 0 }, 'nothing on the page names the extension');
  await page.close();
});

test('no network: nothing but served fixtures and extension resources was requested', () => {
  const foreign = foreignRequests(session);
  assert.equal(foreign.length, 0, `unexpected requests:\n${describeRequests(foreign)}`);
});
