import { describe, expect, it } from 'vitest';
import { fitHmm } from '../../../../src/core/router/hmm-fit.ts';
import { forwardBackward, viterbi, type HmmParams } from '../../../../src/core/router/hmm.ts';
import { createRng } from '../../../../src/core/router/random.ts';

/** Two well-separated states in 2-D, sticky switching; returns sequences and true states. */
function twoStateData(seed: number) {
  const rng = createRng(seed);
  const seqs: number[][][] = [];
  const truth: number[][] = [];
  for (let c = 0; c < 10; c++) {
    let s = rng.int(2);
    const seq: number[][] = [];
    const st: number[] = [];
    for (let t = 0; t < 20; t++) {
      if (t > 0 && rng.next() < 0.1) s = 1 - s;
      seq.push([s ? 3 : -3, s ? -1 : 1].map((m) => m + rng.normal()));
      st.push(s);
    }
    seqs.push(seq);
    truth.push(st);
  }
  return { seqs, truth };
}

describe('sticky Gaussian HMM', () => {
  it('forward–backward log-likelihood equals brute-force enumeration of all state paths', () => {
    const p: HmmParams = {
      k: 2,
      logPi: [Math.log(0.6), Math.log(0.4)],
      logA: [
        [Math.log(0.7), Math.log(0.3)],
        [Math.log(0.2), Math.log(0.8)],
      ],
      means: [[0], [2]],
      variances: [[1], [0.5]],
    };
    const seq = [[0.1], [1.9], [1.2]];
    const dens = (x: number, k: number) => Math.exp(-((x - p.means[k][0]) ** 2) / (2 * p.variances[k][0])) / Math.sqrt(2 * Math.PI * p.variances[k][0]);
    let total = 0;
    for (let a = 0; a < 2; a++)
      for (let b = 0; b < 2; b++)
        for (let c = 0; c < 2; c++) total += Math.exp(p.logPi[a] + p.logA[a][b] + p.logA[b][c]) * dens(seq[0][0], a) * dens(seq[1][0], b) * dens(seq[2][0], c);
    const post = forwardBackward(seq, p);
    expect(post.logLik).toBeCloseTo(Math.log(total), 10);
    post.gamma.forEach((g) => expect(g[0] + g[1]).toBeCloseTo(1, 10));
    expect(viterbi(seq, p)).toEqual([0, 1, 1]);
  });

  it('recovers the states of a seeded two-state switcher (up to relabelling)', () => {
    const { seqs, truth } = twoStateData(11);
    const fit = fitHmm(seqs, 2, { seed: 3 });
    const paths = seqs.map((s) => viterbi(s, fit.params));
    const flatP = paths.flat();
    const flatT = truth.flat();
    const agree = flatP.filter((v, i) => v === flatT[i]).length / flatT.length;
    expect(Math.max(agree, 1 - agree)).toBeGreaterThan(0.97);
    const means = fit.params.means.map((m) => m[0]).sort((a, b) => a - b);
    expect(means[0]).toBeCloseTo(-3, 0);
    expect(means[1]).toBeCloseTo(3, 0);
    // Stickiness: the fitted self-transition probabilities are high.
    fit.params.logA.forEach((row, i) => expect(Math.exp(row[i])).toBeGreaterThan(0.8));
  });

  it('more states never lower the likelihood much, and the same seed gives the same fit', () => {
    const { seqs } = twoStateData(5);
    const a = fitHmm(seqs, 3, { seed: 9 });
    const b = fitHmm(seqs, 3, { seed: 9 });
    expect(a.logLik).toBe(b.logLik);
    expect(a.logLik).toBeGreaterThan(fitHmm(seqs, 1).logLik);
    expect(a.paramCount).toBe(2 + 6 + 12);
  });
});
