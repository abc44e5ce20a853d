/**
 * Transcript search for the dashboard: through the text index (text-index.ts) when it is whole,
 * through the paged scan (search.ts) while the worker is still building it.
 *
 * Index search: a query reads only the posting rows of its terms (its last word, when it has 3+
 * characters, also matches the words it begins — search as you type — read as one key range,
 * counted at half weight), keeps the
 * conversations that have every term (AND, as the scan), ranks them by BM25 (k1 1.2, b 0.75)
 * over whole conversations, and makes snippets for the best `snippets` of them from their
 * turns (first turn in timeline order that contains a term), with the scan's makeSnippet.
 */
import { queryIndexTerms } from '../core/text/index-terms.ts';
import type { Role } from '../core/model/types.ts';
import type { ObservatoryDB, PostingKey } from './schema.ts';
import { makeSnippet, searchConversationsByText, textSearchAbortError, foldText, type TextSearchOptions } from './search.ts';
import { textIndexPending } from './text-index.ts';
import { rowConversationKey, turnRange, type TurnRow } from './turn-rows.ts';

export interface TranscriptMatch {
  conversationKey: string;
  /** BM25 score (higher is better); null from the scan, which does not rank. */
  score: number | null;
  /** The turn the snippet comes from, and the snippet (plain text, never HTML); null when not made. */
  turnKey: string | null;
  role: Role | null;
  snippet: string | null;
}

export interface TranscriptSearchResult {
  terms: string[];
  /** Best first (index), or in store order (scan). */
  matches: TranscriptMatch[];
  /** False when the results may miss conversations (scan stopped at its limit, or a prefix had too many words). */
  complete: boolean;
  /** 'index' when answered by the text index; 'scan' while the index is being built. */
  source: 'index' | 'scan';
}

export interface TranscriptSearchOptions extends TextSearchOptions {
  /** Snippets made for this many of the best matches (index search; default 20). */
  snippets?: number;
}

/** Words this long or longer also match as the beginning of longer words. */
export const PREFIX_MIN = 3;
/** Posting rows read per query word at most (a prefix of very many words is cut here). */
export const PREFIX_ROWS_MAX = 4000;
const PREFIX_WEIGHT = 0.5;
const K1 = 1.2;
const B = 0.75;
/** About two screens of list rows; each snippet reads its conversation's turns, the main cost of a query. */
const DEFAULT_SNIPPETS = 20;

export async function searchTranscripts(db: ObservatoryDB, query: string, options: TranscriptSearchOptions = {}): Promise<TranscriptSearchResult> {
  if (await textIndexPending(db)) {
    const r = await searchConversationsByText(db, query, options);
    return {
      terms: r.terms,
      matches: r.matches.map((m) => ({ conversationKey: m.conversationKey, score: null, turnKey: m.turnKey, role: m.role, snippet: m.snippet })),
      complete: r.complete,
      source: 'scan',
    };
  }
  return searchIndex(db, query, options);
}

