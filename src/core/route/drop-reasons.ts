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
