/**
 * Route capture in real Chromium (issue 15): a chatgpt.com page whose own script fetches the
 * conversation endpoint, answered by this test with a fixture stream (safety routing:
 * label gpt-5, served gpt-5-chat-safety).
 * - the page receives its response byte for byte unchanged (and the Response keeps its url/type);
 * - the served model is stored on the reply (page-reported), shown in the badge, counted in
 *   the popup's tab status, and shown in the dashboard's route strip;
 * - a page script posting forged route messages (unknown reply, other conversation, bad
 *   fields, oversize, from a frame, a flood) stores nothing;
 * - the other two transports: a reply handed off to the page's WebSocket (the POST stream only
 *   names the topic; the frames come over a socket mocked by the test), and the conversation
 *   record fetched on load (GET /backend-api/conversation/<id>);
 * - the extension itself makes no network request.
 */
import { sharedFixture } from '../fixtures/paths.ts';
import { layerText } from './lib/badge-layer.ts';
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { launchWithExtension, type ExtensionSession } from './lib/browser.ts';
import { chatgptPage, HEARTBEAT_SCRIPT, type PageTurn } from './lib/chat-page.ts';
import { describeRequests, dumpStore, foreignRequests, openTab, tabStatus, waitFor, watchPage } from './lib/extension.ts';
import { decodeTurn, type TurnRow } from '../../src/store/turn-rows.ts';
import type { Turn } from '../../src/core/model/types.ts';

const readSharedFixture = (sub: string): Buffer => readFileSync(sharedFixture(sub));

const OUT = resolve('demo-output');
const SAFETY = readSharedFixture('network/chatgpt/safety-route-gpt-5-chat-safety.sse');
const HANDOFF_POST = readSharedFixture('network/chatgpt/handoff-post.sse');
const HANDOFF_FRAMES = readSharedFixture('network/chatgpt/handoff-ws-frames.jsonl').toString('utf8').split('\n').filter(Boolean);
const HANDOFF_CONVERSATION = '4cf07353-d824-844b-81c1-56cf264ca243';
const RECORD = readSharedFixture('network/chatgpt/conversation-model-changes.json');
const RECORD_CONVERSATION = 'a1b2c3d4-0000-4000-8000-00000000c0de';
const SAFETY_CONVERSATION = 'bdf0c9a1-f803-85ed-bd7c-9ec7081ab44d';
const SAFETY_REPLY = '285f0789-65f5-4299-bc83-ab74842a0944';
const REROUTE_TEXT = 'served by gpt-5-chat-safety (you chose gpt-5)';

let session: ExtensionSession;

before(async () => {
  mkdirSync(OUT, { recursive: true });
  session = await launchWithExtension();
  // The chat site's API, answered here (registered after the session's catch-all, so it wins).
  await session.context.route('https://chatgpt.com/backend-api/**', async (route) => {
    const req = route.request();
    const url = new URL(req.url());
    const from = req.frame().url();
    const send = req.method() === 'POST' && url.pathname === '/backend-api/f/conversation';
    const record = req.method() === 'GET' && url.pathname === `/backend-api/conversation/${RECORD_CONVERSATION}`;
    session.requests.push({ url: req.url(), resourceType: req.resourceType(), servedFixture: send || record, origin: from });
    if (record) {
      await route.fulfill({ status: 200, headers: { 'content-type': 'application/json' }, body: RECORD });
    } else if (send) {
      const body = from.includes(HANDOFF_CONVERSATION) ? HANDOFF_POST : SAFETY;
      await route.fulfill({ status: 200, headers: { 'content-type': 'text/event-stream; charset=utf-8' }, body });
    } else {
      await route.abort('blockedbyclient');
    }
  });
  // The page's own socket: after the page subscribes, the handed-off turn's frames (no server).
  await session.context.routeWebSocket('wss://ws.chatgpt.com/**', (ws) => {
    ws.onMessage((message) => {
      if (String(message).includes('subscribe')) for (const frame of HANDOFF_FRAMES) ws.send(frame);
    });
  });
});
after(async () => {
  await session?.close();
});

