/**
 * Route capture cost per streamed reply (issue 15; target: well under 1 ms of main-thread time
 * per reply).
 *
 * 1. Node: the route parser (what the main-world observer runs on the page's thread) on each
 *    fixture stream and on long replies (500 / 2,000 extra text deltas), fed one SSE event per
 *    push as the site flushes them, and in 1 KB pieces. Median and 2.5–97.5 % range over runs.
 * 2. Chromium (`npm run build` first): a chatgpt.com page fetches the long reply repeatedly
 *    while the DevTools CPU profiler samples its main thread; every sample with a frame of our
 *    main-world script on its stack (its own code and the built-ins it calls: clone/tee reads,
 *    decoding, JSON.parse, postMessage) is ours, and likewise for the isolated content script
 *    (the bridge). The whole body arrives in one piece there (request interception), so this
 *    is the tee + parse cost without network chunking.
 *
 * 1b. Node: Grok's NDJSON parser on the hand-built fixture reply and a long one (+2,000 token
 *    lines), one line per push.
 *
 * 3. Chromium, the real flow: every fetch is a new reply that the page adds and the content
 *    script captures (its route rides along with the capture message); run with route reading
 *    on and off, the content script's extra time with it on is the bridge's.
 *
 * Usage: npm run bench:route [-- --runs 200 --fetches 30 --replies 12 --no-browser]. Prints; asserts nothing.
 */
import { performance } from 'node:perf_hooks';
import { createChatGptStreamParser } from '../src/core/route/chatgpt-stream.ts';
import { createGrokStreamParser } from '../src/core/route/grok.ts';
import { FIXTURE_STREAMS, longGrokReply, longReply, pieces } from './route/streams.ts';
import { profileNewReplies, profileRouteFetches } from './route/chromium.ts';

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
}

const RUNS = arg('runs', 200);
const FETCHES = arg('fetches', 30);

function quantile(sorted: readonly number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.round(q * (sorted.length - 1))))];
}

function summary(xs: number[]): string {
  const s = [...xs].sort((a, b) => a - b);
  return `median ${quantile(s, 0.5).toFixed(3)} ms (2.5–97.5 %: ${quantile(s, 0.025).toFixed(3)}–${quantile(s, 0.975).toFixed(3)} ms, n = ${s.length})`;
}

function parseOnce(chunks: readonly string[]): number {
  const t0 = performance.now();
  const parser = createChatGptStreamParser({ requested: 'gpt-5' });
  for (const c of chunks) parser.push(c);
  const result = parser.finish();
  const dt = performance.now() - t0;
  if (result.observations.length !== 1) throw new Error('the stream gave no route: benchmark input is wrong');
  return dt;
}

function parseGrokOnce(lines: readonly string[]): number {
  const t0 = performance.now();
  const parser = createGrokStreamParser({ request: { model: 'grok-4', reasoning: false } });
  for (const l of lines) parser.push(l);
  const result = parser.finish();
  const dt = performance.now() - t0;
  if (result.observations.length !== 1) throw new Error('the Grok stream gave no route: benchmark input is wrong');
  return dt;
}

/** Grok's NDJSON parser: the fixture reply and long replies, one line per push (as it streams). */
function grokBench(): void {
  console.log(`\n1b. Grok NDJSON parser in Node (${RUNS} runs each, after 20 warm-up runs)`);
  for (const [name, text] of [
    ['grok fixture reply', longGrokReply(0)],
    ['grok long reply, +2,000 tokens', longGrokReply(2_000)],
  ] as const) {
    const lines = text.split(/(?<=\n)/);
    for (let i = 0; i < 20; i++) parseGrokOnce(lines);
    const times = Array.from({ length: RUNS }, () => parseGrokOnce(lines));
    console.log(`  ${name.padEnd(38)} ${(text.length / 1024).toFixed(0).padStart(4)} KB, ${String(lines.length).padStart(5)} lines: ${summary(times)}`);
  }
}

function nodeBench(): void {
  console.log(`\n1. Parser in Node (${RUNS} runs each, after 20 warm-up runs)`);
  const inputs = [...FIXTURE_STREAMS, { name: 'long reply, +500 deltas', text: longReply(500) }, { name: 'long reply, +2,000 deltas', text: longReply(2_000) }];
  for (const input of inputs) {
    for (const mode of ['event', 1024] as const) {
      const chunks = pieces(input.text, mode);
      for (let i = 0; i < 20; i++) parseOnce(chunks);
      const times = Array.from({ length: RUNS }, () => parseOnce(chunks));
      console.log(
        `  ${input.name.padEnd(38)} ${(input.text.length / 1024).toFixed(0).padStart(4)} KB, ${String(chunks.length).padStart(5)} pieces (${mode === 'event' ? 'one event each' : '1 KB each'}): ${summary(times)}`,
      );
    }
  }
}

async function browserBench(name: string, stream: string): Promise<void> {
  console.log(`\n2. Chromium: ${FETCHES} fetches of ${name} (${(stream.length / 1024).toFixed(0)} KB) by the page, CPU profiler sampling every 200 µs`);
  try {
    const runs = await profileRouteFetches(stream, FETCHES, 3);
    runs.forEach((r, i) => {
      console.log(
        `  run ${i + 1}: main-world observer ${(r.mainWorldMs / r.fetches).toFixed(3)} ms per reply, content-script bridge ${(r.bridgeMs / r.fetches).toFixed(3)} ms per reply ` +
          `(${r.fetches} replies, ${r.routesStored ? 'badge drawn' : 'NO badge drawn'}; profile ${r.profiledMs.toFixed(0)} ms)`,
      );
    });
    const perReply = runs.map((r) => (r.mainWorldMs + r.bridgeMs) / r.fetches);
    console.log(`  total ours per reply over runs: ${summary(perReply)}`);
  } catch (err) {
    console.log(`  skipped: ${err instanceof Error ? err.message : String(err)}`);
  }
}

async function newRepliesBench(): Promise<void> {
  const n = arg('replies', 12);
  console.log(`\n3. Chromium, the real flow: ${n} new replies per page (each added, fetched, captured 2.5 s later), route reading on vs off, CPU profiler`);
  try {
    const runs = await profileNewReplies(FIXTURE_STREAMS[2].text, n, 3);
    const perReply = runs.map((r) => (r.observerOnMs + Math.max(0, r.contentOnMs - r.contentOffMs)) / r.replies);
    runs.forEach((r, i) => {
      console.log(
        `  run ${i + 1}: observer ${(r.observerOnMs / n).toFixed(3)} ms per reply; content script on ${(r.contentOnMs / n).toFixed(3)} vs off ${(r.contentOffMs / n).toFixed(3)} ms per reply ` +
          `(bridge ≈ ${((r.contentOnMs - r.contentOffMs) / n).toFixed(3)}); routes stored ${r.routesStored}/${n}`,
      );
    });
    console.log(`  ours per reply (observer + bridge difference): ${summary(perReply)}`);
  } catch (err) {
    console.log(`  skipped: ${err instanceof Error ? err.message : String(err)}`);
  }
}

nodeBench();
grokBench();
if (!process.argv.includes('--no-browser')) {
  await newRepliesBench();
  await browserBench('a typical reply (the safety-routing fixture)', FIXTURE_STREAMS[2].text);
  await browserBench('a long reply (+2,000 deltas)', longReply(2_000));
}
