/**
 * The capture bench in Node DOMs (opt-in with `--node`): adapter alone in linkedom and
 * happy-dom, and the controller's tasks in happy-dom. Node DOMs are many times slower than a
 * browser and have no layout: relative numbers only, clearly labelled as such.
 */
import { performance } from 'node:perf_hooks';
import { Window } from 'happy-dom';
import { parseSavedPage } from '../../src/cli/saved-page.ts';
import { readPage, type SiteAdapter } from '../../src/sites/adapter.ts';
import { chatgpt } from '../../src/sites/chatgpt.ts';
import { createCaptureController, type TimerApi } from '../../src/content/capture/controller.ts';
import { buildPage, withUniqueIds } from './page.ts';

const URL_C = 'https://chatgpt.com/c/bench-300';
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
  console.log(`  adapter alone (${label}): ${count} turns; first read ${ms(runs[0])}, median of 5 ${ms(median(runs))}`);
}

async function benchController(html: string, oneMoreTurn: string): Promise<void> {
  const window = new Window({ url: URL_C });
  const document = window.document as unknown as Document;
  document.write(html);
  const tasks: Array<{ name: string; ms: number }> = [];
  const live = new Set<unknown>();
  let scans = 0;
  let sends = 0;
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
  const counted: SiteAdapter = {
    ...chatgpt,
    readTurns: (root, url) => {
      scans++;
      return chatgpt.readTurns(root, url);
    },
  };
  const controller = createCaptureController({
    doc: document,
    getUrl: () => URL_C,
    adapterFor: () => counted,
    send: async () => {
      sends++;
      return undefined;
    },
    timers,
    quietMs: 300,
    debounceMs: 100,
  });
  const sleep = (n: number) => new Promise((r) => setTimeout(r, n));
  const t0 = performance.now();
  controller.start();
  tasks.push({ name: 'start + initial scan', ms: performance.now() - t0 });
  const until = async (ok: () => boolean) => {
    for (let waited = 0; !ok() && waited < 60_000; waited += 50) await sleep(50);
  };
  await until(() => sends >= 1); // the (time-sliced) first look has been sent
  const loadTasks = tasks.length;
  document.querySelector('#thread')!.insertAdjacentHTML('beforeend', oneMoreTurn);
  await until(() => sends >= 2);
  await sleep(500);
  const scansBeforeIdle = scans;
  await sleep(2000);
  controller.stop();
  await window.happyDOM.close();
  const summary = (list: typeof tasks) =>
    `${list.length} tasks, total ${ms(list.reduce((sum, t) => sum + t.ms, 0))}, longest ${ms(Math.max(0, ...list.map((t) => t.ms)))}`;
  console.log(`  controller (happy-dom): load until first send: ${summary(tasks.slice(0, loadTasks))}; one appended turn: ${summary(tasks.slice(loadTasks))}`);
  console.log(`  idle 2 s after that: ${scans - scansBeforeIdle} scans, ${live.size} live timers`);
}

export async function nodeBench(): Promise<void> {
  const { html, turns, realTurns } = buildPage();
  console.log(`\nNode DOMs (NOT a browser; relative numbers only), ${turns} turns:`);
  timeAdapter('linkedom', parseSavedPage(html), chatgpt);
  const w = new Window({ url: URL_C });
  w.document.write(html);
  timeAdapter('happy-dom', w.document as unknown as Document, chatgpt);
  await w.happyDOM.close();
  await benchController(html, withUniqueIds(realTurns[0], 'extra'));
}
