/**
 * Route capture on a second site in real Chromium (issue 15): a grok.com page whose own script
 * posts a reply request (`modelName: grok-4`), answered by this test with a hand-built NDJSON
 * stream (tests/fixtures/route/grok) whose response names `grok-3-mini`.
 * - the page receives its response byte for byte unchanged;
 * - the served model is stored on the reply (page-reported, `response-<responseId>`), and the
 *   badge says "served by grok-3-mini (you chose grok-4)";
 * - messages the page forges are ignored and counted by reason, as the popup asks for them;
 * - the extension itself makes no network request.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { routeFixture } from '../fixtures/paths.ts';
import { layerText } from './lib/badge-layer.ts';
import { launchWithExtension, type ExtensionSession } from './lib/browser.ts';
import { grokPage, HEARTBEAT_SCRIPT, type PageTurn } from './lib/chat-page.ts';
import { describeRequests, dumpStore, extensionPage, foreignRequests, openTab, tabStatus, waitFor, watchPage } from './lib/extension.ts';
import { decodeTurn, type TurnRow } from '../../src/store/turn-rows.ts';

const STREAM = readFileSync(routeFixture('grok/reply-other-model.ndjson'));
const CONVERSATION = '0f6b2c3e-8a41-4d7b-9c35-2e1f6a9b7c10';
const REPLY = 'response-9a8b7c6d-5e4f-4321-a0b1-c2d3e4f5a6b7';
const REROUTE_TEXT = 'served by grok-3-mini (you chose grok-4)';

let session: ExtensionSession;

before(async () => {
  session = await launchWithExtension();
  await session.context.route('https://grok.com/rest/**', async (route) => {
    const req = route.request();
    const send = req.method() === 'POST' && new URL(req.url()).pathname === `/rest/app-chat/conversations/${CONVERSATION}/responses`;
    session.requests.push({ url: req.url(), resourceType: req.resourceType(), servedFixture: send, origin: req.frame().url() });
    if (send) await route.fulfill({ status: 200, headers: { 'content-type': 'application/json' }, body: STREAM });
    else await route.abort('blockedbyclient');
  });
});
after(async () => {
  await session?.close();
});

const TURNS: PageTurn[] = [
  { id: 'response-1b2c3d4e-0000-4000-8000-000000000002', role: 'user', text: 'Give me the short version, please.' },
  { id: REPLY, role: 'assistant', text: 'Sure — here it is, in three short lines.' },
];
const grokPageWith = (script: string): string => grokPage({ turns: TURNS, script });

const FETCH_SCRIPT = `
  (async function () {
    try {
      var body = JSON.stringify({ message: 'Give me the short version, please.', modelName: 'grok-4', parentResponseId: '1b2c3d4e-0000-4000-8000-000000000001', isReasoning: true });
      var r = await fetch('/rest/app-chat/conversations/${CONVERSATION}/responses', { method: 'POST', headers: { 'content-type': 'application/json' }, body: body });
      var bytes = new Uint8Array(await r.arrayBuffer());
      var digest = Array.from(new Uint8Array(await crypto.subtle.digest('SHA-256', bytes))).map(function (b) { return b.toString(16).padStart(2, '0'); }).join('');
      window.__fetched = { status: r.status, url: r.url, length: bytes.length, sha256: digest };
    } catch (e) {
      window.__fetched = { error: String(e) };
    }
  })();
`;

test('Grok: the page gets its bytes unchanged; the model the response names is stored and shown in the badge', async () => {
  const url = `https://grok.com/c/${CONVERSATION}`;
  session.serve(url, grokPageWith(FETCH_SCRIPT + HEARTBEAT_SCRIPT), { keepScripts: true });
  const { page, tabId } = await openTab(session, url);
  const watch = watchPage(page);
  const fetched = await waitFor('the page to read its response', () =>
    page.evaluate(() => (window as unknown as { __fetched?: Record<string, unknown> }).__fetched),
  );
  assert.deepEqual(fetched, {
    status: 200,
    url: `https://grok.com/rest/app-chat/conversations/${CONVERSATION}/responses`,
    length: STREAM.length,
    sha256: createHash('sha256').update(STREAM).digest('hex'),
  });

  const key = `grok:${CONVERSATION}`;
  const reply = await waitFor(
    'the route to be stored on the reply',
    async () => {
      const dump = await dumpStore(session);
      const t = (dump.turns ?? []).map((r) => decodeTurn(r as TurnRow)).find((x) => x.conversationKey === key && x.turnId === REPLY);
      return t?.route ? t : null;
    },
    20_000,
  );
  assert.deepEqual(reply.route, {
    requested: 'grok-4',
    shown: null,
    served: 'grok-3-mini',
    flags: ['requested-from:request', 'served-from:response-model', 'reasoning-requested', 'via:stream'],
    source: 'page-reported',
  });
  assert.equal(reply.text, 'Sure — here it is, in three short lines.', 'the text still comes from the page, not the network');
  assert.ok(!JSON.stringify(await dumpStore(session)).includes('Sure — here it is.'), 'no network text stored');
  await waitFor('the badge to say which model served the reply', async () => ((await layerText(page)).includes(REROUTE_TEXT) ? true : null), 15_000);
  const status = await tabStatus(session, tabId);
  assert.equal(status.reroutes, 1, `popup count: ${JSON.stringify(status)}`);
  assert.deepEqual(watch.errors, [], 'no page errors');
  await page.close();
});

test("Grok: what the tab's bridge ignored from the page is counted for the popup, by reason", async () => {
  const conversation = '3c3c3c3c-1111-4222-8333-444455556666';
  const url = `https://grok.com/c/${conversation}`;
  const forge = `
    window.__forge = function () {
      var tag = { source: 'persona-observatory/route', v: 1 };
      window.postMessage(Object.assign({}, tag, { payload: '{"broken json' }), location.origin);
      window.postMessage(Object.assign({}, tag, { payload: { object: 'not a string' } }), location.origin);
      window.postMessage(Object.assign({}, tag, { payload: 'x'.repeat(5000) }), location.origin);
      window.postMessage(Object.assign({}, tag, { payload: JSON.stringify({ site: 'grok', conversationId: 'another-one', messageId: 'response-x', requested: 'grok-4', shown: null, served: 'evil', flags: [], via: 'stream' }) }), location.origin);
    };
  `;
  session.serve(url, grokPageWith(forge + HEARTBEAT_SCRIPT), { keepScripts: true });
  const { page, tabId } = await openTab(session, url);
  // Forge once the content script is there (its turns are stored), so every message meets the bridge.
  await waitFor(
    'the page to be captured',
    async () => {
      const dump = await dumpStore(session);
      return (dump.turns ?? []).map((r) => decodeTurn(r as TurnRow)).filter((t) => t.conversationKey === `grok:${conversation}`).length === 2 ? true : null;
    },
    20_000,
  );
  await page.evaluate(() => (window as unknown as { __forge(): void }).__forge());
  const helper = await extensionPage(session);
  const drops = await waitFor('the bridge to count the forged messages', async () => {
    const answer = (await helper.evaluate((id) => chrome.tabs.sendMessage(id, { type: 'route/drops' }), tabId)) as Record<string, number> | null;
    return answer && answer.malformed === 2 && answer.oversize === 1 && answer['other-conversation'] === 1 ? answer : null;
  });
  assert.deepEqual(drops, { malformed: 2, oversize: 1, 'other-conversation': 1 });
  await page.close();
});

test('Grok: no network request of its own', () => {
  const foreign = foreignRequests(session);
  assert.equal(foreign.length, 0, `unexpected requests:\n${describeRequests(foreign)}`);
});
