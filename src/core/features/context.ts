/**
 * Builds the ReplyContext shared by every feature family: code stripped once, words and
 * sentences found in one pass (text/word-scan.ts) and each word looked up once (word-table.ts),
 * phrase patterns counted in one scan (phrase-scan.ts), prose lines split once.
 */
import { proseLines, splitCode, stripMarkup } from '../text/markdown.ts';
import { sentenceStats, words } from '../text/segment.ts';
import { createTextScan, scanText } from '../text/word-scan.ts';
import { englishFromCounts } from '../text/language.ts';
import { HEDGE_PHRASES } from '../lexicons/hedges.ts';
import { AI_IDENTITY_PATTERNS, APOLOGY_PATTERNS, FLATTERY_PATTERNS, OTHER_IDENTITY_PATTERNS, REFUSAL_PATTERNS, WARMTH_PATTERNS } from '../lexicons/phrases.ts';
import { buildPhraseScanner } from './phrase-scan.ts';
import { CAT, internAll, internScanned, maybeResetTable, tokenStats } from './word-table.ts';
import type { PhraseCounts, ReplyContext } from './types.ts';

const PHRASE_GROUPS: readonly [keyof PhraseCounts, { patterns?: readonly RegExp[]; phrases?: readonly string[] }][] = [
  ['flattery', { patterns: FLATTERY_PATTERNS }],
  ['apology', { patterns: APOLOGY_PATTERNS }],
  ['refusal', { patterns: REFUSAL_PATTERNS }],
  ['aiIdentity', { patterns: AI_IDENTITY_PATTERNS }],
  ['otherIdentity', { patterns: OTHER_IDENTITY_PATTERNS }],
  ['warmth', { patterns: WARMTH_PATTERNS }],
  ['hedgePhrases', { phrases: HEDGE_PHRASES }],
];
const scanner = buildPhraseScanner(PHRASE_GROUPS.map(([, g]) => g));

function phraseCounts(lower: string): PhraseCounts {
  const c = scanner.count(lower);
  const out = {} as PhraseCounts;
  PHRASE_GROUPS.forEach(([name], i) => (out[name] = c[i]));
  return out;
}

/** Reused by every reply (buildContext copies out what it keeps). */
const scan = createTextScan();

export function buildContext(raw: string): ReplyContext {
  maybeResetTable();
  const split = splitCode(raw);
  const plain = stripMarkup(split.prose);
  const lowerProse = split.prose.toLowerCase();
  const lowerPlain = plain.toLowerCase();
  // One pass finds words and sentences; scripts without spaces go through the segmenter. Lower-
  // casing changes no character's script, letter/number class or sentence-end class, so the
  // lower-cased text has the sentences of `plain`.
  const spaced = scanText(lowerPlain, scan);
  const tokens = spaced ? internScanned(lowerPlain, scan) : internAll(words(lowerPlain));
  const stats = tokenStats(tokens);
  const categories = stats.categories;
  return {
    raw,
    prose: split.prose,
    plain,
    lowerProse,
    wordCount: tokens.length,
    tokens,
    stats,
    phrases: phraseCounts(lowerProse),
    sentences: spaced ? { ...scan.sentences } : sentenceStats(plain, true),
    lines: proseLines(split.prose),
    english: englishFromCounts(tokens.length, categories[CAT.functionWord], categories[CAT.latin]),
    codeBlocks: split.codeBlocks,
    codeChars: split.codeChars,
    inlineCode: split.inlineCode,
  };
}
