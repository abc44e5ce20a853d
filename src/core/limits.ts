/**
 * Limits shared by every layer that accepts text from outside: the import parsers
 * (src/core/formats) and the worker's message validators (src/messaging). One number, so a file
 * the parser accepts is never dropped later by the worker.
 */

/** Characters in one turn's text (and its thinking). Long code answers stay well under this. */
export const MAX_TURN_TEXT_CHARS = 1_000_000;
/** Characters in one annotation note (the in-page note field, and notes imported from annotation tools). */
export const MAX_NOTE_CHARS = 10_000;
/** Characters in short identifiers and labels (keys, ids, a relabel's label). */
export const MAX_SHORT_CHARS = 2_048;
