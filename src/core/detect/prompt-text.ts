/**
 * The prompt model's input: what a user's request looks like as a fixed-length vector, from the
 * request text only (never the reply). Hashed (FNV-1a) lower-cased word 1- and 2-grams, sublinear
 * tf, unit length, followed by the generic request cues of features/prompt.ts (length, question,
 * list / short / long / code / … cues). No prompt is memorised: a bucket is shared by every
 * n-gram that hashes to it.
 */
import { promptFeatures } from '../features/prompt.ts';
import { words } from '../text/segment.ts';

export const PROMPT_BUCKETS = 1 << 12;
/** Cue dimensions after the buckets (promptFeatures without its bias term). */
export const PROMPT_CUES = promptFeatures('').length - 1;
export const PROMPT_DIMS = PROMPT_BUCKETS + PROMPT_CUES;

function fnv(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

export interface PromptVector {
  index: Int32Array;
  value: Float64Array;
}

export function promptVector(text: string): PromptVector {
  const ws = words(text.toLowerCase());
  const counts = new Map<number, number>();
  const add = (g: string) => {
    const b = fnv(g) % PROMPT_BUCKETS;
    counts.set(b, (counts.get(b) ?? 0) + 1);
  };
  for (let i = 0; i < ws.length; i++) {
    add(ws[i]);
    if (i + 1 < ws.length) add(ws[i] + ' ' + ws[i + 1]);
  }
  const entries = [...counts.entries()].sort((a, b) => a[0] - b[0]);
  let norm = 0;
  const vals = entries.map(([, c]) => 1 + Math.log(c));
  for (const v of vals) norm += v * v;
  norm = Math.sqrt(norm) || 1;
  const cues = promptFeatures(text).slice(1);
  const index = new Int32Array(entries.length + cues.length);
  const value = new Float64Array(entries.length + cues.length);
  entries.forEach(([b], i) => ((index[i] = b), (value[i] = vals[i] / norm)));
  cues.forEach((c, k) => ((index[entries.length + k] = PROMPT_BUCKETS + k), (value[entries.length + k] = c)));
  return { index, value };
}
