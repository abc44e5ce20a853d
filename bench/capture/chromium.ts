/**
 * Drives one benchmark run in Debian Chromium with the built extension loaded: serves the
 * 300-turn page at a chatgpt.com URL, records a Chrome trace (timeline + V8 CPU samples) while
 * the page loads and is captured, sits idle, gets two more turns, and streams one reply.
 * Phase boundaries are console.timeStamp marks written by the page's main world, so they land
 * in the trace on the page's own clock.
 */
import type { CDPSession, Page } from 'playwright-core';
import type { ExtensionSession } from '../../tests/e2e/lib/browser.ts';
import { inBadgeLayer } from '../../tests/e2e/lib/badge-layer.ts';
import { withUniqueIds, type BenchPage } from './page.ts';
import type { TraceEvent } from './trace.ts';

/** True once the badge layer has drawn something (polled, up to `timeoutMs`). */
async function waitForLayer(page: Page, timeoutMs: number): Promise<boolean> {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    if (await inBadgeLayer<boolean>(page, 'function () { return !!this.querySelector(".po-badge"); }')) return true;
    await page.waitForTimeout(250);
  }
  return false;
}

export const MARK_PREFIX = 'po-bench:';
export const PHASES = ['start', 'captured', 'idle-end', 'appended', 'streamed'];
export const IDLE_MS = 5000;
const SETTLE_MS = 4000;

const CATEGORIES = ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'toplevel', 'v8.execute', 'v8', 'disabled-by-default-v8.cpu_profiler'];

async function mark(page: Page, name: string): Promise<void> {
  await page.evaluate((m) => console.timeStamp(m), `${MARK_PREFIX}${name}`);
}

async function startTrace(cdp: CDPSession): Promise<() => Promise<TraceEvent[]>> {
  const events: TraceEvent[] = [];
  cdp.on('Tracing.dataCollected', (e) => events.push(...(e.value as unknown as TraceEvent[])));
  await cdp.send('Tracing.start', { traceConfig: { includedCategories: CATEGORIES }, transferMode: 'ReportEvents' });
  return async () => {
    const done = new Promise((resolve) => cdp.once('Tracing.tracingComplete', resolve));
    await cdp.send('Tracing.end');
    await done;
    return events;
  };
}

export interface RunResult {
  events: TraceEvent[];
  /** Badges rendered after load (evidence that capture reached the worker and back). */
  badgesAfterLoad: number;
  /** Of those, badges placed and visible (replies in view): badges are hidden until placed. */
  badgesVisible: number;
  captureSeen: boolean;
}

/** One run on a fresh tab and a fresh conversation id. */
export async function runOnce(session: ExtensionSession, bench: BenchPage, run: number): Promise<RunResult> {
  const url = `https://chatgpt.com/c/bench-300-${Date.now().toString(36)}-${run}`;
  // The first thing the page does is mark the start (scripts marked data-e2e-script survive sanitising).
  const html = bench.html.replace('<head>', `<head><script data-e2e-script>console.timeStamp('${MARK_PREFIX}start')</script>`);
  session.serve(url, html);
  const page = await session.context.newPage();
  const cdp = await session.context.newCDPSession(page);
  const stop = await startTrace(cdp);
  await page.goto(url, { waitUntil: 'domcontentloaded' });
  // Captured = the worker answered and the badge layer drew (or 20 s passed).
  // The layer's shadow root is closed: read it through the DevTools protocol (tests/e2e/lib/badge-layer.ts).
  const captureSeen = await waitForLayer(page, 20_000);
  await page.waitForTimeout(1000);
  const { badgesAfterLoad, badgesVisible } = (await inBadgeLayer<{ badgesAfterLoad: number; badgesVisible: number }>(
    page,
    `function () {
    const buttons = Array.from(this.querySelectorAll('button'));
    return { badgesAfterLoad: buttons.length, badgesVisible: buttons.filter((b) => b.checkVisibility({ visibilityProperty: true })).length };
  }`,
  )) ?? { badgesAfterLoad: 0, badgesVisible: 0 };
  await mark(page, 'captured');
  await page.waitForTimeout(IDLE_MS);
  await mark(page, 'idle-end');

  // Two more real turns arrive (one user, one assistant), already finished.
  const two = bench.realTurns
    .slice(0, 2)
    .map((t) => withUniqueIds(t, `more-${run}`))
    .join('');
  await page.evaluate((h) => document.getElementById('thread')!.insertAdjacentHTML('beforeend', h), two);
  await page.waitForTimeout(SETTLE_MS);
  await mark(page, 'appended');

  // A streaming reply: a word every 100 ms for 3 s under ChatGPT's streaming class, then done.
  const streaming = withUniqueIds(bench.realTurns[1], `stream-${run}`);
  await page.evaluate(async (h) => {
    const thread = document.getElementById('thread')!;
    thread.insertAdjacentHTML('beforeend', h);
    const turn = thread.lastElementChild!;
    const md = turn.querySelector('.markdown') ?? turn;
    md.classList.add('result-streaming');
    const p = document.createElement('p');
    md.append(p);
    for (let i = 0; i < 30; i++) {
      await new Promise((r) => setTimeout(r, 100));
      p.textContent += ` word${i}`;
    }
    md.classList.remove('result-streaming');
  }, streaming);
  await page.waitForTimeout(SETTLE_MS);
  await mark(page, 'streamed');
  const events = await stop();
  await page.close();
  return { events, badgesAfterLoad, badgesVisible, captureSeen };
}
