/**
 * Where the turns of one capture land in a conversation's timeline. Pure: given the stored turns
 * and the captured batch (finished turns in DOM order), returns the records to write.
 *
 * Rules (see docs/store.md):
 * - A turn is identified by key `${conversationKey}:${turnId}`; seen again, it is updated in
 *   place (never duplicated). Its text changing in place (not just growing) keeps the old text
 *   as an alternative version `${turnId}@${oldHash}`.
 * - A new turn is placed right after the previous turn of the batch and before the next known
 *   one, so overlapping virtualised windows stitch into one timeline.
 * - A new turn shown right after a known turn where the stored main line has a different turn
 *   of the same role (that the page no longer shows) is an alternative at the same position
 *   (regenerate / edit). The page's current choice becomes the main line; the other becomes
 *   `alternativeOf` it. A stored alternative the page shows again is promoted the same way.
 * - Turns absent from the batch are left alone: leaving the DOM never deletes anything.
 * - Budgets (budgets.ts): past `versionsPerTurn` an edit replaces the text without keeping
 *   another version; past `turnsPerConversation` records, new turns are not stored. Both say so
 *   in `trimmed`.
 */
import { contentHash } from '../core/text/hash.ts';
import { turnKey } from '../core/model/keys.ts';
import type { CapturedTurn, Turn } from '../core/model/types.ts';
import { DEFAULT_BUDGETS, type StoreBudgets } from './budgets.ts';
import { Timeline } from './timeline.ts';
import { turnExtras, type TurnExtraFields } from '../core/turn-extras.ts';

export interface CapturePlan {
  /** Records to put: new turns, changed turns, re-pointed alternatives. */
  writes: Turn[];
  /** Every turn of the conversation after the plan (for counters). */
  turns: Turn[];
  /** The main line changed (new main turn, swap, or main text edit): labels need recomputing. */
  mainLineChanged: boolean;
  /** Keys of known turns whose text changed: their stored features are stale. */
  editedKeys: string[];
  /** Why something of the batch was not kept (a budget was reached); empty when all was kept. */
  trimmed: string[];
}

export function planCapture(
  existing: readonly Turn[],
  captured: readonly CapturedTurn[],
  conversationKey: string,
  now: number,
  budgets: StoreBudgets = DEFAULT_BUDGETS,
): CapturePlan {
  const tl = new Timeline(existing);
  const batch = dedupeById(captured.filter((c) => !c.streaming));
  const keys = batch.map((c) => turnKey(conversationKey, c.id));
  const inBatch = new Set(keys);
  const knownAtStart = keys.map((k) => tl.has(k));
  let mainLineChanged = false;
  let anchorKey: string | null = null;
  const editedKeys: string[] = [];
  let versionsNotKept = 0;
  let turnsNotStored = 0;

  for (let i = 0; i < batch.length; i++) {
    const c = batch[i];
    const key = keys[i];
    const hash = contentHash(c.role, c.text);
    const known = tl.get(key);

    if (known) {
      const edit = refreshKnown(tl, known, c, hash, conversationKey, budgets.versionsPerTurn);
      if (edit === 'version-not-kept') versionsNotKept++;
      if (edit !== 'same') {
        editedKeys.push(key);
        if (known.alternativeOf === null) mainLineChanged = true;
      }
      const current = tl.get(key) as Turn;
      if (current.alternativeOf !== null && !inBatch.has(current.alternativeOf)) {
        promote(tl, current);
        mainLineChanged = true;
      }
      anchorKey = key;
      continue;
    }

    if (tl.size() >= budgets.turnsPerConversation) {
      turnsNotStored++;
      continue;
    }
    const nextKnownIndex = knownAtStart.indexOf(true, i + 1);
    const upperKey = nextKnownIndex >= 0 ? keys[nextKnownIndex] : null;
    const upperOrder = upperKey ? (tl.get(upperKey) as Turn).order : Infinity;
    const fresh = newTurn(c, key, hash, conversationKey, now);

    if (anchorKey === null) {
      placeWithoutAnchor(tl, fresh, c, i, upperKey, upperOrder, inBatch);
    } else {
      const slot = tl.mainAfter((tl.get(anchorKey) as Turn).order);
      if (slot && slot.order < upperOrder && slot.role === c.role && !inBatch.has(slot.key)) {
        replaceAt(tl, fresh, slot);
      } else {
        const hiKey = slot && slot.order < upperOrder ? slot.key : upperKey;
        tl.put({ ...fresh, order: tl.orderBetween(anchorKey, hiKey) });
      }
    }
    mainLineChanged = true;
    anchorKey = key;
  }

  const trimmed: string[] = [];
  if (turnsNotStored > 0) {
    trimmed.push(
      `${turnsNotStored} new turn${turnsNotStored === 1 ? '' : 's'} not stored: this conversation holds the limit of ${budgets.turnsPerConversation.toLocaleString('en-US')} turn records`,
    );
  }
  if (versionsNotKept > 0) {
    trimmed.push(
      `${versionsNotKept} edited turn${versionsNotKept === 1 ? '' : 's'} updated without keeping the earlier text: ${budgets.versionsPerTurn} versions per turn are kept`,
    );
  }
  return { writes: tl.changed(), turns: tl.all(), mainLineChanged, editedKeys, trimmed };
}

