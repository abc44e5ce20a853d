/**
 * Can a switch test pass on short segments? (issue 14) DEV generators × DEV prompts: windows of
 * 3 + 3 replies, either two generators of different families (a clean switch at reply 3) or one
 * generator (no switch). For each switch test, the share of windows with p ≤ the level at the
 * true split point: power on switches, false passes on single-generator windows.
 */
import type { DetectorParams } from '../../src/core/detect/params.ts';
import { detectorSeries, switchTestFor } from '../../src/core/detect/input.ts';
import type { FeatureValues } from '../../src/core/model/types.ts';
import type { CorpusRecord } from './corpus.ts';
import { featuresOf } from './features.ts';
import { makeRng } from './rng.ts';

export interface ShortWindowResult {
  test: string;
  level: number;
  power: number;
  falsePass: number;
}

export function shortWindowPower(
  pool: readonly CorpusRecord[],
  pairs: readonly [string, string][],
  expectedOf: (prompt: string) => FeatureValues,
  params: DetectorParams,
  tests: Record<string, DetectorParams['gate']>,
  windows = 300,
): ShortWindowResult[] {
  const rng = makeRng(1406);
  const build = (gens: [string, string]) => {
    const prompts = rng.shuffle(pool.filter((r) => r.outputs[gens[0]] && r.outputs[gens[1]])).slice(0, 6);
    const features = prompts.map((r, i) => featuresOf(r.outputs[gens[i < 3 ? 0 : 1]]));
    return detectorSeries(features, { expected: prompts.map((r) => expectedOf(r.prompt)) }, params);
  };
  const switches = Array.from({ length: windows }, (_, i) => build(pairs[i % pairs.length]));
  const singles = Array.from({ length: windows }, (_, i) => build([pairs[i % pairs.length][0], pairs[i % pairs.length][0]]));
  return Object.entries(tests).map(([test, gate]) => {
    const p = { ...params, gate };
    const pass = (ss: typeof switches) => ss.filter((s) => switchTestFor(s, p).pValue(0, 3, 6) <= gate.maxPValue).length / ss.length;
    return { test, level: gate.maxPValue, power: pass(switches), falsePass: pass(singles) };
  });
}
