/**
 * The transcript search index (src/store/text-index.ts, indexed-search.ts): built as turns are
 * stored, updated on edits, emptied on delete, persisted in IndexedDB, ranked, with snippets,
 * and the scan answering while an index over older data is still being built.
 */
import { IDBFactory } from 'fake-indexeddb';
import { beforeEach, describe, expect, it } from 'vitest';
import { countTerms, queryIndexTerms, MAX_TERM } from '../../../src/core/text/index-terms.ts';
import { contentHash } from '../../../src/core/text/hash.ts';
import type { CapturedTurn, ConversationBundle, Turn } from '../../../src/core/model/types.ts';
import { storeCapture } from '../../../src/store/capture.ts';
import { openObservatoryDB, resetObservatoryDBCache } from '../../../src/store/connection.ts';
import { clearAllData, deleteConversation } from '../../../src/store/delete.ts';
import { importBundles } from '../../../src/store/import.ts';
import { searchIndex, searchTranscripts } from '../../../src/store/indexed-search.ts';
import type { ObservatoryDB } from '../../../src/store/schema.ts';
import { searchConversationsByText } from '../../../src/store/search.ts';
import { applyDeltas, buildTextIndex, buildTextIndexSlice, POSTING_BLOCK_BITS, textIndexPending } from '../../../src/store/text-index.ts';
import { freshDB, turn } from './helpers.ts';

let db: ObservatoryDB;
beforeEach(async () => {
  db = await freshDB();
});

const capture = (id: string, turns: CapturedTurn[], now = 1) =>
  storeCapture(db, { site: 'chatgpt', conversationId: id, url: `https://x/${id}`, title: `title ${id}`, turns }, now);
const keys = async (query: string) => (await searchIndex(db, query)).matches.map((m) => m.conversationKey);
const sorted = (xs: string[]) => [...xs].sort();

/** Every posting row as term → { docId: count }, for comparing two indexes. */
async function postings(d: ObservatoryDB): Promise<Record<string, Record<number, number>>> {
  const out: Record<string, Record<number, number>> = {};
  const [ks, rows] = await Promise.all([d.getAllKeys('searchPostings'), d.getAll('searchPostings')]);
  ks.forEach(([term, block], i) => {
    const list = rows[i];
    for (let j = 0; j < list.length; j += 2) {
      expect(list[j] >> POSTING_BLOCK_BITS).toBe(block);
      (out[term] ??= {})[list[j]] = list[j + 1];
    }
  });
  return out;
}

/** The index a from-scratch build makes of the same turns, by conversation key rather than id. */
async function byConversation(d: ObservatoryDB): Promise<Record<string, Record<string, number>>> {
  const [docKeys, docs] = await Promise.all([d.getAllKeys('searchDocs'), d.getAll('searchDocs')]);
  const keyOf = new Map(docs.map((r, i) => [r.i, docKeys[i]]));
  const out: Record<string, Record<string, number>> = {};
  for (const [term, ids] of Object.entries(await postings(d))) {
    for (const [id, n] of Object.entries(ids)) (out[keyOf.get(Number(id))!] ??= {})[term] = n;
  }
  return out;
}

describe('index terms', () => {
  it('folds case and compatibility forms, splits on non-word characters, counts repeats', () => {
    const m = new Map<string, number>();
    expect(countTerms("The MOON, the ﬁne moon; don't ＦＵＬＬ", m)).toBe(8);
    expect(Object.fromEntries(m)).toEqual({ the: 2, moon: 2, fine: 1, don: 1, t: 1, full: 1 });
    expect(queryIndexTerms('  Moon moon MOON ')).toEqual(['moon']);
  });

  it('turns CJK runs into overlapping pairs and cuts very long words', () => {
    expect(queryIndexTerms('東京タワー。GPT4は')).toEqual(['東京', '京タ', 'タワ', 'ワー', 'gpt4', 'は']);
    const long = 'x'.repeat(100);
    expect(queryIndexTerms(long)).toEqual(['x'.repeat(MAX_TERM)]);
  });
});

