/**
 * Store benchmark: 100k real replies over 3k conversations, in REAL Chromium (the built
 * extension's page, its real IndexedDB, the profile's folder measured on disk), with the same
 * operations on fake-indexeddb in Node as a second column. Prints numbers; asserts nothing.
 *
 *   npm run build && nice -n 10 npm run bench:store
 *   BENCH_REPLIES=20000 BENCH_CONVERSATIONS=600 npm run bench:store   # smaller run
 *   npm run bench:store -- --no-fake        # Chromium only  (--no-chromium: Node only)
 *   BENCH_ANALYZE_EVERY=1 npm run bench:store                         # label every conversation (slow)
 *
 * What is measured (bench/store/ops.ts; each op times itself where it runs):
 * - insert: the conversations imported in batches of 100 (one transaction each, text index
 *   included), then the real detector on every Nth (BENCH_ANALYZE_EVERY, default 3);
 * - a live capture of one new exchange into a stored conversation (index update included);
 * - the dashboard's list read (every conversation record), one timeline, index search for
 *   fixed queries (200 best, snippets for the first 20; and without snippets, to show where the
 *   time goes), the fallback scan, export to JSONL;
 * - size: Chromium, bytes of the profile's IndexedDB folder before, after the inserts, and after
 *   the browser closed (LevelDB compacts on its own schedule); fake-indexeddb has no disk, so
 *   its column gives none. Raw text = UTF-8 bytes of every turn's text.
 * Intervals are min–max over the repeats shown.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { requireSharedData, SHARED_DATA } from '../scripts/shared-data.ts';
import { folderBytes, openChromiumStore, type CallOp } from './store/chromium.ts';
import type { BenchConversation } from './store/ops.ts';

requireSharedData('bench:store', ['multimodel/alpaca_eval.jsonl', 'conversations']);
const REPLIES = Number(process.env.BENCH_REPLIES ?? 100_000);
const CONVERSATIONS = Number(process.env.BENCH_CONVERSATIONS ?? 3_000);
const ANALYZE_EVERY = Number(process.env.BENCH_ANALYZE_EVERY ?? 3);
const BATCH = 100;
const DIST = 'dist/chrome';
const utf8 = (s: string): number => Buffer.byteLength(s, 'utf8');

interface Exchange {
  prompt: string;
  reply: string;
  model: string | null;
}

/** Real (prompt, reply, model) exchanges: AlpacaEval (12 generators) + the conversation files. */
function loadExchanges(): Exchange[] {
  const out: Exchange[] = [];
  for (const line of readFileSync(join(SHARED_DATA, 'multimodel', 'alpaca_eval.jsonl'), 'utf8').split('\n')) {
    if (!line) continue;
    const r = JSON.parse(line) as { prompt: string; outputs: Record<string, string> };
    for (const [model, reply] of Object.entries(r.outputs)) if (reply) out.push({ prompt: r.prompt, reply, model });
  }
  for (const file of readdirSync(join(SHARED_DATA, 'conversations'))) {
    for (const line of readFileSync(join(SHARED_DATA, 'conversations', file), 'utf8').split('\n')) {
      if (!line) continue;
      const turns = (JSON.parse(line) as { turns: { role: string; text: string; model?: string }[] }).turns;
      for (let i = 1; i < turns.length; i++) {
        if (turns[i - 1].role === 'user' && turns[i].role === 'assistant' && turns[i].text) {
          out.push({ prompt: turns[i - 1].text, reply: turns[i].text, model: turns[i].model ?? null });
        }
      }
    }
  }
  return out;
}

function exchangeTurns(ex: Exchange): BenchConversation['turns'] {
  return [
    { role: 'user', text: ex.prompt, model: null },
    { role: 'assistant', text: ex.reply, model: ex.model },
  ];
}

/** 3k conversations; a stride through the pool mixes models and sources within each. */
function buildConversations(pool: Exchange[]): BenchConversation[] {
  const perConv = Math.floor(REPLIES / CONVERSATIONS);
  const extra = REPLIES - perConv * CONVERSATIONS;
  const out: BenchConversation[] = [];
  let offset = 0;
  for (let c = 0; c < CONVERSATIONS; c++) {
    const n = perConv + (c < extra ? 1 : 0);
    const turns = Array.from({ length: n }, (_, i) => exchangeTurns(pool[(offset + i) % pool.length])).flat();
    offset += n * 7;
    out.push({
      key: `${c % 3 ? 'chatgpt' : 'claude'}:conv-${c}`,
      title: `Conversation ${c}: ${turns[0].text.slice(0, 40)}`,
      lastSeen: 1_700_000_000_000 + c * 60_000,
      turns,
    });
  }
  return out;
}

