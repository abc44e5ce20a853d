import { describe, expect, it } from 'vitest';
import { countReturns, recurrenceTest, visitsOf } from '../../../../src/core/router/recurrence.ts';
import { createRng } from '../../../../src/core/router/random.ts';

describe('within-conversation recurrence (visit order shuffled)', () => {
  it('visits are runs of 2+ replies; a single odd reply is not a visit', () => {
    expect(visitsOf([0, 0, 1, 1, 1, 0, 0])).toEqual([0, 1, 0]);
    expect(visitsOf([0, 0, 1, 0, 0])).toEqual([0]); // the lone 1 is noise, the two 0-runs merge
    expect(countReturns([0, 1, 0, 2, 1])).toBe(2);
    expect(countReturns([0, 1, 2])).toBe(0);
  });

  it('rejects shuffled order when personas leave and come back in many conversations', () => {
    const paths = Array.from({ length: 12 }, () => [0, 0, 0, 1, 1, 1, 0, 0, 0, 1, 1, 1, 0, 0]);
    const t = recurrenceTest(paths, 199, createRng(3));
    expect(t.returns).toBe(12 * 3);
    expect(t.returnsNull).toBeLessThan(t.returns);
    expect(t.p).toBeLessThan(0.01);
  });

  it('conversations that each sit in one state (clustered piles) give nothing to test', () => {
    const paths = [Array(10).fill(0), Array(8).fill(1), Array(12).fill(2), [0, 0, 1, 0, 0]];
    const t = recurrenceTest(paths, 99, createRng(1));
    expect(t.returns).toBe(0);
    expect(t.p).toBeNull();
  });

  it('fresh segments without returns are never significant', () => {
    const paths = Array.from({ length: 10 }, () => [0, 0, 1, 1, 2, 2, 3, 3]);
    const t = recurrenceTest(paths, 99, createRng(2));
    expect(t.returns).toBe(0);
    expect(t.p).toBe(1);
  });
});
