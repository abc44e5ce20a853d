/**
 * IndexedDB schema of the observatory (database `persona-observatory`), as idb types.
 * The shape of each object store is created and changed only by src/store/migrations.ts.
 */
import type { DBSchema, IDBPDatabase, IDBPTransaction, StoreNames } from 'idb';
import type { Annotation, Conversation, Settings, SiteId } from '../core/model/types.ts';
import type { AnalysisKey, AnalysisRow } from './analysis-rows.ts';
import type { TurnRow } from './turn-rows.ts';

export const DB_NAME = 'persona-observatory';

export interface ObservatorySchema extends DBSchema {
  conversations: {
    key: string;
    value: Conversation;
    indexes: { 'by-lastSeen': number; 'by-site': SiteId; 'by-model': string };
  };
  /**
   * Compact rows (turn-rows.ts); read and write through decodeTurn / encodeTurn. No index: one
   * conversation's turns are a key range (turnRange); callers sort by order in memory.
   */
  turns: {
    key: string;
    value: TurnRow;
  };
  /**
   * Heuristic per-reply analyses (labels + features), tagged with detectorVersion. Compact rows
   * under out-of-line keys [conversationKey, turnId] (analysis-rows.ts); no index: one
   * conversation's analyses are a key range.
   */
  analyses: {
    key: AnalysisKey;
    value: AnalysisRow;
  };
  /** The user's own judgements, kept apart from heuristic labels. */
  annotations: {
    key: string;
    value: Annotation;
    indexes: { 'by-turn': string; 'by-conversation': string };
  };
  /** One record under SETTINGS_KEY. */
  settings: { key: string; value: Settings };
  /** Bookkeeping (META_DETECTOR_VERSION; feature-name lists per detector version, `featureNames:<version>`; text-index state, text-index.ts). */
  meta: { key: string; value: string | number | boolean | string[] };
  /**
   * Transcript search index, documents: one per indexed conversation (key = conversation key).
   * A row exists exactly when the index holds that conversation's current turns (text-index.ts).
   */
  searchDocs: {
    key: string;
    value: SearchDocRow;
  };
  /**
   * Transcript search index, postings: out-of-line key [term, block]; a block holds the
   * documents with id >> POSTING_BLOCK_BITS = block, so an update rewrites a short row.
   */
  searchPostings: {
    key: PostingKey;
    value: number[];
  };
}

/** A conversation in the text index: its numeric id in posting rows and its length in terms. */
export interface SearchDocRow {
  i: number;
  n: number;
}

export type PostingKey = [term: string, block: number];

export type ObservatoryDB = IDBPDatabase<ObservatorySchema>;
export type StoreName = StoreNames<ObservatorySchema>;
export type UpgradeTransaction = IDBPTransaction<ObservatorySchema, StoreName[], 'versionchange'>;

export const ALL_STORES: StoreName[] = ['conversations', 'turns', 'analyses', 'annotations', 'settings', 'meta', 'searchDocs', 'searchPostings'];
/** Stores that hold captured or derived content (what "delete everything" empties). */
export const DATA_STORES: StoreName[] = ['conversations', 'turns', 'analyses', 'annotations', 'meta', 'searchDocs', 'searchPostings'];
/** The stores a write that changes turns also keeps the text index in (text-index.ts). */
export const TEXT_INDEX_STORES: StoreName[] = ['searchDocs', 'searchPostings', 'meta'];

export const SETTINGS_KEY = 'settings';
/** Detector version the stored analyses were last brought up to. */
export const META_DETECTOR_VERSION = 'detectorVersion';
