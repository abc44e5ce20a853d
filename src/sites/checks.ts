/**
 * "Never silently wrong": the checks every adapter's reading must pass before it is `ok`, in
 * one place. A reading that fails one becomes `layout-not-recognized` with a detail that names
 * the check (`check "<name>" failed: …`), which the popup and dashboard show as it is.
 *
 * The shapes come from issue 16's trial on unseen pages: replies not found on a page that has
 * them (share pages), fewer replies than the page's own reply markers (a selector matching a
 * wrapper that is not a message), and a reply whose text is only a status block.
 */
import type { TurnReading } from './reading.ts';
import { hasAny, STOP_BUTTON } from './query.ts';
import { isOnlySteps } from './steps.ts';
import { cachedPageRead } from './read-cache.ts';

export const CHECK_NAMES = ['no-assistant-turn', 'fewer-replies-than-markers', 'reply-is-status-chrome'] as const;
export type CheckName = (typeof CHECK_NAMES)[number];

export interface CheckFailure {
  check: CheckName;
  detail: string;
}

/** What a check needs of an adapter: its own count of the replies the page shows. */
export interface CheckedAdapter {
  /** Names the memo of the marker count (the adapter's site id). */
  id: string;
  /**
   * How many assistant replies the page itself marks (its own per-reply elements, counted
   * independently of how turns are read); null when the site has no such marker.
   */
  replyMarkerCount?(root: ParentNode): number | null;
}

function failure(check: CheckName, why: string): CheckFailure {
  return { check, detail: `check "${check}" failed: ${why}` };
}

/** The first check the reading fails, or null when it passes them all. */
export function failedCheck(adapter: CheckedAdapter, root: ParentNode, readings: TurnReading[]): CheckFailure | null {
  const turns = readings.map((r) => r.turn);
  const users = turns.filter((t) => t.role === 'user').length;
  const replies = turns.filter((t) => t.role === 'assistant');
  const generating =
    replies.some((t) => t.streaming) || (users > 0 && replies.length === 0 && cachedPageRead(root, 'checks:stop', () => hasAny(root, STOP_BUTTON)));
  if (users > 0 && replies.length === 0 && !generating) {
    return failure('no-assistant-turn', `${users} user turn${users === 1 ? '' : 's'} read but no assistant reply`);
  }
  // Memoised while the page is unchanged (the content script's quiet-period re-checks).
  const markers = adapter.replyMarkerCount ? cachedPageRead(root, `reply-markers|${adapter.id}`, () => adapter.replyMarkerCount!(root)) : null;
  if (markers !== null && replies.length < markers) {
    return failure('fewer-replies-than-markers', `${replies.length} repl${replies.length === 1 ? 'y' : 'ies'} read, the page marks ${markers}`);
  }
  const chrome = replies.findIndex((t) => !t.streaming && !t.notCaptured && isOnlySteps(t.text));
  if (chrome >= 0) {
    return failure('reply-is-status-chrome', `reply ${chrome + 1} reads only "${replies[chrome].text.slice(0, 60)}"`);
  }
  return null;
}

/** The failed check's name from a status detail, or null (for the popup and dashboard). */
export function checkNameOf(detail: string | null | undefined): CheckName | null {
  const m = /check "([a-z-]+)" failed/.exec(detail ?? '');
  return m && (CHECK_NAMES as readonly string[]).includes(m[1]) ? (m[1] as CheckName) : null;
}
