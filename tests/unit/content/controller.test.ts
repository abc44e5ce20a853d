// @vitest-environment happy-dom
// Capture controller on a small Claude-like page in happy-dom: debounce, streaming, virtualised
// remounts, SPA navigation, contained errors, and no work when idle.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createCaptureController, type CaptureController, type TimerApi } from '../../../src/content/capture/controller.ts';
import { markOwnNode } from '../../../src/content/own-ui.ts';
import type { CapturePageMessage } from '../../../src/messaging/requests.ts';
import { SHARE_ON_DEMAND_DETAIL, type CapturePageResponse } from '../../../src/messaging/responses.ts';
import type { SiteAdapter } from '../../../src/sites/adapter.ts';
import { adapterForUrl } from '../../../src/sites/registry.ts';

const QUIET = 60;
const DEBOUNCE = 15;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
/** Waits for a condition (bounded), for sliced scans whose many tasks run late on a loaded machine. */
async function until(ok: () => boolean, ms = 5000): Promise<void> {
  for (const end = Date.now() + ms; !ok() && Date.now() < end; ) await sleep(10);
}
/** Long enough for debounce + quiet period + re-check to have run. */
const settle = () => sleep(DEBOUNCE + QUIET * 2 + 60);

function userTurn(index: number, text: string): string {
  return `<div data-index="${index}"><div data-testid="user-message">${text}</div></div>`;
}
function replyTurn(index: number, text: string, streaming = false): string {
  return `<div data-index="${index}"><div data-is-streaming="${streaming}"><div class="font-claude-response"><div class="standard-markdown"><p>${text}</p></div></div></div></div>`;
}

/** Timer API that counts live timers, to prove nothing is scheduled when the page is idle. */
function countingTimers(): TimerApi & { live: () => number } {
  const handles = new Set<unknown>();
  return {
    setTimeout(fn, ms) {
      const h = setTimeout(() => {
        handles.delete(h);
        fn();
      }, ms);
      handles.add(h);
      return h;
    },
    clearTimeout(h) {
      handles.delete(h);
      clearTimeout(h as ReturnType<typeof setTimeout>);
    },
    now: () => Date.now(),
    live: () => handles.size,
  };
}

let url = 'https://claude.ai/chat/conv-one';
let sent: CapturePageMessage[] = [];
let controller: CaptureController | null = null;
const okResponse = (): CapturePageResponse => ({
  ok: true,
  conversationKey: 'claude:x',
  stored: 0,
  badges: {},
});

function start(extra: Partial<Parameters<typeof createCaptureController>[0]> = {}) {
  const timers = countingTimers();
  controller = createCaptureController({
    doc: document,
    getUrl: () => url,
    adapterFor: (u) => adapterForUrl(u),
    send: async (m) => {
      sent.push(m);
      return okResponse();
    },
    debounceMs: DEBOUNCE,
    quietMs: QUIET,
    timers,
    ...extra,
  });
  controller.start();
  return timers;
}

const main = () => document.querySelector('main')!;

beforeEach(() => {
  url = 'https://claude.ai/chat/conv-one';
  sent = [];
  document.body.innerHTML = '<main></main>';
});
afterEach(() => {
  controller?.stop();
  controller = null;
});

