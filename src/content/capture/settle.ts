/**
 * The capture decision, pure (no DOM, no timers): given what the controller knew, the turns just
 * read and the time, which turns are finished and must be sent, which are still settling, and
 * when to look again. A turn is finished when it is not streaming and its content has held still
 * for `quietMs`; it is sent only when new or changed since it was last sent.
 */
import type { CapturedTurn } from '../../core/model/types.ts';

export interface SeenTurn {
  turn: CapturedTurn;
  /** When this content was first seen. */
  since: number;
  /** Seen streaming: shown as pending until it is sent. */
  streamed: boolean;
}

export interface SettleState {
  /** Every turn read, by id, with when its content last changed. */
  readonly seen: ReadonlyMap<string, SeenTurn>;
  /** What was last sent for each turn (forgotten when the worker did not store it). */
  readonly sent: ReadonlyMap<string, CapturedTurn>;
  /** The page and status last delivered (`href|status…`): a repeat of it with nothing new is not sent. */
  readonly statusKey: string;
}

export interface Reading {
  href: string;
  /** The turns of this conversation now in the DOM, in page order (stale ones already left out). */
  turns: readonly CapturedTurn[];
}

export interface Settled {
  state: SettleState;
  /** The finished turns to send, or null when there is nothing new to say. */
  batch: CapturedTurn[] | null;
  /** Turns still settling (streaming or within their quiet period). */
  pending: number;
  /** Ids of settling turns that were seen streaming (the badge layer shows them as pending). */
  pendingIds: Set<string>;
  /** Look again after this many ms (a turn's quiet period ends), or null. */
  recheckInMs: number | null;
}

export const emptySettleState = (): SettleState => ({ seen: new Map(), sent: new Map(), statusKey: '' });

/** Same content as far as storing is concerned (cheap: cached texts are the same strings). */
export function sameTurn(a: CapturedTurn, b: CapturedTurn): boolean {
  return (
    a.role === b.role &&
    a.text === b.text &&
    a.model === b.model &&
    a.thinking === b.thinking &&
    (a.branch?.index ?? 0) === (b.branch?.index ?? 0) &&
    (a.branch?.count ?? 0) === (b.branch?.count ?? 0)
  );
}

export function settle(state: SettleState, reading: Reading, now: number, quietMs: number): Settled {
  const seen = new Map(state.seen);
  const finished: CapturedTurn[] = [];
  const pendingIds = new Set<string>();
  let pending = 0;
  let recheck = Infinity;
  for (const turn of reading.turns) {
    const prev = seen.get(turn.id);
    if (turn.streaming || !prev || !sameTurn(prev.turn, turn)) {
      const streamed = turn.streaming || (prev?.streamed ?? false);
      seen.set(turn.id, { turn, since: now, streamed });
      pending++;
      if (streamed) pendingIds.add(turn.id);
      if (!turn.streaming) recheck = Math.min(recheck, quietMs);
      continue;
    }
    const waited = now - prev.since;
    if (waited < quietMs) {
      pending++;
      if (prev.streamed) pendingIds.add(turn.id);
      recheck = Math.min(recheck, quietMs - waited);
      continue;
    }
    finished.push(turn);
  }
  const recheckInMs = recheck === Infinity ? null : recheck;
  const changed = finished.some((t) => {
    const before = state.sent.get(t.id);
    return !before || !sameTurn(before, t);
  });
  const statusKey = `${reading.href}|ok`;
  // Nothing new: stay quiet. (A first look where everything is still settling waits for the re-check.)
  if (!changed && (statusKey === state.statusKey || pending > 0)) {
    return { state: { ...state, seen }, batch: null, pending, pendingIds, recheckInMs };
  }
  const sent = new Map(state.sent);
  for (const t of finished) {
    sent.set(t.id, t);
    const s = seen.get(t.id);
    if (s?.streamed) seen.set(t.id, { ...s, streamed: false });
  }
  return { state: { seen, sent, statusKey }, batch: finished, pending, pendingIds, recheckInMs };
}

/** The worker did not store these turns: forget they were sent, so a later change retries. */
export function forgetSent(state: SettleState, turns: readonly CapturedTurn[]): SettleState {
  if (turns.length === 0) return state;
  const sent = new Map(state.sent);
  for (const t of turns) sent.delete(t.id);
  return { ...state, sent };
}

/**
 * A non-ok status (or a share page waiting for the user) is delivered once per page and status:
 * the new state, or null when the same was delivered already.
 */
export function settleStatus(state: SettleState, key: string): SettleState | null {
  return key === state.statusKey ? null : { ...state, statusKey: key };
}
