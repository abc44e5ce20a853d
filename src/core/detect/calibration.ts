/**
 * Maps a boundary score (split gain / penalty) to a calibrated probability with a logistic
 * curve p = σ(a + b·ln(score)). a and b are fitted on development conversations only
 * (bench/detect.bench.ts; an out-of-fold, leave-one-generator-out fit is measured beside the
 * in-sample one in bench/lib/calibration-oof.ts). The bench prints the reliability tables: on
 * evaluation generators this curve is still optimistic.
 */

export interface Calibration {
  a: number;
  b: number;
}

export function calibrate(score: number, c: Calibration): number {
  const s = Math.max(score, 1e-6);
  return 1 / (1 + Math.exp(-(c.a + c.b * Math.log(s))));
}
