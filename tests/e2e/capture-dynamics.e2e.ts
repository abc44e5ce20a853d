/**
 * Capture on pages that move, at real ChatGPT URLs: a streaming reply is stored once, finished,
 * with its full text (never a partial); a virtualised thread that unmounts and remounts turns
 * loses none and duplicates none, in order; SPA navigation files turns under the right
 * conversation; a page whose markup no adapter knows is reported "layout not recognized" and
 * stores nothing.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launchWithExtension, type ExtensionSession } from './lib/browser.ts';
import { chatgptPage, chatgptUrl, makeTurns, streamingScript, turnHtml, type PageTurn, keyOf } from './lib/chat-page.ts';
import { describeRequests, foreignRequests, openTab, storedTurns, tabStatus, waitFor, type StoredTurnLike } from './lib/extension.ts';

let session: ExtensionSession;

before(async () => {
  session = await launchWithExtension();
});
after(async () => {
  await session?.close();
});

test('streaming reply → exactly one stored reply, with the full text, never a partial', async () => {
  const url = chatgptUrl('streaming');
  const words = Array.from({ length: 45 }, (_, i) => `word${i}`);
  const turns = makeTurns('stream', 2);
  turns.push({ id: 'stream-q2', role: 'user', text: 'Please write forty-five words.' });
  session.serve(url, chatgptPage({ turns, script: `setTimeout(function(){${streamingScript('stream-reply', words, 70)}}, 1500);` }));
  const page = await session.openPage(url);
  const key = keyOf(url);

  // While the reply streams, poll the store: the streaming turn must never appear.
  const partials: string[] = [];
  while (!(await page.evaluate(() => (window as unknown as { __streamDone?: boolean }).__streamDone === true))) {
    const reply = (await storedTurns(session, key)).find((t) => t.turnId.includes('stream-reply'));
    if (reply) partials.push(reply.text);
    await page.waitForTimeout(250);
  }
  const finalText = await page.evaluate(() => (window as unknown as { __finalText: string }).__finalText);
  assert.equal(finalText, words.join(' '));
  assert.deepEqual(partials, [], 'no partial reply was stored while streaming');

  const stored = await waitFor('the finished reply stored', async () => {
    const all = await storedTurns(session, key);
    return all.some((t) => t.turnId.includes('stream-reply')) && all.length >= 4 ? all : null;
  });
  const replies = stored.filter((t) => t.turnId.includes('stream-reply'));
  assert.equal(replies.length, 1, 'exactly one stored reply');
  assert.equal(replies[0].text, finalText, 'with the full text');
  assert.equal(stored.length, 4, 'the 3 earlier turns and the reply');
  await page.waitForTimeout(2_500);
  assert.equal((await storedTurns(session, key)).length, 4, 'nothing more arrives after the stream ended');
  await page.close();
});

test('virtualised thread (turns unmounted and remounted) → no loss, no duplicates, page order', async () => {
  const url = chatgptUrl('virtualised');
  const all = makeTurns('virt', 80);
  const windowSize = 20;
  // The page shows 20 turns at a time, scrolling down every 2.5 s, then back up to the top.
  const windows = [0, 20, 40, 60, 40, 20, 0];
  const script = `
    (function () {
      var turns = ${JSON.stringify(all.map(turnHtml))};
      var windows = ${JSON.stringify(windows)};
      var thread = document.getElementById('thread');
      var step = 0;
      function show(start) { thread.innerHTML = turns.slice(start, start + ${windowSize}).join(''); }
      var timer = setInterval(function () {
        step++;
        if (step >= windows.length) { clearInterval(timer); window.__virtDone = true; return; }
        show(windows[step]);
      }, 2500);
    })();`;
  session.serve(url, chatgptPage({ turns: all.slice(0, windowSize), script }));
  const page = await session.openPage(url);
  await page.waitForFunction(() => (window as unknown as { __virtDone?: boolean }).__virtDone === true, null, { timeout: 30_000 });
  const key = keyOf(url);
  const stored = await waitFor(
    'all 80 turns stored',
    async () => {
      const s = await storedTurns(session, key);
      return s.length >= all.length ? s : null;
    },
    15_000,
  ).catch(async () => storedTurns(session, key));
  const ids = stored.map((t) => t.turnId);
  assert.equal(new Set(ids).size, ids.length, 'no duplicates');
  const missing = all.filter((t) => !stored.some((s) => s.text === t.text));
  assert.deepEqual(
    missing.map((t) => t.id),
    [],
    'no turn lost',
  );
  assert.equal(stored.length, all.length, 'exactly one stored turn per page turn');
  assert.deepEqual(
    stored.map((t) => t.text),
    all.map((t) => t.text),
    'stored order is the page order',
  );
  await page.close();
});

test('SPA navigation between conversations files each turn under its own conversation', async () => {
  const urlA = chatgptUrl('spa-first');
  const urlB = chatgptUrl('spa-second');
  const a = makeTurns('spa-a', 4);
  const b = makeTurns('spa-b', 6);
  const script = `
    setTimeout(function () {
      history.pushState({}, '', ${JSON.stringify(new URL(urlB).pathname)});
      document.getElementById('thread').innerHTML = ${JSON.stringify(b.map(turnHtml).join(''))};
      window.__navigated = true;
    }, 4000);`;
  session.serve(urlA, chatgptPage({ turns: a, script }));
  const page = await session.openPage(urlA);
  const storedA = await waitFor('conversation A stored', async () => {
    const s = await storedTurns(session, keyOf(urlA));
    return s.length >= a.length ? s : null;
  });
  await page.waitForFunction(() => (window as unknown as { __navigated?: boolean }).__navigated === true, null, { timeout: 15_000 });
  const storedB = await waitFor('conversation B stored after pushState', async () => {
    const s = await storedTurns(session, keyOf(urlB));
    return s.length >= b.length ? s : null;
  });
  await page.waitForTimeout(2_000);
  const textsA = (await storedTurns(session, keyOf(urlA))).map((t: StoredTurnLike) => t.text);
  const textsB = (await storedTurns(session, keyOf(urlB))).map((t: StoredTurnLike) => t.text);
  assert.deepEqual(
    textsA,
    a.map((t: PageTurn) => t.text),
    'A holds exactly its own turns',
  );
  assert.deepEqual(
    textsB,
    b.map((t: PageTurn) => t.text),
    'B holds exactly its own turns',
  );
  assert.equal(storedA.length, a.length);
  assert.equal(storedB.length, b.length);
  await page.close();
});

test('markup no adapter knows → "layout not recognized" for the tab, nothing stored', async () => {
  const url = chatgptUrl('unknown-layout');
  const html = `<!doctype html><html><head><title>Redesigned</title></head><body><main>
    <div class="msg me">What is the capital of France?</div>
    <div class="msg bot">Paris is the capital of France.</div></main></body></html>`;
  session.serve(url, html);
  const { page, tabId } = await openTab(session, url);
  const status = await waitFor(
    'tab status layout-not-recognized',
    async () => {
      const s = await tabStatus(session, tabId);
      return s.status === 'layout-not-recognized' ? s : null;
    },
    15_000,
  ).catch(async () => tabStatus(session, tabId));
  assert.equal(status.status, 'layout-not-recognized', `tab status: ${JSON.stringify(status)}`);
  assert.equal(status.site, 'chatgpt');
  assert.ok(typeof status.detail === 'string' && status.detail.length > 0, 'the status says why');
  assert.equal((await storedTurns(session, keyOf(url))).length, 0, 'nothing stored');
  await page.close();
});

test('no network: nothing but served fixtures and extension resources was requested', () => {
  const foreign = foreignRequests(session);
  assert.equal(foreign.length, 0, `unexpected requests:\n${describeRequests(foreign)}`);
});
