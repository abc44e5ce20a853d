import { describe, expect, it } from 'vitest';
import { analyzeRouter } from '../../../../src/core/router/analyze-router.ts';
import { estimateOffsets, fitHmm, viterbi, type HmmFit } from '../../../../src/core/router/hmm.ts';
import { shiftRows } from '../../../../src/core/router/offsets.ts';
import { createRng } from '../../../../src/core/router/random.ts';
import { noText, synth } from './synthetic.ts';

const STATE_MEANS = [
  [-1.5, 0.5],
  [1.5, -0.5],
];

/**
 * Conversations that switch between two states in 2-D (stay 0.85, each conversation switches at
 * least once), each at its own level c_conv ~ N(0, 2²) per dimension.
 */
function switchingData(seed: number, conversations = 30, replies = 24) {
  const rng = createRng(seed);
  const seqs: number[][][] = [];
  const truth: number[][] = [];
  const levels: number[][] = [];
  for (let c = 0; c < conversations; c++) {
    const level = [2 * rng.normal(), 2 * rng.normal()];
    let s = rng.int(2);
    const states: number[] = [];
    for (let t = 0; t < replies; t++) {
      if (t > 0 && rng.next() < 0.15) s = 1 - s;
      states.push(s);
    }
    if (states.every((x) => x === states[0])) for (let t = replies / 2; t < replies; t++) states[t] = 1 - states[0];
    seqs.push(states.map((st) => STATE_MEANS[st].map((m, j) => level[j] + m + 0.7 * rng.normal())));
    truth.push(states);
    levels.push(level);
  }
  return { seqs, truth, levels };
}

/** Viterbi paths with each sequence net of the level the fit found for it. */
function decode(seqs: readonly number[][][], fit: HmmFit): number[][] {
  const bare = { ...fit.params, offsets: undefined };
  return seqs.map((s, i) => viterbi(shiftRows(s, fit.params.offsets?.[i]), bare));
}

/** Difference of the two state means along dimension 0, higher state minus lower. */
function contrast(fit: HmmFit): number {
  const m = fit.params.means.map((r) => r[0]);
  return Math.max(...m) - Math.min(...m);
}

/** RMS over conversations and dimensions of (estimate − truth), after removing the common shift (levels are identified up to one). */
function levelError(estimates: readonly (readonly number[])[], truth: readonly (readonly number[])[]): number {
  const d = truth[0].length;
  let ss = 0;
  for (let j = 0; j < d; j++) {
    const diffs = estimates.map((e, i) => e[j] - truth[i][j]);
    const shift = diffs.reduce((a, b) => a + b, 0) / diffs.length;
    for (const x of diffs) ss += (x - shift) ** 2;
  }
  return Math.sqrt(ss / (estimates.length * d));
}

