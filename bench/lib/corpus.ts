/**
 * The full AlpacaEval corpus: the 805 prompts of alpaca_eval.jsonl (12 generators) joined on id
 * with alpaca_eval_more.jsonl.gz (157 more generators), plus the hand-labelled family of each
 * generator. Read-only from ../shared/data; `missingData()` says what is absent so a bench can
 * report it and exit 0.
 */
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { DATA_DIR, loadAlpaca, type AlpacaRecord } from './data.ts';

export interface CorpusRecord extends AlpacaRecord {
  /** Index in the original AlpacaEval order (0..804). */
  index: number;
  dataset: string;
}

export const REQUIRED_FILES = [
  'multimodel/alpaca_eval.jsonl',
  'multimodel/alpaca_eval_more.jsonl.gz',
  'multimodel/alpaca_eval_more_generators.tsv',
  'conversations/chatgpt_export_pkuppens_2023.jsonl',
  'conversations/sharegpt92k_sample.jsonl',
  'conversations/hh_rlhf_harmless_test.jsonl',
  'conversations/assistant_axis_transcripts.jsonl',
  'personas/personallm_bigfive_stories.jsonl',
] as const;

/** Files of ../shared/data the detector bench needs and cannot find. */
export function missingData(): string[] {
  return REQUIRED_FILES.filter((f) => !existsSync(resolve(DATA_DIR, f)));
}

let corpus: CorpusRecord[] | null = null;

/** All 169 generators' replies per prompt (empty replies left out, as in the source files). */
export function loadCorpus(): CorpusRecord[] {
  if (corpus) return corpus;
  const base = loadAlpaca() as (AlpacaRecord & { dataset: string })[];
  const more = new Map<string, Record<string, string>>();
  const text = gunzipSync(readFileSync(resolve(DATA_DIR, 'multimodel/alpaca_eval_more.jsonl.gz'))).toString('utf8');
  for (const line of text.split('\n')) {
    if (!line.trim()) continue;
    const r = JSON.parse(line) as { id: string; outputs: Record<string, string> };
    more.set(r.id, r.outputs);
  }
  corpus = base.map((r, index) => {
    const outputs: Record<string, string> = {};
    for (const [g, t] of Object.entries({ ...r.outputs, ...(more.get(r.id) ?? {}) })) if (t && t.trim()) outputs[g] = t;
    return { id: r.id, prompt: r.prompt, dataset: r.dataset, index, outputs };
  });
  return corpus;
}

export interface GeneratorInfo {
  generator: string;
  family: string;
  notes: string;
}

/** Family of every generator of alpaca_eval_more (the tsv), plus the 12 of alpaca_eval labelled here. */
export function generatorTable(): Map<string, GeneratorInfo> {
  const rows = readFileSync(resolve(DATA_DIR, 'multimodel/alpaca_eval_more_generators.tsv'), 'utf8')
    .split('\n')
    .slice(1)
    .filter((l) => l.trim());
  const out = new Map<string, GeneratorInfo>();
  for (const row of rows) {
    const [generator, family, , , , , , notes] = row.split('\t');
    out.set(generator, { generator, family: family || `unknown:${generator}`, notes: notes ?? '' });
  }
  const base: Record<string, string> = {
    gpt4_1106_preview: 'GPT-4 Turbo',
    gpt4_1106_preview_concise: 'GPT-4 Turbo',
    gpt4_1106_preview_verbose: 'GPT-4 Turbo',
    'gpt-4o-2024-05-13': 'GPT-4o',
    'gpt-4o-mini-2024-07-18': 'GPT-4o',
    'claude-3-opus-20240229': 'Claude 3',
    'llama-2-70b-chat-hf': 'Llama-2',
    'vicuna-13b-v1.5': 'Vicuna v1.5 (Llama-2)',
    'Mistral-7B-Instruct-v0.2': 'Mistral-7B',
    'gemini-pro': 'Gemini',
    'falcon-7b-instruct': 'Falcon',
    text_davinci_003: 'GPT-3 InstructGPT',
  };
  for (const [generator, family] of Object.entries(base)) out.set(generator, { generator, family, notes: '' });
  return out;
}
