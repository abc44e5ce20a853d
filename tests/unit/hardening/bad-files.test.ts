/**
 * Bad files: ≥10,000 generated malformed, truncated, deeply nested, huge and wrong-type import
 * files (seeded; PO_FUZZ_SEED reproduces a run) through the import path the dashboard uses:
 * parseAnyConversationFile → `import/bundles` message validator → the store's importBundles
 * (fake-indexeddb). Every refusal must be a FormatError (or the worker's validator / ImportError
 * for corrupted bundles), never a crash, and the store must stay byte-for-byte as it was.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { IDBFactory } from 'fake-indexeddb';
import { unwrap } from 'idb';
import { parseAnyConversationFile } from '../../../src/core/formats/detect.ts';
import { FormatError } from '../../../src/core/model/errors.ts';
import { exportBundleJson } from '../../../src/core/formats/bundle-json.ts';
import { exportJsonl } from '../../../src/core/formats/jsonl-export.ts';
import type { ConversationBundle } from '../../../src/core/model/types.ts';
import { parseMessage } from '../../../src/messaging/catalog.ts';
import { openObservatoryDB, resetObservatoryDBCache, type ObservatoryDB } from '../../../src/store/index.ts';
import { importBundles } from '../../../src/store/import.ts';
import { setSettings } from '../../../src/store/settings.ts';
import { saveAnnotation } from '../../../src/store/annotations.ts';
import { EXPORT_SAMPLES } from '../../fixtures/paths.ts';
import { seededRng, type Rng } from './bad-files/random.ts';
import { serialiseStores } from './bad-files/store-snapshot.ts';
import {
  garbage,
  huge,
  mutatedStructure,
  mutatedText,
  overLimit,
  tooDeep,
  truncated,
  wrongTopLevel,
  type BadFile,
  type BaseFile,
} from './bad-files/generate.ts';
import { corruptBundles, freshBundle } from './bad-files/corrupt-bundles.ts';

const SEED = Number(process.env.PO_FUZZ_SEED ?? 20260907);
const EXPORTS = EXPORT_SAMPLES;
const FILE_LABEL = 'fuzz.json';

const REAL_EXPORTS = [
  'chatgpt/pkuppens-2023__conversations.excerpt.json',
  'chatgpt/polylogue__native-conversation-v1.SYNTHETIC.json',
  'claude/simonw-2024-10__example.json',
  'claude/simonw-2024-10__artifacts.json',
];

let db: ObservatoryDB;
let raw: IDBDatabase;
let before: string;
const seedBundles: ConversationBundle[] = [];
const bases: BaseFile[] = [];
const parsedBases = new Map<string, unknown>();
const counts: Record<string, number> = {};
const failures: string[] = [];

function count(kind: string) {
  const k = kind.split(' ')[0];
  counts[k] = (counts[k] ?? 0) + 1;
}

function fail(kind: string, problem: string) {
  if (failures.length < 40) failures.push(`[seed ${SEED}] ${kind.slice(0, 120)}: ${problem.slice(0, 300)}`);
  else if (failures.length === 40) failures.push('… more failures left off');
}

/** The same steps the dashboard + worker take for a file; returns what refused it, if anything. */
async function importFile(file: BadFile): Promise<{ refusedBy: 'format' | 'validator' | 'store' | null; error?: unknown }> {
  let bundles: ConversationBundle[];
  try {
    bundles = parseAnyConversationFile(file.text, FILE_LABEL, file.limits).bundles;
  } catch (error) {
    return { refusedBy: 'format', error };
  }
  const message = parseMessage({ type: 'import/bundles', bundles });
  if (!message || message.type !== 'import/bundles') return { refusedBy: 'validator' };
  return { refusedBy: null };
}

function checkFormatError(file: BadFile, error: unknown) {
  if (!(error instanceof FormatError)) {
    fail(file.kind, `crashed with ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)} instead of a FormatError`);
    return;
  }
  const m = error.message;
  if (!m.startsWith(FILE_LABEL)) fail(file.kind, `error does not say where (${m.slice(0, 80)})`);
  if (m.length > 2_000) fail(file.kind, `error message is ${m.length} characters long`);
  if (/\[object Object\]|undefined: /.test(m)) fail(file.kind, `unclear error: ${m.slice(0, 160)}`);
}

async function storeUnchanged(kind: string): Promise<void> {
  const now = await serialiseStores(raw);
  if (now !== before) {
    fail(kind, 'the store changed');
    // Put the seed back so one failure does not cascade into thousands.
    await reseed();
  }
}

async function reseed(): Promise<void> {
  db?.close();
  resetObservatoryDBCache();
  globalThis.indexedDB = new IDBFactory();
  db = await openObservatoryDB({ name: 'fuzz-store' });
  raw = unwrap(db);
  await importBundles(db, seedBundles);
  await setSettings(db, { paused: false, badgesHidden: true, sites: { chatgpt: { enabled: true, selectors: { turn: 'article' } } } });
  const first = seedBundles.find((b) => b.turns.some((t) => t.role === 'assistant'))!;
  const turn = first.turns.find((t) => t.role === 'assistant')!;
  let n = 0;
  await saveAnnotation(
    db,
    { turnKey: turn.key, conversationKey: first.conversation.key, kind: 'relabel', label: 'formal', note: 'seed' },
    1_700_000_000_000,
    () => `seed-${n++}`,
  );
  before = await serialiseStores(raw);
}

