/**
 * Host-page safety and message hygiene in real Chromium:
 * - an exception inside the adapter (a pathological page, a broken selector override) never
 *   breaks the site: the page's own script keeps ticking and counting clicks, no page error is
 *   raised, and the tab reports "layout not recognized" with a reason;
 * - messages forged by the page (window.postMessage, runtime messaging from the main world)
 *   are ignored: nothing stored, nothing deleted;
 * - quota exhausted (DevTools Storage.overrideQuotaForOrigin) → capture pauses, the tab status
 *   says why, and what was stored before is untouched.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DIST_CHROME, launchWithExtension, type ExtensionSession } from './lib/browser.ts';
import { chatgptPage, chatgptUrl, HEARTBEAT_SCRIPT, makeTurns, keyOf } from './lib/chat-page.ts';
import {
  describeRequests,
  dumpStore,
  extensionPage,
  foreignRequests,
  openTab,
  sendFromExtension,
  storedTurns,
  tabStatus,
  waitFor,
  watchPage,
} from './lib/extension.ts';
import type { Page } from 'playwright-core';

let session: ExtensionSession;

before(async () => {
  session = await launchWithExtension();
});
after(async () => {
  await session?.close();
});

async function heartbeat(page: Page): Promise<{ ticks: number; clicks: number }> {
  return page.evaluate(() => {
    const ok = document.getElementById('page-ok')!;
    return { ticks: Number(ok.dataset.ticks), clicks: Number(ok.dataset.clicks) };
  });
}

async function assertPageAlive(page: Page) {
  const a = await heartbeat(page);
  await page.mouse.click(5, 5);
  await page.mouse.click(6, 6);
  await page.waitForTimeout(600);
  const b = await heartbeat(page);
  assert.ok(b.ticks > a.ticks + 5, `the page's own timer keeps running (${a.ticks} → ${b.ticks})`);
  assert.equal(b.clicks, a.clicks + 2, "the page's own click handler still runs");
}

test('a pathologically deep page (6,000 nested elements): the page keeps working, the tab reports a status', async () => {
  const url = chatgptUrl('deep-dom');
  // 6,000 nested elements inside an assistant message, built by the page's own script (the
  // HTML parser caps nesting at 512): recursive text extraction would overflow the stack.
  const depth = 6_000;
  const turns = makeTurns('deep', 2);
  const build = `(function () {
    var node = document.querySelector('.markdown');
    for (var i = 0; i < ${depth}; i++) { var s = document.createElement('span'); node.appendChild(s); node = s; }
    node.textContent = 'deep text';
  })();`;
  session.serve(url, chatgptPage({ turns, script: build + HEARTBEAT_SCRIPT }));
  const { page, tabId } = await openTab(session, url);
  const watch = watchPage(page);
  const status = await waitFor(
    'the tab to report a capture status',
    async () => {
      const s = await tabStatus(session, tabId);
      return s.status !== 'unsupported' ? s : null;
    },
    20_000,
  ).catch(async () => tabStatus(session, tabId));
  await assertPageAlive(page);
  assert.deepEqual(watch.errors, [], 'no error surfaced in the page');
  // Either the adapter coped (ok) or it reported why it could not; never a silent nothing.
  assert.ok(
    status.status === 'ok' || (status.status === 'layout-not-recognized' && typeof status.detail === 'string'),
    `tab status: ${JSON.stringify(status)}`,
  );
  await page.close();
});

test('a broken selector override (adapter throws on every scan): page unharmed, "layout not recognized" with the reason', async () => {
  const url = chatgptUrl('bad-override');
  const turns = makeTurns('override', 4);
  session.serve(url, chatgptPage({ turns, script: HEARTBEAT_SCRIPT }));
  const set = await sendFromExtension<{ ok: boolean }>(session, {
    type: 'settings/set',
    patch: { sites: { chatgpt: { enabled: true, selectors: { turn: 'article[', text: ':::nope' } } } },
  });
  assert.equal(set.ok, true);
  try {
    const { page, tabId } = await openTab(session, url);
    const watch = watchPage(page);
    await page.waitForTimeout(3_000);
    await assertPageAlive(page);
    assert.deepEqual(watch.errors, [], 'no error surfaced in the page');
    const status = await tabStatus(session, tabId);
    // Either the built-in selectors took over (ok, turns stored) or the tab says what broke.
    if (status.status === 'ok') assert.equal((await storedTurns(session, keyOf(url))).length, turns.length);
    else assert.equal(status.status, 'layout-not-recognized', JSON.stringify(status));
    await page.close();
  } finally {
    await sendFromExtension(session, { type: 'settings/set', patch: { sites: { chatgpt: { enabled: true, selectors: {} } } } });
  }
});

test('messages forged by the page are ignored: nothing stored, nothing deleted', async () => {
  // Something real in the store first, so a forged "store/clear" would show.
  const realUrl = chatgptUrl('forge-real');
  const realTurns = makeTurns('forgereal', 4);
  session.serve(realUrl, chatgptPage({ turns: realTurns }));
  const real = await session.openPage(realUrl);
  await waitFor('real turns stored', async () => ((await storedTurns(session, keyOf(realUrl))).length === 4 ? true : null));
  const before = await dumpStore(session);

  const url = chatgptUrl('forger');
  session.serve(url, chatgptPage({ turns: [], script: HEARTBEAT_SCRIPT }));
  const page = await session.openPage(url);
  const forgedKey = 'chatgpt:forged-conversation';
  const result = await page.evaluate(async () => {
    const forgedTurn = { id: 'forged-1', role: 'assistant', text: 'FORGED', model: null, selectedModel: null, streaming: false, thinking: null, branch: null };
    const messages = [
      {
        type: 'capture/page',
        site: 'chatgpt',
        conversationId: 'forged-conversation',
        url: location.href,
        title: 'forged',
        status: 'ok',
        selectedModel: null,
        turns: [forgedTurn],
        pending: 0,
      },
      { type: 'store/clear' },
      { type: 'settings/set', patch: { paused: true } },
      { type: 'import/bundles', bundles: [] },
    ];
    for (const m of messages) {
      window.postMessage(m, '*');
      window.postMessage(JSON.stringify(m), '*');
      document.dispatchEvent(new CustomEvent('persona-observatory', { detail: m }));
    }
    const w = window as unknown as { chrome?: { runtime?: { sendMessage?: unknown } } };
    let runtime = 'absent';
    if (typeof w.chrome?.runtime?.sendMessage === 'function') {
      try {
        // Without externally_connectable a page cannot address the extension at all.
        (w.chrome.runtime.sendMessage as (id: string, m: unknown) => void)('x', messages[0]);
        runtime = 'callable';
      } catch {
        runtime = 'throws';
      }
    }
    return { runtime };
  });
  assert.notEqual(result.runtime, 'callable', 'the page cannot message the extension runtime');
  await page.waitForTimeout(3_000);
  const after = await dumpStore(session);
  assert.equal((await storedTurns(session, forgedKey)).length, 0, 'no forged turn stored');
  assert.deepEqual(after.turns, before.turns, 'no turn added or deleted');
  assert.deepEqual(after.settings, before.settings, 'settings unchanged (not paused by the page)');
  const settings = await sendFromExtension<{ settings: { paused: boolean } }>(session, { type: 'settings/get' });
  assert.equal(settings.settings.paused, false);
  await Promise.all([page.close(), real.close()]);
});

/**
 * unlimitedStorage exempts the shipped build from quota, so the quota path is driven on a copy of
 * dist/chrome without that permission, with the origin's quota lowered through DevTools.
 */
