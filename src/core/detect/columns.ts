/**
 * A conversation's feature values by column, for range statistics (labels.ts, states.ts).
 *
 * Labels and state names ask for the mean (and variance) of one feature over a range of replies,
 * many times per conversation; reading them from a typed column avoids building filtered arrays
 * from the per-reply objects for every question. Sums run over the range in reply order, as the
 * array-based formulas did, so the numbers are the same.
 */
import type { FeatureValues } from '../model/types.ts';

export interface RangeStats {
  /** Number of replies in the range with a numeric value. */
  n: number;
  mean: number;
  /** Sample variance (n − 1 denominator); 0 when n < 2. */
  variance: number;
}

interface Column {
  values: Float64Array;
  /** 1 where the reply has a numeric value (null / missing → 0). */
  present: Uint8Array;
}

export class FeatureColumns {
  readonly n: number;
  private readonly rows: readonly FeatureValues[];
  private readonly columns = new Map<string, Column>();

  constructor(rows: readonly FeatureValues[]) {
    this.rows = rows;
    this.n = rows.length;
  }

  private column(feature: string): Column {
    let c = this.columns.get(feature);
    if (!c) {
      c = { values: new Float64Array(this.n), present: new Uint8Array(this.n) };
      for (let t = 0; t < this.n; t++) {
        const x = this.rows[t][feature];
        if (typeof x === 'number') {
          c.values[t] = x;
          c.present[t] = 1;
        }
      }
      this.columns.set(feature, c);
    }
    return c;
  }

  /** Count and mean of `feature` over replies [a, b) (mean 0 when none has a value). */
  mean(feature: string, a = 0, b = this.n): { n: number; mean: number } {
    const { values, present } = this.column(feature);
    let sum = 0,
      n = 0;
    for (let t = a; t < b; t++) {
      if (present[t]) {
        sum += values[t];
        n++;
      }
    }
    return { n, mean: n ? sum / n : 0 };
  }

  /** Count, mean and sample variance of `feature` over replies [a, b) (two passes, as textbook). */
  stats(feature: string, a: number, b: number): RangeStats {
    const { n, mean } = this.mean(feature, a, b);
    if (n < 2) return { n, mean, variance: 0 };
    const { values, present } = this.column(feature);
    let ss = 0;
    for (let t = a; t < b; t++) if (present[t]) ss += (values[t] - mean) ** 2;
    return { n, mean, variance: ss / (n - 1) };
  }
}
