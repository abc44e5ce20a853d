/**
 * Numbered schema migrations. Version N of the database is the result of running migrations
 * 1..N in order inside the upgrade transaction. Never edit a shipped migration: add a new one.
 * Each is tested by opening a database left at the previous version, full of data
 * (tests/unit/store/migrations.test.ts).
 */
import type { Conversation, RouteInfo, StoredAnalysis, Turn } from '../core/model/types.ts';
import { saveFeatureNames } from './analysis-io.ts';
import { FeatureNames, encodeAnalysis, type AnalysisKey, type AnalysisRow } from './analysis-rows.ts';
import type { ObservatoryDB, UpgradeTransaction } from './schema.ts';
import { distinctModels, turnCounters } from './summary.ts';
import { META_TEXT_INDEX_PENDING } from './text-index.ts';
import { decodeTurn, encodeTurn, ofConversation, turnRange } from './turn-rows.ts';
import { notCapturedReasonOf } from '../core/placeholders.ts';
import { forEach } from './requests.ts';

export interface Migration {
  version: number;
  description: string;
  /** May return a promise; async steps must keep issuing requests on `tx` so it stays alive. */
  run(db: ObservatoryDB, tx: UpgradeTransaction): void | Promise<void>;
}

/** v1: the first schema. Conversations had no `models` list and no by-model index yet. */
const v1: Migration = {
  version: 1,
  description: 'object stores conversations, turns, analyses, annotations, settings, meta',
  run(db) {
    const conversations = db.createObjectStore('conversations', { keyPath: 'key' });
    conversations.createIndex('by-lastSeen', 'lastSeen');
    conversations.createIndex('by-site', 'site');
    const turns = db.createObjectStore('turns', { keyPath: 'key' });
    // Dropped again by v3 (typed as never because the v3+ schema has no such index).
    turns.createIndex('by-conversation-order' as never, ['conversationKey', 'order']);
    const analyses = db.createObjectStore('analyses', { keyPath: 'turnKey' });
    // Dropped again by v3 (typed as never because the v3+ schema has no such index).
    analyses.createIndex('by-conversation' as never, 'conversationKey');
    const annotations = db.createObjectStore('annotations', { keyPath: 'id' });
    annotations.createIndex('by-turn', 'turnKey');
    annotations.createIndex('by-conversation', 'conversationKey');
    db.createObjectStore('settings');
    db.createObjectStore('meta');
  },
};

/**
 * v2: conversations gain `models` (distinct reply models, first appearance first) and
 * `assistantCount`, backfilled from their turns, and a multiEntry by-model index so the
 * dashboard can filter by model without reading turns.
 */
const v2: Migration = {
  version: 2,
  description: 'conversations.models + assistantCount backfilled from turns; by-model multiEntry index',
  async run(_db, tx) {
    const conversations = tx.objectStore('conversations');
    conversations.createIndex('by-model', 'models', { multiEntry: true });
    const turnIndex = tx.objectStore('turns').index('by-conversation-order' as never);
    // Walk turns once in [conversationKey, order] order, flushing each conversation as it ends.
    let current: string | null = null;
    let bucket: Turn[] = [];
    const flush = async () => {
      if (current === null) return;
      const conv = (await conversations.get(current)) as (Partial<Conversation> & { key: string }) | undefined;
      if (conv) {
        const main = bucket.filter((t) => t.alternativeOf === null);
        await conversations.put({
          ...conv,
          models: distinctModels(bucket),
          assistantCount: main.filter((t) => t.role === 'assistant').length,
        } as Conversation);
      }
    };
    let cursor = await turnIndex.openCursor();
    while (cursor) {
      // v1/v2 rows are plain Turns (the schema types describe v3+ rows).
      const turn = cursor.value as unknown as Turn;
      if (turn.conversationKey !== current) {
        await flush();
        current = turn.conversationKey;
        bucket = [];
      }
      bucket.push(turn);
      cursor = await cursor.continue();
    }
    await flush();
    // Conversations without any turn still need the new fields.
    let convCursor = await conversations.openCursor();
    while (convCursor) {
      const conv = convCursor.value as Partial<Conversation>;
      if (!Array.isArray(conv.models)) await convCursor.update({ ...conv, models: [], assistantCount: 0 } as Conversation);
      convCursor = await convCursor.continue();
    }
  },
};

/**
 * v3: compact storage (measured ~2.3x raw text with labels before, see bench/store.bench.ts).
 * Turns become TurnRows (short field names, nulls omitted, conversation key and turnId not
 * repeated beside the key) and lose the [conversationKey, order] index: a conversation's turns
 * are a key range, and every reader sorts them by order in memory anyway. Analyses become AnalysisRows under out-of-line keys
 * [conversationKey, turnId], features as a number array in the order of a name list kept once
 * per detector version in `meta`; the `by-conversation` index of analyses goes (a key range
 * does its job). Every row is converted; nothing is dropped.
 */
