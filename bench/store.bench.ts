/**
 * Store benchmark (issue 5): 100k replies over 3k conversations, built from real replies in
 * the shared data folder, written through the same code path as live captures (storeCapture) into
 * fake-indexeddb in Node. Prints numbers; asserts nothing.
 *
 *   npm run bench:store
 *   BENCH_REPLIES=20000 BENCH_CONVERSATIONS=600 npm run bench:store   # smaller run
 *   BENCH_ANALYZE_EVERY=1 npm run bench:store                         # label every conversation (slow)
 *
 * What is measured, and what is not:
 * - Insert: wall time of one storeCapture per conversation (all its turns in one capture),
 *   in fake-indexeddb (a JS implementation): a real browser's IndexedDB is a different engine.
 * - Labels: the real detector (src/core/analyze.ts) runs on every Nth conversation
 *   (BENCH_ANALYZE_EVERY, default 3) to keep the run short; analysis bytes for the rest are
 *   extrapolated from the measured mean and reported as such.
 * - Text search: searchConversationsByText (full scan of the turns store, no index) for a rare
 *   query, a common one (with and without a limit of 50) and one that matches nothing (the
 *   worst case: every turn read). Same caveat: fake-indexeddb in Node, not a browser.
 * - Size: fake-indexeddb has no disk. Stored size is ESTIMATED as UTF-8 bytes of
 *   JSON.stringify(record) for every record, plus JSON bytes of (index key + primary key) for
 *   every index entry. Chrome/Firefox serialise differently (and Chrome compresses large
 *   values), so treat the ratio as an estimate. Raw text = UTF-8 bytes of all turn texts.
 */
import 'fake-indexeddb/auto';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { serialize } from 'node:v8';
import type { CapturedTurn, Conversation } from '../src/core/types.ts';
import { recomputeConversation } from '../src/store/analyses.ts';
import type { Analyzer } from '../src/store/analyzer.ts';
import { storeCapture } from '../src/store/capture.ts';
import { openObservatoryDB } from '../src/store/connection.ts';
import { getConversationBundle, listConversations } from '../src/store/read.ts';
import { searchConversationsByText } from '../src/store/search.ts';
import type { ObservatoryDB } from '../src/store/schema.ts';
import type { TurnRow } from '../src/store/turn-rows.ts';
import { requireSharedData, SHARED_DATA } from '../scripts/shared-data.ts';

const DATA = SHARED_DATA;
requireSharedData('bench:store', ['multimodel/alpaca_eval.jsonl', 'conversations']);
const REPLIES = Number(process.env.BENCH_REPLIES ?? 100_000);
const CONVERSATIONS = Number(process.env.BENCH_CONVERSATIONS ?? 3_000);
const ANALYZE_EVERY = Number(process.env.BENCH_ANALYZE_EVERY ?? 3);
const utf8 = (s: string): number => Buffer.byteLength(s, 'utf8');
const ms = (t0: number): number => performance.now() - t0;

interface Exchange { prompt: string; reply: string; model: string | null }

