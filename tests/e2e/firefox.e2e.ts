/**
 * Firefox smoke test: dist/firefox runs in firefox-esr (headless, via `web-ext run`), and its
 * content script → background (event page) → IndexedDB → badge round trip works on a chat page
 * at its real URL (https://chatgpt.com/c/…).
 *
 * How the page is served without network: Firefox's HTTPS proxy is set to a local proxy that
 * accepts CONNECT only for chatgpt.com and hands the tunnel to a local TLS server with a
 * throw-away self-signed certificate; Marionette (Firefox's remote protocol, `--marionette`)
 * opens a session with acceptInsecureCerts. Any other request reaching the proxy is recorded;
 * requests from our page are checked to be none.
 *
 * The route observer (main-world script) is covered the same way as in Chromium: a page whose
 * script POSTs to /backend-api/f/conversation gets the safety-routing fixture stream from the
 * local server, byte for byte; the reply's badge then says which model served it.
 */
import { routeFixture, sharedFixture } from '../fixtures/paths.ts';
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer as createHttpServer, type Server } from 'node:http';
import { createServer as createHttpsServer, type Server as HttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createHash } from 'node:crypto';
import { chatgptPage, chatgptUrl, grokPage, makeTurns, type PageTurn } from './lib/chat-page.ts';
import { Marionette } from './lib/marionette.ts';

const FIREFOX = ['/usr/bin/firefox-esr', '/usr/bin/firefox'].find((p) => existsSync(p));
const DIST = resolve('dist/firefox');
const URL_ = chatgptUrl('firefox-smoke');
const TURNS = makeTurns('ff', 6);

const readSharedFixture = (sub: string): Buffer => readFileSync(sharedFixture(sub));
const ROUTE_STREAM = readSharedFixture('network/chatgpt/safety-route-gpt-5-chat-safety.sse');
const ROUTE_URL = 'https://chatgpt.com/c/bdf0c9a1-f803-85ed-bd7c-9ec7081ab44d';
const ROUTE_TURNS: PageTurn[] = [
  { id: 'ff-route-user', role: 'user', text: 'I feel awful today and I do not know who to talk to.' },
  {
    id: '285f0789-65f5-4299-bc83-ab74842a0944',
    role: 'assistant',
    text: 'I am sorry you are feeling this way. Would you like to talk about it?',
    model: 'gpt-5',
  },
];
/** The page's own script: POST `body` to `path`, read the answer, leave its size and digest in the DOM. */
const fetchScript = (path: string, body: Record<string, string>) => `
  (async function () {
    var r = await fetch(${JSON.stringify(path)}, { method: 'POST', headers: { 'content-type': 'application/json' }, body: ${JSON.stringify(JSON.stringify(body))} });
    var bytes = new Uint8Array(await r.arrayBuffer());
    var digest = Array.from(new Uint8Array(await crypto.subtle.digest('SHA-256', bytes))).map(function (b) { return b.toString(16).padStart(2, '0'); }).join('');
    document.body.setAttribute('data-fetched', bytes.length + ':' + digest);
  })();
`;
const ROUTE_SCRIPT = fetchScript('/backend-api/f/conversation', { action: 'next', model: 'gpt-5' });

/** Grok (route capture on a second site): a reply request answered with a hand-built NDJSON stream naming grok-3-mini. */
const GROK_STREAM = readFileSync(routeFixture('grok/reply-other-model.ndjson'));
const GROK_CONVERSATION = '0f6b2c3e-8a41-4d7b-9c35-2e1f6a9b7c10';
const GROK_URL = `https://grok.com/c/${GROK_CONVERSATION}`;
const GROK_SEND = `https://grok.com/rest/app-chat/conversations/${GROK_CONVERSATION}/responses`;
const GROK_TURNS: PageTurn[] = [
  { id: 'response-1b2c3d4e-0000-4000-8000-000000000002', role: 'user', text: 'Give me the short version, please.' },
  { id: 'response-9a8b7c6d-5e4f-4321-a0b1-c2d3e4f5a6b7', role: 'assistant', text: 'Sure — here it is, in three short lines.' },
];
const GROK_SCRIPT = fetchScript(`/rest/app-chat/conversations/${GROK_CONVERSATION}/responses`, {
  message: 'Give me the short version, please.',
  modelName: 'grok-4',
});

let tmp: string;
let httpsServer: HttpsServer;
let proxy: Server;
let webExt: ChildProcess | null = null;
let marionette: Marionette | null = null;
const refused: string[] = [];
const served: string[] = [];

