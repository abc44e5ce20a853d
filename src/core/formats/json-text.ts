/**
 * JSON.parse with guards: a depth pre-scan (hostile deeply nested input would otherwise overflow
 * our recursive readers) and syntax errors translated into line/column and a "truncated?" hint.
 */
import { FormatError } from './errors.ts';

/** Strips a UTF-8 byte-order mark, which some editors and Windows tools prepend. */
export function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/** Throws FormatError if arrays/objects nest deeper than maxDepth (strings are skipped). */
export function checkJsonDepth(text: string, maxDepth: number, where: string): void {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92 /* \ */) i++;
      else if (c === 34 /* " */) inString = false;
    } else if (c === 34) inString = true;
    else if (c === 123 /* { */ || c === 91 /* [ */) {
      if (++depth > maxDepth) {
        throw new FormatError(where, `JSON nests deeper than ${maxDepth} levels (${lineColumn(text, i)}); refusing it`);
      }
    } else if (c === 125 || c === 93) depth--;
  }
}

/** Parses JSON text; on failure says where (line/column) and whether it looks truncated. */
export function parseJsonText(text: string, where: string, maxDepth: number): unknown {
  checkJsonDepth(text, maxDepth, where);
  try {
    return JSON.parse(text) as unknown;
  } catch (err) {
    throw new FormatError(where, describeSyntaxError(text, err));
  }
}

function describeSyntaxError(text: string, err: unknown): string {
  const message = err instanceof Error ? err.message : String(err);
  if (text.trim() === '') return 'file is empty';
  if (/end of (JSON )?input|Unterminated string/i.test(message)) {
    return `JSON ends early — the file looks truncated (${message})`;
  }
  const pos = /position (\d+)/.exec(message);
  const at = pos ? ` at ${lineColumn(text, Number(pos[1]))}` : '';
  return `not valid JSON${at}: ${message}`;
}

/** "line L, column C" (1-based) of a character offset. */
export function lineColumn(text: string, offset: number): string {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return `line ${line}, column ${offset - lineStart + 1}`;
}
