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

/** `JSON.parse`, or undefined (never a JSON value) with one 'malformed-json' drop counted. */
export function parseJsonCounted(text: string, drops: DropCounts): unknown {
  try {
    return JSON.parse(text);
  } catch {
    countDrop(drops, 'malformed-json');
    return undefined;
  }
}

/** Characters one streamed response may have before it is dropped (every site's parser). */
export const MAX_STREAM_CHARS = 8_000_000;

/** What every site's stream parser offers: chunks in, the site's result at the end of the stream. */
export interface StreamParser<Result> {
  push(text: string): void;
  /** True once the stream passed its size limit: stop reading (and cancel your own branch). */
  readonly overLimit: boolean;
  finish(): Result;
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
