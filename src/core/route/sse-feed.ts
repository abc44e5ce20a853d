/**
 * The half every SSE route parser shares (ChatGPT, Claude, Perplexity): chunks go through the
 * stream's character budget into the SSE framer, and at the end what the framer still holds is
 * delivered and an unterminated or oversized event is counted. A site's parser gives only its own
 * reading of events and its result.
 */
import { countDrop, streamBudget, type DropCounts, type StreamParser } from './drop-reasons.ts';
import { createSseFramer, type SseEvent } from './sse.ts';

/**
 * A site's SSE stream parser from its event reader and its result: at `finish` the framer's last
 * events are delivered, an unterminated or oversized event is counted, and then `result` is read.
 */
export function createSseParser<Result>(
  limits: { maxStreamChars: number; maxEventChars?: number },
  drops: DropCounts,
  onEvent: (e: SseEvent) => void,
  result: () => Result,
): StreamParser<Result> {
  const framer = createSseFramer({ maxEventChars: limits.maxEventChars });
  const budget = streamBudget(limits.maxStreamChars, drops);
  return {
    push(text) {
      if (budget.admit(text)) for (const e of framer.push(text)) onEvent(e);
    },
    get overLimit() {
      return budget.overLimit;
    },
    finish() {
      const last = framer.finish();
      for (const e of last.events) onEvent(e);
      if (last.unterminated && !budget.overLimit) countDrop(drops, 'unterminated');
      if (framer.dropped > 0) countDrop(drops, 'oversize-event', framer.dropped);
      return result();
    },
  };
}
