/** Feature extraction with a text-keyed cache: alpaca replies recur across spliced sets. */
import { measureReply, type ReplyMeasures } from '../../src/core/features/registry.ts';
import type { FeatureValues } from '../../src/core/model/types.ts';
import type { AnalyzeTurn } from '../../src/core/analyze.ts';

const cache = new Map<string, ReplyMeasures>();

export function measuresOf(text: string): ReplyMeasures {
  let m = cache.get(text);
  if (!m) {
    m = measureReply(text, true);
    cache.set(text, m);
  }
  return m;
}

export const featuresOf = (text: string): FeatureValues => measuresOf(text).features;

export const replyMeasures = (turns: readonly AnalyzeTurn[]) => turns.filter((t) => t.role === 'assistant').map((t) => measuresOf(t.text));

/** Seeds the cache with features computed elsewhere (bench/lib/feature-cache.ts). */
export function primeMeasures(text: string, features: FeatureValues): void {
  if (!cache.has(text)) cache.set(text, { features, profile: null });
}
