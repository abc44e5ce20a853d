/**
 * Deleting for real: a conversation with all its turns, analyses and annotations, or every
 * stored conversation. Settings are preferences, not captured content, and are kept.
 * (The browser may keep deleted bytes on disk until its own compaction; see docs/store.md.)
 */
import { DATA_STORES, conversationRange, type ObservatoryDB } from './schema.ts';
import { commitOrAbort } from './write-error.ts';
import { forEach } from './requests.ts';

export async function deleteConversation(db: ObservatoryDB, conversationKey: string): Promise<boolean> {
  const tx = db.transaction(['conversations', 'turns', 'analyses', 'annotations'], 'readwrite');
  return commitOrAbort(tx, async () => {
    const existed = (await tx.objectStore('conversations').count(conversationKey)) > 0;
    await tx.objectStore('conversations').delete(conversationKey);
    const turnIndex = tx.objectStore('turns').index('by-conversation-order');
    // Turns are keyed by their own key; delete through the index's primary keys.
    const turnKeys = await turnIndex.getAllKeys(conversationRange(conversationKey));
    await forEach(turnKeys, (k) => tx.objectStore('turns').delete(k));
    for (const store of ['analyses', 'annotations'] as const) {
      const keys = await tx.objectStore(store).index('by-conversation').getAllKeys(conversationKey);
      await forEach(keys, (k) => tx.objectStore(store).delete(k));
    }
    return existed;
  });
}

export async function clearAllData(db: ObservatoryDB): Promise<void> {
  const tx = db.transaction(DATA_STORES, 'readwrite');
  await commitOrAbort(tx, async () => {
    await forEach(DATA_STORES, (name) => tx.objectStore(name).clear());
  });
}
