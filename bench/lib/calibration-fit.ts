/**
 * Fitting the detector's confidence curve (src/core/detect/calibration.ts) on development
 * detections. Bench-only: the extension ships the fitted a and b (params.ts), never fits.
 */
import { calibrate, type Calibration } from '../../src/core/detect/calibration.ts';
import { expectedCalibrationError, type ConfidenceOutcome } from './reliability.ts';

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

/**
 * Leave-one-set-out check of the confidence curve on DEV: for each set, the curve is fitted on
 * the other sets' detections (the slope multiplied by `slope`, the intercept refitted) and judged
 * on the held-out set; the held-out confidences of all sets are pooled into one ECE and one
 * mean log loss (a proper score, less noisy than binned ECE). A set's
 * difficulty differs from the others', as the evaluation sets' differ from the development ones.
 */
export function heldOutSet(bySet: ReadonlyMap<string, readonly CalibrationSample[]>, slope: number): { ece: number; logLoss: number } {
  const pooled: ConfidenceOutcome[] = [];
  for (const [name, held] of bySet) {
    const rest = [...bySet].filter(([n]) => n !== name).flatMap(([, s]) => s);
    const c = withSlope(rest, fitCalibration(rest).b * slope);
    for (const s of held) pooled.push({ conf: calibrate(s.score, c), ok: s.positive, weight: s.weight });
  }
  const w = pooled.reduce((a, r) => a + (r.weight ?? 1), 0);
  const loss = pooled.reduce((a, r) => a - (r.weight ?? 1) * Math.log(Math.min(1 - 1e-9, Math.max(1e-9, r.ok ? r.conf : 1 - r.conf))), 0);
  return { ece: expectedCalibrationError(pooled), logLoss: loss / Math.max(1e-9, w) };
}

/** The intercept that best fits the samples for a fixed slope b (Newton on a alone). */
export function withSlope(samples: readonly CalibrationSample[], b: number, iterations = 50): Calibration {
  let a = 0;
  for (let it = 0; it < iterations; it++) {
    let g = 0,
      h = 1e-3;
    for (const { score, positive, weight = 1 } of samples) {
      const p = 1 / (1 + Math.exp(-(a + b * Math.log(Math.max(score, 1e-6)))));
      g += weight * ((positive ? 1 : 0) - p);
      h += weight * p * (1 - p);
    }
    a += g / h;
  }
  return { a, b };
}
