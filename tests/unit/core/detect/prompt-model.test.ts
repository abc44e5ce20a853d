import { describe, expect, it } from 'vitest';
import { PROMPT_DIMS, PROMPT_BUCKETS, promptVector } from '../../../../src/core/detect/prompt-text.ts';
import { committedPromptModel, encodeFloat32, promptPredictor, residualizeExpected } from '../../../../src/core/detect/prompt-predictor.ts';
import { PROMPT_MODEL } from '../../../../src/core/detect/prompt-model-data.ts';
import { FEATURE_NAMES } from '../../../../src/core/features/registry.ts';

describe('prompt model input', () => {
  it('hashes word 1–2-grams to a unit vector and appends the request cues', () => {
    const v = promptVector('Write a detailed essay about rivers. Write it well.');
    const grams = [...v.index].map((i, k) => [i, v.value[k]]).filter(([i]) => i < PROMPT_BUCKETS);
    expect(grams.reduce((s, [, x]) => s + x * x, 0)).toBeCloseTo(1, 9);
    expect([...v.index].every((i, k) => k === 0 || i > v.index[k - 1])).toBe(true);
    expect(Math.max(...v.index)).toBeLessThan(PROMPT_DIMS);
    expect(promptVector('Write a detailed essay about rivers. Write it well.')).toEqual(v);
  });
});

describe('the committed prompt model', () => {
  it('covers every feature with weights of the right size (under 5 MB)', () => {
    expect(PROMPT_MODEL.features).toEqual(FEATURE_NAMES);
    expect(JSON.stringify(PROMPT_MODEL).length).toBeLessThan(5e6);
    expect(() => committedPromptModel()).not.toThrow();
  });

  it('expects a longer, more listy reply for a detailed multi-step request than for a one-word answer', () => {
    const m = committedPromptModel();
    const long = m.predict('Write a detailed step-by-step guide with examples on how to set up a home network.');
    const short = m.predict('What is the capital of France? Answer in one word.');
    expect(long.words_log!).toBeGreaterThan(short.words_log!);
    expect(long.list_share!).toBeGreaterThan(short.list_share!);
  });

  it('refuses weights that do not match its input size', () => {
    const bad = { ...PROMPT_MODEL, features: ['words_log'], intercept: [0], weights: [encodeFloat32(new Float32Array(3))] };
    expect(() => promptPredictor(bad)).toThrow(/input dims/);
  });
});

describe('residuals from expected values', () => {
  it('removes what the request predicts, keeping the conversation level', () => {
    const values = [{ words_log: 2 }, { words_log: 3 }];
    const expected = [{ words_log: 1.5 }, { words_log: 2.5 }];
    const r = residualizeExpected(values, expected);
    expect(r.map((v) => v.words_log)).toEqual([2.5, 2.5]);
    expect(values[0].words_log).toBe(2); // input untouched
  });
});
