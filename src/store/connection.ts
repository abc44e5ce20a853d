/**
 * Opening the database. The worker and extension pages (dashboard, popup) share the extension
 * origin, so both call `getObservatoryDB()`; only the worker writes. Whoever opens first runs
 * the pending migrations.
 */
import { openDB } from 'idb';
import { DB_VERSION, runMigrations } from './migrations.ts';
import { DB_NAME, type ObservatoryDB, type ObservatorySchema } from './schema.ts';

export interface OpenOptions {
  /** Open at an older version (tests that build an old database). Defaults to the current one. */
  version?: number;
  name?: string;
}

export async function openObservatoryDB(options: OpenOptions = {}): Promise<ObservatoryDB> {
  const version = options.version ?? DB_VERSION;
  const db = await openDB<ObservatorySchema>(options.name ?? DB_NAME, version, {
    upgrade(database, oldVersion, newVersion, tx) {
      runMigrations(database, tx, oldVersion, newVersion ?? version).catch((error: unknown) => {
        console.error('persona-observatory: migration failed, upgrade aborted', error);
        try {
          tx.abort();
        } catch {
          /* already finished */
        }
      });
    },
    blocked() {
      console.warn('persona-observatory: database upgrade waits for another open tab/page to close it');
    },
  });
  // Another context wants to upgrade: step aside so it is not blocked; we reopen on next use.
  db.addEventListener('versionchange', () => {
    db.close();
    if (cached && cachedDb === db) cached = null;
  });
  return db;
}

let cached: Promise<ObservatoryDB> | null = null;
let cachedDb: ObservatoryDB | null = null;

/** Shared connection for this context; reopened after a versionchange closed it. */
export function getObservatoryDB(): Promise<ObservatoryDB> {
  if (!cached) {
    cached = openObservatoryDB().then((db) => {
      cachedDb = db;
      return db;
    });
    cached.catch(() => {
      cached = null;
    });
  }
  return cached;
}

/** Forget the cached connection (tests swap in a fresh fake IndexedDB between cases). */
export function resetObservatoryDBCache(): void {
  cachedDb?.close();
  cached = null;
  cachedDb = null;
}
