/** Loads the shared benchmark data (read-only JSONL under the shared data folder, scripts/shared-data.ts). */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { AnalyzeTurn } from '../../src/core/analyze.ts';
import { requireSharedData, SHARED_DATA } from '../../scripts/shared-data.ts';

export const DATA_DIR = SHARED_DATA;

/** Reads one JSONL file of the shared data; when it is absent the benchmark says so and exits 0. */
export function readJsonl<T>(relPath: string): T[] {
  requireSharedData('benchmark', [relPath]);
  return readFileSync(resolve(DATA_DIR, relPath), 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as T);
}

export interface AlpacaRecord {
  id: string;
  prompt: string;
  outputs: Record<string, string>;
}

export interface RealConversation {
  id: string;
  title?: string;
  model?: string;
  kind?: string;
  steering?: string;
  scenario?: string;
  domain?: string;
  model_switch?: boolean;
  turns: { role: string; text: string; model?: string }[];
}

export const loadAlpaca = () => readJsonl<AlpacaRecord>('multimodel/alpaca_eval.jsonl');

/** user/assistant turns only (system and odd roles dropped), text kept as is. */
export function toTurns(c: RealConversation, keepModel = false): AnalyzeTurn[] {
  return c.turns
    .filter((t) => t.role === 'user' || t.role === 'assistant')
    .map((t) => ({ role: t.role as 'user' | 'assistant', text: t.text ?? '', ...(keepModel && t.model ? { model: t.model } : {}) }));
}