async function listen(server: Server | HttpsServer): Promise<number> {
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  return (server.address() as AddressInfo).port;
}

before(async () => {
  if (!FIREFOX) throw new Error('firefox-esr not found: run `apt-get update && apt-get install -y firefox-esr` (as root) for the Firefox smoke test.');
  if (!existsSync(join(DIST, 'manifest.json'))) throw new Error(`${DIST}/manifest.json is missing: run \`npm run build\` first.`);
  tmp = mkdtempSync(join(tmpdir(), 'po-ff-'));
  const key = join(tmp, 'key.pem');
  const cert = join(tmp, 'cert.pem');
  const ssl = spawnSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-keyout',
      key,
      '-out',
      cert,
      '-days',
      '1',
      '-subj',
      '/CN=chatgpt.com',
      '-addext',
      'subjectAltName=DNS:chatgpt.com,DNS:grok.com',
    ],
    { encoding: 'utf8' },
  );
  if (ssl.status !== 0) throw new Error(`openssl could not make a test certificate: ${ssl.stderr}`);

  const html = chatgptPage({ title: 'Firefox smoke', turns: TURNS });
  const routeHtml = chatgptPage({ title: 'Firefox route', turns: ROUTE_TURNS, script: ROUTE_SCRIPT });
  const grokHtml = grokPage({ title: 'Firefox Grok route', turns: GROK_TURNS, script: GROK_SCRIPT });
  httpsServer = createHttpsServer({ key: readFileSync(key), cert: readFileSync(cert) }, (req, res) => {
    const url = `https://${req.headers.host}${req.url}`;
    if (req.headers.host === 'chatgpt.com' && url.startsWith(URL_)) {
      served.push(url);
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(html);
    } else if (req.headers.host === 'chatgpt.com' && url === ROUTE_URL) {
      served.push(url);
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(routeHtml);
    } else if (req.headers.host === 'chatgpt.com' && req.method === 'POST' && url === 'https://chatgpt.com/backend-api/f/conversation') {
      served.push(url);
      req.resume();
      res.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8' }).end(ROUTE_STREAM);
    } else if (req.headers.host === 'grok.com' && url === GROK_URL) {
      served.push(url);
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(grokHtml);
    } else if (req.headers.host === 'grok.com' && req.method === 'POST' && url === GROK_SEND) {
      served.push(url);
      req.resume();
      res.writeHead(200, { 'content-type': 'application/json' }).end(GROK_STREAM);
    } else {
      refused.push(url);
      res.writeHead(404).end();
    }
  });
  proxy = createHttpServer((req, res) => {
    refused.push(`http ${req.url}`);
    res.writeHead(403).end();
  });
  proxy.on('connect', (req, socket) => {
    if (req.url === 'chatgpt.com:443' || req.url === 'grok.com:443') {
      socket.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      httpsServer.emit('connection', socket);
    } else {
      refused.push(`connect ${req.url}`);
      socket.end('HTTP/1.1 403 Forbidden\r\n\r\n');
    }
  });
  await listen(httpsServer);
  const proxyPort = await listen(proxy);
  const marionettePort = 20_000 + Math.floor(Math.random() * 20_000);

  const prefs = {
    'marionette.port': marionettePort,
    'network.proxy.type': 1,
    'network.proxy.ssl': '127.0.0.1',
    'network.proxy.ssl_port': proxyPort,
    'network.proxy.http': '127.0.0.1',
    'network.proxy.http_port': proxyPort,
    'network.proxy.no_proxies_on': '',
    'network.proxy.allow_hijacking_localhost': true,
    'app.update.enabled': false,
    'browser.shell.checkDefaultBrowser': false,
    'datareporting.policy.dataSubmissionEnabled': false,
    'toolkit.telemetry.enabled': false,
    'extensions.update.enabled': false,
  };
  webExt = spawn(
    'npx',
    [
      'web-ext',
      'run',
      '--no-input',
      '--no-reload',
      '--source-dir',
      DIST,
      '--firefox',
      FIREFOX,
      '--arg=--marionette',
      ...Object.entries(prefs).map(([k, v]) => `--pref=${k}=${v}`),
    ],
    { detached: true, stdio: 'ignore', env: { ...process.env, MOZ_HEADLESS: '1' } },
  );
  marionette = await Marionette.connect(marionettePort, 60_000);
  // Marionette takes flat, already-merged capabilities (geckodriver does the W3C matching).
  await marionette.send('WebDriver:NewSession', { acceptInsecureCerts: true });
});

