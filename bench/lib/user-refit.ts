/**
 * The per-user refit (src/core/detect/user-calibration.ts) simulated on benchmark detections: a
 * "user" judges k of the detector's switches (confirm when it matched a real change, reject when
 * not), the curve is refitted from those k verdicts, and the expected calibration error is measured
 * on that user's other switches, against the shipped curve on the same switches. Repeated over
 * seeded random draws of the k; mean and 95% percentile range over draws.
 */
import { calibrate, type Calibration } from '../../src/core/detect/calibration.ts';
import { fitUserCalibration } from '../../src/core/detect/user-calibration.ts';
import { expectedCalibrationError } from './reliability.ts';
import { makeRng } from './rng.ts';

export interface Detection {
  score: number;
  positive: boolean;
}

export interface RefitRow {
  user: string;
  k: number;
  /** Switches left to measure on. */
  held: number;
  shipped: readonly [number, number, number];
  refit: readonly [number, number, number];
}

const summary = (xs: number[]): [number, number, number] => {
  const s = [...xs].sort((a, b) => a - b);
  const at = (q: number) => s[Math.min(s.length - 1, Math.max(0, Math.round(q * (s.length - 1))))];
  return [xs.reduce((a, x) => a + x, 0) / xs.length, at(0.025), at(0.975)];
};

export function userRefitRows(users: Record<string, readonly Detection[]>, shipped: Calibration, ks = [5, 20, 50], draws = 50, seed = 1415): RefitRow[] {
  const rng = makeRng(seed);
  const rows: RefitRow[] = [];
  for (const [user, ds] of Object.entries(users)) {
    for (const k of ks) {
      if (ds.length < k + 20) continue;
      const eShipped: number[] = [];
      const eRefit: number[] = [];
      for (let d = 0; d < draws; d++) {
        const order = rng.shuffle(ds);
        const judged = order.slice(0, k);
        const held = order.slice(k);
        const u = fitUserCalibration(
          judged.map((x) => ({ verdict: x.positive ? 'confirm' : 'reject', shift: true, confidence: calibrate(x.score, shipped) })),
          shipped,
        );
        eShipped.push(expectedCalibrationError(held.map((x) => ({ conf: calibrate(x.score, shipped), ok: x.positive }))));
        eRefit.push(expectedCalibrationError(held.map((x) => ({ conf: calibrate(x.score, u.calibration), ok: x.positive }))));
      }
      rows.push({ user, k, held: ds.length - k, shipped: summary(eShipped), refit: summary(eRefit) });
    }
  }
  return rows;
}
