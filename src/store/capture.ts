/**
 * Storing one page capture: conversation record + turns, in ONE transaction (all or nothing).
 * Placement rules live in plan-capture.ts; this file only reads, plans and writes.
 */
import { conversationKey as makeConversationKey } from '../core/model/keys.ts';
import type { CapturedTurn, Conversation, SiteId, Turn } from '../core/model/types.ts';
import { analysisKey } from './analysis-rows.ts';
import { DEFAULT_BUDGETS, type StoreBudgets } from './budgets.ts';
import { planCapture } from './plan-capture.ts';
import { TEXT_INDEX_STORES, type ObservatoryDB } from './schema.ts';
import { turnCounters } from './summary.ts';
import { encodeTurn, ofConversation, turnRange } from './turn-rows.ts';
import { indexChange, updateTextIndex } from './text-index.ts';
import { commitOrAbort } from './write-error.ts';
import { forEach } from './requests.ts';

export interface CaptureInput {
  site: SiteId;
  conversationId: string;
  /** Origin and path of the page (src/core/sites.ts conversationUrl), from the sender, not the page. */
  url: string | null;
  title: string | null;
  turns: CapturedTurn[];
  /** The adapter says the page is a shared conversation (stored as source `capture:shared`). */
  shared?: boolean;
}

export interface CaptureResult {
  conversation: Conversation;
  /** Turn records written (new, changed or re-pointed). 0 when the page showed nothing new. */
  stored: number;
  mainLineChanged: boolean;
  /** What a budget kept out of the store, in words (empty when everything was kept). */
  trimmed: string[];
}

export async function storeCapture(db: ObservatoryDB, input: CaptureInput, now: number, budgets: StoreBudgets = DEFAULT_BUDGETS): Promise<CaptureResult> {
  const key = makeConversationKey(input.site, input.conversationId);
  const tx = db.transaction(['conversations', 'turns', 'analyses', ...TEXT_INDEX_STORES], 'readwrite');
  return commitOrAbort(tx, async () => {
    const turnStore = tx.objectStore('turns');
    const [existingTurns, existingConv] = await Promise.all([turnStore.getAll(turnRange(key)), tx.objectStore('conversations').get(key)]);
    const before = ofConversation(existingTurns, key);
    const plan = planCapture(before, input.turns, key, now, budgets);
    const conversation = nextConversation(existingConv, input, key, plan.turns, now, plan.writes.length > 0);
    await forEach(plan.writes, (t) => turnStore.put(encodeTurn(t)));
    if (plan.writes.length > 0 || !existingConv) await updateTextIndex(tx, [indexChange(key, before, plan.writes)]);
    // Features of an edited turn describe the old text; drop them so they are recomputed.
    await forEach(plan.editedKeys, (k) => tx.objectStore('analyses').delete(analysisKey(key, k)));
    if (conversation !== existingConv) await tx.objectStore('conversations').put(conversation);
    return { conversation, stored: plan.writes.length, mainLineChanged: plan.mainLineChanged, trimmed: plan.trimmed };
  });
}

/** The conversation record after a capture; the same object when nothing about it changed. */
function nextConversation(
  existing: Conversation | undefined,
  input: CaptureInput,
  key: string,
  turns: Turn[],
  now: number,
  turnsChanged: boolean,
): Conversation {
  const title = input.title ?? existing?.title ?? null;
  if (existing && !turnsChanged && existing.title === title && existing.url === input.url) return existing;
  return {
    key,
    site: input.site,
    conversationId: input.conversationId,
    title,
    url: input.url,
    source: existing?.source ?? (input.shared ? 'capture:shared' : 'capture'),
    firstSeen: existing?.firstSeen ?? now,
    lastSeen: now,
    ...turnCounters(turns),
    shiftCount: existing?.shiftCount ?? 0,
    annotationCount: existing?.annotationCount ?? 0,
  };
}
