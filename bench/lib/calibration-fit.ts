/**
 * Fitting the detector's confidence curve (src/core/detect/calibration.ts) on development
 * detections. Bench-only: the extension ships the fitted a and b (params.ts), never fits.
 */
import type { Calibration } from '../../src/core/detect/calibration.ts';

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
