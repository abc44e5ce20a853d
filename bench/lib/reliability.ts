/**
 * Reliability of stated confidence: binned mean confidence against observed precision, and the
 * expected calibration error (ECE = Σ_bins weight share · |mean confidence − precision|).
 */
export interface ConfidenceOutcome {
  conf: number;
  ok: boolean;
  /** Sample weight (default 1). */
  weight?: number;
}

export const RELIABILITY_BINS = [0, 0.2, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0001];

export interface ReliabilityBin {
  label: string;
  count: number;
  meanConf: number;
  precision: number;
  weight: number;
}

export function reliabilityBins(rs: readonly ConfidenceOutcome[], bins = RELIABILITY_BINS): ReliabilityBin[] {
  return bins.slice(0, -1).map((lo, i) => {
    const inBin = rs.filter((r) => r.conf >= lo && r.conf < bins[i + 1]);
    const w = inBin.reduce((a, r) => a + (r.weight ?? 1), 0);
    const meanConf = inBin.reduce((a, r) => a + (r.weight ?? 1) * r.conf, 0) / w;
    const precision = inBin.reduce((a, r) => a + (r.ok ? (r.weight ?? 1) : 0), 0) / w;
    return {
      label: `[${lo.toFixed(1)}, ${Math.min(1, bins[i + 1]).toFixed(1)})`,
      count: inBin.length,
      meanConf: w ? meanConf : NaN,
      precision: w ? precision : NaN,
      weight: w,
    };
  });
}

export function expectedCalibrationError(rs: readonly ConfidenceOutcome[], bins = RELIABILITY_BINS): number {
  const bs = reliabilityBins(rs, bins).filter((b) => b.weight > 0);
  const total = bs.reduce((a, b) => a + b.weight, 0);
  return bs.reduce((a, b) => a + (b.weight / total) * Math.abs(b.meanConf - b.precision), 0);
}

/** Rows for printTable: bin, switches, mean confidence, observed precision. */
export function reliabilityRows(rs: readonly ConfidenceOutcome[]): (string | number)[][] {
  return reliabilityBins(rs).map((b) => [b.label, b.count, b.meanConf, b.precision]);
}

export const RELIABILITY_HEADERS = ['confidence bin', 'switches', 'mean confidence', 'observed precision'];