interface Stat {
  median: number;
  min: number;
  max: number;
  n: number;
}
const stat = (xs: number[]): Stat => {
  const s = [...xs].sort((a, b) => a - b);
  return { median: s[Math.floor(s.length / 2)], min: s[0], max: s[s.length - 1], n: s.length };
};
const fmt = (s: Stat | null, unit = 'ms'): string =>
  s === null
    ? '–'
    : s.n === 1
      ? `${s.median.toFixed(0)} ${unit}`
      : `${s.median.toFixed(s.median < 10 ? 1 : 0)} ${unit} [${s.min.toFixed(s.min < 10 ? 1 : 0)}–${s.max.toFixed(s.max < 10 ? 1 : 0)}]`;

const QUERIES = ['photosynthesis chlorophyll', 'python function', 'recipe', 'the', 'zqxjvw'];

interface SuiteResult {
  rows: Map<string, Stat>;
  notes: string[];
  /** Raw numbers that are not timings (counts, sizes), keyed like rows. */
  values: Map<string, string>;
}

async function runSuite(label: string, call: CallOp, convs: BenchConversation[], pool: Exchange[]): Promise<SuiteResult> {
  const rows = new Map<string, Stat>();
  const values = new Map<string, string>();
  const notes: string[] = [];
  const started = performance.now();
  let insertMs = 0;
  let labelMs = 0;
  let labelled = 0;
  for (let i = 0; i < convs.length; i += BATCH) {
    const r = await call('insert', convs.slice(i, i + BATCH), ANALYZE_EVERY, i);
    insertMs += r.insertMs;
    labelMs += r.labelMs;
    labelled += r.labelled;
    if ((i / BATCH + 1) % 5 === 0)
      console.log(`  [${label}] ${i + BATCH} conversations, import ${(insertMs / 1000).toFixed(1)} s, labels ${(labelMs / 1000).toFixed(1)} s`);
  }
  const counts = await call('counts');
  rows.set('insert', stat([insertMs]));
  values.set(
    'insert',
    `${(insertMs / 1000).toFixed(1)} s for ${counts.turns} turns (${(counts.turns / (insertMs / 1000)).toFixed(0)} turns/s, batches of ${BATCH} conversations, index included)`,
  );
  values.set(
    'labels',
    `${labelled} conversations labelled in ${(labelMs / 1000).toFixed(1)} s (${(labelMs / Math.max(labelled, 1)).toFixed(0)} ms each: detector + write)`,
  );
  values.set(
    'counts',
    Object.entries(counts)
      .map(([k, v]) => `${k} ${v}`)
      .join(', '),
  );

  const captures: number[] = [];
  for (let i = 0; i < 15; i++) {
    const c = convs[(i * 211) % convs.length];
    captures.push(await call('captureAppend', c.key, c.turns, exchangeTurns(pool[(i * 977) % pool.length]), 1_800_000_000_000 + i));
  }
  rows.set('capture', stat(captures));

  const lists: number[] = [];
  for (let i = 0; i < 7; i++) lists.push(await call('list'));
  rows.set('list', stat(lists));

  const timelines: number[] = [];
  let turns = 0;
  for (let i = 0; i < 21; i++) {
    const r = await call('timeline', convs[(i * 137) % convs.length].key);
    timelines.push(r.ms);
    turns = r.turns;
  }
  rows.set('timeline', stat(timelines));
  values.set('timeline', `~${turns} turns`);

  for (const q of QUERIES) {
    const times: number[] = [];
    let last = { matches: 0, snippets: 0 };
    for (let i = 0; i < 5; i++) {
      const r = await call('search', q);
      times.push(r.ms);
      last = r;
    }
    rows.set(`search "${q}"`, stat(times));
    const ranking: number[] = [];
    for (let i = 0; i < 5; i++) ranking.push(await call('rank', q));
    rows.set(`  ranking only "${q}"`, stat(ranking));
    values.set(`search "${q}"`, `${last.matches} conversations, ${last.snippets} snippets`);
  }
  for (const q of ['the', 'zqxjvw']) {
    const r = await call('scan', q);
    rows.set(`scan "${q}"`, stat([r.ms]));
    values.set(`scan "${q}"`, `${r.matches} conversations, ${r.scanned} turns read`);
  }

  const ex = await call('exportJsonl');
  rows.set('export read', stat([ex.readMs]));
  rows.set('export write', stat([ex.writeMs]));
  values.set('export', `${ex.conversations} conversations, ${(ex.bytes / 1e6).toFixed(0)} MB of JSONL`);
  notes.push(`${label}: suite wall time ${((performance.now() - started) / 1000).toFixed(0)} s`);
  return { rows, notes, values };
}

