import { describe, expect, it } from 'vitest';
import { lineMark, skeleton, wordShape } from '../../../bench/lib/style/skeleton.ts';
import { cosineGram, sparseDot, styleVector } from '../../../bench/lib/style/vector.ts';
import { decodeWeights, encodeWeights, styleBucketWeights } from '../../../bench/lib/style/weights.ts';
import { kernelCost } from '../../../src/core/changepoint/cost.ts';
import { pelt } from '../../../src/core/changepoint/pelt.ts';

describe('style skeleton', () => {
  it('maps content words to shapes and keeps function words, punctuation and emphasis', () => {
    const s = skeleton('Certainly! The **Eiffel Tower** is 330 m tall.');
    expect(s.tokens).toEqual(['certainly', '!', 'the', '**', 'Xx', 'Xx', '**', 'is', 'd', 'x', 'x', '.']);
  });
  it('word shapes', () => {
    expect(wordShape('Paris')).toBe('Xx');
    expect(wordShape('NASA')).toBe('XX');
    expect(wordShape('2024')).toBe('d');
    expect(wordShape('well-known')).toBe('xxx-');
    expect(wordShape('mp3')).toBe('xd');
    expect(wordShape('cat')).toBe('x');
  });
  it('line marks: headings, bullets, numbered bold items, tables, quotes; numbers normalised', () => {
    expect(lineMark('## Title')).toBe('##');
    expect(lineMark('- item')).toBe('-');
    expect(lineMark('12. **Step**: do it')).toBe('1.**');
    expect(lineMark('**Note:** x')).toBe('**');
    expect(lineMark('| a | b |')).toBe('|');
    expect(lineMark('> quoted')).toBe('>');
    expect(lineMark('  - nested')).toBe('>-');
    expect(lineMark('plain text')).toBe('');
  });
  it('collapses code blocks, marks blank lines, tags opener and closer', () => {
    const s = skeleton('Sure! Here it is:\n\n```js\nconst secret = 42;\n```\n\nI hope this helps.');
    expect(s.tokens).toContain('<code>');
    expect(s.tokens.join(' ')).not.toContain('secret');
    expect(s.tokens).toContain('¶¶');
    expect(s.positional[0]).toBe('^0:sure');
    expect(s.positional).toContain('$:hope');
    expect(s.positional).toContain('$i hope this');
  });
  it('is topic-robust: same habits on different topics give the same skeleton', () => {
    expect(skeleton('The cat sat on the mat.').tokens).toEqual(skeleton('The dog ran on the road.').tokens);
  });
});

describe('style vectors', () => {
  it('are unit length, sparse and sorted; empty text gives an empty vector', () => {
    const v = styleVector('Certainly! Here are three tips:\n\n1. **Sleep** well.\n2. **Eat** well.');
    expect(sparseDot(v, v)).toBeCloseTo(1, 10);
    for (let i = 1; i < v.index.length; i++) expect(v.index[i]).toBeGreaterThan(v.index[i - 1]);
    expect(styleVector('').index.length).toBe(0);
  });
  it('same habits on different topics are closer than different habits on the same topic', () => {
    const a = styleVector('Certainly! Here are some tips:\n\n1. **Plan** ahead.\n2. **Rest** often.\n\nI hope this helps!');
    const b = styleVector('Certainly! Here are some ideas:\n\n1. **Paint** walls.\n2. **Fix** doors.\n\nI hope this helps!');
    const c = styleVector('plan ahead and rest often, that is all there is to it really');
    expect(sparseDot(a, b)).toBeGreaterThan(sparseDot(a, c) + 0.3);
  });
  it('bucket weights reweight before normalisation; Gram diagonal is the squared norm', () => {
    const zero = new Float32Array(1 << 13);
    const v = styleVector('Hello there.', { bucketWeights: zero });
    expect(sparseDot(v, v)).toBe(0);
    const K = cosineGram([v, styleVector('Hello there.')]);
    expect(K[0]).toBe(0);
    expect(K[3]).toBeCloseTo(1, 10);
  });
  it('weights round-trip through the base64 encoding; committed weights are non-trivial', () => {
    const w = new Float32Array([0, 1, 2, 3, 4, 100]);
    const d = decodeWeights(encodeWeights(w));
    expect(d.length).toBe(6);
    expect(d[0]).toBe(0);
    expect(d[2]).toBeGreaterThan(d[1]);
    const c = styleBucketWeights();
    expect(c.length).toBe(1 << 13);
    expect(c.some((x) => x > 0)).toBe(true);
  });
  it('kernel change-point search finds a switch between two reply styles', () => {
    const A = (i: number) => `Certainly! Here is option ${i}:\n\n1. **First** thing.\n2. **Second** thing.\n\nI hope this helps!`;
    const B = (i: number) => `ok so basically you just do thing number ${i} and its fine lol`;
    const vs = [...[1, 2, 3, 4, 5].map(A), ...[6, 7, 8, 9, 10].map(B)].map((t) => styleVector(t));
    expect(pelt(kernelCost(cosineGram(vs), vs.length), 1, 2)).toEqual([5]);
    const same = [1, 2, 3, 4, 5, 6].map(A).map((t) => styleVector(t));
    expect(pelt(kernelCost(cosineGram(same), same.length), 1, 2)).toEqual([]);
  });
});
