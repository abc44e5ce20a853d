/**
 * The prompt model's fast paths (no bigram strings, bucket scratch counts, input-major weights)
 * against the plain formulas they replace: same entries and predictions, to the bit.
 */
import { describe, expect, it } from 'vitest';
import { PROMPT_BUCKETS, promptTerms, promptVector } from '../../../../src/core/detect/prompt-text.ts';
import { committedPromptModel } from '../../../../src/core/detect/prompt-predictor.ts';
import { PROMPT_MODEL } from '../../../../src/core/detect/prompt-model-data.ts';
import { promptFeatures } from '../../../../src/core/features/prompt.ts';
import { words } from '../../../../src/core/text/segment.ts';

/** The straightforward definition: FNV-1a of each 1- and 2-gram string, counted in a Map. */
function plainVector(text: string): { index: number[]; value: number[] } {
  const fnv = (s: string) => {
    let h = 0x811c9dc5;
    for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
    return h >>> 0;
  };
  const ws = words(text.toLowerCase());
  const counts = new Map<number, number>();
  const add = (g: string) => counts.set(fnv(g) % PROMPT_BUCKETS, (counts.get(fnv(g) % PROMPT_BUCKETS) ?? 0) + 1);
  ws.forEach((w, i) => (add(w), i + 1 < ws.length && add(`${w} ${ws[i + 1]}`)));
  const entries = [...counts.entries()].sort((a, b) => a[0] - b[0]);
  const vals = entries.map(([, c]) => 1 + Math.log(c));
  const norm = Math.sqrt(vals.reduce((s, v) => s + v * v, 0)) || 1;
  const cues = promptFeatures(text).slice(1);
  return {
    index: [...entries.map(([b]) => b), ...cues.map((_, k) => PROMPT_BUCKETS + k)],
    value: [...vals.map((v) => v / norm), ...cues],
  };
}

function decode(base64: string): Float32Array {
  return new Float32Array(Uint8Array.from(atob(base64), (c) => c.charCodeAt(0)).buffer);
}

const TEXTS = [
  '',
  'Hi',
  'Write a detailed essay about rivers. Write it well, write it WELL.',
  'List 5 ways to save money? ',
  'Calculate 12 * 7 and explain the steps; then compare pros and cons.',
  'Ünïcödé wörds — ÉCOLE, straße, İstanbul, naïve café',
  '東京タワーについて教えてください。 and some English words too',
  'the the the the the the the the the the the the the the the',
  'x '.repeat(3000),
  "don't won’t it's self-driving e-mail 3.14 #tag @user",
];

describe('prompt model fast paths', () => {
  it('give the plain formula’s hashed n-grams and cues, to the bit', () => {
    for (const t of TEXTS) {
      const plain = plainVector(t);
      expect(promptTerms(t)).toEqual(plain);
      const v = promptVector(t);
      expect([...v.index]).toEqual(plain.index);
      expect([...v.value]).toEqual(plain.value);
    }
  });

  it('predict as feature-by-feature dot products in input order, to the bit', () => {
    const weights = PROMPT_MODEL.weights.map(decode);
    const m = committedPromptModel();
    for (const t of TEXTS) {
      const v = plainVector(t);
      const got = m.predict(t);
      PROMPT_MODEL.features.forEach((f, k) => {
        let s = PROMPT_MODEL.intercept[k];
        for (let i = 0; i < v.index.length; i++) s += weights[k][v.index[i]] * v.value[i];
        expect(got[f]).toBe(s);
      });
    }
  });

  it('leave no count behind between calls (a repeated call gives the same answer)', () => {
    const first = promptTerms(TEXTS[2]);
    promptTerms(TEXTS[8]);
    expect(promptTerms(TEXTS[2])).toEqual(first);
  });
});
