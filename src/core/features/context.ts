/**
 * Builds the ReplyContext shared by every feature family: code stripped once, words segmented
 * and looked up once (word-table.ts), phrase patterns counted in one scan (phrase-scan.ts).
 */
import { splitCode, stripMarkup } from '../text/markdown.ts';
import { sentences, words } from '../text/segment.ts';
import { englishFromCounts } from '../text/language.ts';
import { HEDGE_PHRASES } from '../lexicons/hedges.ts';
import { AI_IDENTITY_PATTERNS, APOLOGY_PATTERNS, FLATTERY_PATTERNS, OTHER_IDENTITY_PATTERNS, REFUSAL_PATTERNS, WARMTH_PATTERNS } from '../lexicons/phrases.ts';
import { buildPhraseScanner } from './phrase-scan.ts';
import { CAT, countCategories, internAll, maybeResetTable } from './word-table.ts';
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

export function buildContext(raw: string): ReplyContext {
  maybeResetTable();
  const split = splitCode(raw);
  const plain = stripMarkup(split.prose);
  const lowerProse = split.prose.toLowerCase();
  const w = words(plain.toLowerCase());
  const tokens = internAll(w);
  const categories = countCategories(tokens);
  return {
    raw,
    prose: split.prose,
    plain,
    lowerProse,
    words: w,
    tokens,
    categories,
    phrases: phraseCounts(lowerProse),
    sentences: sentences(plain),
    english: englishFromCounts(w.length, categories[CAT.functionWord], categories[CAT.latin]),
    codeBlocks: split.codeBlocks,
    codeChars: split.codeChars,
    inlineCode: split.inlineCode,
  };
}
