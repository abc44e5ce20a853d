/**
 * Full-text search over stored turn text (user and assistant turns, main line and
 * alternatives): a pure read, no index, no schema change. Used by the dashboard's conversation
 * list next to its title / id / model search (`listConversations({ search, textMatches })`).
 *
 * The `turns` store is walked in primary-key order in pages (one short readonly transaction
 * each, resumed after the last key read), so a conversation's turns arrive together and a
 * long scan never holds a transaction that would make the worker's capture writes wait.
 * Cancellation and progress are handled between pages.
 */
import type { Role } from '../core/model/types.ts';
import type { ObservatoryDB } from './schema.ts';
import { decodeTurn, rowConversationKey, type TurnRow } from './turn-rows.ts';

export interface TextSearchProgress {
  /** Turns read so far. */
  scanned: number;
  /** Turns in the store when the search started (count()). */
  total: number;
}

export interface TextSearchOptions {
  /** Stop after this many matching conversations (default: no limit). */
  limit?: number;
  /** Checked between pages; aborting rejects with a DOMException named 'AbortError'. */
  signal?: AbortSignal;
  onProgress?: (progress: TextSearchProgress) => void;
  /** Turns read per page / transaction (default 500). */
  pageSize?: number;
}

export interface TextSearchMatch {
  conversationKey: string;
  /** First turn, in store (key) order, whose text contains one of the terms. */
  turnKey: string;
  role: Role;
  /** Plain text around the match in that turn, at most SNIPPET_MAX characters. Not HTML. */
  snippet: string;
}

export interface TextSearchResult {
  /** The folded terms that were searched for. */
  terms: string[];
  /** Matching conversations in store (key) order. */
  matches: TextSearchMatch[];
  scanned: number;
  total: number;
  /** True when the whole store was scanned; false when the search stopped at `limit`. */
  complete: boolean;
}

export const SNIPPET_MAX = 160;
const DEFAULT_PAGE = 500;

/** Case and compatibility folding used on both sides of the comparison. */
export function foldText(text: string): string {
  return text.normalize('NFKC').toLocaleLowerCase();
}

/** Distinct folded whitespace-separated terms of a query. */
export function searchTerms(query: string): string[] {
  return [...new Set(foldText(query).split(/\s+/u).filter(Boolean))];
}

/** What the UI recognises as a cancellation (`isCancelled` checks name === 'AbortError'). */
export function textSearchAbortError(): DOMException {
  return new DOMException('Text search cancelled', 'AbortError');
}

interface ConversationState {
  /** Terms not yet seen in any turn of this conversation. */
  missing: string[];
  first: { turnKey: string; role: Role; text: string; term: string } | null;
  matched: boolean;
}

/**
 * Conversations whose turn text contains every term of `query` (AND across the conversation's
 * turns: each term may be in a different turn), in store order.
 */
export async function searchConversationsByText(db: ObservatoryDB, query: string, options: TextSearchOptions = {}): Promise<TextSearchResult> {
  const { signal, onProgress } = options;
  const limit = options.limit ?? Infinity;
  const pageSize = Math.max(1, options.pageSize ?? DEFAULT_PAGE);
  const terms = searchTerms(query);
  const checkAbort = (): void => {
    if (signal?.aborted) throw textSearchAbortError();
  };
  checkAbort();
  if (terms.length === 0 || limit <= 0) return { terms, matches: [], scanned: 0, total: 0, complete: terms.length === 0 };

  const firstTx = db.transaction('turns', 'readonly');
  const [total, firstPage] = await Promise.all([firstTx.store.count(), firstTx.store.getAll(null, pageSize)]);
  let page: TurnRow[] = firstPage;
  const matches: TextSearchMatch[] = [];
  // Open conversations only: an entry is dropped once the scan has passed its key range.
  const open = new Map<string, ConversationState>();
  let current: ConversationState | null = null;
  let currentKey = '';
  let scanned = 0;
  onProgress?.({ scanned, total });

  for (;;) {
    checkAbort();
    for (const row of page) {
      scanned++;
      const ck = rowConversationKey(row);
      if (ck !== currentKey) {
        closePassed(open, row.key);
        currentKey = ck;
        current = open.get(ck) ?? { missing: terms.slice(), first: null, matched: false };
        open.set(ck, current);
      }
      const state = current!;
      if (state.matched) continue;
      // Only the row's text is needed to match; decodeTurn (which recomputes contentHash, ~2x
      // the cost of folding) runs on the one turn per conversation that gives the snippet.
      const folded = foldText(row.x);
      const before = state.missing.length;
      state.missing = state.missing.filter((t) => !folded.includes(t));
      if (state.first === null && state.missing.length < before) {
        const turn = decodeTurn(row);
        const term = terms.find((t) => folded.includes(t))!;
        state.first = { turnKey: turn.key, role: turn.role, text: turn.text, term };
      }
      if (state.missing.length === 0 && state.first) {
        state.matched = true;
        const { turnKey, role, text, term } = state.first;
        matches.push({ conversationKey: ck, turnKey, role, snippet: makeSnippet(text, term) });
        if (matches.length >= limit) {
          onProgress?.({ scanned, total });
          return { terms, matches: inStoreOrder(matches), scanned, total, complete: false };
        }
      }
    }
    onProgress?.({ scanned, total });
    if (page.length < pageSize) break;
    const after = IDBKeyRange.lowerBound(page[page.length - 1].key, true);
    page = await db.transaction('turns', 'readonly').store.getAll(after, pageSize);
    checkAbort();
  }
  return { terms, matches: inStoreOrder(matches), scanned, total, complete: true };
}

