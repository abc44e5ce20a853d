import { describe, expect, it } from 'vitest';
import { analyzeRouter } from '../../../../src/core/router/analyze-router.ts';
import { buildQuestions } from '../../../../src/core/router/questions.ts';
import type { RouterReport } from '../../../../src/core/router/types.ts';
import { noText, synth } from './synthetic.ts';

const routerLine = (
  r: Pick<
    RouterReport,
    'repertoire' | 'transitions' | 'comparison' | 'triggers' | 'modelSwitch' | 'promptConditioning' | 'recurrence' | 'loop' | 'routes' | 'sizes'
  >,
) => buildQuestions(r, 0.05).find((q) => q.id === 'router');

/** A real report whose comparison says "mixed reply types", with the HMM `behind` ΔBIC behind, the recurrence test at `p` and the persistence test at `persistP`. */
function mixedWith(behind: number, p: number, persistP = 0.6): RouterReport {
  const r = analyzeRouter(synth('switcher', 3, 20, 16).conversations, { extractFeatures: noText, permutations: 99, skipMirroring: true });
  if (!r.comparison || !r.recurrence) throw new Error('fixture must have a comparison and a recurrence test');
  const fits = r.comparison.fits.map((f) => ({ ...f, deltaBic: f.model === 'mixture' ? 0 : f.model === 'sticky-hmm' ? behind : f.deltaBic + 100 }));
  const persistence = r.comparison.persistence && { ...r.comparison.persistence, p: persistP };
  return { ...r, comparison: { ...r.comparison, verdict: 'mixed-reply-types', winner: 'mixture', fits, persistence }, recurrence: { ...r.recurrence, p } };
}

describe('the router line says "no" only when the evidence rules a router out', () => {
  it('says "no" on gradual drift, where the HMM is far behind and nothing comes back', () => {
    const r = analyzeRouter(synth('trend', 2, 20, 16).conversations, { extractFeatures: noText, permutations: 99, skipMirroring: true });
    expect(r.comparison?.verdict).toBe('drift-like');
    expect(r.questions.find((q) => q.id === 'router')?.verdict).toBe('no');
  });

  it('says "can\'t tell" when a mix of reply types wins but personas come back beyond shuffled order', () => {
    const line = routerLine(mixedWith(40, 0.01));
    expect(line?.verdict).toBe("can't tell");
    expect(line?.answer).toMatch(/^Can't tell: an order-free mix of reply types fits best, but personas do come back/);
  });

  it('says "can\'t tell" when a mix of reply types wins but neighbouring replies are alike beyond shuffled order', () => {
    const line = routerLine(mixedWith(40, 0.6, 0.01));
    expect(line?.verdict).toBe("can't tell");
    expect(line?.answer).toMatch(/persistence p = 0\.01/);
    expect(routerLine(mixedWith(40, 0.6, 0.3))?.verdict).toBe('no');
  });

  it('says "can\'t tell" when the HMM is not clearly behind, and "no" when it is and nothing comes back', () => {
    expect(routerLine(mixedWith(5, 0.6))?.verdict).toBe("can't tell");
    expect(routerLine(mixedWith(5, 0.6))?.answer).toMatch(/only ΔBIC 5(\.0)? behind/);
    expect(routerLine(mixedWith(40, 0.6))?.verdict).toBe('no');
  });
});