describe('applyDeltas', () => {
  it('adds to counts, adds new ids, drops ids whose count reaches 0, keeping ids sorted', () => {
    expect(
      applyDeltas(
        [1, 2, 5, 1],
        new Map([
          [3, 4],
          [5, -1],
          [1, 5],
        ]),
      ),
    ).toEqual([1, 7, 3, 4]);
    expect(applyDeltas([], new Map([[9, -2]]))).toEqual([]);
  });
});

describe('text index', () => {
  beforeEach(async () => {
    await capture('c1', [turn('u0', 'user', 'Tell me about the Moon'), turn('a0', 'assistant', 'The moon orbits Earth.')]);
    await capture('c2', [
      turn('u0', 'user', 'What is a lighthouse?'),
      turn('a0', 'assistant', 'A tower with a lamp.'),
      turn('u1', 'user', 'and the moon?'),
      turn('a1', 'assistant', 'Tides follow it.'),
    ]);
    await capture('c3', [turn('u0', 'user', 'nothing relevant here'), turn('a0', 'assistant', 'indeed')]);
  });

  it('is built as turns are stored: AND across the turns of a conversation, the last word a prefix from 3 letters', async () => {
    expect(await textIndexPending(db)).toBe(false);
    expect(sorted(await keys('moon'))).toEqual(['chatgpt:c1', 'chatgpt:c2']);
    expect(await keys('lighthouse tides')).toEqual(['chatgpt:c2']);
    expect(await keys('moon penguin')).toEqual([]);
    expect(await keys('light')).toEqual(['chatgpt:c2']); // prefix of "lighthouse"
    expect(await keys('tides light')).toEqual(['chatgpt:c2']); // the last word is a prefix...
    expect(await keys('light tides')).toEqual([]); // ...an earlier one is a whole word
    expect(await keys('th')).toEqual([]); // too short to be a prefix; no word "th"
    expect(await keys('  ')).toEqual([]);
  });

  it('updates incrementally: a new reply adds its words, an edited reply drops the old ones', async () => {
    await capture('c3', [turn('u0', 'user', 'nothing relevant here'), turn('a0', 'assistant', 'indeed'), turn('u1', 'user', 'penguins?')], 2);
    expect(await keys('penguins')).toEqual(['chatgpt:c3']);
    expect(await keys('indeed penguins')).toEqual(['chatgpt:c3']);
    // The reply's text changes in place: the old text stays stored as an alternative, so both are found.
    await capture('c3', [turn('u0', 'user', 'nothing relevant here'), turn('a0', 'assistant', 'albatross'), turn('u1', 'user', 'penguins?')], 3);
    expect(await keys('albatross')).toEqual(['chatgpt:c3']);
    expect(await keys('indeed')).toEqual(['chatgpt:c3']);
    // Same postings as a from-scratch build over the same turns.
    const incremental = await byConversation(db);
    await db.clear('searchDocs');
    await db.clear('searchPostings');
    await db.put('meta', true, 'textIndexPending');
    await buildTextIndex(db);
    expect(await byConversation(db)).toEqual(incremental);
  });

  it('a capture with nothing new writes nothing to the index', async () => {
    const before = await postings(db);
    await capture('c1', [turn('u0', 'user', 'Tell me about the Moon'), turn('a0', 'assistant', 'The moon orbits Earth.')], 9);
    expect(await postings(db)).toEqual(before);
  });

  it('deleting a conversation removes it and every term only it had', async () => {
    expect(Object.keys(await postings(db))).toContain('lighthouse');
    await deleteConversation(db, 'chatgpt:c2');
    expect(sorted(await keys('moon'))).toEqual(['chatgpt:c1']);
    const terms = await postings(db);
    expect(Object.keys(terms)).not.toContain('lighthouse');
    expect(Object.keys(terms)).not.toContain('tides');
    expect(await db.count('searchDocs')).toBe(2);
    await clearAllData(db);
    expect(await db.count('searchPostings')).toBe(0);
    expect(await db.count('searchDocs')).toBe(0);
    expect(await textIndexPending(db)).toBe(false);
  });

  it('import indexes the new conversations and the new versions of changed turns, in one pass', async () => {
    const t = (conv: string, id: string, text: string, order: number): Turn => ({
      key: `${conv}:${id}`,
      conversationKey: conv,
      turnId: id,
      order,
      role: 'user',
      text,
      contentHash: contentHash('user', text),
      model: null,
      selectedModel: null,
      thinking: null,
      branch: null,
      alternativeOf: null,
      capturedAt: 1,
      createdAt: null,
      route: null,
    });
    const bundle = (key: string, turns: Turn[]): ConversationBundle => ({
      conversation: {
        key,
        site: 'chatgpt',
        conversationId: key.split(':')[1],
        title: null,
        url: null,
        source: 'import:bundle',
        firstSeen: 1,
        lastSeen: 1,
        models: [],
        turnCount: turns.length,
        assistantCount: 0,
        shiftCount: 0,
        annotationCount: 0,
      },
      turns,
      analyses: [],
      annotations: [],
    });
    await importBundles(db, [
      bundle('chatgpt:i1', [t('chatgpt:i1', 'x', 'imported walrus', 1)]),
      bundle('chatgpt:c3', [t('chatgpt:c3', 'u0', 'a narwhal instead', 1)]),
    ]);
    expect(await keys('walrus')).toEqual(['chatgpt:i1']);
    expect(await keys('narwhal relevant')).toEqual(['chatgpt:c3']);
    // The same new conversation twice in one file, with different turns: both land, indexed once.
    await importBundles(db, [
      bundle('chatgpt:i2', [t('chatgpt:i2', 'x', 'first puffin', 1)]),
      bundle('chatgpt:i2', [t('chatgpt:i2', 'y', 'second puffin', 2)]),
    ]);
    expect(await keys('first second puffin')).toEqual(['chatgpt:i2']);
    const incremental = await byConversation(db);
    expect(incremental['chatgpt:i2']).toEqual({ first: 1, second: 1, puffin: 2 });
    await db.clear('searchDocs');
    await db.clear('searchPostings');
    await db.put('meta', true, 'textIndexPending');
    await buildTextIndex(db);
    expect(await byConversation(db)).toEqual(incremental);
  });

  it('is persisted: a new connection to the same database answers the same', async () => {
    const factory = globalThis.indexedDB;
    db.close();
    resetObservatoryDBCache();
    globalThis.indexedDB = factory;
    db = await openObservatoryDB();
    expect(sorted(await keys('moon'))).toEqual(['chatgpt:c1', 'chatgpt:c2']);
  });

  it('ranks by BM25: more occurrences in a shorter conversation rank first', async () => {
    await capture('m1', [turn('u0', 'user', 'moon moon moon'), turn('a0', 'assistant', 'moon indeed')]);
    const r = await searchIndex(db, 'moon');
    expect(r.matches[0].conversationKey).toBe('chatgpt:m1');
    const scores = r.matches.map((m) => m.score!);
    expect([...scores].sort((a, b) => b - a)).toEqual(scores);
    expect(scores.every((s) => s > 0)).toBe(true);
  });

  it('makes snippets from the first matching turn in timeline order, as plain text, for the best N', async () => {
    const r = await searchIndex(db, 'tides');
    expect(r.matches).toEqual([
      { conversationKey: 'chatgpt:c2', score: expect.any(Number), turnKey: 'chatgpt:c2:a1', role: 'assistant', snippet: 'Tides follow it.' },
    ]);
    const evil = '<img src=x onerror=alert(1)>\u202Eevil\nline';
    await capture('h', [turn('u0', 'user', evil)]);
    expect((await searchIndex(db, 'onerror')).matches[0].snippet).toBe('<img src=x onerror=alert(1)> evil line');
    const few = await searchIndex(db, 'moon', { snippets: 1 });
    expect(few.matches.map((m) => m.snippet === null)).toEqual([false, true]);
    expect((await searchIndex(db, 'moon', { limit: 1 })).complete).toBe(false);
  });

  it('honours an AbortSignal', async () => {
    const c = new AbortController();
    c.abort();
    await expect(searchIndex(db, 'moon', { signal: c.signal })).rejects.toMatchObject({ name: 'AbortError' });
  });
});

