/**
 * src/store: the local timeline store (IndexedDB `persona-observatory` through idb).
 * Reads (read.ts) may be used from any extension context; write functions are called only by
 * the background worker. Imports: idb, src/core. Never webextension-polyfill, never the DOM
 * beyond IndexedDB. Schema, migrations and guarantees: docs/store.md.
 */
export { DB_NAME, type ObservatoryDB } from './schema.ts';
export { DB_VERSION } from './migrations.ts';
export { getObservatoryDB, openObservatoryDB, resetObservatoryDBCache } from './connection.ts';
export * from './read.ts';
export {
  searchConversationsByText,
  searchTerms,
  foldText,
  textSearchAbortError,
  SNIPPET_MAX,
  type TextSearchMatch,
  type TextSearchOptions,
  type TextSearchProgress,
  type TextSearchResult,
} from './search.ts';
export {
  searchTranscripts,
  searchIndex,
  type TranscriptMatch,
  type TranscriptSearchOptions,
  type TranscriptSearchResult,
} from './indexed-search.ts';
export { buildTextIndexSlice, textIndexPending } from './text-index.ts';
export { readUserCalibration } from './user-calibration.ts';
export type { Analyzer, AnalyzerTurn } from './analyzer.ts';
