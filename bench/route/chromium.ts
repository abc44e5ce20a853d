/**
 * Profiles the page's main thread while a chatgpt.com page fetches a stream `fetches` times:
 * CPU samples are attributed to our main-world script or our isolated content script when a
 * frame of that script is anywhere on the sample's stack (native calls it makes included).
 */
import { launchWithExtension } from '../../tests/e2e/lib/browser.ts';
import { chatgptPage } from '../../tests/e2e/lib/chat-page.ts';
import { openTab, sendFromExtension, tabStatus } from '../../tests/e2e/lib/extension.ts';
import { layerText } from '../../tests/e2e/lib/badge-layer.ts';

interface ProfileNode {
  id: number;
  parent?: number;
  children?: number[];
  callFrame: { url: string; functionName: string };
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
  startTime: number;
  endTime: number;
}

export interface RouteProfileRun {
  fetches: number;
  mainWorldMs: number;
  bridgeMs: number;
  profiledMs: number;
  routesStored: boolean;
}

/** Profiler sampling interval (µs): finer sampling slows the page itself; 200 µs is a compromise. */
const SAMPLING_US = 200;
const CONVERSATION = 'bdf0c9a1-f803-85ed-bd7c-9ec7081ab44d';
const REPLY = '285f0789-65f5-4299-bc83-ab74842a0944';

