/**
 * Incremental Server-Sent-Events framer (text in, events out). Pure.
 *
 * Network chunks split events anywhere: the caller decodes bytes with one streaming
 * TextDecoder and pushes the text pieces here; this keeps a line buffer across pushes. Line
 * ends may be `\r\n`, `\r` or `\n`; one space after `data:` is stripped; multi-line data is
 * joined with `\n`; a blank line dispatches; `:` lines are comments. An event larger than
 * `maxEventChars` is dropped (counted), never buffered without bound.
 */

export interface SseEvent {
  /** The `event:` field, or null when the block had none. */
  event: string | null;
  data: string;
}

export interface SseFramerOptions {
  /** Longest data of one event (and longest pending line); larger ones are dropped. */
  maxEventChars?: number;
}

export interface SseFramer {
  /** Frame more text; returns the events completed by it. */
  push(text: string): SseEvent[];
  /** End of stream: dispatch a last unterminated event, if any. */
  finish(): { events: SseEvent[]; unterminated: boolean };
  /** Events dropped because they were larger than the limit. */
  readonly dropped: number;
}

export const DEFAULT_MAX_EVENT_CHARS = 1_000_000;

export function createSseFramer(options: SseFramerOptions = {}): SseFramer {
  const max = options.maxEventChars ?? DEFAULT_MAX_EVENT_CHARS;
  let pending = '';
  /** A `\r` ended the previous push: a `\n` starting the next one belongs to it. */
  let afterCr = false;
  let event: string | null = null;
  let data: string[] = [];
  let dataChars = 0;
  let oversize = false;
  /** The current line overflowed the limit: ignore the rest of it. */
  let skipLine = false;
  let dropped = 0;

  const dispatch = (out: SseEvent[]): void => {
    if (oversize) dropped++;
    else if (data.length > 0) out.push({ event, data: data.length === 1 ? data[0] : data.join('\n') });
    event = null;
    data = [];
    dataChars = 0;
    oversize = false;
  };

  const line = (text: string, out: SseEvent[]): void => {
    if (text === '') {
      dispatch(out);
      return;
    }
    if (text.charCodeAt(0) === 58 /* : */) return; // comment (": ping - …")
    if (text.startsWith('data:')) {
      // the common case, without slicing out the field name
      const value = text.charCodeAt(5) === 32 ? text.slice(6) : text.slice(5);
      dataChars += value.length + 1;
      if (dataChars > max) oversize = true;
      else data.push(value);
      return;
    }
    const colon = text.indexOf(':');
    const field = colon < 0 ? text : text.slice(0, colon);
    let value = colon < 0 ? '' : text.slice(colon + 1);
    if (value.charCodeAt(0) === 32) value = value.slice(1);
    if (field === 'data') {
      dataChars += value.length + 1;
      if (dataChars > max) oversize = true;
      else data.push(value);
    } else if (field === 'event') {
      event = value;
    }
    // id / retry / unknown fields: not needed here.
  };

  return {
    push(text) {
      const out: SseEvent[] = [];
      let start = 0;
      if (afterCr && text.charCodeAt(0) === 10) start = 1;
      afterCr = false;
      // Jump from line end to line end with indexOf (native), not one character at a time.
      let nl = text.indexOf('\n', start);
      let cr = text.indexOf('\r', start);
      for (;;) {
        let i = nl < 0 ? cr : cr < 0 ? nl : Math.min(nl, cr);
        if (i < 0) break;
        const c = text.charCodeAt(i);
        const piece = pending === '' ? text.slice(start, i) : pending + text.slice(start, i);
        pending = '';
        if (skipLine) skipLine = false;
        else if (piece.length > max) oversize = true;
        else line(piece, out);
        if (c === 13) {
          if (i + 1 < text.length) {
            if (text.charCodeAt(i + 1) === 10) i++;
          } else afterCr = true;
        }
        start = i + 1;
        if (nl >= 0 && nl < start) nl = text.indexOf('\n', start);
        if (cr >= 0 && cr < start) cr = text.indexOf('\r', start);
      }
      if (start < text.length) {
        pending += text.slice(start);
        // A line that never ends is dropped as one oversize event, not buffered for ever.
        if (!skipLine && pending.length > max) {
          pending = '';
          oversize = true;
          skipLine = true;
        } else if (skipLine) pending = '';
      }
      return out;
    },
    finish() {
      const out: SseEvent[] = [];
      const unterminated = pending !== '' || data.length > 0 || oversize;
      if (pending !== '' && !skipLine) line(pending, out);
      pending = '';
      skipLine = false;
      if (data.length > 0 || oversize) dispatch(out);
      return { events: out, unterminated };
    },
    get dropped() {
      return dropped;
    },
  };
}