describe('index over data stored before it existed (migration v4)', () => {
  it('marks the index pending; searches scan until the background build is done, then use the index', async () => {
    resetObservatoryDBCache();
    globalThis.indexedDB = new IDBFactory();
    const v3 = await openObservatoryDB({ version: 3 });
    // Rows written the v3 way (storeCapture needs the v4 index stores).
    const tx = v3.transaction(['conversations', 'turns'], 'readwrite');
    for (let i = 0; i < 7; i++) {
      const key = `chatgpt:o${i}`;
      await tx.objectStore('conversations').put({
        key,
        site: 'chatgpt',
        conversationId: `o${i}`,
        title: null,
        url: null,
        source: 'capture',
        firstSeen: 1,
        lastSeen: 1,
        models: [],
        turnCount: 1,
        assistantCount: 0,
        shiftCount: 0,
        annotationCount: 0,
      });
      await tx.objectStore('turns').put({ key: `${key}:u0`, p: key.length, o: 0, x: i % 2 ? 'odd kestrel' : 'even heron', t: 1 });
    }
    await tx.done;
    v3.close();
    db = await openObservatoryDB();
    expect(await textIndexPending(db)).toBe(true);
    expect(await db.count('searchDocs')).toBe(0);

    // While pending: the scan answers (same matches as the scan itself), unranked.
    const scan = await searchTranscripts(db, 'kestrel');
    expect(scan.source).toBe('scan');
    expect(scan.matches.map((m) => m.conversationKey)).toEqual((await searchConversationsByText(db, 'kestrel')).matches.map((m) => m.conversationKey));
    expect(scan.matches.every((m) => m.score === null)).toBe(true);

    // A capture during the build indexes its conversation whole (it had no index row yet).
    await capture('o9', [turn('u0', 'user', 'late kestrel')]);
    await storeCapture(
      db,
      {
        site: 'chatgpt',
        conversationId: 'o1',
        url: 'https://x/o1',
        title: null,
        turns: [turn('u0', 'user', 'odd kestrel'), turn('a0', 'assistant', 'osprey')],
      },
      2,
    );
    expect(await keys('kestrel osprey')).toEqual(['chatgpt:o1']); // o1 indexed whole: old turn + new one

    const first = await buildTextIndexSlice(db, 3);
    expect(first).toEqual({ indexed: 2, done: false }); // o0 and o2; o1 already had its row
    expect(await textIndexPending(db)).toBe(true);
    let total = first.indexed;
    for (;;) {
      const r = await buildTextIndexSlice(db, 3);
      total += r.indexed;
      if (r.done) break;
    }
    expect(total).toBe(6); // o0, o2..o6; never o1 or o9 twice
    expect(await textIndexPending(db)).toBe(false);
    const indexed = await searchTranscripts(db, 'kestrel');
    expect(indexed.source).toBe('index');
    expect(sorted(indexed.matches.map((m) => m.conversationKey))).toEqual(['chatgpt:o1', 'chatgpt:o3', 'chatgpt:o5', 'chatgpt:o9']);
  });

  it('an empty store needs no build', async () => {
    resetObservatoryDBCache();
    globalThis.indexedDB = new IDBFactory();
    (await openObservatoryDB({ version: 3 })).close();
    db = await openObservatoryDB();
    expect(await textIndexPending(db)).toBe(false);
  });
});