function attribute(profile: Profile, matches: (url: string) => boolean, top?: Map<string, number>): number {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const ours = new Map<number, boolean>();
  const isOurs = (id: number): boolean => {
    const known = ours.get(id);
    if (known !== undefined) return known;
    const node = byId.get(id)!;
    const p = parent.get(id);
    // The native fetch our wrapper calls through to is the page's own call, not added cost.
    if (node.callFrame.url === '' && node.callFrame.functionName === 'fetch') {
      ours.set(id, false);
      return false;
    }
    const value = matches(node.callFrame.url) || (p !== undefined && isOurs(p));
    ours.set(id, value);
    return value;
  };
  let us = 0;
  profile.samples.forEach((id, i) => {
    // timeDeltas[i] is the time since the previous sample: the interval this sample stands for.
    if (isOurs(id)) {
      us += profile.timeDeltas[i] ?? 0;
      const f = byId.get(id)!.callFrame;
      let name = `${f.functionName || '(anonymous)'} ${f.url.split('/').pop()}`;
      if (process.env.ROUTE_BENCH_STACKS) {
        // The whole stack, leaf first: where a native call is made from.
        const names: string[] = [];
        for (let at: number | undefined = id; at !== undefined && names.length < 12; at = parent.get(at)) {
          const cf = byId.get(at)!.callFrame;
          names.push(`${cf.functionName || '(anon)'}@${cf.url.split('/').pop()}`);
        }
        name = names.join(' < ');
        // Inclusive time per function: every distinct frame on the stack gets the sample.
        for (const n of new Set(names)) top?.set(`incl ${n}`, (top.get(`incl ${n}`) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000);
      }
      top?.set(name, (top.get(name) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000);
    }
  });
  return us / 1000;
}

export async function profileRouteFetches(stream: string, fetches: number, runs: number): Promise<RouteProfileRun[]> {
  // ROUTE_BENCH_DIST: another build (e.g. the one before a change) to compare against.
  const session = await launchWithExtension(process.env.ROUTE_BENCH_DIST ? { dist: process.env.ROUTE_BENCH_DIST } : {});
  const out: RouteProfileRun[] = [];
  try {
    await session.context.route('https://chatgpt.com/backend-api/**', (route) =>
      route.fulfill({ status: 200, headers: { 'content-type': 'text/event-stream; charset=utf-8' }, body: stream }),
    );
    for (let run = 0; run < runs; run++) {
      const url = `https://chatgpt.com/c/${CONVERSATION}`;
      session.serve(
        url,
        chatgptPage({
          turns: [
            { id: `bench-user-${run}`, role: 'user', text: 'How do tides work?' },
            { id: REPLY, role: 'assistant', text: 'The tide rises because the moon pulls on the oceans.', model: 'gpt-5' },
          ],
          script: `window.__fetchAll = async function (n) {
          for (var i = 0; i < n; i++) {
            var r = await fetch('/backend-api/f/conversation', { method: 'POST', body: JSON.stringify({ model: 'gpt-5' }) });
            await r.text();
          }
          await new Promise(function (ok) { setTimeout(ok, 1500); });
        };`,
        }),
        { keepScripts: true },
      );
      const { page } = await openTab(session, url);
      await page.waitForTimeout(2_500); // capture of the page's two turns settles before profiling
      const cdp = await session.context.newCDPSession(page);
      await cdp.send('Profiler.enable');
      await cdp.send('Profiler.setSamplingInterval', { interval: SAMPLING_US });
      await cdp.send('Profiler.start');
      await page.evaluate((n) => (window as unknown as { __fetchAll(n: number): Promise<void> }).__fetchAll(n), fetches);
      const { profile } = (await cdp.send('Profiler.stop')) as unknown as { profile: Profile };
      const topMain = new Map<string, number>();
      const mainWorldMs = attribute(profile, (u) => u.includes('/route-observer.js'), topMain);
      if (process.env.ROUTE_BENCH_TOP) console.log([...topMain].sort((a, b) => b[1] - a[1]).slice(0, 30));
      const topBridge = new Map<string, number>();
      const bridgeMs = attribute(profile, (u) => u.startsWith('chrome-extension://') && !u.includes('/route-observer.js'), topBridge);
      if (process.env.ROUTE_BENCH_TOP) console.log([...topBridge].sort((a, b) => b[1] - a[1]).slice(0, 30));
      // The badges live in a closed shadow root: read it as the e2e tests do.
      const drawn = (await layerText(page)).includes('served by gpt-5-chat-safety');
      out.push({ fetches, mainWorldMs, bridgeMs, profiledMs: (profile.endTime - profile.startTime) / 1000, routesStored: drawn });
      await cdp.detach();
      await page.close();
    }
  } finally {
    await session.close();
  }
  return out;
}

export interface NewRepliesRun {
  replies: number;
  /** Route reading on: our main-world script, and the whole content script (capture included). */
  observerOnMs: number;
  contentOnMs: number;
  /** Route reading off for the site (the observer still reads; the bridge refuses): the content script. */
  observerOffMs: number;
  contentOffMs: number;
  /** Replies whose route was stored (on), as the popup counts reroutes. */
  routesStored: number;
}

const REPLY_IN_FIXTURE = '285f0789-65f5-4299-bc83-ab74842a0944';

/**
 * The realistic flow: each fetch is a new reply. The page adds the reply's turn, fetches its
 * stream (the fixture with this reply's id) and waits 2.5 s, so the reply is captured (and its
 * route rides along with the capture message) before the next. Run once with route reading on
 * and once off (alternating which goes first); the content script's extra time with it on is
 * the bridge's, since capture runs the same in both.
 */
export async function profileNewReplies(stream: string, replies: number, runs: number): Promise<NewRepliesRun[]> {
  const session = await launchWithExtension(process.env.ROUTE_BENCH_DIST ? { dist: process.env.ROUTE_BENCH_DIST } : {});
  const out: NewRepliesRun[] = [];
  try {
    await session.context.route('https://chatgpt.com/backend-api/**', (route) => {
      const asked = JSON.parse(route.request().postData() ?? '{}') as { reply?: string; conversation?: string };
      const body = stream.replaceAll(REPLY_IN_FIXTURE, asked.reply ?? REPLY_IN_FIXTURE).replaceAll(CONVERSATION, asked.conversation ?? CONVERSATION);
      return route.fulfill({ status: 200, headers: { 'content-type': 'text/event-stream; charset=utf-8' }, body });
    });
    for (let run = 0; run < runs; run++) {
      const result: Partial<NewRepliesRun> = { replies };
      for (const mode of run % 2 === 0 ? (['on', 'off'] as const) : (['off', 'on'] as const)) {
        await sendFromExtension(session, {
          type: 'settings/set',
          patch: { sites: { chatgpt: { enabled: true, readResponses: mode === 'on', selectors: {} } } },
        });
        const conversation = `bench-${run}-${mode}`;
        const url = `https://chatgpt.com/c/${conversation}`;
        session.serve(
          url,
          chatgptPage({
            turns: [{ id: `${conversation}-u`, role: 'user', text: 'How do tides work?' }],
            script: `window.__replyAll = async function (n) {
              var thread = document.getElementById('thread');
              for (var i = 0; i < n; i++) {
                var id = '${conversation}-r' + i;
                var turn = document.createElement('article');
                turn.setAttribute('data-testid', 'conversation-turn-' + (i + 2));
                var msg = document.createElement('div');
                msg.setAttribute('data-message-author-role', 'assistant');
                msg.setAttribute('data-message-id', id);
                msg.setAttribute('data-message-model-slug', 'gpt-5');
                var md = document.createElement('div');
                md.className = 'markdown prose';
                var p = document.createElement('p');
                p.textContent = 'The tide rises because the moon pulls on the oceans, reply ' + i + '.';
                md.appendChild(p);
                msg.appendChild(md);
                turn.appendChild(msg);
                thread.appendChild(turn);
                var r = await fetch('/backend-api/f/conversation', { method: 'POST', body: JSON.stringify({ model: 'gpt-5', reply: id, conversation: '${conversation}' }) });
                await r.text();
                await new Promise(function (ok) { setTimeout(ok, 2500); });
              }
            };`,
          }),
          { keepScripts: true },
        );
        const { page, tabId } = await openTab(session, url);
        await page.waitForTimeout(2_500);
        const cdp = await session.context.newCDPSession(page);
        await cdp.send('Profiler.enable');
        await cdp.send('Profiler.setSamplingInterval', { interval: SAMPLING_US });
        await cdp.send('Profiler.start');
        await page.evaluate((n) => (window as unknown as { __replyAll(n: number): Promise<void> }).__replyAll(n), replies);
        const { profile } = (await cdp.send('Profiler.stop')) as unknown as { profile: Profile };
        const observer = attribute(profile, (u) => u.includes('/route-observer.js'));
        const content = attribute(profile, (u) => u.startsWith('chrome-extension://') && !u.includes('/route-observer.js'));
        if (mode === 'on') {
          result.observerOnMs = observer;
          result.contentOnMs = content;
          result.routesStored = Number((await tabStatus(session, tabId)).reroutes ?? 0);
        } else {
          result.observerOffMs = observer;
          result.contentOffMs = content;
        }
        await cdp.detach();
        await page.close();
      }
      out.push(result as NewRepliesRun);
    }
  } finally {
    await session.close();
  }
  return out;
}
