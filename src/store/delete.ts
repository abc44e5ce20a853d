/**
 * Deleting for real: a conversation with all its turns, analyses and annotations, or every
 * stored conversation. Settings are preferences, not captured content, and are kept.
 * (The browser may keep deleted bytes on disk until its own compaction; see docs/store.md.)
 */
import { analysisRange } from './analysis-rows.ts';
import { DATA_STORES, TEXT_INDEX_STORES, type ObservatoryDB } from './schema.ts';
import { updateTextIndex } from './text-index.ts';
import { ofConversation, turnRange } from './turn-rows.ts';
import { commitOrAbort } from './write-error.ts';
import { forEach } from './requests.ts';

export async function deleteConversation(db: ObservatoryDB, conversationKey: string): Promise<boolean> {
  const tx = db.transaction(['conversations', 'turns', 'analyses', 'annotations', ...TEXT_INDEX_STORES], 'readwrite');
  return commitOrAbort(tx, async () => {
    const existed = (await tx.objectStore('conversations').count(conversationKey)) > 0;
    await tx.objectStore('conversations').delete(conversationKey);
    // The key range also holds conversations whose key extends this one: keep those.
    const turns = ofConversation(await tx.objectStore('turns').getAll(turnRange(conversationKey)), conversationKey);
    await forEach(turns, (t) => tx.objectStore('turns').delete(t.key));
    // Its terms leave the index too (deleted means deleted, also from the search index).
    await updateTextIndex(tx, [{ conversationKey, removed: turns.map((t) => t.text), added: [], after: null }]);
    await tx.objectStore('analyses').delete(analysisRange(conversationKey));
    const annotationKeys = await tx.objectStore('annotations').index('by-conversation').getAllKeys(conversationKey);
    await forEach(annotationKeys, (k) => tx.objectStore('annotations').delete(k));
    return existed;
  });
}

export async function clearAllData(db: ObservatoryDB): Promise<void> {
  const tx = db.transaction(DATA_STORES, 'readwrite');
  await commitOrAbort(tx, async () => {
    await forEach(DATA_STORES, (name) => tx.objectStore(name).clear());
  });
}
