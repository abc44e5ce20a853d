/** Feature traces for the chart: raw values for one feature, z-scores to compare several. Pure. */
import type { FeatureValues, StoredAnalysis } from '../../../core/model/types.ts';
import type { ChartSeries } from '../../components/LineChart.tsx';

export function zScores(values: readonly (number | null)[]): (number | null)[] {
  const xs = values.filter((v): v is number => v !== null && Number.isFinite(v));
  if (xs.length === 0) return values.map(() => null);
  const mean = xs.reduce((s, v) => s + v, 0) / xs.length;
  const sd = Math.sqrt(xs.reduce((s, v) => s + (v - mean) ** 2, 0) / xs.length);
  return values.map((v) => (v === null || !Number.isFinite(v) ? null : sd > 0 ? (v - mean) / sd : 0));
}

export function traceSeries(
  perReply: readonly (FeatureValues | null)[],
  picked: readonly { name: string; label: string }[],
): { series: ChartSeries[]; standardised: boolean } {
  const standardised = picked.length > 1;
  const series = picked.map((f) => {
    const raw = perReply.map((fv) => {
      const v = fv?.[f.name];
      return v === undefined ? null : v;
    });
    return { label: f.label, values: standardised ? zScores(raw) : raw };
  });
  return { series, standardised };
}

/** Default picks: the features cited most often as evidence in this conversation's labels. */
export function defaultPicks(analyses: readonly StoredAnalysis[], available: readonly string[], count = 2): string[] {
  const tally = new Map<string, number>();
  for (const a of analyses) for (const l of a.labels) for (const e of l.evidence) tally.set(e.feature, (tally.get(e.feature) ?? 0) + Math.abs(e.effect));
  const ranked = [...tally.entries()]
    .filter(([f]) => available.includes(f))
    .sort((x, y) => y[1] - x[1])
    .map(([f]) => f);
  for (const f of available) if (ranked.length < count && !ranked.includes(f)) ranked.push(f);
  return ranked.slice(0, count);
}