function buildWithoutUnlimitedStorage(): string {
  const dir = mkdtempSync(join(tmpdir(), 'po-e2e-quota-dist-'));
  cpSync(DIST_CHROME, dir, { recursive: true });
  const manifestPath = join(dir, 'manifest.json');
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as { permissions?: string[] };
  manifest.permissions = (manifest.permissions ?? []).filter((p) => p !== 'unlimitedStorage');
  writeFileSync(manifestPath, JSON.stringify(manifest));
  return dir;
}

test('quota exhausted → capture pauses, the tab says why, what was stored before is untouched', async (t) => {
  const dist = buildWithoutUnlimitedStorage();
  const quota = await launchWithExtension({ dist });
  try {
    const helper = await extensionPage(quota);
    const origin = `chrome-extension://${quota.extensionId}`;
    const cdp = await quota.context.newCDPSession(helper);
    const firstUrl = chatgptUrl('quota-before');
    quota.serve(firstUrl, chatgptPage({ turns: makeTurns('quotabefore', 4) }));
    const first = await quota.openPage(firstUrl);
    await waitFor('turns stored before the quota runs out', async () => ((await storedTurns(quota, keyOf(firstUrl))).length === 4 ? true : null));
    await first.close();
    const before = await dumpStore(quota);
    const usage = await helper.evaluate(async () => (await navigator.storage.estimate()).usage ?? 0);
    await cdp.send('Storage.overrideQuotaForOrigin', { origin, quotaSize: usage + 4096 });

    const url = chatgptUrl('quota-full');
    const big = makeTurns('quotafull', 60).map((t) => ({ ...t, text: `${t.text} ${'x'.repeat(20_000)}` }));
    quota.serve(url, chatgptPage({ turns: big }));
    const { page, tabId } = await openTab(quota, url);
    // Done when the worker reports an error, or when every big turn got stored (quota not enforced).
    const status = await waitFor(
      'the tab to report the store error',
      async () => {
        const s = await tabStatus(quota, tabId);
        return s.storeError || s.turnCount === big.length ? s : null;
      },
      20_000,
    ).catch(async () => tabStatus(quota, tabId));
    if (!status.storeError && status.turnCount === big.length) {
      // Seen with Chromium 156: the overridden quota shows in navigator.storage.estimate() but
      // IndexedDB commits still succeed, so the quota cannot be exhausted from a test.
      t.skip(
        'Chromium did not enforce the overridden quota on IndexedDB writes (all 60 large turns were stored); the quota path is covered by the store unit tests only',
      );
      return;
    }
    assert.ok(typeof status.storeError === 'string' && /quota|full|storage/i.test(status.storeError), `a clear reason: ${JSON.stringify(status)}`);
    assert.equal(status.paused, true, 'capture is paused');
    assert.equal(status.status, 'error');
    const after = await dumpStore(quota);
    assert.deepEqual(after.turns, before.turns, 'the failed write left the stored turns exactly as they were');
    assert.deepEqual(after.conversations, before.conversations, 'and the conversations');
    assert.deepEqual(foreignRequests(quota), [], describeRequests(foreignRequests(quota)));
    await page.close();
    await cdp.detach().catch(() => undefined);
  } finally {
    await quota.close();
    rmSync(dist, { recursive: true, force: true });
  }
});

test('no network: nothing but served fixtures and extension resources was requested', () => {
  const foreign = foreignRequests(session);
  assert.equal(foreign.length, 0, `unexpected requests:\n${describeRequests(foreign)}`);
});
