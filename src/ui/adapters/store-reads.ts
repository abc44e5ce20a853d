/** DataReads straight from IndexedDB through src/store's read API (same extension origin). */
import type { ConversationBundle } from '../../core/model/types.ts';
import { getObservatoryDB, listConversations, getConversationBundle, searchTranscripts, getAllAnalyses, readUserCalibration } from '../../store/index.ts';
import { conversationsFromAnalyses, fitPersonaVocabulary } from '../../core/vocabulary/index.ts';
import { throwIfCancelled, yieldToBrowser } from '../components/cancel.ts';
import type { DataReads } from './services.ts';

/** Bundles read in parallel per step; progress and cancellation are checked between steps. */
const READ_BATCH = 25;

/** Text search returns at most this many conversations (the best ones when the index answers). */
export const TEXT_SEARCH_LIMIT = 200;

export const storeReads: DataReads = {
  async listConversations() {
    return (await listConversations(await getObservatoryDB())).conversations;
  },
  async getBundle(key) {
    return getConversationBundle(await getObservatoryDB(), key);
  },
  async searchText(query, onProgress, signal) {
    const r = await searchTranscripts(await getObservatoryDB(), query, {
      limit: TEXT_SEARCH_LIMIT,
      signal,
      onProgress: ({ scanned, total }) => onProgress({ done: scanned, total }),
    });
    return {
      matches: new Map(r.matches.map((m) => [m.conversationKey, m.snippet ?? ''])),
      complete: r.complete,
      ranked: r.source === 'index',
    };
  },
  async getPersonaVocabulary() {
    return fitPersonaVocabulary(conversationsFromAnalyses(await getAllAnalyses(await getObservatoryDB())));
  },
  async getUserCalibration() {
    return readUserCalibration(await getObservatoryDB());
  },
  async getBundles(keys, onProgress, signal) {
    const db = await getObservatoryDB();
    const out: ConversationBundle[] = [];
    for (let i = 0; i < keys.length; i += READ_BATCH) {
      throwIfCancelled(signal);
      onProgress({ done: i, total: keys.length });
      const part = await Promise.all(keys.slice(i, i + READ_BATCH).map((k) => getConversationBundle(db, k)));
      for (const b of part) if (b) out.push(b);
      await yieldToBrowser();
    }
    onProgress({ done: keys.length, total: keys.length });
    return out;
  },
};
