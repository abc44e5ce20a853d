import { describe, expect, it } from 'vitest';
import { analyzeRouter } from '../../../../src/core/router/analyze-router.ts';
import { optimalPartition, fitConstant, fitRandomWalk } from '../../../../src/core/router/drift-models.ts';
import { noText, synth, type Kind } from './synthetic.ts';

const EXPECTED: Record<Kind, string> = { constant: 'constant', trend: 'linear-trend', walk: 'random-walk', switcher: 'sticky-hmm' };

describe('router vs drift by BIC', () => {
  it.each(Object.entries(EXPECTED))('picks %s data → %s on a clear seeded case', (kind, model) => {
    const { conversations } = synth(kind as Kind, 21);
    // The candidate fits on the raw levels (the default analysis removes each conversation's level first).
    const r = analyzeRouter(conversations, { extractFeatures: noText, permutations: 19, skipMirroring: true, centerConversations: false });
    expect(r.comparison?.winner).toBe(model);
  });

  it('calls the sticky switcher router-like and the constant persona stable', () => {
    // Router-like needs returns inside conversations beyond shuffled order: 30 conversations of 20 give enough.
    const sw = analyzeRouter(synth('switcher', 4, 30, 20).conversations, { extractFeatures: noText, permutations: 99, skipMirroring: true });
    expect(sw.comparison?.verdict).toBe('router-like');
    // Removing each conversation's level shifts state means a little per conversation; BIC may add a 4th state.
    expect(sw.repertoire?.chosenK).toBeGreaterThanOrEqual(3);
    expect(sw.repertoire?.chosenK).toBeLessThanOrEqual(4);
    const st = analyzeRouter(synth('constant', 4).conversations, { extractFeatures: noText, permutations: 99, skipMirroring: true });
    expect(st.comparison?.verdict).toBe('stable');
    expect(st.repertoire?.chosenK).toBe(1);
  });

  it('optimal partitioning finds a clear step and nothing in flat data', () => {
    const step = [...Array(8).fill(0), ...Array(8).fill(5)].map((v, i) => [v + (i % 2 ? 0.1 : -0.1)]);
    expect(optimalPartition(step, [1], 2 * Math.log(16), 2)).toEqual([8]);
    const flat = Array.from({ length: 16 }, (_, i) => [i % 2 ? 0.1 : -0.1]);
    expect(optimalPartition(flat, [1], 2 * Math.log(16), 2)).toEqual([]);
  });

  it('the random-walk model is at least as good as constant on constant data (it nests it)', () => {
    const seqs = [
      [[0.3], [-0.2], [0.1], [0.4]],
      [[-0.5], [0.2], [0.0], [0.1]],
    ];
    expect(fitRandomWalk(seqs).logLik).toBeGreaterThanOrEqual(fitConstant(seqs).logLik - 1e-9);
  });
});
