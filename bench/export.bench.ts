/**
 * Export speed: 100k assistant replies over 3k conversations, built from real replies in
 * multimodel/alpaca_eval.jsonl of the shared data folder (prompt → user turn, each generator's reply → a reply).
 * Analyses are synthetic placeholders with every registry feature filled (the detector is not
 * what is timed here). Prints measured numbers; asserts nothing.
 */
import { readFileSync } from 'node:fs';
import { requireSharedData, sharedDataPath } from '../scripts/shared-data.ts';
import { FEATURES } from '../src/core/features/registry.ts';
import { buildBundle, type ImportedTurn } from '../src/core/formats/build-bundle.ts';
import { bundleJsonChunks } from '../src/core/formats/bundle-json.ts';
import { csvChunks } from '../src/core/formats/csv.ts';
import { jsonlChunks } from '../src/core/formats/jsonl-export.ts';
import { DEFAULT_LIMITS } from '../src/core/formats/limits.ts';
import type { ConversationBundle, StoredAnalysis } from '../src/core/model/types.ts';
import { argillaRecordChunks } from '../src/core/formats/annotation/argilla.ts';
import { hfChunks } from '../src/core/formats/annotation/hf-dataset.ts';
import { labelStudioTaskChunks } from '../src/core/formats/annotation/label-studio.ts';
import { prodigyChunks } from '../src/core/formats/annotation/prodigy.ts';

const REPLIES = 100_000;
const CONVERSATIONS = 3_000;

interface AlpacaRecord {
  prompt: string;
  outputs: Record<string, string>;
}

function loadPairs(): { prompt: string; model: string; reply: string }[] {
  requireSharedData('bench:export', ['multimodel/alpaca_eval.jsonl']);
  const path = sharedDataPath('multimodel/alpaca_eval.jsonl');
  const pairs: { prompt: string; model: string; reply: string }[] = [];
  for (const line of readFileSync(path, 'utf8').split('\n')) {
    if (!line.trim()) continue;
    const r = JSON.parse(line) as AlpacaRecord;
    for (const [model, reply] of Object.entries(r.outputs)) if (reply) pairs.push({ prompt: r.prompt, model, reply });
  }
  return pairs;
}

function buildCorpus(): ConversationBundle[] {
  const pairs = loadPairs();
  const bundles: ConversationBundle[] = [];
  let next = 0;
  for (let c = 0; c < CONVERSATIONS; c++) {
    const replies = Math.floor(REPLIES / CONVERSATIONS) + (c < REPLIES % CONVERSATIONS ? 1 : 0);
    const turns: ImportedTurn[] = [];
    for (let k = 0; k < replies; k++) {
      const p = pairs[next++ % pairs.length];
      const base = { selectedModel: null, thinking: null, createdAt: 1_700_000_000_000 + k, branch: null, alternativeOf: null };
      turns.push({ ...base, turnId: `u${k}`, role: 'user', text: p.prompt, model: null });
      turns.push({ ...base, turnId: `a${k}`, role: 'assistant', text: p.reply, model: p.model });
    }
    const bundle = buildBundle(
      { site: 'unknown', conversationId: `bench-${c}`, title: `Bench ${c}`, url: null, source: 'import:jsonl', createdAt: null, updatedAt: null, turns },
      'bench',
      DEFAULT_LIMITS,
    );
    const analyses: StoredAnalysis[] = bundle.turns
      .filter((t) => t.role === 'assistant')
      .map((t, i) => ({
        turnKey: t.key,
        conversationKey: bundle.conversation.key,
        detectorVersion: 'bench',
        index: i,
        state: i % 7 === 0 ? 'B' : 'A',
        stateName: 'placeholder',
        shift: i % 7 === 0,
        confidence: (i % 10) / 10,
        labels:
          i % 7 === 0
            ? [{ kind: 'tone', text: 'tone: formal → playful', confidence: 0.6, evidence: [{ feature: FEATURES[0].name, before: 1, after: 2, effect: 1.5 }] }]
            : [],
        features: Object.fromEntries(FEATURES.map((f, j) => [f.name, ((i * 31 + j * 17) % 100) / 10])),
      }));
    bundles.push({ ...bundle, analyses });
  }
  return bundles;
}

function time(name: string, chunks: () => Iterable<string>): void {
  const start = performance.now();
  const cpuStart = process.cpuUsage();
  let chars = 0;
  let count = 0;
  for (const chunk of chunks()) {
    chars += chunk.length;
    count++;
  }
  const ms = performance.now() - start;
  const cpu = process.cpuUsage(cpuStart);
  // CPU time is printed too: on a shared, loaded machine wall time mostly measures the neighbours.
  console.log(
    `${name.padEnd(13)} wall ${(ms / 1000).toFixed(2)} s, cpu ${((cpu.user + cpu.system) / 1e6).toFixed(2)} s, ${(chars / 1e6).toFixed(1)} M chars in ${count} chunks`,
  );
}

console.log(
  `load average: ${(await import('node:os'))
    .loadavg()
    .map((x) => x.toFixed(1))
    .join(' ')}`,
);
const t0 = performance.now();
const corpus = buildCorpus();
const replyCount = corpus.reduce((n, b) => n + b.conversation.assistantCount, 0);
console.log(
  `corpus: ${corpus.length} conversations, ${replyCount} replies, ${FEATURES.length} features each (built in ${((performance.now() - t0) / 1000).toFixed(2)} s)`,
);
time('jsonl', () => jsonlChunks(corpus));
time('csv', () => csvChunks(corpus));
time('json', () => bundleJsonChunks(corpus));
// Annotation tools: one task per reply, each repeating up to 10 turns of context (so far more text).
time('label-studio', () => labelStudioTaskChunks(corpus));
time('argilla', () => argillaRecordChunks(corpus));
time('prodigy', () => prodigyChunks(corpus));
time('hf', () => hfChunks(corpus));
