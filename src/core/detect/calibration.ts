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

export interface CalibrationSample {
  score: number;
  positive: boolean;
  /** Sample weight (default 1), e.g. to count a harder set twice. */
  weight?: number;
}

/** Fits a and b by weighted Newton's method on (score, matched) pairs; small ridge keeps it stable. */
export function fitCalibration(samples: readonly CalibrationSample[], iterations = 50): Calibration {
  let a = 0,
    b = 1;
  const ridge = 1e-3;
  for (let it = 0; it < iterations; it++) {
    let ga = 0,
      gb = 0,
      haa = ridge,
      hab = 0,
      hbb = ridge;
    for (const { score, positive, weight = 1 } of samples) {
      const x = Math.log(Math.max(score, 1e-6));
      const p = 1 / (1 + Math.exp(-(a + b * x)));
      const r = (positive ? 1 : 0) - p;
      ga += weight * r;
      gb += weight * r * x;
      const w = weight * p * (1 - p);
      haa += w;
      hab += w * x;
      hbb += w * x * x;
    }
    ga -= ridge * a;
    gb -= ridge * b;
    const det = haa * hbb - hab * hab;
    if (Math.abs(det) < 1e-12) break;
    a += (hbb * ga - hab * gb) / det;
    b += (haa * gb - hab * ga) / det;
  }
  return { a, b };
}