/** First turn of the batch is new: no known turn before it on the page. */
function placeWithoutAnchor(
  tl: Timeline,
  fresh: Turn,
  c: CapturedTurn,
  index: number,
  upperKey: string | null,
  upperOrder: number,
  inBatch: Set<string>,
): void {
  if (upperKey !== null) {
    // A window that overlaps the stored timeline further down: go just before that known turn.
    const before = tl.mainBefore(upperOrder);
    tl.put({ ...fresh, order: tl.orderBetween(before?.key ?? null, upperKey) });
    return;
  }
  const first = tl.firstMain();
  // Nothing on the page is known. A branch counter ("2/2") on the first turn says the page shows
  // another branch from the start: an alternative of the stored first turn. Otherwise it is a
  // window we cannot place exactly: append after the stored main line.
  if (index === 0 && first && (c.branch?.count ?? 0) > 1 && first.role === c.role && !inBatch.has(first.key)) {
    replaceAt(tl, fresh, first);
    return;
  }
  tl.put({ ...fresh, order: tl.orderBetween(tl.lastMain()?.key ?? null, null) });
}

/** A new turn shown where the main line has `slot`: the new one becomes main, `slot` its alternative. */
function replaceAt(tl: Timeline, fresh: Turn, slot: Turn): void {
  tl.put({ ...fresh, order: slot.order, alternativeOf: slot.key });
  tl.swapMain(fresh.key, slot.key);
}

/** A stored alternative shown on the page again becomes the main line at its position. */
function promote(tl: Timeline, alternative: Turn): void {
  const main = alternative.alternativeOf !== null ? tl.get(alternative.alternativeOf) : undefined;
  if (main && main.alternativeOf === null) tl.swapMain(alternative.key, main.key);
  else tl.put({ ...alternative, alternativeOf: null });
}

/**
 * Update a known turn from a new sighting: 'same' text, 'changed', or 'version-not-kept' (changed,
 * but the turn already has `maxVersions` earlier texts). Text that only grew (a reply captured
 * before it finished) is updated in place; any other change keeps the previous text as an
 * alternative version so nothing the user saw is lost, up to the budget.
 */
function refreshKnown(
  tl: Timeline,
  known: Turn,
  c: CapturedTurn,
  hash: string,
  conversationKey: string,
  maxVersions: number,
): 'same' | 'changed' | 'version-not-kept' {
  let outcome: 'same' | 'changed' | 'version-not-kept' = 'same';
  let next: Turn = {
    ...known,
    model: c.model ?? known.model,
    selectedModel: known.selectedModel ?? c.selectedModel,
    thinking: c.thinking ?? known.thinking,
    branch: c.branch ?? known.branch,
    ...capturedExtras(c, known),
  };
  if (c.notCaptured === undefined) delete next.notCaptured;
  const textChanged = known.contentHash !== hash;
  if (textChanged) {
    outcome = 'changed';
    const grew = known.role === c.role && c.text.startsWith(known.text);
    if (!grew) {
      const versionId = `${known.turnId}@${known.contentHash}`;
      const versionKey = turnKey(conversationKey, versionId);
      if (!tl.has(versionKey)) {
        if (versionCount(tl, known.turnId) >= maxVersions) outcome = 'version-not-kept';
        else tl.put({ ...known, key: versionKey, turnId: versionId, alternativeOf: known.alternativeOf ?? known.key });
      }
    }
    next = { ...next, role: c.role, text: c.text, contentHash: hash };
  }
  if (textChanged || !sameMetadata(known, next)) tl.put(next);
  return outcome;
}

/** Earlier texts kept for a turn (`${turnId}@${hash}` records). */
function versionCount(tl: Timeline, turnId: string): number {
  const prefix = `${turnId}@`;
  let n = 0;
  for (const t of tl.all()) if (t.turnId.startsWith(prefix)) n++;
  return n;
}

function sameMetadata(a: Turn, b: Turn): boolean {
  return (
    a.model === b.model &&
    a.selectedModel === b.selectedModel &&
    a.thinking === b.thinking &&
    a.branch?.index === b.branch?.index &&
    a.branch?.count === b.branch?.count &&
    a.notCaptured === b.notCaptured &&
    sameList(a.citations, b.citations, (x, y) => x === y) &&
    sameList(a.steps, b.steps, (x, y) => x.kind === y.kind && x.text === y.text)
  );
}

function sameList<T>(a: readonly T[] | undefined, b: readonly T[] | undefined, same: (x: T, y: T) => boolean): boolean {
  const x = a ?? [];
  const y = b ?? [];
  return x.length === y.length && x.every((v, i) => same(v, y[i]));
}

/**
 * Steps, citations and the not-captured reason of a sighting. Steps and citations seen before
 * stay when a later sighting shows none (a collapsed block); the not-captured mark follows the
 * page (refreshKnown drops it once the body is read).
 */
function capturedExtras(c: CapturedTurn, known?: Turn): TurnExtraFields {
  const fresh = turnExtras(c);
  return { ...(known ? turnExtras({ steps: known.steps, citations: known.citations }) : {}), ...fresh };
}

function newTurn(c: CapturedTurn, key: string, hash: string, conversationKey: string, now: number): Turn {
  return {
    key,
    conversationKey,
    turnId: c.id,
    order: 0,
    role: c.role,
    text: c.text,
    contentHash: hash,
    model: c.model,
    selectedModel: c.selectedModel,
    thinking: c.thinking,
    branch: c.branch,
    alternativeOf: null,
    capturedAt: now,
    createdAt: null,
    route: null,
    ...capturedExtras(c),
  };
}

/** The same id twice in one batch (an adapter bug) counts once, first sighting wins. */
function dedupeById(turns: CapturedTurn[]): CapturedTurn[] {
  const seen = new Set<string>();
  return turns.filter((t) => (seen.has(t.id) ? false : (seen.add(t.id), true)));
}
