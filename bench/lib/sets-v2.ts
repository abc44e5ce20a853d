/**
 * The conversation sets of `npm run bench:detect` (issue 14), seeded. Every spliced set is built
 * from one side of the prompt split (split-v2.ts) and one side of the generator split: DEV sets
 * (dev generators × dev prompts) are the only ones tuning may look at; EVAL sets use evaluation
 * generators × evaluation prompts.
 *
 * Switch sets: 2–4 segments of 4–10 replies (8–40 replies). Controls (no true switch) are long:
 * 30 replies of one generator, or one generator whose task changes halfway (two source datasets).
 * Topic-coherent sets draw all prompts of a conversation from one source dataset.
 */
import type { AnalyzeTurn } from '../../src/core/analyze.ts';
import type { CorpusRecord, GeneratorInfo } from './corpus.ts';
import { makeRng, type Rng } from './rng.ts';
import { spliceConversation } from './splice.ts';
import { EVAL_CROSS_PAIRS, EVAL_GENERATORS, EVAL_PROMPTED_MODES, EVAL_SAME_FAMILY } from './split.ts';
import type { BenchConversation } from './sets.ts';

export interface SetSpec {
  name: string;
  side: 'dev' | 'eval';
  /** 'switch': scored on recall/F1; 'control': no true switch, false alarms only. */
  kind: 'switch' | 'control';
  /** Generators the set mixes (for the oracle); per conversation for pair sets. */
  generators: readonly string[];
  conversations: BenchConversation[];
}

const SWITCH = { segments: [2, 4] as [number, number], segmentLength: [4, 10] as [number, number] };
const LONG = 30;

const datasets = (rs: readonly CorpusRecord[]) => [...new Set(rs.map((r) => r.dataset))].sort();

function pairSet(
  rng: Rng,
  prefix: string,
  pool: readonly CorpusRecord[],
  pairs: readonly (readonly string[])[],
  perPair: number,
  topic: boolean,
): BenchConversation[] {
  return pairs.flatMap((gens, p) =>
    Array.from({ length: perPair }, (_, i) => {
      const ds = topic ? rng.pick(datasets(pool)) : null;
      const prompts = ds ? pool.filter((r) => r.dataset === ds) : pool;
      const opts = topic
        ? { generators: gens, segments: [2, 3] as [number, number], segmentLength: [4, 8] as [number, number] }
        : { generators: gens, ...SWITCH };
      const c = spliceConversation(`${prefix}-${p}-${i}`, prompts, opts, rng);
      return { id: c.id, turns: c.turns, truth: c.switches };
    }),
  );
}

function longSingles(rng: Rng, prefix: string, pool: readonly CorpusRecord[], gens: readonly string[], perGen: number): BenchConversation[] {
  return gens.flatMap((g) =>
    Array.from({ length: perGen }, (_, i) => {
      const c = spliceConversation(`${prefix}-${g}-${i}`, pool, { generators: [g], segments: [1, 1], segmentLength: [LONG, LONG] }, rng);
      return { id: c.id, turns: c.turns, truth: [] };
    }),
  );
}

/** One generator, 8–12 replies on one source dataset, then 8–12 on another: the task changes, the model doesn't. */
function taskChanges(rng: Rng, prefix: string, pool: readonly CorpusRecord[], gens: readonly string[], perGen: number): BenchConversation[] {
  return gens.flatMap((g) =>
    Array.from({ length: perGen }, (_, i) => {
      const [a, b] = rng.shuffle(datasets(pool));
      const turns: AnalyzeTurn[] = [];
      for (const ds of [a, b]) {
        const prompts = rng.shuffle(pool.filter((r) => r.dataset === ds && r.outputs[g])).slice(0, rng.int(8, 12));
        for (const r of prompts) turns.push({ role: 'user', text: r.prompt }, { role: 'assistant', text: r.outputs[g], model: g });
      }
      return { id: `${prefix}-${g}-${i}`, turns, truth: [] };
    }),
  );
}

/** Coarse family for "cross-family": all Llama bases (and Vicuna) are one family. */
export function coarseFamily(info: GeneratorInfo | undefined, g: string): string {
  const f = info?.family ?? `unknown:${g}`;
  if (/llama|vicuna/i.test(f)) return 'Llama';
  return f
    .replace(/ fine-tune$/, '')
    .replace(/ \(.*\)$/, '')
    .replace(/[\d.]+$/, '')
    .trim();
}