after(async () => {
  try {
    await marionette?.send('WebDriver:DeleteSession').catch(() => undefined);
  } finally {
    marionette?.close();
    if (webExt?.pid) {
      try {
        process.kill(-webExt.pid, 'SIGTERM');
      } catch {
        /* already gone */
      }
    }
    await new Promise((r) => setTimeout(r, 500));
    if (webExt?.pid) {
      try {
        process.kill(-webExt.pid, 'SIGKILL');
      } catch {
        /* already gone */
      }
    }
    proxy?.close();
    httpsServer?.close();
    if (tmp) rmSync(tmp, { recursive: true, force: true });
  }
});

// Marionette answers some commands bare and others under `value`; element refs are { <key>: id }.
const unwrap = <T>(r: unknown): T => (r && typeof r === 'object' && 'value' in r ? (r as { value: T }).value : (r as T));
const refId = (ref: unknown): string => Object.values(ref as Record<string, string>)[0];

/** Text of the elements matching `selector` inside our closed badge layer (WebDriver can open it; the page can't). */
async function layerText(selector: string): Promise<string> {
  let text = '';
  for (const host of unwrap<unknown[]>(await marionette!.send('WebDriver:FindElements', { using: 'css selector', value: 'html > div' }))) {
    const root = await marionette!.send('WebDriver:GetShadowRoot', { id: refId(host) }).catch(() => null);
    if (!root) continue;
    const els = unwrap<unknown[]>(
      await marionette!.send('WebDriver:FindElementsFromShadowRoot', { shadowRoot: refId(unwrap(root)), using: 'css selector', value: selector }),
    );
    for (const el of els) text += unwrap<string>(await marionette!.send('WebDriver:GetElementText', { id: refId(el) }));
  }
  return text;
}

/**
 * Our layer: a host DIV under <html> whose shadow root is closed to the page. Page script sees no
 * root; WebDriver's "get element shadow root" (privileged) reaches it to count the badges.
 */
async function pageState(): Promise<{ layer: boolean; closed: boolean; badges: number; marks: string[] }> {
  const { value } = await marionette!.send<{ value: { hosts: number; closed: boolean; marks: string[] } }>('WebDriver:ExecuteScript', {
    script: `
      var hosts = Array.from(document.documentElement.children).filter(function (el) { return el.tagName === 'DIV' && el !== document.body; });
      return { hosts: hosts.length, closed: hosts.every(function (h) { return h.shadowRoot === null; }), marks: document.documentElement.getAttributeNames() };`,
    args: [],
  });
  let badges = 0;
  if (value.hosts > 0) {
    const els = unwrap<unknown[]>(await marionette!.send('WebDriver:FindElements', { using: 'css selector', value: 'html > div' }));
    for (const el of els) {
      const root = await marionette!.send('WebDriver:GetShadowRoot', { id: refId(el) }).catch(() => null);
      if (!root) continue;
      const buttons = unwrap<unknown[]>(
        await marionette!.send('WebDriver:FindElementsFromShadowRoot', {
          shadowRoot: refId(unwrap(root)),
          using: 'css selector',
          value: 'button[aria-haspopup="dialog"]',
        }),
      );
      badges += buttons.length;
    }
  }
  return { layer: value.hosts > 0, closed: value.closed, badges, marks: value.marks };
}

test('Firefox: content script → background → IndexedDB → badges on a chat page at its real URL', async () => {
  await marionette!.send('WebDriver:Navigate', { url: URL_ });
  assert.ok(served.length >= 1, 'the page came from the local test server');
  const assistants = TURNS.filter((t) => t.role === 'assistant').length;
  let state = await pageState();
  const end = Date.now() + 25_000;
  while (state.badges < assistants && Date.now() < end) {
    await new Promise((r) => setTimeout(r, 500));
    state = await pageState();
  }
  assert.equal(state.layer, true, 'the content script recognised the page and drew its layer');
  assert.equal(state.closed, true, "the layer's shadow root is closed");
  assert.deepEqual(state.marks, ['lang'], 'no marker attribute on <html>');
  assert.equal(state.badges, assistants, 'one badge per assistant reply: the worker stored the turns and answered with their analyses');

  // Reload: the worker answers from the store again; still one badge per reply, no error.
  await marionette!.send('WebDriver:Refresh');
  let again = await pageState();
  const end2 = Date.now() + 15_000;
  while (again.badges < assistants && Date.now() < end2) {
    await new Promise((r) => setTimeout(r, 500));
    again = await pageState();
  }
  assert.equal(again.badges, assistants);
});