const v3: Migration = {
  version: 3,
  description:
    'compact turn rows, timeline index dropped (key range instead); analyses as compact rows keyed [conversationKey, turnId], feature names per detector version in meta',
  async run(db, tx) {
    const turns = tx.objectStore('turns');
    turns.deleteIndex('by-conversation-order');
    let cursor = await turns.openCursor();
    while (cursor) {
      await cursor.update(encodeTurn(cursor.value as unknown as Turn));
      cursor = await cursor.continue();
    }

    // Rows are encoded while reading (a fraction of the old size), then the store is rebuilt
    // with out-of-line keys: a keyPath cannot be changed in place.
    const names = new FeatureNames();
    const rows: { key: AnalysisKey; row: AnalysisRow }[] = [];
    let analysisCursor = await tx.objectStore('analyses').openCursor();
    while (analysisCursor) {
      rows.push(encodeAnalysis(analysisCursor.value as unknown as StoredAnalysis, names));
      analysisCursor = await analysisCursor.continue();
    }
    db.deleteObjectStore('analyses');
    const analyses = db.createObjectStore('analyses');
    await forEach(rows, ({ key, row }) => analyses.put(row, key));
    await saveFeatureNames(tx.objectStore('meta'), names);
  },
};

/**
 * v4: turns gain `route` (which model the site says served a reply; rows without `r` read as
 * null, so no row has to change for that). Replies imported from a ChatGPT account export
 * before v4 already hold the export's label (`model_slug` → model) and default
 * (`default_model_slug` → selectedModel): they get the route those two fields give, source
 * "export", flagged `backfilled`; served stays unknown (re-importing the export fills it).
 */
const v4: Migration = {
  version: 4,
  description: 'turns.route; ChatGPT-export replies backfilled from their stored label and default',
  async run(_db, tx) {
    const imported = new Set<string>();
    let convCursor = await tx.objectStore('conversations').openCursor();
    while (convCursor) {
      if (convCursor.value.source === 'import:chatgpt') imported.add(convCursor.value.key);
      convCursor = await convCursor.continue();
    }
    if (imported.size === 0) return;
    let cursor = await tx.objectStore('turns').openCursor();
    while (cursor) {
      const turn = decodeTurn(cursor.value);
      if (imported.has(turn.conversationKey) && turn.role === 'assistant' && turn.route === null && (turn.model !== null || turn.selectedModel !== null)) {
        await cursor.update(encodeTurn({ ...turn, route: backfilledRoute(turn) }));
      }
      cursor = await cursor.continue();
    }
  },
};

function backfilledRoute(turn: Turn): RouteInfo {
  return { requested: turn.selectedModel, shown: turn.model, served: null, flags: ['backfilled'], source: 'export' };
}

/**
 * v5: the transcript search index (text-index.ts): empty `searchDocs` and `searchPostings`
 * stores. Indexing existing turns here would hold the upgrade (and every page that opens the
 * database) for as long as reading all stored text takes, so a store with turns is only marked
 * pending; the worker builds the index in the background and searches scan until it is whole.
 */
const v5: Migration = {
  version: 5,
  description: 'transcript search index stores searchDocs + searchPostings (built in the background when turns exist)',
  async run(db, tx) {
    db.createObjectStore('searchDocs');
    db.createObjectStore('searchPostings');
    if ((await tx.objectStore('turns').count()) > 0) await tx.objectStore('meta').put(true, META_TEXT_INDEX_PENDING);
  },
};

/**
 * v6: turns gain `steps`, `citations` and `notCaptured` (rows without them read as absent, so no
 * row has to change for that). Replies stored before v6 whose body was not captured hold only
 * the visible placeholder "[reply not captured: <reason>]": they get `notCaptured` from it, so
 * the analysis stops treating them as replies, and their conversation's reply count drops them.
 * Their text stays as it was; steps and citations of older captures were never stored and
 * cannot be recovered.
 */
const v6: Migration = {
  version: 6,
  description: 'turns.steps, citations, notCaptured; stored "[reply not captured: …]" placeholders marked notCaptured',
  async run(_db, tx) {
    const touched = new Set<string>();
    let cursor = await tx.objectStore('turns').openCursor();
    while (cursor) {
      const turn = decodeTurn(cursor.value);
      const reason = turn.role === 'assistant' && turn.notCaptured === undefined ? notCapturedReasonOf(turn.text) : null;
      if (reason !== null) {
        await cursor.update(encodeTurn({ ...turn, notCaptured: reason }));
        touched.add(turn.conversationKey);
      }
      cursor = await cursor.continue();
    }
    const conversations = tx.objectStore('conversations');
    for (const key of touched) {
      const conv = await conversations.get(key);
      if (!conv) continue;
      const turns = ofConversation(await tx.objectStore('turns').getAll(turnRange(key)), key);
      await conversations.put({ ...conv, ...turnCounters(turns) });
    }
  },
};

export const MIGRATIONS: readonly Migration[] = [v1, v2, v3, v4, v5, v6];
export const DB_VERSION = MIGRATIONS.length;

/**
 * Run migrations oldVersion+1..newVersion. Synchronous steps run synchronously; an async step's
 * successor is chained on its promise, which settles inside a request callback, so the upgrade
 * transaction is still active when the next step issues requests.
 */
export function runMigrations(db: ObservatoryDB, tx: UpgradeTransaction, oldVersion: number, newVersion: number): Promise<void> {
  const pending = MIGRATIONS.filter((m) => m.version > oldVersion && m.version <= newVersion);
  const step = (i: number): Promise<void> => {
    for (; i < pending.length; i++) {
      const result = pending[i].run(db, tx);
      if (result instanceof Promise) return result.then(() => step(i + 1));
    }
    return Promise.resolve();
  };
  return step(0);
}
