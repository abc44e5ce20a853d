/**
 * Capture cost on a 300-turn ChatGPT page built by repeating the real turns of
 * shared/fixtures/sites/chatgpt/nuncaeslupus__real-capture-2026-01.html (ids made unique).
 *
 * Measures, in Node (no real browser layout or paint, so real pages will cost more):
 *   1. adapter alone (linkedom and happy-dom): one full read of the page, first and median of 5;
 *   2. controller in happy-dom: every task it runs (initial scan, quiet-period re-check, the scan
 *      after one appended turn), total and longest;
 *   3. idle work after load: scans and live timers during 2 s with no DOM change.
 * Prints numbers; asserts nothing. Targets from issue 3: < 100 ms total, no task > 50 ms, 0 idle.
 */
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { Window } from 'happy-dom';
import { parseSavedPage } from '../src/cli/saved-page.ts';
import { readPage, type SiteAdapter } from '../src/sites/adapter.ts';
import { chatgpt } from '../src/sites/chatgpt.ts';
import { createCaptureController, type TimerApi } from '../src/content/capture/controller.ts';
import type { CapturePageMessage } from '../src/messages.ts';

const SOURCE = '/work/shared/fixtures/sites/chatgpt/nuncaeslupus__real-capture-2026-01.html';
const URL_C = 'https://chatgpt.com/c/bench-300';
const TARGET_TURNS = 300;

function buildPage(): { html: string; turns: number; oneMoreTurn: string } {
  const doc = parseSavedPage(readFileSync(SOURCE, 'utf8'));
  const turns = Array.from(doc.querySelectorAll('[data-testid^="conversation-turn-"]')).map((t) => t.outerHTML);
  const out: string[] = [];
  for (let i = 0; out.length < TARGET_TURNS; i++) {
    const copy = Math.floor(i / turns.length);
    // unique ids per copy so the adapter sees 300 distinct turns
    out.push(turns[i % turns.length].replace(/(data-(?:message|turn)-id=")([^"]+)"/g, `$1$2-c${copy}"`)
      .replace(/conversation-turn-(\d+)/, `conversation-turn-${i + 1}`));
  }
  const oneMoreTurn = turns[0].replace(/(data-(?:message|turn)-id=")([^"]+)"/g, '$1$2-extra"');
  return { html: `<!doctype html><html><head></head><body><main id="thread">${out.join('')}</main></body></html>`, turns: out.length, oneMoreTurn };
}

const ms = (n: number) => `${n.toFixed(1)} ms`;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

function timeAdapter(label: string, doc: Document, adapter: SiteAdapter): void {
  const runs: number[] = [];
  let count = 0;
  for (let i = 0; i < 5; i++) {
    const t0 = performance.now();
    count = readPage(adapter, doc, new URL(URL_C)).turns.length;
    runs.push(performance.now() - t0);
  }
  console.log(`adapter (${label}): ${count} turns; first read ${ms(runs[0])}, median of 5 ${ms(median(runs))}`);
}

async function benchController(html: string, oneMoreTurn: string): Promise<void> {
  const window = new Window({ url: URL_C });
  const document = window.document as unknown as Document;
  document.write(html);
  const tasks: Array<{ name: string; ms: number }> = [];
  const live = new Set<unknown>();
  let scans = 0;
  let sends = 0;
  let lastTurns = 0;
  const timers: TimerApi = {
    setTimeout(fn, delay) {
      const h = setTimeout(() => {
        live.delete(h);
        const t0 = performance.now();
        fn();
        tasks.push({ name: `timer task (${delay} ms timer)`, ms: performance.now() - t0 });
      }, delay);
      live.add(h);
      return h;
    },
    clearTimeout(h) {
      live.delete(h);
      clearTimeout(h as ReturnType<typeof setTimeout>);
    },
    now: () => Date.now(),
  };
  const counted: SiteAdapter = { ...chatgpt, readTurns: (root, url) => { scans++; return chatgpt.readTurns(root, url); } };
  const controller = createCaptureController({
    doc: document,
    getUrl: () => URL_C,
    adapterFor: () => counted,
    send: async (m: CapturePageMessage) => {
      sends++;
      lastTurns = m.turns.length;
      return undefined;
    },
    timers,
    quietMs: 300,
    debounceMs: 100,
  });
  const sleep = (n: number) => new Promise((r) => setTimeout(r, n));
  let t0 = performance.now();
  controller.start();
  tasks.push({ name: 'start + initial scan', ms: performance.now() - t0 });
  await sleep(800);
  const afterLoad = { scans, sends, lastTurns };
  t0 = performance.now();
  document.querySelector('#thread')!.insertAdjacentHTML('beforeend', oneMoreTurn);
  tasks.push({ name: 'DOM append (site work, not ours)', ms: performance.now() - t0 });
  await sleep(1500); // let the appended turn's quiet-period re-check finish
  const scansBeforeIdle = scans;
  await sleep(2000);
  const idleScans = scans - scansBeforeIdle;
  controller.stop();
  await window.happyDOM.close();

  const ours = tasks.filter((t) => !t.name.startsWith('DOM append'));
  console.log(`controller (happy-dom): after load ${afterLoad.scans} scans, ${afterLoad.sends} send of ${afterLoad.lastTurns} turns; after one appended turn ${sends} sends, last with ${lastTurns} turns`);
  for (const t of ours) console.log(`  task: ${t.name.padEnd(28)} ${ms(t.ms)}`);
  console.log(`  total main-thread time in capture tasks: ${ms(ours.reduce((s, t) => s + t.ms, 0))}`);
  console.log(`  longest task: ${ms(Math.max(...ours.map((t) => t.ms)))}`);
  console.log(`idle after load (2 s, no DOM change): ${idleScans} scans, ${live.size} live timers`);
}

async function main(): Promise<void> {
  const { html, turns, oneMoreTurn } = buildPage();
  console.log(`capture bench: ${turns} turns from ${SOURCE.split('/').pop()} (${(html.length / 1024).toFixed(0)} KiB of HTML)`);
  timeAdapter('linkedom', parseSavedPage(html), chatgpt);
  const w = new Window({ url: URL_C });
  w.document.write(html);
  timeAdapter('happy-dom', w.document as unknown as Document, chatgpt);
  await w.happyDOM.close();
  await benchController(html, oneMoreTurn);
  console.log('Measured in Node DOM implementations, not a browser: treat as relative numbers.');
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