test('Firefox: a badge click opens the panel, and the annotation frame (extension page) shows the controls', async () => {
  const [host] = unwrap<unknown[]>(await marionette!.send('WebDriver:FindElements', { using: 'css selector', value: 'html > div' }));
  const root = refId(unwrap(await marionette!.send('WebDriver:GetShadowRoot', { id: refId(host) })));
  const badges = unwrap<unknown[]>(
    await marionette!.send('WebDriver:FindElementsFromShadowRoot', { shadowRoot: root, using: 'css selector', value: 'button.po-badge' }),
  );
  assert.ok(badges.length > 0, 'badges to click');
  await marionette!.send('WebDriver:ElementClick', { id: refId(badges[0]) });
  let frames: unknown[] = [];
  const end = Date.now() + 10_000;
  while (frames.length === 0 && Date.now() < end) {
    await new Promise((r) => setTimeout(r, 300));
    frames = unwrap<unknown[]>(
      await marionette!.send('WebDriver:FindElementsFromShadowRoot', { shadowRoot: root, using: 'css selector', value: 'iframe.po-annot-frame' }),
    );
  }
  assert.equal(frames.length, 1, 'the panel holds the annotation frame');
  await marionette!.send('WebDriver:SwitchToFrame', { element: refId(frames[0]) });
  try {
    let notes: unknown[] = [];
    const end2 = Date.now() + 10_000;
    while (notes.length === 0 && Date.now() < end2) {
      await new Promise((r) => setTimeout(r, 300));
      notes = unwrap<unknown[]>(await marionette!.send('WebDriver:FindElements', { using: 'css selector', value: 'textarea' }));
    }
    assert.equal(notes.length, 1, 'the frame rendered the note field (the worker answered annotation/get from the frame)');
  } finally {
    await marionette!.send('WebDriver:SwitchToParentFrame');
  }
});

/**
 * Opens a route page and waits (up to 30 s) until the page has its response and a route badge says
 * "served by"; returns what the page got (length:sha256) and the route badge's text.
 */
async function routeStateAt(url: string): Promise<{ fetched: string | null; badgeText: string }> {
  await marionette!.send('WebDriver:Navigate', { url });
  const read = async () => ({
    fetched: unwrap<string | null>(
      await marionette!.send('WebDriver:ExecuteScript', { script: "return document.body.getAttribute('data-fetched');", args: [] }),
    ),
    badgeText: await layerText('.po-badge-route'),
  });
  let state = await read();
  const end = Date.now() + 30_000;
  while (!(state.fetched && state.badgeText.includes('served by')) && Date.now() < end) {
    await new Promise((r) => setTimeout(r, 500));
    state = await read();
  }
  return state;
}

test("Firefox: the route observer reads the page's own stream without changing it; the badge says which model served the reply", async () => {
  const state = await routeStateAt(ROUTE_URL);
  assert.equal(state.fetched, `${ROUTE_STREAM.length}:${createHash('sha256').update(ROUTE_STREAM).digest('hex')}`, 'the page got its response byte for byte');
  assert.ok(state.badgeText.includes('served by gpt-5-chat-safety (you chose gpt-5)'), `badge text: ${state.badgeText}`);
});

test('Firefox: on grok.com the route observer reads the NDJSON reply unchanged; the badge says which model served it', async () => {
  const state = await routeStateAt(GROK_URL);
  assert.equal(state.fetched, `${GROK_STREAM.length}:${createHash('sha256').update(GROK_STREAM).digest('hex')}`, 'the page got its response byte for byte');
  assert.ok(state.badgeText.includes('served by grok-3-mini (you chose grok-4)'), `badge text: ${state.badgeText}`);
});

test('Firefox: no request from the chat page or the extension left for another host', () => {
  // Firefox itself may try its own services (remote settings) and the page's favicon through the
  // proxy; those are refused and listed. Anything else for a chat host would come from us.
  const ours = refused.filter((r) => /chatgpt\.com|openai|claude\.ai|grok\.com/.test(r) && !r.endsWith('/favicon.ico'));
  assert.deepEqual(ours, [], `requests refused by the proxy:\n${refused.join('\n')}`);
});
