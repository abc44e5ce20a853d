/**
 * The prompt model's input: what a user's request looks like as a fixed-length vector, from the
 * request text only (never the reply). Hashed (FNV-1a) lower-cased word 1- and 2-grams, sublinear
 * tf, unit length, followed by the generic request cues of features/prompt.ts (length, question,
 * list / short / long / code / … cues). No prompt is memorised: a bucket is shared by every
 * n-gram that hashes to it.
 */
import { promptFeatures, promptFeaturesOfLower } from '../features/prompt.ts';
import { words } from '../text/segment.ts';
import { createTextScan, scanText, type TextScan } from '../text/word-scan.ts';

export const PROMPT_BUCKETS = 1 << 12;
/** Cue dimensions after the buckets (promptFeatures without its bias term). */
export const PROMPT_CUES = promptFeatures('').length - 1;
export const PROMPT_DIMS = PROMPT_BUCKETS + PROMPT_CUES;

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

/** FNV-1a state after s[start, end), continued from `h` (not yet made unsigned). */
function fnvSpan(h: number, s: string, start: number, end: number): number {
  for (let i = start; i < end; i++) h = Math.imul(h ^ s.charCodeAt(i), FNV_PRIME);
  return h;
}

export interface PromptVector {
  index: Int32Array;
  value: Float64Array;
}

// Scratch n-gram counts per bucket, zeroed again after each call, and the word scanner's buffers
// (calls never overlap).
const bucketCounts = new Int32Array(PROMPT_BUCKETS);
const scan: TextScan = createTextScan(256);

export function promptVector(text: string): PromptVector {
  const t = promptTerms(text);
  return { index: Int32Array.from(t.index), value: Float64Array.from(t.value) };
}

/** promptVector's entries as plain arrays (cheaper to allocate than typed arrays: the predictor's path). */
export function promptTerms(text: string): { index: number[]; value: number[] } {
  const lower = text.toLowerCase();
  // A bucket is (FNV-1a of the n-gram) mod PROMPT_BUCKETS, i.e. its low 12 bits. The bigram
  // "a b" hashes as a's state continued with ' ' and b, so no bigram string is built.
  const index: number[] = [];
  const add = (h: number) => {
    const b = h & (PROMPT_BUCKETS - 1);
    if (bucketCounts[b]++ === 0) index.push(b);
  };
  let wordCount: number;
  if (scanText(lower, scan)) {
    // The scanner's words are words()'s, as spans with their FNV-1a state: no string per word.
    const { starts, ends, hashes } = scan;
    wordCount = scan.count;
    for (let i = 0; i < wordCount; i++) {
      const h = hashes[i];
      add(h);
      if (i + 1 < wordCount) add(fnvSpan(Math.imul(h ^ 32, FNV_PRIME), lower, starts[i + 1], ends[i + 1]));
    }
  } else {
    const ws = words(lower);
    wordCount = ws.length;
    for (let i = 0; i < ws.length; i++) {
      const h = fnvSpan(FNV_OFFSET, ws[i], 0, ws[i].length);
      add(h);
      if (i + 1 < ws.length) add(fnvSpan(Math.imul(h ^ 32, FNV_PRIME), ws[i + 1], 0, ws[i + 1].length));
    }
  }
  const cues = promptFeaturesOfLower(lower, wordCount);
  index.sort((a, b) => a - b);
  const grams = index.length;
  const value: number[] = [];
  let norm = 0;
  for (let i = 0; i < grams; i++) {
    const b = index[i];
    const v = 1 + Math.log(bucketCounts[b]);
    bucketCounts[b] = 0;
    value.push(v);
    norm += v * v;
  }
  norm = Math.sqrt(norm) || 1;
  for (let i = 0; i < grams; i++) value[i] /= norm;
  // Cues without promptFeatures' bias term.
  for (let k = 1; k < cues.length; k++) index.push(PROMPT_BUCKETS + k - 1), value.push(cues[k]);
  return { index, value };
}
