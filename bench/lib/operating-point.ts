/**
 * Scores at a fixed false-alarm rate (issue 14). A switch estimate that matches no true switch
 * (±1 reply) is false; the rate is false switches per 100 possible switch points, n − 1 for a
 * conversation of n replies. A method is run at a series of settings (penalties, thresholds, k),
 * its precision–recall curve is printed, and its operating point is the setting with the best F1
 * among those at ≤ 2 false switches per 100 points. Intervals: 95% percentile bootstrap over
 * conversations (seeded).
 */
import { f1, precisionRecall } from './metrics/changepoints.ts';
import { mulberry32 } from '../../src/core/math/random.ts';
import { MARGIN } from './score.ts';

export const MAX_FALSE_PER_100 = 2;

/** One conversation's outcome under one setting. */
export interface Outcome {
  tp: number;
  est: number;
  truth: number;
  /** Possible switch points: n − 1. */
  points: number;
}

export function outcome(truth: readonly number[], est: readonly number[], n: number): Outcome {
  return { tp: precisionRecall(truth, est, MARGIN).truePositives, est: est.length, truth: truth.length, points: Math.max(0, n - 1) };
}

export interface Pooled {
  precision: number | null;
  recall: number | null;
  f1: number;
  falsePer100: number;
}

export function pool(os: readonly Outcome[]): Pooled {
  let tp = 0,
    est = 0,
    truth = 0,
    points = 0;
  for (const o of os) (tp += o.tp), (est += o.est), (truth += o.truth), (points += o.points);
  const precision = est ? tp / est : null;
  const recall = truth ? tp / truth : null;
  return { precision, recall, f1: f1(precision, recall), falsePer100: (100 * (est - tp)) / Math.max(1, points) };
}

export interface Interval {
  value: number;
  lo: number;
  hi: number;
}

/** Percentile bootstrap (conversations resampled with replacement) of each pooled statistic. */
export function bootstrap(os: readonly Outcome[], reps = 1000, seed = 14): Record<'recall' | 'f1' | 'precision' | 'falsePer100', Interval> {
  const point = pool(os);
  const rnd = mulberry32(seed);
  const draws = { recall: [] as number[], f1: [] as number[], precision: [] as number[], falsePer100: [] as number[] };
  const sample: Outcome[] = new Array(os.length);
  for (let r = 0; r < reps && os.length; r++) {
    for (let i = 0; i < os.length; i++) sample[i] = os[Math.floor(rnd() * os.length)];
    const p = pool(sample);
    draws.recall.push(p.recall ?? 0);
    draws.precision.push(p.precision ?? 0);
    draws.f1.push(p.f1);
    draws.falsePer100.push(p.falsePer100);
  }
  const ci = (xs: number[], v: number): Interval => {
    const s = [...xs].sort((a, b) => a - b);
    return { value: v, lo: s[Math.floor(0.025 * (s.length - 1))] ?? v, hi: s[Math.ceil(0.975 * (s.length - 1))] ?? v };
  };
  return {
    recall: ci(draws.recall, point.recall ?? 0),
    precision: ci(draws.precision, point.precision ?? 0),
    f1: ci(draws.f1, point.f1),
    falsePer100: ci(draws.falsePer100, point.falsePer100),
  };
}

export const fmtInterval = (x: Interval, digits = 2) => `${x.value.toFixed(digits)} [${x.lo.toFixed(digits)}, ${x.hi.toFixed(digits)}]`;

/** A method's outcomes per setting (settings ordered from least to most sensitive). */
export interface Curve {
  settings: (string | number)[];
  outcomes: Outcome[][];
}

/** Index of the best-F1 setting with ≤ maxFalse false switches per 100 points (−1: none qualifies). */
export function operatingPoint(c: Curve, maxFalse = MAX_FALSE_PER_100): number {
  let best = -1,
    bestF1 = -1;
  c.outcomes.forEach((os, i) => {
    const p = pool(os);
    if (p.falsePer100 <= maxFalse && p.f1 > bestF1) [best, bestF1] = [i, p.f1];
  });
  return best;
}

/** One line per setting: "setting: P/R/F1 @ false/100". */
export function curveLine(c: Curve): string {
  return c.settings
    .map((s, i) => {
      const p = pool(c.outcomes[i]);
      return `${s}: R ${(p.recall ?? 0).toFixed(2)} P ${p.precision === null ? '—' : p.precision.toFixed(2)} @${p.falsePer100.toFixed(1)}`;
    })
    .join(' | ');
}
