/** What an adapter's reader returns per turn; its own file so readers and the runner share it without a cycle. */
import type { CapturedTurn } from '../core/model/types.ts';

/** One turn plus the element it was read from (the content script anchors badges on it). */
export interface TurnReading {
  turn: CapturedTurn;
  element: Element;
}
