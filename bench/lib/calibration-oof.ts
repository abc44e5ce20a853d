/**
 * Out-of-fold fit of the confidence curve, on DEV only (leave-one-generator-out cross-fitting).
 *
 * For each dev generator g: re-tune shrinkage and penalty (tuneRobust; style weight, switch test and feature
 * weights fixed) on the dev conversations that do not contain g, then detect on the conversations
 * that do contain g with those fold parameters. The (score, matched) pairs of these held-out
 * detections, pooled over folds, are what the detector looks like on a generator it was not tuned
 * on; the final logistic curve is fitted on them. Single-source dev conversations are included,
 * so false switches pull confidence down. A two-generator conversation is held out in two folds;
 * each copy counts half. Feature weights and prior scales stay those of all dev generators (a
 * known, small leak: they are not refitted per fold).
 *
 * Dev out-of-fold reliability of the curve itself: for fold g, a curve fitted on the out-of-fold
 * samples of conversations without g, applied to g's held-out detections; beside it the old
 * in-sample method (curve fitted on the fold's own training detections).
 */
import { calibrate, type Calibration } from '../../src/core/detect/calibration.ts';
import { fitCalibration } from './calibration-fit.ts';
import type { BenchParams } from './channels.ts';
import type { ConfidenceOutcome } from './reliability.ts';
import { detectionSamples, tuneRobust, type Prepared } from './tune.ts';

export interface WeightedSet {
  items: Prepared[];
  /** Weight of each detection from this set in the curve fit (near-family counts twice). */
  weight: number;
}

export interface OofSample {
  score: number;
  positive: boolean;
  weight: number;
  /** Generator(s) of the conversation, 'a|b'. */
  group: string;
  /** Held-out generator of the fold that produced it. */
  fold: string;
}

export interface OofCalibration {
  calibration: Calibration;
  samples: OofSample[];
  folds: { generator: string; params: BenchParams }[];
  /** Dev held-out detections with the confidence each method would have stated. */
  reliability: { outOfFold: ConfidenceOutcome[]; inSample: ConfidenceOutcome[] };
}

const gensOf = (it: Prepared) => (it.group ?? '').split('|');

export function crossFitCalibration(base: BenchParams, generators: readonly string[], switchSets: WeightedSet[], single: WeightedSet): OofCalibration {
  const samples: OofSample[] = [];
  const folds: OofCalibration['folds'] = [];
  const inSampleCurve = new Map<string, Calibration>();
  const grid = {
    priorStrength: [2, 5, 10],
    styleWeight: [base.styleWeight ?? 0],
    penaltyBase: [2, 3, 4, 6, 8, 10, 12, 16, 20],
    penaltyPerLogN: [0, 1, 2, 3],
    maxPValue: [base.gate.maxPValue],
  };
  for (const g of generators) {
    const split = (s: WeightedSet) => ({
      train: s.items.filter((it) => !gensOf(it).includes(g)),
      held: s.items.filter((it) => gensOf(it).includes(g)),
      weight: s.weight,
    });
    const sw = switchSets.map(split);
    const one = split(single);
    const { params } = tuneRobust(
      base,
      sw.map((s) => s.train),
      one.train,
      2,
      grid,
    );
    folds.push({ generator: g, params });
    inSampleCurve.set(g, fitCalibration([...sw, one].flatMap((s) => detectionSamples(s.train, params, s.weight))));
    for (const s of [...sw, one]) {
      for (const it of s.held) {
        for (const x of detectionSamples([it], params, s.weight / gensOf(it).length)) samples.push({ ...x, fold: g });
      }
    }
  }
  const outOfFold: ConfidenceOutcome[] = [];
  const inSample: ConfidenceOutcome[] = [];
  for (const g of generators) {
    const curve = fitCalibration(samples.filter((x) => !x.group.split('|').includes(g)));
    for (const x of samples.filter((y) => y.fold === g)) {
      outOfFold.push({ conf: calibrate(x.score, curve), ok: x.positive, weight: x.weight });
      inSample.push({ conf: calibrate(x.score, inSampleCurve.get(g)!), ok: x.positive, weight: x.weight });
    }
  }
  return { calibration: fitCalibration(samples), samples, folds, reliability: { outOfFold, inSample } };
}

/** Per held-out generator: weighted detections and observed precision (how much generators differ). */
export function foldPrecision(samples: readonly OofSample[], generators: readonly string[]): { generator: string; weight: number; precision: number }[] {
  return generators.map((g) => {
    const xs = samples.filter((x) => x.fold === g);
    const w = xs.reduce((a, x) => a + x.weight, 0);
    return { generator: g, weight: w, precision: xs.reduce((a, x) => a + (x.positive ? x.weight : 0), 0) / Math.max(1e-9, w) };
  });
}
