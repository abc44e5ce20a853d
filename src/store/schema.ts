/**
 * IndexedDB schema of the observatory (database `persona-observatory`), as idb types.
 * The shape of each object store is created and changed only by src/store/migrations.ts.
 */
import type { DBSchema, IDBPDatabase, IDBPTransaction, StoreNames } from 'idb';
import type { Annotation, Conversation, Settings, SiteId, StoredAnalysis, Turn } from '../core/types.ts';

export const DB_NAME = 'persona-observatory';

export interface ObservatorySchema extends DBSchema {
  conversations: {
    key: string;
    value: Conversation;
    indexes: { 'by-lastSeen': number; 'by-site': SiteId; 'by-model': string };
  };
  turns: {
    key: string;
    value: Turn;
    /** [conversationKey, order]: one conversation's timeline in order, by key range. */
    indexes: { 'by-conversation-order': [string, number] };
  };
  /** Heuristic per-reply analyses (labels + features), keyed by turn key, tagged with detectorVersion. */
  analyses: {
    key: string;
    value: StoredAnalysis;
    indexes: { 'by-conversation': string };
  };
  /** The user's own judgements, kept apart from heuristic labels. */
  annotations: {
    key: string;
    value: Annotation;
    indexes: { 'by-turn': string; 'by-conversation': string };
  };
  /** One record under SETTINGS_KEY. */
  settings: { key: string; value: Settings };
  /** Bookkeeping (e.g. META_DETECTOR_VERSION). */
  meta: { key: string; value: string | number | boolean };
}

export type ObservatoryDB = IDBPDatabase<ObservatorySchema>;
export type StoreName = StoreNames<ObservatorySchema>;
export type UpgradeTransaction = IDBPTransaction<ObservatorySchema, StoreName[], 'versionchange'>;

export const ALL_STORES: StoreName[] = ['conversations', 'turns', 'analyses', 'annotations', 'settings', 'meta'];
/** Stores that hold captured or derived content (what "delete everything" empties). */
export const DATA_STORES: StoreName[] = ['conversations', 'turns', 'analyses', 'annotations', 'meta'];

export const SETTINGS_KEY = 'settings';
/** Detector version the stored analyses were last brought up to. */
export const META_DETECTOR_VERSION = 'detectorVersion';

/** Key range covering every [conversationKey, order] entry of one conversation. */
export function conversationRange(conversationKey: string): IDBKeyRange {
  return IDBKeyRange.bound([conversationKey, -Infinity], [conversationKey, Infinity]);
}
