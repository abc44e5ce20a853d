/**
 * The half every SSE route parser shares (ChatGPT, Claude, Perplexity): chunks go through the
 * stream's character budget into the SSE framer, and at the end what the framer still holds is
 * delivered and an unterminated or oversized event is counted. The parser keeps only its own
 * reading of events.
 */
import { countDrop, streamBudget, type DropCounts } from './drop-reasons.ts';
import { createSseFramer, type SseEvent } from './sse.ts';

export interface SseFeed {
  push(text: string): void;
  readonly overLimit: boolean;
  /** End of stream: delivers the framer's last events and counts what was cut off or too large. */
  end(): void;
}

export function createSseFeed(limits: { maxStreamChars: number; maxEventChars?: number }, drops: DropCounts, onEvent: (e: SseEvent) => void): SseFeed {
  const framer = createSseFramer({ maxEventChars: limits.maxEventChars });
  const budget = streamBudget(limits.maxStreamChars, drops);
  return {
    push(text) {
      if (budget.admit(text)) for (const e of framer.push(text)) onEvent(e);
    },
    get overLimit() {
      return budget.overLimit;
    },
    end() {
      const last = framer.finish();
      for (const e of last.events) onEvent(e);
      if (last.unterminated && !budget.overLimit) countDrop(drops, 'unterminated');
      if (framer.dropped > 0) countDrop(drops, 'oversize-event', framer.dropped);
    },
  };
}
