/** Combined version of every lexicon; part of DETECTOR_VERSION. Bump when any list changes. */
export const LEXICON_VERSION = 'lex-1';
