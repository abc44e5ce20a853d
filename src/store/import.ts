/**
 * Import of ConversationBundle[] in ONE transaction: all bundles land or none does.
 * Dedupe by key: a conversation, turn, analysis or annotation already stored is not added again,
 * so importing the same file twice adds nothing the second time. A stored turn whose imported
 * text differs is kept as is; the imported text is added as an alternative version.
 */
import { siteUrlOrNull } from '../core/sites.ts';
import type { Conversation, ConversationBundle, StoredAnalysis, Turn } from '../core/model/types.ts';
import { putAnalyses } from './analysis-io.ts';
import { analysisKey, analysisRange } from './analysis-rows.ts';
import { TEXT_INDEX_STORES, type ObservatoryDB } from './schema.ts';
import { indexChange, updateTextIndex, type IndexChange } from './text-index.ts';
import { turnCounters } from './summary.ts';
import { encodeTurn, ofConversation, turnRange } from './turn-rows.ts';
import { commitOrAbort } from './write-error.ts';
import { forEach } from './requests.ts';

export interface ImportResult {
  /** Conversations new to the store. */
  added: number;
  /** Conversations already stored that gained turns, analyses or annotations. */
  updated: number;
  /** Conversations already stored that gained nothing. */
  skipped: number;
  /** Keys of added or updated conversations (their analyses may need computing). */
  touched: string[];
}

export class ImportError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ImportError';
  }
}

/** Cross-record consistency that the per-record guards cannot see. Throws ImportError. */
export function checkBundles(bundles: readonly ConversationBundle[]): void {
  bundles.forEach((b, i) => {
    const where = `bundle ${i + 1} (${b.conversation.key})`;
    const key = b.conversation.key;
    const turnKeys = new Set(b.turns.map((t) => t.key));
    if (turnKeys.size !== b.turns.length) throw new ImportError(`${where}: a turn key appears twice`);
    for (const t of b.turns) {
      if (t.conversationKey !== key) throw new ImportError(`${where}: turn ${t.key} belongs to ${t.conversationKey}`);
      // Turns are found by key prefix (turn-rows.ts turnRange), so the key must be conversationKey:turnId.
      if (t.key !== `${key}:${t.turnId}`) throw new ImportError(`${where}: turn key ${t.key} should be ${key}:${t.turnId}`);
      if (t.alternativeOf !== null && !turnKeys.has(t.alternativeOf)) {
        throw new ImportError(`${where}: turn ${t.key} is an alternative of ${t.alternativeOf}, which is not in the bundle`);
      }
    }
    for (const r of [...b.analyses, ...b.annotations]) {
      if (r.conversationKey !== key || !turnKeys.has(r.turnKey)) {
        throw new ImportError(`${where}: an analysis or annotation refers to turn ${r.turnKey}, which is not in the bundle`);
      }
    }
  });
}

export async function importBundles(db: ObservatoryDB, bundles: readonly ConversationBundle[]): Promise<ImportResult> {
  checkBundles(bundles);
  const tx = db.transaction(['conversations', 'turns', 'analyses', 'annotations', ...TEXT_INDEX_STORES], 'readwrite');
  return commitOrAbort(tx, async () => {
    const result: ImportResult = { added: 0, updated: 0, skipped: 0, touched: [] };
    const conversations = tx.objectStore('conversations');
    const turnStore = tx.objectStore('turns');
    const analyses = tx.objectStore('analyses');
    const annotations = tx.objectStore('annotations');
    const outcome = new Map<string, 'added' | 'updated' | 'skipped'>();
    const indexChanges: IndexChange[] = [];

    for (const bundle of bundles) {
      const key = bundle.conversation.key;
      const stored = await conversations.get(key);
      const storedTurns = stored ? ofConversation(await turnStore.getAll(turnRange(key)), key) : [];
      const byKey = new Map(storedTurns.map((t) => [t.key, t]));
      const newTurns: Turn[] = [];
      for (const t of bundle.turns) {
        const existing = byKey.get(t.key);
        if (!existing) newTurns.push(t);
        else if (existing.contentHash !== t.contentHash) {
          const versionId = `${t.turnId}@${t.contentHash}`;
          const versionKey = `${key}:${versionId}`;
          if (!byKey.has(versionKey)) {
            newTurns.push({ ...t, key: versionKey, turnId: versionId, order: existing.order, alternativeOf: existing.alternativeOf ?? existing.key });
          }
        }
      }
      for (const t of newTurns) byKey.set(t.key, t);
      await forEach(newTurns, (t) => turnStore.put(encodeTurn(t)));
      if (!stored || newTurns.length > 0) indexChanges.push(indexChange(key, storedTurns, newTurns));

      let gained = newTurns.length;
      const newAnalyses: StoredAnalysis[] = [];
      const taken = new Set<string>();
      for (const a of bundle.analyses) {
        // The same turn twice in one bundle: the first one counts (as when they were put one by one).
        if (taken.has(a.turnKey)) continue;
        taken.add(a.turnKey);
        if ((await analyses.count(analysisKey(a.conversationKey, a.turnKey))) === 0) newAnalyses.push(a);
      }
      await putAnalyses(analyses, tx.objectStore('meta'), newAnalyses);
      gained += newAnalyses.length;
      for (const a of bundle.annotations) {
        if ((await annotations.count(a.id)) === 0) {
          await annotations.put(a);
          gained++;
        }
      }

      if (!stored || gained > 0) {
        const merged = mergeConversation(stored, bundle.conversation, [...byKey.values()]);
        merged.annotationCount = await annotations.index('by-conversation').count(key);
        merged.shiftCount = (await analyses.getAll(analysisRange(key))).filter((a) => a.sh).length;
        await conversations.put(merged);
      }
      // The same conversation twice in one file counts once, by its first outcome.
      if (!outcome.has(key)) outcome.set(key, !stored ? 'added' : gained > 0 ? 'updated' : 'skipped');
      else if (gained > 0 && outcome.get(key) === 'skipped') outcome.set(key, 'updated');
    }
    // One pass over the posting rows for the whole file.
    await updateTextIndex(tx, indexChanges);
    for (const [key, o] of outcome) {
      result[o]++;
      if (o !== 'skipped') result.touched.push(key);
    }
    return result;
  });
}

function mergeConversation(stored: Conversation | undefined, imported: Conversation, turns: Turn[]): Conversation {
  const base = stored ?? imported;
  return {
    ...base,
    title: stored?.title ?? imported.title,
    // An imported URL becomes an "open on site" link: only https on the conversation's own site.
    url: stored?.url ?? siteUrlOrNull(imported.url, imported.site),
    firstSeen: Math.min(base.firstSeen, imported.firstSeen),
    lastSeen: Math.max(base.lastSeen, imported.lastSeen),
    ...turnCounters(turns),
  };
}
