/**
 * Spliced conversations from alpaca_eval: segments of 3–8 replies from one generator, then
 * another, on distinct random prompts, with the true switch points. Seeded, so reproducible.
 */
import type { AnalyzeTurn } from '../../src/core/analyze.ts';
import type { AlpacaRecord } from './data.ts';
import type { Rng } from './rng.ts';

export interface SplicedConversation {
  id: string;
  turns: AnalyzeTurn[];
  /** Generator of each assistant reply. */
  sources: string[];
  /** Indices among assistant replies where the generator changes. */
  switches: number[];
}

export interface SpliceOptions {
  /** Generators to alternate among (next segment always differs from the current one). */
  generators: readonly string[];
  segments: [number, number];
  segmentLength: [number, number];
}

function usable(r: AlpacaRecord, gens: readonly string[]): boolean {
  return gens.every((g) => (r.outputs[g] ?? '').trim().length > 0);
}

export function spliceConversation(id: string, records: readonly AlpacaRecord[], o: SpliceOptions, rng: Rng): SplicedConversation {
  const pool = records.filter((r) => usable(r, o.generators));
  const k = rng.int(o.segments[0], o.segments[1]);
  const lengths = Array.from({ length: k }, () => rng.int(o.segmentLength[0], o.segmentLength[1]));
  const total = lengths.reduce((a, b) => a + b, 0);
  const prompts = rng.shuffle(pool).slice(0, total);
  const sources: string[] = [];
  const switches: number[] = [];
  let gen = rng.pick(o.generators);
  lengths.forEach((len, s) => {
    if (s > 0) {
      const others = o.generators.filter((g) => g !== gen);
      gen = rng.pick(others);
      switches.push(sources.length);
    }
    for (let i = 0; i < len; i++) sources.push(gen);
  });
  const turns: AnalyzeTurn[] = [];
  prompts.forEach((r, i) => {
    turns.push({ role: 'user', text: r.prompt });
    turns.push({ role: 'assistant', text: r.outputs[sources[i]], model: sources[i] });
  });
  return { id, turns, sources, switches };
}
