/**
 * Heuristic labels: run the detector over a conversation's main line and replace its stored
 * analyses (tagged with the detector version). Analyses are derived data: recomputing or
 * dropping them never touches turns or the user's annotations.
 */
import { isPlaceholder } from '../core/placeholders.ts';
import type { ConversationAnalysis, StoredAnalysis, Turn } from '../core/model/types.ts';
import type { Analyzer } from './analyzer.ts';
import { loadFeatureNames, putAnalyses } from './analysis-io.ts';
import { analysisRange } from './analysis-rows.ts';
import { META_DETECTOR_VERSION, type ObservatoryDB } from './schema.ts';
import { mainLine } from './summary.ts';
import { ofConversation, turnRange } from './turn-rows.ts';
import { commitOrAbort } from './write-error.ts';

/** The main line as the detector reads it: a placeholder (reply not captured) is no reply, its text never seen. */
export function detectorLine(line: readonly Turn[]): Turn[] {
  return line.filter((t) => !isPlaceholder(t));
}

/**
 * Recompute one conversation. Reads in one transaction, runs the detector outside any
 * transaction (it may take a while), writes in a second one that re-checks the main line
 * so a capture that landed meanwhile is not labelled with stale results.
 */
export async function recomputeConversation(db: ObservatoryDB, conversationKey: string, analyzer: Analyzer): Promise<StoredAnalysis[]> {
  for (let attempt = 0; attempt < 3; attempt++) {
    const line = mainLine(ofConversation(await db.getAll('turns', turnRange(conversationKey)), conversationKey));
    const signature = line.map((t) => `${t.key}#${t.contentHash}`).join('|');
    const turns = detectorLine(line);
    const assistants = turns.filter((t) => t.role === 'assistant');
    const analysis: ConversationAnalysis = analyzer.analyze(turns.map((t) => ({ role: t.role, text: t.text, model: t.model })));
    const stored: StoredAnalysis[] = analysis.replies
      .filter((r) => r.index < assistants.length)
      .map((r) => ({ ...r, turnKey: assistants[r.index].key, conversationKey, detectorVersion: analysis.detectorVersion }));

    const tx = db.transaction(['turns', 'analyses', 'conversations', 'meta'], 'readwrite');
    const written = await commitOrAbort(tx, async () => {
      const now = mainLine(ofConversation(await tx.objectStore('turns').getAll(turnRange(conversationKey)), conversationKey));
      if (now.map((t) => `${t.key}#${t.contentHash}`).join('|') !== signature) return false;
      const analyses = tx.objectStore('analyses');
      await analyses.delete(analysisRange(conversationKey));
      await putAnalyses(analyses, tx.objectStore('meta'), stored);
      const conv = await tx.objectStore('conversations').get(conversationKey);
      if (conv) await tx.objectStore('conversations').put({ ...conv, shiftCount: stored.filter((a) => a.shift).length });
      return true;
    });
    if (written) return stored;
  }
  throw new Error(`recompute of ${conversationKey} kept racing with captures; try again`);
}

/** Does this conversation lack analyses from `version` for any main-line reply? */
export async function needsRecompute(db: ObservatoryDB, conversationKey: string, version: string): Promise<boolean> {
  const tx = db.transaction(['conversations', 'analyses', 'meta'], 'readonly');
  const [conv, rows, names] = await Promise.all([
    tx.objectStore('conversations').get(conversationKey),
    tx.objectStore('analyses').getAll(analysisRange(conversationKey)),
    loadFeatureNames(tx.objectStore('meta'), []),
  ]);
  if (!conv) return false;
  const id = names.findVersion(version);
  return rows.length !== conv.assistantCount || rows.some((r) => r.v !== id);
}

/**
 * Recompute every conversation whose analyses are missing or from another detector version
 * (all of them when the stored detector version differs). Returns how many were recomputed.
 */
export async function recomputeStale(db: ObservatoryDB, analyzer: Analyzer, options: { all?: boolean } = {}): Promise<number> {
  const storedVersion = await db.get('meta', META_DETECTOR_VERSION);
  const everything = options.all === true || storedVersion !== analyzer.version;
  let count = 0;
  for (const key of await db.getAllKeys('conversations')) {
    if (everything || (await needsRecompute(db, key, analyzer.version))) {
      await recomputeConversation(db, key, analyzer);
      count++;
    }
  }
  const tx = db.transaction('meta', 'readwrite');
  await commitOrAbort(tx, () => tx.store.put(analyzer.version, META_DETECTOR_VERSION));
  return count;
}
