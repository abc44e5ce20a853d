/**
 * Load and faults, in real Chromium at real ChatGPT URLs: two tabs on the same conversation,
 * five tabs × 200 turns at once, the service worker stopped (DevTools protocol) again and again
 * while a page keeps adding turns, and the browser closed and relaunched on the same profile.
 * Every case ends with: no turn lost, no turn duplicated.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launchWithExtension, type ExtensionSession } from './lib/browser.ts';
import { chatgptPage, chatgptUrl, makeTurns, turnHtml, keyOf } from './lib/chat-page.ts';
import { describeRequests, dumpStore, foreignRequests, stopServiceWorker, storedTurns, waitFor, type StoredTurnLike } from './lib/extension.ts';

let session: ExtensionSession;

before(async () => {
  session = await launchWithExtension();
});
after(async () => {
  await session?.close();
});

function assertExactlyOnce(stored: StoredTurnLike[], texts: string[], what: string) {
  const keys = stored.map((t) => t.key);
  assert.equal(new Set(keys).size, keys.length, `${what}: no duplicate keys`);
  const storedTexts = stored.map((t) => t.text);
  const missing = texts.filter((t) => !storedTexts.includes(t));
  assert.deepEqual(missing.slice(0, 5), [], `${what}: ${missing.length} turns lost`);
  assert.equal(stored.length, texts.length, `${what}: ${stored.length} stored for ${texts.length} on the page`);
  assert.deepEqual(storedTexts, texts, `${what}: page order`);
}

test('two tabs capturing the same conversation at once → every turn exactly once', async () => {
  const url = chatgptUrl('two-tabs');
  const turns = makeTurns('twotabs', 40);
  session.serve(url, chatgptPage({ turns }));
  const [p1, p2] = await Promise.all([session.openPage(url), session.openPage(url)]);
  const stored = await waitFor(
    '40 turns',
    async () => {
      const s = await storedTurns(session, keyOf(url));
      return s.length >= turns.length ? s : null;
    },
    20_000,
  ).catch(() => storedTurns(session, keyOf(url)));
  await p1.waitForTimeout(2_000);
  assertExactlyOnce(
    await storedTurns(session, keyOf(url)),
    turns.map((t) => t.text),
    'two tabs',
  );
  assert.ok(stored.length > 0);
  await Promise.all([p1.close(), p2.close()]);
});

test('five tabs × 200 turns at once → 1000 turns, none lost, none duplicated', async () => {
  const pages = Array.from({ length: 5 }, (_, i) => {
    const url = chatgptUrl(`load-${i}`);
    const turns = makeTurns(`load${i}`, 200);
    session.serve(url, chatgptPage({ turns }));
    return { url, turns };
  });
  const t0 = Date.now();
  const opened = await Promise.all(pages.map((p) => session.openPage(p.url)));
  await waitFor(
    '1000 turns stored',
    async () => {
      const counts = await Promise.all(pages.map((p) => storedTurns(session, keyOf(p.url)).then((s) => s.length)));
      return counts.every((c) => c >= 200) ? counts : null;
    },
    60_000,
    500,
  ).catch(() => null);
  console.log(`5 × 200 turns stored in ${Date.now() - t0} ms (including page loads and the 1.5 s quiet period)`);
  await opened[0].waitForTimeout(1_500);
  for (const p of pages)
    assertExactlyOnce(
      await storedTurns(session, keyOf(p.url)),
      p.turns.map((t) => t.text),
      p.url,
    );
  await Promise.all(opened.map((p) => p.close()));
});

test('service worker stopped again and again while a page adds turns → capture resumes, nothing lost', async () => {
  const url = chatgptUrl('sw-stop');
  const initial = makeTurns('swstop', 6);
  const later = makeTurns('swlater', 24);
  // The page appends a user/assistant pair every 600 ms (a lively chat), 12 pairs in all.
  const script = `
    (function () {
      var more = ${JSON.stringify(later.map((t, i) => turnHtml(t, i + initial.length)))};
      var thread = document.getElementById('thread');
      var i = 0;
      var timer = setInterval(function () {
        if (i >= more.length) { clearInterval(timer); window.__addDone = true; return; }
        var box = document.createElement('div');
        box.innerHTML = more[i] + more[i + 1];
        while (box.firstChild) thread.appendChild(box.firstChild);
        i += 2;
      }, 600);
    })();`;
  session.serve(url, chatgptPage({ turns: initial, script }));
  const page = await session.openPage(url);
  let stops = 0;
  while (!(await page.evaluate(() => (window as unknown as { __addDone?: boolean }).__addDone === true))) {
    await page.waitForTimeout(700);
    await stopServiceWorker(session, page);
    stops++;
  }
  // One more stop right after the last turns appeared, before their quiet period ends.
  await stopServiceWorker(session, page);
  stops++;
  const all = [...initial, ...later].map((t) => t.text);
  await waitFor(
    'all 30 turns after the worker restarts',
    async () => {
      const s = await storedTurns(session, keyOf(url));
      return s.length >= all.length ? s : null;
    },
    20_000,
  ).catch(() => null);
  assert.ok(stops >= 8, `the worker was stopped ${stops} times`);
  assertExactlyOnce(await storedTurns(session, keyOf(url)), all, 'after worker stops');
  await page.close();
});

test('browser closed and relaunched on the same profile → everything still there', async () => {
  const profile = mkdtempSync(join(tmpdir(), 'po-e2e-profile-'));
  try {
    const first = await launchWithExtension({ userDataDir: profile });
    const url = chatgptUrl('restart');
    const turns = makeTurns('restart', 12);
    first.serve(url, chatgptPage({ turns }));
    const page = await first.openPage(url);
    await waitFor('12 turns stored before the restart', async () => ((await storedTurns(first, keyOf(url))).length >= 12 ? true : null));
    const before = await dumpStore(first);
    await page.close();
    await first.close({ keepProfile: true });

    const second = await launchWithExtension({ userDataDir: profile });
    try {
      assert.equal(second.extensionId, first.extensionId, 'same extension id, same storage origin');
      const after = await dumpStore(second);
      assert.deepEqual(after.turns, before.turns, 'every turn survived the restart unchanged');
      assert.deepEqual(after.conversations, before.conversations, 'conversations survived');
      assertExactlyOnce(
        await storedTurns(second, keyOf(url)),
        turns.map((t) => t.text),
        'after restart',
      );
      // Capturing the same page again after the restart adds nothing.
      second.serve(url, chatgptPage({ turns }));
      const again = await second.openPage(url);
      await again.waitForTimeout(3_500);
      assertExactlyOnce(
        await storedTurns(second, keyOf(url)),
        turns.map((t) => t.text),
        'recaptured after restart',
      );
      assert.deepEqual(foreignRequests(second), [], describeRequests(foreignRequests(second)));
    } finally {
      await second.close();
    }
  } finally {
    rmSync(profile, { recursive: true, force: true });
  }
});

test('no network: nothing but served fixtures and extension resources was requested', () => {
  const foreign = foreignRequests(session);
  assert.equal(foreign.length, 0, `unexpected requests:\n${describeRequests(foreign)}`);
});
