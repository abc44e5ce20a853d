/**
 * The benchmark's two-way split, by generator AND by prompt (issue 14): evaluation numbers come
 * from generators and prompts that no tuning step, prompt model or learned metric ever saw.
 *
 * Generators: EVAL = the 8 evaluation generators of split.ts (OpenAI, Mistral, Google).
 * DEV = the 4 development generators of split.ts plus the 157 of alpaca_eval_more, minus every
 * generator of an evaluation family or a near-copy of one (GPT-4 Turbo and its mixtures/post-edits,
 * InstructGPT, Mistral-7B and its fine-tunes, Mistral API): a feature learned on a Mistral-7B
 * fine-tune could otherwise memorise the evaluation Mistral's habits.
 *
 * Prompts: 2 in 5 AlpacaEval prompts (index mod 5 ∈ {1, 3}: every source dataset on both sides)
 * are EVAL prompts; the rest are DEV prompts.
 */
import type { CorpusRecord, GeneratorInfo } from './corpus.ts';
import { DEV_GENERATORS, EVAL_GENERATORS } from './split.ts';

export { DEV_GENERATORS as DEV_BASE_GENERATORS, EVAL_GENERATORS };

export const isEvalPrompt = (r: Pick<CorpusRecord, 'index'>) => r.index % 5 === 1 || r.index % 5 === 3;

const EVAL_FAMILY = /GPT|Mistral|Aligner|Gemini|mixture of agents|undisclosed blend/i;

/** Development generators with their families (families with "unknown:" are singletons). */
export function devGenerators(table: Map<string, GeneratorInfo>, available: readonly string[]): string[] {
  const evalSet = new Set<string>(EVAL_GENERATORS);
  return available.filter((g) => {
    if (evalSet.has(g)) return false;
    if ((DEV_GENERATORS as readonly string[]).includes(g)) return true;
    const info = table.get(g);
    if (!info) return false;
    return !EVAL_FAMILY.test(info.family) && !/gpt-?4|gpt4/i.test(info.notes + ' ' + g);
  });
}

export function splitPrompts(records: readonly CorpusRecord[]) {
  return { dev: records.filter((r) => !isEvalPrompt(r)), eval: records.filter(isEvalPrompt) };
}
