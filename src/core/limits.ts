/**
 * Limits shared by every layer that accepts text from outside: the import parsers
 * (src/core/formats) and the worker's message validators (src/messaging). One number, so a file
 * the parser accepts is never dropped later by the worker.
 */

/** Characters in one turn's text (and its thinking). Long code answers stay well under this. */
export const MAX_TURN_TEXT_CHARS = 1_000_000;
/** Characters in one annotation note (the in-page note field, and notes imported from annotation tools). */
export const MAX_NOTE_CHARS = 10_000;

/** Characters in a short field (title, model name, id, detail, selector) of any message or record. */
export const MAX_SHORT_STRING_CHARS = 2_048;

/** Characters in one user selector override (settings). */
export const MAX_SELECTOR_CHARS = 500;

/** A short field cut to its limit (with an ellipsis), so one long field never loses a whole capture. */
export function clipShort(value: string, max: number = MAX_SHORT_STRING_CHARS): string {
  return value.length <= max ? value : `${value.slice(0, max - 1)}…`;
}
