/**
 * The store benchmark's operations, written once and run in two places: inside the built
 * extension's page in Chromium (bundled by bench/store/chromium.ts, real IndexedDB) and in
 * Node on fake-indexeddb (the second column). Each returns the milliseconds it measured
 * itself (performance.now() where it runs), so the harness's messaging is never counted.
 */
import { DETECTOR_VERSION, analyzeConversation } from '../../src/core/analyze.ts';
import { jsonlChunks } from '../../src/core/formats/jsonl-export.ts';
import { buildBundle, type ImportedConversation } from '../../src/core/formats/build-bundle.ts';
import { DEFAULT_LIMITS } from '../../src/core/formats/limits.ts';
import type { CapturedTurn, ConversationBundle, SiteId } from '../../src/core/model/types.ts';
import { recomputeConversation } from '../../src/store/analyses.ts';
import type { Analyzer } from '../../src/store/analyzer.ts';
import { storeCapture } from '../../src/store/capture.ts';
import { openObservatoryDB } from '../../src/store/connection.ts';
import { importBundles } from '../../src/store/import.ts';
import { searchIndex } from '../../src/store/indexed-search.ts';
import { getAllBundles, getConversationBundle, listConversations } from '../../src/store/read.ts';
import type { ObservatoryDB } from '../../src/store/schema.ts';
import { searchConversationsByText } from '../../src/store/search.ts';

export const BENCH_DB = 'persona-observatory-bench';

/** One conversation as the harness sends it: alternating user / assistant texts. */
export interface BenchConversation {
  key: string;
  title: string;
  lastSeen: number;
  turns: { role: 'user' | 'assistant'; text: string; model: string | null }[];
}

const analyzer: Analyzer = { version: DETECTOR_VERSION, analyze: (turns) => analyzeConversation(turns) };
let db: ObservatoryDB | null = null;

async function open(): Promise<ObservatoryDB> {
  db ??= await openObservatoryDB({ name: BENCH_DB });
  return db;
}

/** The harness's conversation through the importers' own bundle builder (src/core/formats/build-bundle.ts). */
function toBundle(c: BenchConversation): ConversationBundle {
  const [site, ...rest] = c.key.split(':');
  const imported: ImportedConversation = {
    site: site as SiteId,
    conversationId: rest.join(':'),
    title: c.title,
    url: null,
    source: 'import:bundle',
    createdAt: c.lastSeen,
    updatedAt: c.lastSeen,
    turns: c.turns.map((t, i) => ({
      turnId: `t${i}`,
      role: t.role,
      text: t.text,
      model: t.model,
      selectedModel: null,
      thinking: null,
      createdAt: null,
      branch: null,
      alternativeOf: null,
    })),
  };
  return buildBundle(imported, c.key, DEFAULT_LIMITS);
}

const time = async <T>(fn: () => Promise<T>): Promise<{ ms: number; value: T }> => {
  const t0 = performance.now();
  const value = await fn();
  return { ms: performance.now() - t0, value };
};

export const ops = {
  /** Import one batch (one transaction, as an account-export import does); label every `analyzeEvery`-th. */
  async insert(batch: BenchConversation[], analyzeEvery: number, firstIndex: number): Promise<{ insertMs: number; labelMs: number; labelled: number }> {
    const d = await open();
    const { ms: insertMs } = await time(() => importBundles(d, batch.map(toBundle)));
    let labelMs = 0;
    let labelled = 0;
    for (let i = 0; i < batch.length; i++) {
      if (analyzeEvery <= 0 || (firstIndex + i) % analyzeEvery !== 0) continue;
      labelMs += (await time(() => recomputeConversation(d, batch[i].key, analyzer))).ms;
      labelled++;
    }
    return { insertMs, labelMs, labelled };
  },

  /** A live capture: the page shows the stored turns plus one new exchange (indexed in the same transaction). */
  async captureAppend(key: string, stored: BenchConversation['turns'], added: BenchConversation['turns'], now: number): Promise<number> {
    const d = await open();
    const [site, ...rest] = key.split(':');
    const turns: CapturedTurn[] = [...stored, ...added].map((t, i) => ({
      id: `t${i}`,
      role: t.role,
      text: t.text,
      model: t.model,
      selectedModel: null,
      streaming: false,
      thinking: null,
      branch: null,
    }));
    return (await time(() => storeCapture(d, { site: site as 'chatgpt', conversationId: rest.join(':'), url: null as never, title: null, turns }, now))).ms;
  },

  /** The dashboard's list read: every conversation record. */
  async list(): Promise<number> {
    const d = await open();
    return (await time(() => listConversations(d))).ms;
  },

  async timeline(key: string): Promise<{ ms: number; turns: number }> {
    const d = await open();
    const r = await time(() => getConversationBundle(d, key));
    return { ms: r.ms, turns: r.value?.turns.length ?? 0 };
  },

  /** Index search as the dashboard asks it (200 best, snippets for the first 20). */
  async search(query: string): Promise<{ ms: number; matches: number; snippets: number }> {
    const d = await open();
    const r = await time(() => searchIndex(d, query, { limit: 200 }));
    return { ms: r.ms, matches: r.value.matches.length, snippets: r.value.matches.filter((m) => m.snippet !== null).length };
  },

  /** The same without snippets: reading the query's posting rows and ranking only. */
  async rank(query: string): Promise<number> {
    const d = await open();
    return (await time(() => searchIndex(d, query, { limit: 200, snippets: 0 }))).ms;
  },

  /** The fallback scan while the index builds (limit 200, like the dashboard). */
  async scan(query: string): Promise<{ ms: number; matches: number; scanned: number }> {
    const d = await open();
    const r = await time(() => searchConversationsByText(d, query, { limit: 200 }));
    return { ms: r.ms, matches: r.value.matches.length, scanned: r.value.scanned };
  },

  /** Export everything as JSONL: read every bundle, then serialise. */
  async exportJsonl(): Promise<{ readMs: number; writeMs: number; bytes: number; conversations: number }> {
    const d = await open();
    const read = await time(() => getAllBundles(d));
    const t0 = performance.now();
    let bytes = 0;
    for (const chunk of jsonlChunks(read.value)) bytes += chunk.length;
    return { readMs: read.ms, writeMs: performance.now() - t0, bytes, conversations: read.value.length };
  },

  async counts(): Promise<Record<string, number>> {
    const d = await open();
    const out: Record<string, number> = {};
    for (const name of ['conversations', 'turns', 'analyses', 'searchDocs', 'searchPostings'] as const) out[name] = await d.count(name);
    return out;
  },

  close(): void {
    db?.close();
    db = null;
  },
};

export type StoreBenchOps = typeof ops;
