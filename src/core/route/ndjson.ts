/**
 * Incremental newline-delimited JSON framer (text in, lines out). Pure.
 *
 * Network chunks split lines anywhere: the caller decodes bytes with one streaming TextDecoder
 * and pushes the text pieces; this keeps the unfinished line across pushes. `\r\n`, `\r` and
 * `\n` end a line; blank lines are skipped. A line longer than `maxLineChars` is dropped
 * (counted), never buffered without bound. Parsing the lines is the caller's job, so it can
 * skip the token lines cheaply.
 */
export interface NdjsonFramer {
  /** Frame more text; returns the lines completed by it (without their line end). */
  push(text: string): string[];
  /** End of stream: the last line if it had no line end, and whether there was one. */
  finish(): { lines: string[]; unterminated: boolean };
  /** Lines dropped because they were longer than the limit. */
  readonly dropped: number;
}

export const DEFAULT_MAX_LINE_CHARS = 1_000_000;

export function createNdjsonFramer(options: { maxLineChars?: number } = {}): NdjsonFramer {
  const max = options.maxLineChars ?? DEFAULT_MAX_LINE_CHARS;
  let pending = '';
  /** The current line already passed the limit: drop it up to its end. */
  let skipping = false;
  let dropped = 0;

  const end = (line: string, out: string[]): void => {
    if (skipping) skipping = false;
    else if (line.length > max) dropped++;
    else if (line.trim() !== '') out.push(line);
  };

  return {
    push(text) {
      const out: string[] = [];
      let start = 0;
      for (;;) {
        const nl = text.indexOf('\n', start);
        const cr = text.indexOf('\r', start);
        const i = nl < 0 ? cr : cr < 0 ? nl : Math.min(nl, cr);
        if (i < 0) break;
        end(pending === '' ? text.slice(start, i) : pending + text.slice(start, i), out);
        pending = '';
        start = i + 1; // a `\r\n` leaves an empty line, which is skipped
      }
      if (start < text.length && !skipping) {
        pending += text.slice(start);
        if (pending.length > max) {
          pending = '';
          skipping = true;
          dropped++;
        }
      }
      return out;
    },
    finish() {
      const out: string[] = [];
      const unterminated = pending.trim() !== '' || skipping;
      if (pending !== '') end(pending, out);
      pending = '';
      skipping = false;
      return { lines: out, unterminated };
    },
    get dropped() {
      return dropped;
    },
  };
}