/** Real (prompt, reply, model) exchanges: AlpacaEval (12 generators) + the conversation files. */
function loadExchanges(): Exchange[] {
  const out: Exchange[] = [];
  for (const line of readFileSync(join(DATA, 'multimodel', 'alpaca_eval.jsonl'), 'utf8').split('\n')) {
    if (!line) continue;
    const r = JSON.parse(line) as { prompt: string; outputs: Record<string, string> };
    for (const [model, reply] of Object.entries(r.outputs)) if (reply) out.push({ prompt: r.prompt, reply, model });
  }
  for (const file of readdirSync(join(DATA, 'conversations'))) {
    for (const line of readFileSync(join(DATA, 'conversations', file), 'utf8').split('\n')) {
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

function conversationTurns(pool: Exchange[], start: number, replies: number, c: number): CapturedTurn[] {
  const turns: CapturedTurn[] = [];
  for (let i = 0; i < replies; i++) {
    const ex = pool[(start + i) % pool.length];
    const base = { model: null, selectedModel: null, streaming: false, thinking: null, branch: null };
    turns.push({ ...base, id: `m${c}-${i}-u`, role: 'user', text: ex.prompt });
    turns.push({ ...base, id: `m${c}-${i}-a`, role: 'assistant', text: ex.reply, model: ex.model });
  }
  return turns;
}

function jsonBytes(v: unknown): number { return utf8(JSON.stringify(v)); }
/** V8 structured-serialisation bytes: the value format Chromium's IndexedDB stores (before its own compression). */
function v8Bytes(v: unknown): number { return serialize(v).length; }

/**
 * Sizes of what is actually stored: the compact rows (schema v3), out-of-line primary keys
 * (analyses; not inside the record, so counted apart), index entries, and meta (feature-name
 * lists kept once per detector version).
 */
async function estimateSize(db: ObservatoryDB): Promise<{ records: Record<string, number>; indexes: number; analysesMeasured: number; analysesCount: number }> {
  const records: Record<string, number> = { conversations: 0, turns: 0, analyses: 0, turnsV8: 0, analysesV8: 0, meta: 0 };
  let indexes = 0;
  let cursor = await db.transaction('turns').store.openCursor();
  while (cursor) {
    const t: TurnRow = cursor.value;
    records.turns += jsonBytes(t);
    records.turnsV8 += v8Bytes(t);
    cursor = await cursor.continue();
  }
  for (const key of await db.getAllKeys('meta')) records.meta += jsonBytes(key) + jsonBytes(await db.get('meta', key));
  for (const c of await db.getAll('conversations') as Conversation[]) {
    records.conversations += jsonBytes(c);
    indexes += (2 + c.models.length) * jsonBytes(c.key) + jsonBytes(c.lastSeen) + jsonBytes(c.site) + c.models.reduce((s, m) => s + jsonBytes(m), 0);
  }
  const analysisKeys = await db.getAllKeys('analyses');
  const analyses = await db.getAll('analyses');
  analyses.forEach((row, i) => {
    records.analyses += jsonBytes(row) + jsonBytes(analysisKeys[i]);
    records.analysesV8 += v8Bytes(row) + v8Bytes(analysisKeys[i]);
  });
  return { records, indexes, analysesMeasured: records.analyses, analysesCount: analyses.length };
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

async function loadAnalyzer(): Promise<Analyzer | null> {
  try {
    const core = await import('../src/core/analyze.ts');
    return { version: core.DETECTOR_VERSION, analyze: (turns) => core.analyzeConversation(turns) };
  } catch (error) {
    console.log(`(detector not loadable, labels skipped: ${(error as Error).message})`);
    return null;
  }
}

async function main(): Promise<void> {
  const wall = performance.now();
  const pool = loadExchanges();
  const db = await openObservatoryDB({ name: 'persona-observatory-bench' });
  const analyzer = await loadAnalyzer();
  console.log(`load average: ${(await import('node:os')).loadavg().map((x) => x.toFixed(1)).join(' ')}`);
  console.log(`store bench: ${REPLIES} replies over ${CONVERSATIONS} conversations, from ${pool.length} real exchanges (fake-indexeddb, Node ${process.version})`);

  let rawBytes = 0;
  let insertMs = 0;
  let labelMs = 0;
  let labelled = 0;
  let insertCpu = 0;
  let labelCpu = 0;
  const cpuSeconds = (c: NodeJS.CpuUsage): number => (c.user + c.system) / 1e6;
  const perConv = Math.floor(REPLIES / CONVERSATIONS);
  const extra = REPLIES - perConv * CONVERSATIONS;
  let offset = 0;
  for (let c = 0; c < CONVERSATIONS; c++) {
    const n = perConv + (c < extra ? 1 : 0);
    const turns = conversationTurns(pool, offset, n, c);
    offset += n * 7; // stride so conversations mix models and sources
    for (const t of turns) rawBytes += utf8(t.text);
    let t0 = performance.now();
    let c0 = process.cpuUsage();
    await storeCapture(db, { site: c % 3 ? 'chatgpt' : 'claude', conversationId: `conv-${c}`, url: `https://chatgpt.com/c/conv-${c}`, title: `Conversation ${c}: ${turns[0].text.slice(0, 40)}`, turns }, 1_700_000_000_000 + c * 60_000);
    insertMs += ms(t0);
    insertCpu += cpuSeconds(process.cpuUsage(c0));
    if (analyzer && c % ANALYZE_EVERY === 0) {
      t0 = performance.now();
      c0 = process.cpuUsage();
      await recomputeConversation(db, `${c % 3 ? 'chatgpt' : 'claude'}:conv-${c}`, analyzer);
      labelMs += ms(t0);
      labelCpu += cpuSeconds(process.cpuUsage(c0));
      labelled++;
    }
    if ((c + 1) % 500 === 0) console.log(`  ${c + 1} conversations, insert ${(insertMs / 1000).toFixed(1)} s so far`);
  }
  const turnCount = await db.count('turns');
  console.log(`insert: ${(insertMs / 1000).toFixed(1)} s wall, ${insertCpu.toFixed(1)} s CPU, for ${turnCount} turns (${(insertMs / CONVERSATIONS).toFixed(1)} ms per conversation capture, ${(turnCount / (insertMs / 1000)).toFixed(0)} turns/s)`);
  if (analyzer) console.log(`labels (real detector ${analyzer.version}): ${labelled} conversations in ${(labelMs / 1000).toFixed(1)} s wall, ${labelCpu.toFixed(1)} s CPU (${(labelMs / Math.max(labelled, 1)).toFixed(1)} ms each, detector + analyses write)`);

  // Queries, each repeated; first run reported apart (cold-ish caches in fake-indexeddb are not a thing, but JIT is).
  const listTimes: number[] = [];
  for (let i = 0; i < 7; i++) { const t0 = performance.now(); await listConversations(db, { sort: 'lastSeen', limit: 50 }); listTimes.push(ms(t0)); }
  const filterTimes: number[] = [];
  for (let i = 0; i < 7; i++) { const t0 = performance.now(); await listConversations(db, { model: 'gpt-4o-2024-05-13', search: 'conversation 1', sort: 'turnCount' }); filterTimes.push(ms(t0)); }
  const timelineTimes: number[] = [];
  for (let i = 0; i < 21; i++) {
    const c = (i * 137) % CONVERSATIONS - ((i * 137) % CONVERSATIONS) % ANALYZE_EVERY; // a labelled one
    const t0 = performance.now();
    const b = await getConversationBundle(db, `${c % 3 ? 'chatgpt' : 'claude'}:conv-${c}`);
    timelineTimes.push(ms(t0));
    if (!b || b.turns.length === 0) throw new Error(`timeline ${c} empty`);
  }
  console.log(`conversation list (all ${CONVERSATIONS}, sort by lastSeen, first 50): median ${median(listTimes).toFixed(1)} ms, first ${listTimes[0].toFixed(1)} ms  [target < 500 ms]`);
  console.log(`conversation list (by-model index + search + sort): median ${median(filterTimes).toFixed(1)} ms`);
  console.log(`one timeline (conversation + ~${2 * perConv} turns + analyses + annotations): median ${median(timelineTimes).toFixed(1)} ms, max ${Math.max(...timelineTimes).toFixed(1)} ms  [target < 100 ms]`);

  await benchTextSearch(db);

  const size = await estimateSize(db);
  const perAnalysis = size.analysesCount ? size.analysesMeasured / size.analysesCount : 0;
  const analysesAll = perAnalysis * REPLIES;
  const mb = (b: number): string => `${(b / 1e6).toFixed(1)} MB`;
  const base = size.records.turns + size.records.conversations + size.records.meta;
  console.log('size (ESTIMATE: UTF-8 bytes of JSON.stringify per record (+ its key when stored out of line) + JSON bytes of key pairs per index entry; not real disk bytes):');
  console.log(`  raw text (all turn texts, UTF-8): ${mb(rawBytes)}`);
  console.log(`  turns ${mb(size.records.turns)}, conversations ${mb(size.records.conversations)}, meta ${mb(size.records.meta)}, index entries ${mb(size.indexes)} (only conversations have indexes since schema v3)`);
  console.log(`  turns as V8 structured clone (Chromium's IndexedDB value format, uncompressed): ${mb(size.records.turnsV8)} = ${(size.records.turnsV8 / rawBytes).toFixed(2)}x raw; analyses ${size.analysesCount ? (size.records.analysesV8 / size.analysesCount).toFixed(0) : 0} bytes each`);
  console.log(`  turns+conversations: ${(base / rawBytes).toFixed(2)}x raw; + index entries: ${((base + size.indexes) / rawBytes).toFixed(2)}x raw  [target <= 1.5x]`);
  if (size.analysesCount) {
    console.log(`  analyses: measured ${size.analysesCount} records, mean ${perAnalysis.toFixed(0)} bytes; extrapolated to ${REPLIES} replies: ${mb(analysesAll)}`);
    console.log(`  everything as stored (analyses for the ${size.analysesCount} labelled replies only): ${((base + size.indexes + size.analysesMeasured) / rawBytes).toFixed(3)}x raw`);
    console.log(`  everything incl. analyses for every reply (extrapolated): ${((base + size.indexes + analysesAll) / rawBytes).toFixed(3)}x raw  [target <= 1.5x]`);
  }
  console.log(`wall time: ${(ms(wall) / 1000).toFixed(1)} s`);
}

/** Full-text search over every turn; queries fixed in advance (not picked from results). */
async function benchTextSearch(db: ObservatoryDB): Promise<void> {
  console.log('full-text search over turn text (searchConversationsByText; fake-indexeddb in Node, a JS IndexedDB: not browser timings):');
  const runs: { label: string; query: string; limit?: number }[] = [
    { label: 'rare query', query: 'photosynthesis chlorophyll' },
    { label: 'common query, no limit', query: 'the' },
    { label: 'common query, limit 50', query: 'the', limit: 50 },
    { label: 'no match (reads every turn)', query: 'zqxjvw' },
  ];
  for (const { label, query, limit } of runs) {
    const times: number[] = [];
    let last = { matches: 0, scanned: 0, total: 0 };
    for (let i = 0; i < 3; i++) {
      const t0 = performance.now();
      const r = await searchConversationsByText(db, query, { limit });
      times.push(ms(t0));
      last = { matches: r.matches.length, scanned: r.scanned, total: r.total };
    }
    console.log(`  ${label} "${query}": ${last.matches} conversations, ${last.scanned}/${last.total} turns read; median ${median(times).toFixed(0)} ms, first ${times[0].toFixed(0)} ms (3 runs)`);
  }
  // Reference: the same pages read with no decoding or matching (the storage share of the above).
  const t0 = performance.now();
  let rows = 0;
  let page = await db.transaction('turns').store.getAll(null, 500);
  for (;;) {
    rows += page.length;
    if (page.length < 500) break;
    page = await db.transaction('turns').store.getAll(IDBKeyRange.lowerBound(page[page.length - 1].key, true), 500);
  }
  console.log(`  reference: reading the same ${rows} turns in pages of 500, no decoding or matching: ${ms(t0).toFixed(0)} ms`);
}

main().catch((error: unknown) => { console.error(error); process.exit(1); });