async function storedTurnsOf(conversationKey: string): Promise<Turn[]> {
  const dump = await dumpStore(session);
  return (dump.turns ?? []).map((r) => decodeTurn(r as TurnRow)).filter((t) => t.conversationKey === conversationKey);
}

/** The page's own script: send a message, read the whole answer, keep a digest of what it got. */
const FETCH_SCRIPT = `
  (async function () {
    try {
      var body = JSON.stringify({ action: 'next', model: 'gpt-5', messages: [{ id: 'u-1', content: { parts: ['I feel awful today'] } }] });
      var r = await fetch('/backend-api/f/conversation', { method: 'POST', headers: { 'content-type': 'application/json' }, body: body });
      var bytes = new Uint8Array(await r.arrayBuffer());
      var digest = Array.from(new Uint8Array(await crypto.subtle.digest('SHA-256', bytes))).map(function (b) { return b.toString(16).padStart(2, '0'); }).join('');
      window.__fetched = { status: r.status, type: r.type, url: r.url, contentType: r.headers.get('content-type'), length: bytes.length, sha256: digest };
    } catch (e) {
      window.__fetched = { error: String(e) };
    }
  })();
`;

test('a rerouted reply: the page gets its bytes unchanged; served model stored, in the badge, the popup count and the dashboard', async () => {
  const url = `https://chatgpt.com/c/${SAFETY_CONVERSATION}`;
  const turns: PageTurn[] = [
    { id: 'route-user-1', role: 'user', text: 'I feel awful today and I do not know who to talk to.' },
    { id: SAFETY_REPLY, role: 'assistant', text: 'I am sorry you are feeling this way. Would you like to tell me what happened?', model: 'gpt-5' },
  ];
  session.serve(url, chatgptPage({ turns, script: FETCH_SCRIPT + HEARTBEAT_SCRIPT }), { keepScripts: true });
  const { page, tabId } = await openTab(session, url);
  const watch = watchPage(page);

  const fetched = await waitFor('the page to read its response', () =>
    page.evaluate(() => (window as unknown as { __fetched?: Record<string, unknown> }).__fetched),
  );
  assert.deepEqual(
    fetched,
    {
      status: 200,
      type: 'basic',
      url: 'https://chatgpt.com/backend-api/f/conversation',
      contentType: 'text/event-stream; charset=utf-8',
      length: SAFETY.length,
      sha256: createHash('sha256').update(SAFETY).digest('hex'),
    },
    'the page received the response byte for byte, as the site sent it',
  );

  const key = `chatgpt:${SAFETY_CONVERSATION}`;
  const reply = await waitFor(
    'the route to be stored on the reply',
    async () => {
      const t = (await storedTurnsOf(key)).find((x) => x.turnId === SAFETY_REPLY);
      return t?.route ? t : null;
    },
    20_000,
  );
  assert.deepEqual(reply.route, {
    requested: 'gpt-5',
    shown: 'gpt-5',
    served: 'gpt-5-chat-safety',
    flags: ['requested-from:request', 'served-from:ste', 'requested-experience:instant', 'use-case:text', 'plan:paid', 'via:stream'],
    source: 'page-reported',
  });
  assert.equal(reply.text, turns[1].text, 'the text still comes from the page, not the network');
  // No token and no text from the network reached the store.
  const everything = JSON.stringify(await dumpStore(session));
  assert.ok(!everything.includes('eyJhbGciOiJub25lIn0'), 'the resume token is not stored');

  // The badge layer's shadow root is closed: read it the way only a debugger can (lib/badge-layer.ts).
  await waitFor('the badge to say which model served the reply', async () => ((await layerText(page)).includes(REROUTE_TEXT) ? true : null), 15_000);
  await page.screenshot({ path: join(OUT, 'e2e-route-badge.png') });
  const status = await tabStatus(session, tabId);
  assert.equal(status.reroutes, 1, `popup count: ${JSON.stringify(status)}`);

  const dash = await session.openPage(session.extensionUrl(`src/ui/dashboard/index.html#/c/${encodeURIComponent(key)}`));
  await dash.getByText(REROUTE_TEXT).first().waitFor({ timeout: 10_000 });
  await dash.getByText('Served by (as the site reports it)').waitFor();
  await dash.screenshot({ path: join(OUT, 'e2e-route-dashboard.png') });
  await dash.close();
  assert.deepEqual(watch.errors, [], 'no page errors');
  await page.close();
});