/**
 * Forget conversations whose key range (`${key}:` … `${key};`) lies before `rowKey`. Keys that
 * extend one another ("chatgpt:a" / "chatgpt:a:b") interleave, so more than one may be open.
 */
function closePassed(open: Map<string, ConversationState>, rowKey: string): void {
  for (const key of open.keys()) if (rowKey >= `${key};`) open.delete(key);
}

/** Conversations complete in scan order; interleaved key ranges can finish out of key order. */
function inStoreOrder(matches: TextSearchMatch[]): TextSearchMatch[] {
  return matches.sort((a, b) => (a.conversationKey < b.conversationKey ? -1 : a.conversationKey > b.conversationKey ? 1 : 0));
}

/** Controls (incl. newlines) and bidi overrides/isolates become spaces: a snippet is one plain line. */
const UNSAFE = /[\p{Cc}\p{Zl}\p{Zp}\u200E\u200F\u061C\u202A-\u202E\u2066-\u2069]/gu;

/**
 * At most `max` characters of `text` around the first occurrence of the folded `term`, with
 * '…' where it was cut. Plain text: the caller renders it as text, never as HTML.
 */
export function makeSnippet(text: string, term: string, max = SNIPPET_MAX): string {
  const clean = text.replace(UNSAFE, ' ').replace(/\s+/gu, ' ').trim();
  if (clean.length <= max) return clean;
  const [start, end] = locateFolded(clean, term) ?? [0, 0];
  const budget = max - 2; // room for an ellipsis at each end
  let from: number;
  let to: number;
  if (end - start >= budget) {
    from = start;
    to = start + budget;
  } else {
    from = Math.max(0, start - Math.floor((budget - (end - start)) / 2));
    to = Math.min(clean.length, from + budget);
    from = Math.max(0, to - budget);
  }
  // Never split a surrogate pair.
  if (from > 0 && isLowSurrogate(clean.charCodeAt(from))) from++;
  if (to < clean.length && isLowSurrogate(clean.charCodeAt(to))) to--;
  return `${from > 0 ? '…' : ''}${clean.slice(from, to)}${to < clean.length ? '…' : ''}`;
}

function isLowSurrogate(code: number): boolean {
  return code >= 0xdc00 && code <= 0xdfff;
}

/**
 * Where `term` (folded) occurs in `text` (unfolded), as a [start, end) range of `text`.
 * Folding can change lengths (NFKC 'ﬁ' → 'fi', 'İ' → 'i̇'), so the text is folded per
 * base character + its combining marks, remembering where each folded piece came from.
 */
function locateFolded(text: string, term: string): [number, number] | null {
  const units = text.match(/\P{M}\p{M}*|\p{M}+/gu) ?? [];
  let folded = '';
  const startOf: number[] = [];
  const endOf: number[] = [];
  let at = 0;
  for (const unit of units) {
    const f = foldText(unit);
    for (let i = 0; i < f.length; i++) {
      startOf.push(at);
      endOf.push(at + unit.length);
    }
    folded += f;
    at += unit.length;
  }
  const i = folded.indexOf(term);
  if (i < 0 || term.length === 0) return null;
  return [startOf[i], endOf[i + term.length - 1]];
}
