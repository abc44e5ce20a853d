/**
 * Size limits for imports. Files from the wild can be huge or hostile; we refuse them with a
 * clear message instead of freezing the tab. Callers may raise limits (the CLI does not need to).
 */
import { FormatError } from '../model/errors.ts';
import { MAX_TURN_TEXT_CHARS } from '../limits.ts';

export interface ImportLimits {
  /** Bytes of one file, checked before it is read (File.size, fs.stat). */
  maxBytes: number;
  /** Characters in one file (a ChatGPT export of several years is ~100–300 MB). */
  maxChars: number;
  /** Nesting depth of JSON arrays/objects. Real exports stay below ~20. */
  maxDepth: number;
  maxConversations: number;
  /** Turns (or tree nodes) in one conversation. */
  maxTurnsPerConversation: number;
  /** Characters in one message. */
  maxTextChars: number;
}

export const DEFAULT_LIMITS: Readonly<ImportLimits> = Object.freeze({
  maxBytes: 400 * 1024 * 1024,
  maxChars: 400 * 1024 * 1024,
  maxDepth: 200,
  maxConversations: 200_000,
  maxTurnsPerConversation: 100_000,
  maxTextChars: MAX_TURN_TEXT_CHARS,
});

export function resolveLimits(partial?: Partial<ImportLimits>): ImportLimits {
  return { ...DEFAULT_LIMITS, ...partial };
}

export function checkFileSize(text: string, where: string, limits: ImportLimits): void {
  if (text.length > limits.maxChars) {
    throw new FormatError(where, `file is too large (${formatCount(text.length)} characters; the limit is ${formatCount(limits.maxChars)})`);
  }
}

/** Refuses a file by its size on disk, before a byte of it is read. */
export function checkFileBytes(bytes: number, where: string, limits: Pick<ImportLimits, 'maxBytes'> = DEFAULT_LIMITS): void {
  if (bytes > limits.maxBytes) {
    throw new FormatError(where, `file is too large (${formatCount(bytes)} bytes; the limit is ${formatCount(limits.maxBytes)})`);
  }
}

export function checkCount(count: number, max: number, what: string, where: string): void {
  if (count > max) throw new FormatError(where, `too many ${what} (${formatCount(count)}; the limit is ${formatCount(max)})`);
}

function formatCount(n: number): string {
  return n.toLocaleString('en-US');
}