test('a page script posting forged route messages stores nothing', async () => {
  const conversation = 'f0f0f0f0-1111-4222-8333-444455556666';
  const url = `https://chatgpt.com/c/${conversation}`;
  const turns: PageTurn[] = [
    { id: 'forge-user-1', role: 'user', text: 'What is the capital of France?' },
    { id: 'forge-reply-1', role: 'assistant', text: 'Paris is the capital of France.', model: 'gpt-5' },
  ];
  const forge = `
    (function () {
      var tag = { source: 'persona-observatory/route', v: 1 };
      function post(o, target) { (target || window).postMessage(Object.assign({}, tag, { payload: typeof o === 'string' ? o : JSON.stringify(o) }), '*'); }
      var base = { site: 'chatgpt', conversationId: ${JSON.stringify(conversation)}, messageId: 'forge-reply-1', requested: 'gpt-5', shown: 'gpt-5', served: 'evil-model', flags: [], via: 'stream' };
      function go() {
        post(Object.assign({}, base, { messageId: 'not-a-captured-reply' }));
        post(Object.assign({}, base, { conversationId: 'another-conversation' }));
        post(Object.assign({}, base, { served: '<img src=x onerror=alert(1)>' }));
        post(Object.assign({}, base, { flags: ['x'.repeat(3000)] }));
        post('{"broken json');
        window.postMessage(Object.assign({}, tag, { payload: { object: 'not a string' } }), '*');
        for (var i = 0; i < 200; i++) post(Object.assign({}, base, { messageId: 'flood-' + i }));
        var frame = document.createElement('iframe');
        frame.srcdoc = '<script>parent.postMessage(' + JSON.stringify(Object.assign({}, tag, { payload: JSON.stringify(base) })) + ', "*")<\\/script>';
        document.body.appendChild(frame);
        window.__forged = true;
      }
      // Again and again, before and after the reply is captured.
      go();
      setTimeout(go, 1500);
      setTimeout(go, 4000);
    })();
  `;
  session.serve(url, chatgptPage({ turns, script: forge + HEARTBEAT_SCRIPT }), { keepScripts: true });
  const { page } = await openTab(session, url);
  const key = `chatgpt:${conversation}`;
  await waitFor('the page to be captured', async () => ((await storedTurnsOf(key)).length === 2 ? true : null), 20_000);
  await page.waitForTimeout(5_000);
  const stored = await storedTurnsOf(key);
  assert.deepEqual(stored.map((t) => t.turnId).sort(), ['forge-reply-1', 'forge-user-1'], 'no turn created');
  assert.ok(
    stored.every((t) => t.route === null),
    `no route stored: ${JSON.stringify(stored.map((t) => t.route))}`,
  );
  assert.ok(!JSON.stringify(await dumpStore(session)).includes('evil-model'));
  await page.close();
});