describe('conversation levels fitted jointly with the states (offsets.ts)', () => {
  it('recovers known levels of switching conversations, where each conversation’s mean does not', () => {
    const { seqs, truth, levels } = switchingData(11);
    const fit = fitHmm(seqs, 2, { seed: 5, jointOffsets: true });
    const offsets = fit.params.offsets as number[][];
    expect(offsets).toHaveLength(seqs.length);
    const means = seqs.map((s) => s[0].map((_, j) => s.reduce((a, r) => a + r[j], 0) / s.length));
    const joint = levelError(offsets, levels);
    const centring = levelError(means, levels);
    // Noise 0.7 over 24 replies: ≈ 0.15 per level; the mean carries the conversation's mix of states.
    expect(joint).toBeLessThan(0.25);
    expect(centring).toBeGreaterThan(2 * joint);
    // The states are the true ones (up to label order) and the contrast is the true 3 SD.
    const paths = decode(seqs, fit);
    let agree = 0;
    let n = 0;
    paths.forEach((p, c) =>
      p.forEach((s, t) => {
        agree += s === truth[c][t] ? 1 : 0;
        n++;
      }),
    );
    expect(Math.max(agree, n - agree) / n).toBeGreaterThan(0.97);
    expect(contrast(fit)).toBeCloseTo(3, 0);
  });

  it('gives the same states whatever constant is added to each conversation', () => {
    const { seqs } = switchingData(12, 20, 16);
    const rng = createRng(99);
    const added = seqs.map(() => [10 * rng.normal(), 10 * rng.normal()]);
    const moved = seqs.map((s, c) => s.map((row) => row.map((v, j) => v + added[c][j])));
    const a = fitHmm(seqs, 2, { seed: 3, jointOffsets: true });
    const b = fitHmm(moved, 2, { seed: 3, jointOffsets: true });
    expect(b.logLik).toBeCloseTo(a.logLik, 6);
    b.params.means.forEach((m, k) => m.forEach((v, j) => expect(v).toBeCloseTo(a.params.means[k][j], 6)));
    expect(decode(moved, b)).toEqual(decode(seqs, a));
    // ... and the levels move by exactly what was added.
    (b.params.offsets as number[][]).forEach((c, i) => c.forEach((v, j) => expect(v - (a.params.offsets as number[][])[i][j]).toBeCloseTo(added[i][j], 6)));
    // Without free levels the same shift changes the fit (the test can fail).
    const plainA = fitHmm(seqs, 2, { seed: 3 });
    const plainB = fitHmm(moved, 2, { seed: 3 });
    expect(Math.abs(plainB.logLik - plainA.logLik)).toBeGreaterThan(1);
  });

  it('lets a conversation that never switches add nothing to the contrast between the states', () => {
    const { seqs } = switchingData(13);
    const rng = createRng(7);
    // Ten conversations that each stay in one state, at levels far apart.
    const still = Array.from({ length: 10 }, (_, c) => {
      const level = [4 * rng.normal(), 4 * rng.normal()];
      return Array.from({ length: 24 }, () => STATE_MEANS[c % 2].map((m, j) => level[j] + m + 0.7 * rng.normal()));
    });
    const without = fitHmm(seqs, 2, { seed: 5, jointOffsets: true });
    const withStill = fitHmm([...seqs, ...still], 2, { seed: 5, jointOffsets: true });
    expect(Math.abs(contrast(withStill) - contrast(without))).toBeLessThan(0.1);
    // Centring instead puts each still conversation at the middle of the states and pulls them together.
    const centre = (s: number[][]) =>
      shiftRows(
        s,
        s[0].map((_, j) => s.reduce((a, r) => a + r[j], 0) / s.length),
      );
    const centredWithout = fitHmm(seqs.map(centre), 2, { seed: 5 });
    const centredWith = fitHmm([...seqs, ...still].map(centre), 2, { seed: 5 });
    expect(contrast(centredWithout) - contrast(centredWith)).toBeGreaterThan(0.2);
  });

  it('estimates the level of a conversation outside the fit with the states held fixed', () => {
    const { seqs, levels } = switchingData(14, 40);
    const fit = fitHmm(seqs.slice(0, 30), 2, { seed: 5, jointOffsets: true });
    const bare = { ...fit.params, offsets: undefined };
    const fitted = fit.params.offsets as number[][];
    const estimated = estimateOffsets(seqs.slice(30), bare);
    // On the fitted scale: the shift between fitted and true levels is the same for the held-out ones.
    const all = [...fitted, ...estimated];
    expect(levelError(all, levels)).toBeLessThan(0.25);
    // A one-reply conversation keeps level 0.
    expect(estimateOffsets([[[5, 5]]], bare)).toEqual([[0, 0]]);
  });

  it('decodes every conversation of a pile fitted on a sample, each net of its own level', () => {
    const { conversations, states } = synth('switcher', 21, 40, 16);
    const r = analyzeRouter(conversations, {
      extractFeatures: noText,
      seed: 2,
      permutations: 19,
      bootstrap: 10,
      skipMirroring: true,
      maxFitReplies: 200,
      jointOffsets: true,
    });
    expect(r.warnings.some((w) => w.includes('random sample'))).toBe(true);
    const timeline = r.repertoire?.timeline ?? [];
    expect(timeline.map((t) => t.states.length)).toEqual(states.map((s) => s.length));
    // Each decoded state given its majority true state: the decoding follows the truth.
    const votes = new Map<string, number[]>();
    timeline.forEach((t, c) =>
      t.states.forEach((id, i) => {
        const v = votes.get(id) ?? [0, 0, 0];
        v[states[c][i]]++;
        votes.set(id, v);
      }),
    );
    const agree = [...votes.values()].reduce((a, v) => a + Math.max(...v), 0);
    expect(agree / (40 * 16)).toBeGreaterThan(0.85);
  });
});
