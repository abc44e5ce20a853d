import { describe, expect, it } from 'vitest';
import { fitRidge, residualize } from '../../../../src/core/detect/prompt-model.ts';
import { promptFeatures, PROMPT_FEATURE_NAMES } from '../../../../src/core/features/prompt.ts';
import { requestsBefore } from '../../../../src/core/analyze.ts';

describe('prompt model', () => {
  it('ridge with lambda 0 recovers an exact linear relation', () => {
    const X = [[1, 0], [1, 1], [1, 2], [1, 3]];
    const y = X.map((x) => 2 + 3 * x[1]);
    const c = fitRidge(X, y, 0);
    expect(c[0]).toBeCloseTo(2, 8);
    expect(c[1]).toBeCloseTo(3, 8);
    expect(fitRidge(X, y, 100)[1]).toBeLessThan(3);
  });
  it('residualize removes the predicted part relative to the conversation mean, nulls untouched', () => {
    const out = residualize([{ a: 5 }, { a: 7 }, { a: null }], [[1, 0], [1, 2], [1, 1]], { a: [0, 1] });
    expect(out[0].a).toBeCloseTo(6, 10);
    expect(out[1].a).toBeCloseTo(6, 10);
    expect(out[2].a).toBeNull();
  });
  it('prompt features flag what the request asks for', () => {
    const v = promptFeatures('List 5 tips for writing a short poem?');
    const at = (n: string) => v[PROMPT_FEATURE_NAMES.indexOf(n)];
    expect(v).toHaveLength(PROMPT_FEATURE_NAMES.length);
    expect(at('list')).toBe(1);
    expect(at('short')).toBe(1);
    expect(at('question')).toBe(1);
    expect(at('code')).toBe(0);
  });
  it('pairs each assistant reply with the latest user message before it', () => {
    expect(requestsBefore([{ role: 'assistant', text: 'a' }, { role: 'user', text: 'q1' }, { role: 'assistant', text: 'b' }, { role: 'assistant', text: 'c' }])).toEqual(['', 'q1', 'q1']);
  });
});