async function chromiumColumn(convs: BenchConversation[], pool: Exchange[], raw: number): Promise<(SuiteResult & { version: string }) | null> {
  let store: Awaited<ReturnType<typeof openChromiumStore>>;
  try {
    store = await openChromiumStore(DIST);
  } catch (error) {
    console.log(`Chromium column skipped: ${(error as Error).message}`);
    return null;
  }
  try {
    const before = folderBytes(store.indexedDbDir);
    const result = await runSuite('chromium', store.call, convs, pool);
    const after = folderBytes(store.indexedDbDir);
    await store.call('close');
    await store.close();
    const closed = folderBytes(store.indexedDbDir);
    const mb = (b: number) => `${(b / 1e6).toFixed(1)} MB`;
    result.values.set(
      'disk',
      `IndexedDB folder: before ${mb(before)}, after inserts + queries ${mb(after)} (${((after - before) / raw).toFixed(2)}x raw), after the browser closed ${mb(closed)} (${((closed - before) / raw).toFixed(2)}x raw)`,
    );
    result.rows.set('disk ratio', stat([(closed - before) / raw]));
    return { ...result, version: store.version };
  } finally {
    await store.close().catch(() => undefined);
    store.removeProfile();
  }
}

async function fakeColumn(convs: BenchConversation[], pool: Exchange[]): Promise<SuiteResult> {
  // Installs the fake IndexedDB globals (a side-effect module without a types entry).
  const auto: string = 'fake-indexeddb/auto';
  await import(auto);
  const { ops } = await import('./store/ops.ts');
  const call: CallOp = (name, ...args) => (ops[name] as (...a: unknown[]) => Promise<never>)(...args);
  return runSuite('fake-indexeddb', call, convs, pool);
}

const TARGETS: [string, string][] = [
  ['insert', '–'],
  ['capture', '–'],
  ['list', '< 200 ms'],
  ['timeline', '< 50 ms'],
  ...QUERIES.flatMap((q): [string, string][] => [
    [`search "${q}"`, '< 100 ms to first results'],
    [`  ranking only "${q}"`, '(no snippets: posting rows + BM25)'],
  ]),
  ['scan "the"', '(fallback while the index builds)'],
  ['scan "zqxjvw"', '(fallback, worst case: reads every turn)'],
  ['export read', '–'],
  ['export write', 'JSONL < 5 s (read + write)'],
  ['disk ratio', '≤ 1.5x raw text'],
];

async function main(): Promise<void> {
  const pool = loadExchanges();
  const convs = buildConversations(pool);
  const raw = convs.reduce((s, c) => s + c.turns.reduce((t, x) => t + utf8(x.text), 0), 0);
  console.log(`store bench: ${REPLIES} replies over ${CONVERSATIONS} conversations from ${pool.length} real exchanges; raw text ${(raw / 1e6).toFixed(1)} MB`);
  console.log(
    `machine: ${cpus().length} × ${cpus()[0]?.model ?? '?'}, load average ${loadavg()
      .map((x) => x.toFixed(1))
      .join(' ')}, Node ${process.version}`,
  );
  const chromium = process.argv.includes('--no-chromium') ? null : await chromiumColumn(convs, pool, raw);
  const fake = process.argv.includes('--no-fake') ? null : await fakeColumn(convs, pool);
  console.log(`\n${'operation'.padEnd(36)} ${`Chromium ${chromium?.version ?? ''}`.padEnd(26)} ${'fake-indexeddb (Node)'.padEnd(26)} target`);
  for (const [key, target] of TARGETS) {
    const unit = key === 'disk ratio' ? 'x' : 'ms';
    const cell = (r: SuiteResult | null) => {
      const s = r?.rows.get(key) ?? null;
      if (key === 'disk ratio') return s ? `${s.median.toFixed(2)}x` : '–';
      if (key === 'insert') return s ? `${(s.median / 1000).toFixed(1)} s` : '–';
      return fmt(s, unit);
    };
    console.log(`${key.padEnd(36)} ${cell(chromium).padEnd(26)} ${cell(fake).padEnd(26)} ${target}`);
  }
  for (const [name, r] of [
    ['Chromium', chromium],
    ['fake-indexeddb', fake],
  ] as const) {
    if (!r) continue;
    console.log(`\n${name}:`);
    for (const [k, v] of r.values) console.log(`  ${k}: ${v}`);
    for (const n of r.notes) console.log(`  ${n}`);
  }
  console.log(
    `\nload average at the end: ${loadavg()
      .map((x) => x.toFixed(1))
      .join(' ')} (a shared machine: ranges are min–max of the repeats)`,
  );
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
