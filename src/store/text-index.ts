/**
 * The transcript search index, kept inside the same write transactions that change turns
 * (capture, import, delete, clear), so it can never disagree with the turns it describes.
 *
 * Layout (schema v4): `searchDocs` has one row per indexed conversation ({ i: numeric id, n:
 * terms }); `searchPostings` maps [term, block] to a flat list [docId, termCount, …] sorted by
 * docId, holding the documents whose id >> POSTING_BLOCK_BITS is `block`. Blocks keep each
 * update a short read-modify-write, whatever the number of conversations; a query reads the
 * rows of its terms only, never the whole index. Terms: src/core/text/index-terms.ts.
 *
 * A document is a whole conversation (every turn: user, assistant, alternatives; not
 * `thinking`), which is what the list searches and keeps the index small. Invariant: a
 * conversation has a `searchDocs` row exactly when the postings hold its current turns. Data
 * stored before the index existed has no rows; `buildTextIndexSlice` (run by the worker in the
 * background) indexes it, and until then `META_TEXT_INDEX_PENDING` is set and searches scan.
 */
import type { IDBPTransaction } from 'idb';
import { countTerms } from '../core/text/index-terms.ts';
import type { Turn } from '../core/model/types.ts';
import { TEXT_INDEX_STORES, type ObservatoryDB, type ObservatorySchema, type PostingKey, type SearchDocRow, type StoreName } from './schema.ts';
import { forEach } from './requests.ts';
import { rowConversationKey, turnRange } from './turn-rows.ts';
import { commitOrAbort } from './write-error.ts';

export const POSTING_BLOCK_BITS = 7;
/** Set (true) while stored conversations may lack an index row; absent when the index is whole. */
export const META_TEXT_INDEX_PENDING = 'textIndexPending';
/** Last conversation key the background build has passed. */
export const META_TEXT_INDEX_CURSOR = 'textIndexCursor';
/** Next unused document id. */
export const META_TEXT_INDEX_NEXT_ID = 'textIndexNextId';

/** Any transaction that includes the text-index stores (and `meta`). */
type IndexTx = IDBPTransaction<ObservatorySchema, StoreName[], 'readwrite'>;

export interface IndexChange {
  conversationKey: string;
  /** Texts that leave the conversation: old versions of rewritten turns, or every turn on delete. */
  removed: readonly string[];
  /** Texts that join it: new or rewritten turns. */
  added: readonly string[];
  /**
   * Every text of the conversation after this write, used instead of removed/added when it is
   * not indexed yet; null when the conversation is deleted.
   */
  after: readonly string[] | null;
}

/** The change a write makes: the stored turns, then `writes` upserted by key over them. */
export function indexChange(conversationKey: string, stored: readonly Turn[], writes: readonly Turn[]): IndexChange {
  const after = new Map(stored.map((t) => [t.key, t.text]));
  const removed: string[] = [];
  for (const t of writes) {
    const old = after.get(t.key);
    if (old !== undefined) removed.push(old);
    after.set(t.key, t.text);
  }
  return { conversationKey, removed, added: writes.map((t) => t.text), after: [...after.values()] };
}

/**
 * Bring the index in line with `changes` inside `tx` (which must include TEXT_INDEX_STORES).
 * Work is in proportion to the text that changed: an indexed conversation's counts move by
 * the terms of the added texts minus those of the removed ones; each posting row touched is
 * read and written once however many conversations of the batch share it.
 */
export async function updateTextIndex(tx: IndexTx, changes: readonly IndexChange[]): Promise<void> {
  if (changes.length === 0) return;
  const docs = tx.objectStore('searchDocs');
  const postings = tx.objectStore('searchPostings');
  const meta = tx.objectStore('meta');
  const [stored, storedNext] = await Promise.all([Promise.all(changes.map((c) => docs.get(c.conversationKey))), meta.get(META_TEXT_INDEX_NEXT_ID)]);
  let nextId = typeof storedNext === 'number' ? storedNext : 0;
  const firstId = nextId;
  // The document rows as this batch leaves them (a conversation may come twice in one import).
  const rows = new Map<string, SearchDocRow | null>();
  changes.forEach((c, i) => {
    if (!rows.has(c.conversationKey)) rows.set(c.conversationKey, stored[i] ?? null);
  });
  // "term\u0000block" → docId → change of count
  const deltas = new Map<string, Map<number, number>>();
  const add = (texts: readonly string[], id: number, sign: 1 | -1): number => {
    const counts = new Map<string, number>();
    let n = 0;
    for (const t of texts) n += countTerms(t, counts);
    for (const [term, count] of counts) {
      const k = `${term}\u0000${id >> POSTING_BLOCK_BITS}`;
      let m = deltas.get(k);
      if (!m) deltas.set(k, (m = new Map()));
      m.set(id, (m.get(id) ?? 0) + sign * count);
    }
    return sign * n;
  };
  for (const change of changes) {
    const row = rows.get(change.conversationKey) ?? null;
    if (change.after === null) {
      if (!row) continue;
      add(change.removed, row.i, -1);
      rows.set(change.conversationKey, null);
      continue;
    }
    const next: SearchDocRow = row
      ? { i: row.i, n: row.n + add(change.added, row.i, 1) + add(change.removed, row.i, -1) }
      : { i: nextId, n: add(change.after, nextId++, 1) };
    rows.set(change.conversationKey, next);
  }
  const writes: Promise<unknown>[] = [];
  changes.forEach((c, i) => {
    const now = rows.get(c.conversationKey);
    if (now === undefined) return;
    rows.delete(c.conversationKey); // once per conversation
    const was = stored[i];
    if (now === null) {
      if (was) writes.push(docs.delete(c.conversationKey));
    } else if (!was || was.n !== now.n) writes.push(docs.put(now, c.conversationKey));
  });
  if (nextId !== firstId) writes.push(meta.put(nextId, META_TEXT_INDEX_NEXT_ID));
  const touched = [...deltas].map(([k, d]) => ({ key: postingKey(k), deltas: d }));
  const current = await Promise.all(touched.map((t) => postings.get(t.key)));
  const updated = touched.map((t, i) => ({ key: t.key, before: current[i] ?? [], list: applyDeltas(current[i] ?? [], t.deltas) }));
  await forEach(
    updated.filter((u) => !sameList(u.before, u.list)),
    (u) => (u.list.length === 0 ? postings.delete(u.key) : postings.put(u.list, u.key)),
  );
  await Promise.all(writes);
}