beforeAll(async () => {
  for (const name of REAL_EXPORTS) {
    const text = readFileSync(resolve(EXPORTS, name), 'utf8');
    bases.push({ name, text, jsonl: false });
    parsedBases.set(name, JSON.parse(text));
    seedBundles.push(...parseAnyConversationFile(text, name).bundles);
  }
  const ownJson = exportBundleJson(seedBundles);
  const ownJsonl = exportJsonl(seedBundles);
  bases.push({ name: 'own.json', text: ownJson, jsonl: false }, { name: 'own.jsonl', text: ownJsonl, jsonl: true });
  parsedBases.set('own.json', JSON.parse(ownJson));
  await reseed();
}, 60_000);

afterAll(() => {
  console.log(`bad-files fuzz (seed ${SEED}): ${JSON.stringify(counts)}; total ${Object.values(counts).reduce((a, b) => a + b, 0)}`);
  db?.close();
});

async function runFileCases(rng: Rng, n: number, make: (rng: Rng) => BadFile | null): Promise<number> {
  let made = 0;
  for (let attempts = 0; made < n && attempts < n * 4; attempts++) {
    const file = make(rng);
    if (!file) continue;
    made++;
    count(file.kind);
    const { refusedBy, error } = await importFile(file);
    if (refusedBy === 'format') checkFormatError(file, error);
    else if (file.mustReject)
      fail(file.kind, refusedBy === 'validator' ? 'parsed, then refused by the worker validator (unclear to the user)' : 'was accepted');
    else if (refusedBy === 'validator') fail(file.kind, 'the parser accepted it but produced bundles the worker refuses (the user gets no clear error)');
  }
  return made;
}

describe('bad import files', () => {
  beforeEach(() => {
    failures.length = 0;
  });

  it('the real samples parse and seed the store (the fuzz has something to protect)', async () => {
    expect(seedBundles.length).toBeGreaterThanOrEqual(5);
    const dump = JSON.parse(before) as Record<string, { keys: unknown[] }>;
    expect(dump.turns.keys.length).toBeGreaterThan(10);
    expect(dump.annotations.keys.length).toBe(1);
    expect(dump.settings.keys.length).toBe(1);
  });

  it('≥10,000 malformed files are refused with a clear FormatError, nothing crashes, the store is unchanged', async () => {
    const rng = seededRng(SEED);
    const withBase = (make: (rng: Rng, base: BaseFile) => BadFile | null) => (r: Rng) => make(r, r.pick(bases));
    let total = 0;
    const t0 = performance.now();
    total += await runFileCases(rng, 3_000, withBase(truncated));
    total += await runFileCases(rng, 1_000, garbage);
    total += await runFileCases(rng, 300, tooDeep);
    total += await runFileCases(rng, 700, wrongTopLevel);
    total += await runFileCases(rng, 500, withBase(overLimit));
    total += await runFileCases(rng, 20, huge);
    total += await runFileCases(rng, 2_500, (r) => {
      const name = r.pick([...parsedBases.keys()]);
      return mutatedStructure(r, bases.find((b) => b.name === name)!, parsedBases.get(name) as never);
    });
    total += await runFileCases(rng, 1_500, withBase(mutatedText));
    console.log(`bad-files: ${total} files in ${Math.round(performance.now() - t0)} ms`);
    await storeUnchanged('after all files');
    expect(failures, failures.join('\n')).toEqual([]);
    expect(total).toBeGreaterThanOrEqual(9_500);
  }, 120_000);

  it('corrupted bundles sent to the store are refused as a whole and change nothing', async () => {
    const rng = seededRng(SEED + 1);
    const t0 = performance.now();
    let n = 0;
    for (let i = 0; i < 1_200; i++) {
      const { what, bundles } = corruptBundles(rng, seedBundles);
      // Half the time, put a valid new conversation first: all or nothing means it is not stored either.
      const batch = rng.chance(0.5) ? [freshBundle(rng.pick(seedBundles), String(i)), ...bundles] : bundles;
      const kind = `store ${what}`;
      count(kind);
      n++;
      const message = parseMessage({ type: 'import/bundles', bundles: batch });
      if (message && message.type === 'import/bundles') {
        try {
          await importBundles(db, message.bundles);
          fail(kind, 'the store accepted a corrupted batch');
        } catch (error) {
          if (!(error instanceof Error) || !/ImportError|StoreWriteError/.test(error.name)) fail(kind, `store threw ${String(error)}`);
        }
      }
      await storeUnchanged(kind);
    }
    expect(failures, failures.join('\n')).toEqual([]);
    console.log(`bad-files: ${n} corrupted batches in ${Math.round(performance.now() - t0)} ms`);
    expect(n).toBe(1_200);
  }, 120_000);

  it('a write that fails inside the transaction (invalid key, past the validator) rolls back every earlier write', async () => {
    const base = seedBundles.find((b) => b.analyses.length === 0 && b.annotations.length === 0 && b.turns.length > 1) ?? seedBundles[0];
    for (let i = 0; i < 50; i++) {
      const good = freshBundle(base, `atomic-${i}`);
      const bad = freshBundle(base, `atomic-bad-${i}`);
      // An object is not a valid IndexedDB key: the put fails mid-transaction, after `good` was
      // written. (First turn of the batch's second bundle: a put that throws synchronously after
      // sibling puts were queued leaves their rejections unhandled in src/store/import.ts.)
      (bad.turns[0] as unknown as { key: unknown }).key = { not: 'a key' };
      count('store atomic');
      await expect(importBundles(db, [good, bad])).rejects.toThrow();
      await storeUnchanged(`atomic ${i}`);
    }
    expect(failures, failures.join('\n')).toEqual([]);
  }, 60_000);
});