test("a reply handed off to the page's WebSocket: the route comes from the socket frames", async () => {
  const url = `https://chatgpt.com/c/${HANDOFF_CONVERSATION}`;
  const reply = '88949dad-cb85-4689-88a3-8bce4b3c26b4';
  const turns: PageTurn[] = [
    { id: 'ws-user-1', role: 'user', text: "Translate 'good morning' into French and Spanish." },
    { id: reply, role: 'assistant', text: 'French: « Bonjour ». Spanish: « Buenos días ».', model: 'gpt-5' },
  ];
  const script = `
    (async function () {
      var r = await fetch('/backend-api/f/conversation', { method: 'POST', body: JSON.stringify({ model: 'gpt-5' }) });
      await r.text();
      var frames = 0;
      var ws = new WebSocket('wss://ws.chatgpt.com/ws/user?verify=test');
      ws.onopen = function () { ws.send(JSON.stringify([{ id: 1, command: { type: 'subscribe', topic_id: 'conversation-turn-9c6b3a21-d7cb-4a98-91c5-00f2f58a6535', offset: '0' } }])); };
      ws.addEventListener('message', function () { frames++; document.body.setAttribute('data-frames', String(frames)); });
    })();
  `;
  session.serve(url, chatgptPage({ turns, script }), { keepScripts: true });
  const { page } = await openTab(session, url);
  const key = `chatgpt:${HANDOFF_CONVERSATION}`;
  const stored = await waitFor(
    'the socket route to be stored',
    async () => {
      const t = (await storedTurnsOf(key)).find((x) => x.turnId === reply);
      return t?.route ? t : null;
    },
    20_000,
  );
  assert.equal(await page.getAttribute('body', 'data-frames'), String(HANDOFF_FRAMES.length), 'the page got every frame');
  assert.deepEqual(stored.route, {
    requested: 'gpt-5',
    shown: 'gpt-5',
    served: 'gpt-5',
    flags: ['requested-from:default', 'served-from:ste', 'requested-experience:instant', 'use-case:text', 'plan:paid', 'via:socket'],
    source: 'page-reported',
  });
  await page.close();
});

test('the conversation record fetched on load fills the routes of the replies on the page', async () => {
  const url = `https://chatgpt.com/c/${RECORD_CONVERSATION}`;
  const replies = ['2e01ea31-e519-4791-aae4-88cc29e105a1', '1742945e-63bf-4a2f-be54-b73e18e0a25e', '36fdaad3-8fbf-4ca1-88b4-9545c63db5f8'];
  const turns: PageTurn[] = replies.flatMap((id, i) => [
    { id: `rec-user-${i}`, role: 'user' as const, text: `Question ${i + 1} about walking times.` },
    { id, role: 'assistant' as const, text: `Answer ${i + 1}: it takes about ${20 + i * 5} minutes.`, model: ['gpt-5', 'gpt-5-thinking', 'gpt-5-mini'][i] },
  ]);
  const script = `fetch('/backend-api/conversation/${RECORD_CONVERSATION}').then(function (r) { return r.json(); }).then(function (j) { document.body.setAttribute('data-title', j.title); });`;
  session.serve(url, chatgptPage({ turns, script }), { keepScripts: true });
  const { page } = await openTab(session, url);
  const key = `chatgpt:${RECORD_CONVERSATION}`;
  const stored = await waitFor(
    'three routes from the record',
    async () => {
      const ts = (await storedTurnsOf(key)).filter((t) => t.role === 'assistant' && t.route);
      return ts.length === 3 ? ts : null;
    },
    20_000,
  );
  assert.equal(await page.getAttribute('body', 'data-title'), 'Walking time estimates', 'the page read its own JSON');
  assert.deepEqual(
    replies.map((id) => stored.find((t) => t.turnId === id)!.route!.served),
    ['gpt-5', 'gpt-5-thinking', 'gpt-5-mini'],
  );
  assert.ok(stored.every((t) => t.route!.flags.includes('via:record') && t.route!.requested === 'auto'));
  await page.close();
});

test('no network: nothing but served fixtures and extension resources was requested', () => {
  const foreign = foreignRequests(session);
  assert.equal(foreign.length, 0, `unexpected requests:\n${describeRequests(foreign)}`);
});
