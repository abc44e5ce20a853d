/** The benchmark's conversation sets, built once (seeded) and shared by tuning and reporting. */
import { loadAlpaca, readJsonl, toTurns, type AlpacaRecord, type RealConversation } from './data.ts';
import { makeRng } from './rng.ts';
import { spliceConversation, type SplicedConversation } from './splice.ts';
import { DEV_CROSS_PAIRS, DEV_GENERATORS, DEV_NEAR_FAMILY, EVAL_CROSS_PAIRS, EVAL_GENERATORS, EVAL_PROMPTED_MODES, EVAL_SAME_FAMILY } from './split.ts';
import type { AnalyzeTurn } from '../../src/core/analyze.ts';

export interface BenchConversation {
  id: string;
  turns: AnalyzeTurn[];
  /** True switch indices among assistant replies ([] for single-source). */
  truth: number[];
}

const SPLICE = { segments: [2, 4] as [number, number], segmentLength: [3, 8] as [number, number] };

function fromPairs(records: AlpacaRecord[], prefix: string, pairList: readonly (readonly string[])[], perPair: number, seed: number): SplicedConversation[] {
  const rng = makeRng(seed);
  return pairList.flatMap((gens, p) =>
    Array.from({ length: perPair }, (_, i) => spliceConversation(`${prefix}-${p}-${i}`, records, { generators: gens, ...SPLICE }, rng)),
  );
}

function singles(records: AlpacaRecord[], prefix: string, gens: readonly string[], perGen: number, seed: number): SplicedConversation[] {
  const rng = makeRng(seed);
  return gens.flatMap((g) =>
    Array.from({ length: perGen }, (_, i) =>
      spliceConversation(`${prefix}-${g}-${i}`, records, { generators: [g], segments: [1, 1], segmentLength: [6, 30] }, rng),
    ),
  );
}

const asBench = (c: SplicedConversation): BenchConversation => ({ id: c.id, turns: c.turns, truth: c.switches });

export function devSets(records = loadAlpaca()) {
  return {
    'dev cross-family': fromPairs(records, 'dev-x', DEV_CROSS_PAIRS, 40, 101).map(asBench),
    'dev near-family (llama-2/vicuna)': fromPairs(records, 'dev-n', [DEV_NEAR_FAMILY], 100, 103).map(asBench),
    'dev single-generator': singles(records, 'dev-1', DEV_GENERATORS, 25, 102).map(asBench),
  };
}

export function evalSplicedSets(records = loadAlpaca()) {
  return {
    'eval cross-family': fromPairs(records, 'ev-x', EVAL_CROSS_PAIRS, 25, 201).map(asBench),
    'eval same-family (4o/4o-mini)': fromPairs(records, 'ev-s', [EVAL_SAME_FAMILY], 200, 202).map(asBench),
    'eval prompted-mode (1106 ×3)': fromPairs(records, 'ev-m', [EVAL_PROMPTED_MODES], 200, 203).map(asBench),
    'eval single-generator alpaca': singles(records, 'ev-1', EVAL_GENERATORS, 15, 204).map(asBench),
  };
}

const assistantCount = (turns: AnalyzeTurn[]) => turns.filter((t) => t.role === 'assistant').length;

export function realSingleSourceSets() {
  const keep = (cs: RealConversation[], prefix: string) =>
    cs.map((c) => ({ id: `${prefix}:${c.id}`, turns: toTurns(c), truth: [] as number[] })).filter((c) => assistantCount(c.turns) >= 2);
  const chatgpt = readJsonl<RealConversation>('conversations/chatgpt_export_pkuppens_2023.jsonl').filter((c) => !c.model_switch);
  return {
    'ShareGPT (single source)': keep(readJsonl<RealConversation>('conversations/sharegpt92k_sample.jsonl'), 'sharegpt'),
    'hh-rlhf harmless (single source)': keep(readJsonl<RealConversation>('conversations/hh_rlhf_harmless_test.jsonl'), 'hh'),
    'ChatGPT export, one model': keep(chatgpt, 'export'),
  };
}

/** The real ChatGPT export conversations that switch model; truth from model slugs. */
export function realModelSwitches(): (BenchConversation & { title: string; models: string[] })[] {
  return readJsonl<RealConversation>('conversations/chatgpt_export_pkuppens_2023.jsonl')
    .filter((c) => c.model_switch)
    .map((c) => {
      const turns = toTurns(c, true);
      const models = turns.filter((t) => t.role === 'assistant').map((t) => t.model ?? '?');
      const truth = models.flatMap((m, i) => (i > 0 && m !== models[i - 1] ? [i] : []));
      return { id: c.id, title: c.title ?? c.id, turns, truth, models };
    });
}

export function assistantAxis(): RealConversation[] {
  return readJsonl<RealConversation>('conversations/assistant_axis_transcripts.jsonl');
}