export function devSpecs(pool: readonly CorpusRecord[], devGens: readonly string[], table: Map<string, GeneratorInfo>): SetSpec[] {
  const rng = makeRng(Number(process.env.DEV_SET_SEED ?? 1401)); // DEV_SET_SEED: another draw of the DEV sets (a replication check)
  const fam = (g: string) => coarseFamily(table.get(g), g);
  const cross: [string, string][] = [];
  while (cross.length < 60) {
    const [a, b] = [rng.pick(devGens), rng.pick(devGens)];
    if (fam(a) !== fam(b)) cross.push([a, b]);
  }
  const byFamily = new Map<string, string[]>();
  for (const g of devGens) byFamily.set(table.get(g)?.family ?? g, [...(byFamily.get(table.get(g)?.family ?? g) ?? []), g]);
  const near: [string, string][] = [];
  for (const gs of byFamily.values()) for (let i = 0; i + 1 < gs.length && near.length < 60; i += 2) near.push([gs[i], gs[i + 1]]);
  const modes = ['claude-2.1', 'claude-2.1_concise', 'claude-2.1_verbose'].filter((g) => devGens.includes(g));
  const singles = rng.shuffle(devGens).slice(0, 40);
  return [
    { name: 'dev cross-family', side: 'dev', kind: 'switch', generators: [], conversations: pairSet(rng, 'dx', pool, cross, 3, false) },
    { name: 'dev same-family', side: 'dev', kind: 'switch', generators: [], conversations: pairSet(rng, 'dn', pool, near, 3, false) },
    { name: 'dev prompted-mode (claude-2.1 ×3)', side: 'dev', kind: 'switch', generators: modes, conversations: pairSet(rng, 'dm', pool, [modes], 120, false) },
    { name: 'dev topic-coherent cross-family', side: 'dev', kind: 'switch', generators: [], conversations: pairSet(rng, 'dt', pool, cross, 2, true) },
    { name: 'dev single-source long', side: 'dev', kind: 'control', generators: [], conversations: longSingles(rng, 'd1', pool, singles, 3) },
    { name: 'dev same-model task change', side: 'dev', kind: 'control', generators: [], conversations: taskChanges(rng, 'dc', pool, singles, 2) },
  ];
}

export function evalSpecs(pool: readonly CorpusRecord[]): SetSpec[] {
  const rng = makeRng(1402);
  return [
    {
      name: 'eval cross-family',
      side: 'eval',
      kind: 'switch',
      generators: [...new Set(EVAL_CROSS_PAIRS.flat())],
      conversations: pairSet(rng, 'ex', pool, EVAL_CROSS_PAIRS, 20, false),
    },
    {
      name: 'eval same-family (4o/4o-mini)',
      side: 'eval',
      kind: 'switch',
      generators: EVAL_SAME_FAMILY,
      conversations: pairSet(rng, 'es', pool, [EVAL_SAME_FAMILY], 150, false),
    },
    {
      name: 'eval prompted-mode (1106 ×3)',
      side: 'eval',
      kind: 'switch',
      generators: EVAL_PROMPTED_MODES,
      conversations: pairSet(rng, 'em', pool, [EVAL_PROMPTED_MODES], 150, false),
    },
    {
      name: 'eval topic-coherent cross-family',
      side: 'eval',
      kind: 'switch',
      generators: [...new Set(EVAL_CROSS_PAIRS.flat())],
      conversations: pairSet(rng, 'et', pool, EVAL_CROSS_PAIRS, 15, true),
    },
    {
      name: 'eval single-source long',
      side: 'eval',
      kind: 'control',
      generators: EVAL_GENERATORS,
      conversations: longSingles(rng, 'e1', pool, EVAL_GENERATORS, 12),
    },
    {
      name: 'eval same-model task change',
      side: 'eval',
      kind: 'control',
      generators: EVAL_GENERATORS,
      conversations: taskChanges(rng, 'ec', pool, EVAL_GENERATORS, 10),
    },
  ];
}
