/**
 * Why a route parser ignored part of what it read. Every ignored piece is counted under one of
 * these, so a hostile or broken stream is visible as numbers, never as an exception.
 */
export type DropReason =
  | 'malformed-json'
  | 'not-an-object'
  | 'oversize-event'
  | 'oversize-stream'
  | 'unterminated'
  | 'bad-field'
  | 'unknown-topic'
  | 'duplicate-item'
  | 'unsupported-encoding';

export type DropCounts = Partial<Record<DropReason, number>>;

export function countDrop(counts: DropCounts, reason: DropReason, n = 1): void {
  counts[reason] = (counts[reason] ?? 0) + n;
}

/**
 * The character budget of one streamed response, shared by every site's parser: it counts what was
 * read, and past the budget it counts one 'oversize-stream' drop and admits nothing more.
 */
export function streamBudget(maxChars: number, drops: DropCounts) {
  let read = 0;
  let over = false;
  return {
    /** True when the chunk may be parsed; false once the stream went over its budget. */
    admit(text: string): boolean {
      if (over) return false;
      read += text.length;
      if (read <= maxChars) return true;
      over = true;
      countDrop(drops, 'oversize-stream');
      return false;
    },
    get overLimit(): boolean {
      return over;
    },
  };
}
