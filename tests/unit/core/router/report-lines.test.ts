import { describe, expect, it } from 'vitest';
import { analyzeRouter } from '../../../../src/core/router/analyze-router.ts';
import { fitHmm } from '../../../../src/core/router/hmm-fit.ts';
import { forwardBackward, viterbi } from '../../../../src/core/router/hmm.ts';
import { routerReportMarkdown } from '../../../../src/core/router/markdown.ts';
import { logSumExp } from '../../../../src/core/math/stats.ts';
import { noText, synth } from './synthetic.ts';

describe('HMM pieces added for v2', () => {
  it('scaled forward–backward gives the log-space likelihood (brute force over all paths of a tiny case)', () => {
    const p = {
      k: 2,
      logPi: [Math.log(0.6), Math.log(0.4)],
      logA: [
        [Math.log(0.7), Math.log(0.3)],
        [Math.log(0.2), Math.log(0.8)],
      ],
      means: [[0], [3]],
      variances: [[1], [2]],
    };
    const seq = [[0.1], [2.5], [3.2]];
    const logN = (x: number, m: number, v: number) => -0.5 * (Math.log(2 * Math.PI * v) + (x - m) ** 2 / v);
    const terms: number[] = [];
    for (const a of [0, 1])
      for (const b of [0, 1])
        for (const c of [0, 1])
          terms.push(
            p.logPi[a] +
              logN(0.1, p.means[a][0], p.variances[a][0]) +
              p.logA[a][b] +
              logN(2.5, p.means[b][0], p.variances[b][0]) +
              p.logA[b][c] +
              logN(3.2, p.means[c][0], p.variances[c][0]),
          );
    const fb = forwardBackward(seq, p);
    expect(fb.logLik).toBeCloseTo(logSumExp(terms), 10);
    for (const g of fb.gamma) expect(g[0] + g[1]).toBeCloseTo(1, 12);
  });

  it('conversation clusters never switch inside a conversation', () => {
    const seqs = [
      [[0], [0.2], [-0.1]],
      [[5], [5.3], [4.8]],
      [[0.1], [5.1], [0.2]],
    ];
    const fit = fitHmm(seqs, 2, { wholeConversation: true, seed: 1 });
    for (const s of seqs) expect(new Set(viterbi(s, fit.params)).size).toBe(1);
    expect(fit.paramCount).toBe(1 + 2 * 2 * 1);
  });
});

describe('the readable report', () => {
  it('answers five questions with a verdict word, and the Markdown export carries the same lines safely', () => {
    const convs = synth('switcher', 5, 30, 20).conversations;
    convs[0].turns[0].text = '<script>alert(1)</script> ok';
    const r = analyzeRouter(convs, { extractFeatures: noText, permutations: 99, skipMirroring: true });
    expect(r.questions.find((q) => q.id === 'router')?.verdict).toBe('yes');
    expect(r.questions.find((q) => q.id === 'models')?.answer).toBe("Can't tell: no route data.");
    const md = routerReportMarkdown(r, 'Report <b>x</b>');
    expect(md).toContain('# Report &lt;b>x&lt;/b>');
    expect(md).not.toContain('<script>');
    expect(md.match(/^### /gm)).toHaveLength(5);
    expect(md).toMatch(/\*\*yes\*\*/);
  });
});