function sameList(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

function postingKey(k: string): PostingKey {
  const at = k.lastIndexOf('\u0000');
  return [k.slice(0, at), Number(k.slice(at + 1))];
}

/** A posting list [id, count, …] (sorted by id) with count changes applied; a count that reaches 0 leaves. */
export function applyDeltas(list: readonly number[], deltas: ReadonlyMap<number, number>): number[] {
  const merged = new Map<number, number>();
  for (let i = 0; i < list.length; i += 2) merged.set(list[i], list[i + 1]);
  for (const [id, delta] of deltas) {
    const count = (merged.get(id) ?? 0) + delta;
    if (count > 0) merged.set(id, count);
    else merged.delete(id);
  }
  const ids = [...merged.keys()].sort((a, b) => a - b);
  const out: number[] = [];
  for (const id of ids) out.push(id, merged.get(id)!);
  return out;
}

/** True while some stored conversations may not be in the index yet (searches then scan). */
export async function textIndexPending(db: ObservatoryDB): Promise<boolean> {
  return (await db.get('meta', META_TEXT_INDEX_PENDING)) === true;
}

export interface BuildSliceResult {
  /** Conversations indexed by this slice. */
  indexed: number;
  /** True when every stored conversation is now in the index. */
  done: boolean;
}

/**
 * Index up to `maxConversations` stored conversations that have no index row yet, in key order
 * after the saved cursor, in one transaction; clears the pending flag once the end is reached.
 * Called by the worker between other writes until it reports done.
 */
export async function buildTextIndexSlice(db: ObservatoryDB, maxConversations = 25): Promise<BuildSliceResult> {
  const tx = db.transaction(['conversations', 'turns', ...TEXT_INDEX_STORES], 'readwrite');
  return commitOrAbort(tx, async () => {
    const meta = tx.objectStore('meta');
    if ((await meta.get(META_TEXT_INDEX_PENDING)) !== true) return { indexed: 0, done: true };
    const cursor = await meta.get(META_TEXT_INDEX_CURSOR);
    const after = typeof cursor === 'string' ? IDBKeyRange.lowerBound(cursor, true) : null;
    const keys = await tx.objectStore('conversations').getAllKeys(after, maxConversations);
    const docs = tx.objectStore('searchDocs');
    const unindexed = (await Promise.all(keys.map(async (k) => ((await docs.count(k)) === 0 ? k : null)))).filter((k): k is string => k !== null);
    const turnRows = await Promise.all(unindexed.map((k) => tx.objectStore('turns').getAll(turnRange(k))));
    await updateTextIndex(
      tx,
      unindexed.map((k, i) => ({
        conversationKey: k,
        removed: [],
        added: [],
        after: turnRows[i].filter((r) => rowConversationKey(r) === k).map((r) => r.x),
      })),
    );
    const done = keys.length < maxConversations;
    if (done) await Promise.all([meta.delete(META_TEXT_INDEX_PENDING), meta.delete(META_TEXT_INDEX_CURSOR)]);
    else await meta.put(keys[keys.length - 1], META_TEXT_INDEX_CURSOR);
    return { indexed: unindexed.length, done };
  });
}

/** Run build slices until the index is whole (the worker calls this through its write queue per slice). */
export async function buildTextIndex(
  db: ObservatoryDB,
  slice: (run: () => Promise<BuildSliceResult>) => Promise<BuildSliceResult> = (run) => run(),
): Promise<number> {
  let total = 0;
  for (;;) {
    const r = await slice(() => buildTextIndexSlice(db));
    total += r.indexed;
    if (r.done) return total;
  }
}