/** The index search alone (the caller knows the index is whole). */
export async function searchIndex(db: ObservatoryDB, query: string, options: TranscriptSearchOptions = {}): Promise<TranscriptSearchResult> {
  const { signal } = options;
  if (signal?.aborted) throw textSearchAbortError();
  const terms = queryIndexTerms(query);
  const limit = options.limit ?? Infinity;
  if (terms.length === 0 || limit <= 0) return { terms, matches: [], complete: true, source: 'index' };

  const tx = db.transaction(['searchDocs', 'searchPostings'], 'readonly');
  const postings = tx.objectStore('searchPostings');
  const [docKeys, docRows, ...perTerm] = await Promise.all([
    tx.objectStore('searchDocs').getAllKeys(),
    tx.objectStore('searchDocs').getAll(),
    // As you type: only the last word may be the beginning of a longer one.
    ...terms.map((term, i) => readTerm(postings, term, i === terms.length - 1)),
  ]);
  if (signal?.aborted) throw textSearchAbortError();

  const keyOf = new Map<number, string>();
  const lengthOf = new Map<number, number>();
  let totalLength = 0;
  docRows.forEach((row, i) => {
    keyOf.set(row.i, docKeys[i]);
    lengthOf.set(row.i, row.n);
    totalLength += row.n;
  });
  const docCount = docRows.length;
  const avgLength = totalLength / Math.max(docCount, 1);

  let scores: Map<number, number> | null = null;
  let complete = true;
  for (const { counts, cut } of perTerm) {
    if (cut) complete = false;
    const idf = Math.log(1 + (docCount - counts.size + 0.5) / (counts.size + 0.5));
    const next = new Map<number, number>();
    for (const [id, tf] of counts) {
      const previous = scores ? scores.get(id) : 0;
      if (previous === undefined) continue; // AND: missing an earlier term
      const norm = K1 * (1 - B + (B * (lengthOf.get(id) ?? avgLength)) / avgLength);
      next.set(id, previous + (idf * tf * (K1 + 1)) / (tf + norm));
    }
    scores = next;
    if (scores.size === 0) break;
  }

  const ranked = [...(scores ?? new Map<number, number>())]
    .filter(([id]) => keyOf.has(id))
    .map(([id, score]) => ({ conversationKey: keyOf.get(id)!, score }))
    .sort((a, b) => b.score - a.score || (a.conversationKey < b.conversationKey ? -1 : 1));
  const top = ranked.slice(0, limit);
  if (top.length < ranked.length) complete = false;
  const snippetCount = Math.min(top.length, options.snippets ?? DEFAULT_SNIPPETS);
  const snippets = await makeSnippets(
    db,
    top.slice(0, snippetCount).map((m) => m.conversationKey),
    terms,
  );
  if (signal?.aborted) throw textSearchAbortError();
  const matches = top.map((m, i) => ({ ...m, ...(snippets[i] ?? { turnKey: null, role: null, snippet: null }) }));
  return { terms, matches, complete, source: 'index' };
}

/** Document id → weighted count of `term` (exact, plus prefix expansions at half weight). */
async function readTerm(
  postings: { getAll(range: IDBKeyRange, count?: number): Promise<number[][]>; getAllKeys(range: IDBKeyRange, count?: number): Promise<PostingKey[]> },
  term: string,
  last: boolean,
): Promise<{ counts: Map<number, number>; cut: boolean }> {
  const prefix = last && [...term].length >= PREFIX_MIN;
  // [term] sorts before every [term, block]; [term + U+FFFF] after every word beginning with term.
  const range = prefix ? IDBKeyRange.bound([term], [`${term}\uffff`], false, true) : IDBKeyRange.bound([term], [term, Infinity]);
  const [keys, rows] = await Promise.all([postings.getAllKeys(range, PREFIX_ROWS_MAX), postings.getAll(range, PREFIX_ROWS_MAX)]);
  const counts = new Map<number, number>();
  rows.forEach((list, r) => {
    const weight = keys[r][0] === term ? 1 : PREFIX_WEIGHT;
    for (let i = 0; i < list.length; i += 2) counts.set(list[i], (counts.get(list[i]) ?? 0) + weight * list[i + 1]);
  });
  return { counts, cut: rows.length >= PREFIX_ROWS_MAX };
}

/** For each conversation: the first turn (timeline order) whose text contains a term, as a snippet. */
async function makeSnippets(
  db: ObservatoryDB,
  keys: readonly string[],
  terms: readonly string[],
): Promise<(Pick<TranscriptMatch, 'turnKey' | 'role' | 'snippet'> | null)[]> {
  if (keys.length === 0) return [];
  const store = db.transaction('turns', 'readonly').store;
  const perConversation = await Promise.all(keys.map((k) => store.getAll(turnRange(k))));
  return perConversation.map((rows, i) => {
    const own = rows.filter((r) => rowConversationKey(r) === keys[i]).sort(byOrder);
    for (const row of own) {
      const folded = foldText(row.x);
      const term = terms.find((t) => folded.includes(t));
      if (term !== undefined) return { turnKey: row.key, role: row.a === 1 ? 'assistant' : 'user', snippet: makeSnippet(row.x, term) };
    }
    return null;
  });
}

function byOrder(a: TurnRow, b: TurnRow): number {
  return a.o - b.o || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);
}