describe('capture controller', () => {
  it('sends finished turns once, after the quiet period, and then goes idle', async () => {
    main().innerHTML = userTurn(0, 'Hello') + replyTurn(1, 'Hi there.');
    const timers = start();
    await settle();
    expect(sent).toHaveLength(1);
    expect(sent[0].conversationId).toBe('conv-one');
    expect(sent[0].turns.map((t) => [t.id, t.role, t.text])).toEqual([
      ['row-0', 'user', 'Hello'],
      ['row-1', 'assistant', 'Hi there.'],
    ]);
    expect(sent[0].pending).toBe(0);
    expect(timers.live()).toBe(0);
    await sleep(QUIET * 2);
    expect(sent).toHaveLength(1);
  });

  it('a share page is read but sent only after the user asks (capture on demand)', async () => {
    url = 'https://claude.ai/share/shared-one';
    main().innerHTML = userTurn(0, 'Hello') + replyTurn(1, 'Hi there.');
    start();
    await settle();
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({ status: 'ok', conversationId: null, detail: SHARE_ON_DEMAND_DETAIL, turns: [] });
    controller!.captureSharedPage();
    await settle();
    expect(sent.at(-1)?.conversationId).toBe('shared-one');
    expect(sent.at(-1)?.turns.map((t) => t.text)).toEqual(['Hello', 'Hi there.']);
  });

  it('debounces a burst of mutations into one scan', async () => {
    let scans = 0;
    const base = adapterForUrl(url)!;
    const counting: SiteAdapter = {
      ...base,
      readTurns: (root, u) => {
        scans++;
        return base.readTurns(root, u);
      },
    };
    start({ adapterFor: () => counting });
    await settle();
    const before = scans;
    for (let i = 0; i < 30; i++) main().append(document.createElement('span'));
    await sleep(DEBOUNCE * 4);
    expect(scans - before).toBe(1);
  });

  it('streaming reply: exactly one send carrying the full text, after the marker flips', async () => {
    main().innerHTML = userTurn(0, 'Tell me a story') + replyTurn(1, 'Once', true);
    start();
    const p = () => main().querySelector('[data-is-streaming] p')!;
    for (const word of [' upon', ' a', ' time', ' there', ' was', ' a', ' mill.']) {
      await sleep(DEBOUNCE + 5);
      p().textContent += word;
    }
    await settle();
    expect(sent.flatMap((m) => m.turns).some((t) => t.role === 'assistant')).toBe(false);
    expect(sent.at(-1)?.pending).toBe(1);
    main().querySelector('[data-is-streaming]')!.setAttribute('data-is-streaming', 'false');
    await settle();
    const withReply = sent.filter((m) => m.turns.some((t) => t.role === 'assistant'));
    expect(withReply).toHaveLength(1);
    expect(withReply[0].turns.find((t) => t.role === 'assistant')?.text).toBe('Once upon a time there was a mill.');
  });

  it('virtualised list: unmount and remount of turns sends no duplicates; new turns stitch on', async () => {
    main().innerHTML = userTurn(0, 'Q1') + replyTurn(1, 'A1') + userTurn(2, 'Q2') + replyTurn(3, 'A2');
    start();
    await settle();
    expect(sent).toHaveLength(1);
    const saved = main().innerHTML;
    main().innerHTML = userTurn(2, 'Q2') + replyTurn(3, 'A2'); // top scrolled out
    await settle();
    main().innerHTML = saved; // scrolled back
    await settle();
    expect(sent).toHaveLength(1);
    main().insertAdjacentHTML('beforeend', userTurn(4, 'Q3') + replyTurn(5, 'A3'));
    await settle();
    expect(sent).toHaveLength(2);
    const ids = sent[1].turns.map((t) => t.id);
    expect(ids).toEqual(['row-0', 'row-1', 'row-2', 'row-3', 'row-4', 'row-5']);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('SPA navigation: turns of the old conversation are never sent under the new id', async () => {
    main().innerHTML = userTurn(0, 'Old question') + replyTurn(1, 'Old answer');
    start();
    await settle();
    url = 'https://claude.ai/chat/conv-two';
    main().append(document.createElement('div')); // the router re-renders a moment later
    await settle();
    expect(sent.filter((m) => m.conversationId === 'conv-two').flatMap((m) => m.turns)).toEqual([]);
    main().innerHTML = userTurn(0, 'New question') + replyTurn(1, 'New answer');
    await settle();
    const second = sent.filter((m) => m.conversationId === 'conv-two').flatMap((m) => m.turns.map((t) => t.text));
    expect(second).toEqual(['New question', 'New answer']);
  });

  it('unknown markup at a conversation URL reports layout-not-recognized once, with no turns', async () => {
    main().innerHTML = '<div class="something-new"><p>Hello</p></div>';
    start();
    await settle();
    main().append(document.createElement('p'));
    await settle();
    expect(sent).toHaveLength(1);
    expect(sent[0].status).toBe('layout-not-recognized');
    expect(sent[0].turns).toEqual([]);
  });

  it('contains errors: a throwing adapter, a throwing sender and a rejecting sender never escape', async () => {
    const errors: unknown[] = [];
    const base = adapterForUrl(url)!;
    const broken: SiteAdapter = {
      ...base,
      readTurns: () => {
        throw new Error('boom');
      },
    };
    start({ adapterFor: () => broken, onError: (e) => errors.push(e) });
    await settle();
    expect(sent[0].status).toBe('layout-not-recognized');
    expect(sent[0].detail).toContain('boom');
    controller!.stop();

    main().innerHTML = userTurn(0, 'Q') + replyTurn(1, 'A');
    start({
      send: () => {
        throw new Error('no runtime');
      },
      onError: (e) => errors.push(e),
    });
    await settle();
    controller!.stop();
    start({ send: () => Promise.reject(new Error('worker gone')), onError: (e) => errors.push(e) });
    await settle();
    expect(errors.map((e) => (e as Error).message)).toEqual(expect.arrayContaining(['no runtime', 'worker gone']));
  });

  it('finds the element of a turn for badge anchoring, and hands badges over', async () => {
    const got: Array<[string[], string[]]> = [];
    main().innerHTML = userTurn(0, 'Q') + replyTurn(1, 'A');
    start({
      send: async () => ({ ...okResponse(), badges: {} }),
      onBadges: (b, els) => got.push([Object.keys(b), [...els.keys()]]),
    });
    await settle();
    expect(controller!.findTurnElement('row-1')?.getAttribute('data-is-streaming')).toBe('false');
    expect(got.at(-1)?.[1]).toEqual(['row-0', 'row-1']);
  });
  it('a long first look is split into time slices across tasks and sends the same turns', async () => {
    const texts = Array.from({ length: 8 }, (_, i) => `Turn number ${i}`);
    main().innerHTML = texts.map((t, i) => (i % 2 ? replyTurn(i, t) : userTurn(i, t))).join('');
    let reads = 0;
    const base = adapterForUrl(url)!;
    const counting: SiteAdapter = {
      ...base,
      readTurns: (root, u) => {
        reads++;
        return base.readTurns(root, u);
      },
    };
    start({ adapterFor: () => counting, sliceMs: -1 }); // every slice pauses after one new value
    await settle();
    expect(reads).toBeGreaterThan(4);
    expect(sent).toHaveLength(1);
    expect(sent[0].turns.map((t) => t.text)).toEqual(texts);
  });

  it('a paused first look resumes in idle periods (requestIdleCallback), within the idle time left', async () => {
    const texts = Array.from({ length: 8 }, (_, i) => `Turn number ${i}`);
    main().innerHTML = texts.map((t, i) => (i % 2 ? replyTurn(i, t) : userTurn(i, t))).join('');
    const idleCalls: number[] = [];
    const timers = countingTimers();
    const withIdle: TimerApi = {
      ...timers,
      // An idle period with no time left: the scan still reads its minimum slice and progresses.
      idle: (fn) => {
        idleCalls.push(1);
        return timers.setTimeout(() => fn(0), 0);
      },
      cancelIdle: (h) => timers.clearTimeout(h),
    };
    start({ sliceMs: -1, timers: withIdle });
    await settle();
    expect(idleCalls.length).toBeGreaterThan(0);
    expect(sent).toHaveLength(1);
    expect(sent[0].turns.map((t) => t.text)).toEqual(texts);
    controller!.stop();
    expect(timers.live()).toBe(0);
  });

  it('a paused first look lists the turns once, not once per time slice', async () => {
    const listed: number[] = [];
    const real = document.querySelectorAll.bind(document);
    // Counts page-wide turn-list queries (the ChatGPT adapter memoises its turn list per scan).
    document.querySelectorAll = ((sel: string) => {
      if (sel.startsWith('[data-testid^="conversation-turn-"]')) listed.push(1);
      return real(sel);
    }) as typeof document.querySelectorAll;
    try {
      url = 'https://chatgpt.com/c/abc';
      main().innerHTML = Array.from(
        { length: 6 },
        (_, i) =>
          `<article data-testid="conversation-turn-${i}" data-turn="${i % 2 ? 'assistant' : 'user'}"><div data-message-author-role="${i % 2 ? 'assistant' : 'user'}" data-message-id="m${i}"><div class="${i % 2 ? 'markdown' : 'whitespace-pre-wrap'}">Text ${i}</div></div></article>`,
      ).join('');
      let reads = 0;
      const base = adapterForUrl(url)!;
      const counting: SiteAdapter = {
        ...base,
        readTurns: (root, u) => {
          reads++;
          return base.readTurns(root, u);
        },
      };
      start({ adapterFor: () => counting, sliceMs: -1 });
      await settle();
      await until(() => sent.length > 0);
      expect(reads).toBeGreaterThan(4); // many slices...
      expect(sent).toHaveLength(1);
      expect(sent[0].turns.map((t) => t.text)).toEqual(Array.from({ length: 6 }, (_, i) => `Text ${i}`));
      // ...but one turn list per scan: the sliced first look, then the quiet-period re-check.
      expect(listed.length).toBeLessThanOrEqual(2);
    } finally {
      document.querySelectorAll = real;
    }
  });

  it('our own UI going into the page (the badge host) does not start a scan', async () => {
    main().innerHTML = userTurn(0, 'Q') + replyTurn(1, 'A');
    let reads = 0;
    const base = adapterForUrl(url)!;
    const counting: SiteAdapter = {
      ...base,
      readTurns: (root, u) => {
        reads++;
        return base.readTurns(root, u);
      },
    };
    start({ adapterFor: () => counting });
    await settle();
    const before = reads;
    const host = document.createElement('div');
    markOwnNode(host);
    document.documentElement.append(host);
    await settle();
    expect(reads).toBe(before);
    host.remove();
    await settle();
    expect(reads).toBe(before);
    main().insertAdjacentHTML('beforeend', userTurn(2, 'Q2')); // a page change still does
    await settle();
    expect(reads).toBeGreaterThan(before);
  });

  it('hands a streaming reply to the badge renderer as pending until it is stored', async () => {
    const pendingSeen: string[][] = [];
    main().innerHTML = userTurn(0, 'Q') + replyTurn(1, 'A');
    start({ onBadges: (_badges, _elements, pending) => pendingSeen.push([...pending]) });
    await settle();
    expect(pendingSeen.at(-1)).toEqual([]);
    main().insertAdjacentHTML('beforeend', userTurn(2, 'Q2') + replyTurn(3, 'Partial', true));
    await settle();
    expect(pendingSeen.at(-1)).toEqual(['row-3']);
    expect(sent.flatMap((m) => m.turns).some((t) => t.id === 'row-3')).toBe(false);
    main().querySelector('[data-is-streaming="true"]')!.setAttribute('data-is-streaming', 'false');
    await settle();
    expect(sent.at(-1)?.turns.map((t) => t.id)).toContain('row-3');
    expect(pendingSeen.at(-1)).toEqual([]);
  });
});
