/**
 * Read API for extension pages (dashboard, popup) and the worker. Pages read IndexedDB
 * directly (same extension origin); they never write (writes go through the worker).
 */
import type { Annotation, Conversation, ConversationBundle, SiteId, StoredAnalysis } from '../core/model/types.ts';
import { readAllAnalyses, readConversationAnalyses } from './analysis-io.ts';
import type { ObservatoryDB } from './schema.ts';
import { sortTurns } from './summary.ts';
import { ofConversation, turnRange } from './turn-rows.ts';

export type ConversationSort = 'lastSeen' | 'firstSeen' | 'title' | 'turnCount' | 'shiftCount';

export interface ConversationQuery {
  site?: SiteId;
  model?: string;
  /** Case-insensitive substring of title, conversation id or a model name (not turn text). */
  search?: string;
  /**
   * Keys of conversations whose turn text matches `search` (searchConversationsByText(db,
   * search).matches' conversationKey): with a non-empty `search`, a conversation is kept when
   * its title / id / model matches OR its key is here. Ignored without `search`.
   */
  textMatches?: Iterable<string>;
  sort?: ConversationSort;
  /** Default: 'desc' (newest / largest first). */
  direction?: 'asc' | 'desc';
  offset?: number;
  limit?: number;
}

export interface ConversationPage {
  /** Matches before offset/limit. */
  total: number;
  conversations: Conversation[];
}

/**
 * Filter with an index when one fits (model, then site), then sort and page in memory:
 * conversation records are small, a few thousand of them sort in milliseconds.
 */
export async function listConversations(db: ObservatoryDB, query: ConversationQuery = {}): Promise<ConversationPage> {
  let rows: Conversation[];
  if (query.model !== undefined) rows = await db.getAllFromIndex('conversations', 'by-model', query.model);
  else if (query.site !== undefined) rows = await db.getAllFromIndex('conversations', 'by-site', query.site);
  else rows = await db.getAll('conversations');

  if (query.site !== undefined) rows = rows.filter((c) => c.site === query.site);
  const needle = query.search?.trim().toLowerCase();
  if (needle) {
    const byText = new Set(query.textMatches ?? []);
    rows = rows.filter(
      (c) =>
        byText.has(c.key) ||
        (c.title ?? '').toLowerCase().includes(needle) ||
        c.conversationId.toLowerCase().includes(needle) ||
        c.models.some((m) => m.toLowerCase().includes(needle)),
    );
  }
  const sort = query.sort ?? 'lastSeen';
  const sign = (query.direction ?? 'desc') === 'desc' ? -1 : 1;
  rows.sort((a, b) => sign * compareBy(a, b, sort) || (a.key < b.key ? -1 : 1));
  const offset = query.offset ?? 0;
  const end = query.limit === undefined ? undefined : offset + query.limit;
  return { total: rows.length, conversations: rows.slice(offset, end) };
}

function compareBy(a: Conversation, b: Conversation, sort: ConversationSort): number {
  if (sort === 'title') return (a.title ?? '').localeCompare(b.title ?? '');
  return a[sort] - b[sort];
}

export async function getConversation(db: ObservatoryDB, conversationKey: string): Promise<Conversation | undefined> {
  return db.get('conversations', conversationKey);
}

/** One conversation with its turns (main line and alternatives, by order), analyses and annotations. */
export async function getConversationBundle(db: ObservatoryDB, conversationKey: string): Promise<ConversationBundle | null> {
  const tx = db.transaction(['conversations', 'turns', 'analyses', 'annotations', 'meta'], 'readonly');
  const [conversation, turns, analyses, annotations] = await Promise.all([
    tx.objectStore('conversations').get(conversationKey),
    tx.objectStore('turns').getAll(turnRange(conversationKey)),
    readConversationAnalyses(tx.objectStore('analyses'), tx.objectStore('meta'), conversationKey),
    tx.objectStore('annotations').index('by-conversation').getAll(conversationKey),
  ]);
  if (!conversation) return null;
  return { conversation, turns: sortTurns(ofConversation(turns, conversationKey)), analyses, annotations };
}

/** The stored analyses of one conversation (any order; match them to turns by turnKey). */
export async function getConversationAnalyses(db: ObservatoryDB, conversationKey: string): Promise<StoredAnalysis[]> {
  const tx = db.transaction(['analyses', 'meta'], 'readonly');
  return readConversationAnalyses(tx.objectStore('analyses'), tx.objectStore('meta'), conversationKey);
}

/** Every stored analysis, of every conversation (any order): the persona vocabulary's input. */
export async function getAllAnalyses(db: ObservatoryDB): Promise<StoredAnalysis[]> {
  const tx = db.transaction(['analyses', 'meta'], 'readonly');
  return readAllAnalyses(tx.objectStore('analyses'), tx.objectStore('meta'));
}

/** Every conversation as a bundle, newest first (for export). */
/** One reply's annotations (its verdict and its note). */
export async function getTurnAnnotations(db: ObservatoryDB, turnKey: string): Promise<Annotation[]> {
  return db.getAllFromIndex('annotations', 'by-turn', turnKey);
}

export async function getAllBundles(db: ObservatoryDB): Promise<ConversationBundle[]> {
  const { conversations } = await listConversations(db);
  const bundles = await Promise.all(conversations.map((c) => getConversationBundle(db, c.key)));
  return bundles.filter((b): b is ConversationBundle => b !== null);
}

/** Counts per store (the dashboard's storage panel). */
export async function storeCounts(db: ObservatoryDB): Promise<Record<'conversations' | 'turns' | 'analyses' | 'annotations', number>> {
  const [conversations, turns, analyses, annotations] = await Promise.all([
    db.count('conversations'),
    db.count('turns'),
    db.count('analyses'),
    db.count('annotations'),
  ]);
  return { conversations, turns, analyses, annotations };
}
