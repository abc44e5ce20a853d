/** The phrase lexicons the features count, compiled into one scanner (phrase-scan.ts) per engine. */
import { HEDGE_PHRASES } from '../../lexicons/hedges.ts';
import {
  AI_IDENTITY_PATTERNS,
  APOLOGY_PATTERNS,
  FLATTERY_PATTERNS,
  OTHER_IDENTITY_PATTERNS,
  REFUSAL_PATTERNS,
  WARMTH_PATTERNS,
} from '../../lexicons/phrases.ts';
import type { PhraseCounts } from '../types.ts';
import { buildPhraseScanner, type PhraseScanner } from './phrase-scan.ts';

const PHRASE_GROUPS: readonly [keyof PhraseCounts, { patterns?: readonly RegExp[]; phrases?: readonly string[] }][] = [
  ['flattery', { patterns: FLATTERY_PATTERNS }],
  ['apology', { patterns: APOLOGY_PATTERNS }],
  ['refusal', { patterns: REFUSAL_PATTERNS }],
  ['aiIdentity', { patterns: AI_IDENTITY_PATTERNS }],
  ['otherIdentity', { patterns: OTHER_IDENTITY_PATTERNS }],
  ['warmth', { patterns: WARMTH_PATTERNS }],
  ['hedgePhrases', { phrases: HEDGE_PHRASES }],
];

/** A scanner of every phrase lexicon, counts in PHRASE_GROUPS order. */
export function buildFeaturePhrases(): PhraseScanner {
  return buildPhraseScanner(PHRASE_GROUPS.map(([, g]) => g));
}

/** The scanner's counts (in PHRASE_GROUPS order) by name. */
export function phraseCounts(counts: readonly number[]): PhraseCounts {
  const out = {} as PhraseCounts;
  PHRASE_GROUPS.forEach(([name], i) => (out[name] = counts[i]));
  return out;
}
