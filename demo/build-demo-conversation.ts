/**
 * Dev-time script (not run by npm start): picks real AlpacaEval replies (Apache-2.0, see
 * demo/README.md) and writes demo/conversation.json, the bundled demo conversation.
 * Segments: gpt-4-1106 under its "concise" system prompt, then the same model under the
 * "verbose" prompt (a prompted persona shift, no model change), then Claude 3 Opus (a model
 * change). The model shown per reply is the AlpacaEval generator name.
 * Run: npx tsx demo/build-demo-conversation.ts [path to alpaca_eval.jsonl; default from scripts/shared-data.ts]
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { sharedDataPath } from '../scripts/shared-data.ts';

interface Row {
  id: string;
  prompt: string;
  outputs: Record<string, string>;
}

const source = process.argv[2] ?? sharedDataPath('multimodel/alpaca_eval.jsonl');
const rows: Row[] = readFileSync(source, 'utf8')
  .trim()
  .split('\n')
  .map((l) => JSON.parse(l));
const SEGMENTS: { generator: string; shown: string; count: number; maxChars: number }[] = [
  { generator: 'gpt4_1106_preview_concise', shown: 'gpt-4-1106-preview', count: 4, maxChars: 500 },
  { generator: 'gpt4_1106_preview_verbose', shown: 'gpt-4-1106-preview', count: 4, maxChars: 1800 },
  { generator: 'claude-3-opus-20240229', shown: 'claude-3-opus-20240229', count: 4, maxChars: 900 },
];

const eligible = rows.filter(
  (r) => r.prompt.length < 160 && SEGMENTS.every((s) => (r.outputs[s.generator] ?? '').length > 40 && r.outputs[s.generator].length < s.maxChars),
);
const turns: { role: 'user' | 'assistant'; text: string; model?: string; source: string }[] = [];
let next = 0;
for (const seg of SEGMENTS) {
  for (let i = 0; i < seg.count; i++) {
    // Spread picks over the eligible set so topics vary; deterministic.
    const row = eligible[(next++ * 7) % eligible.length];
    turns.push({ role: 'user', text: row.prompt.trim(), source: `${row.id} instruction` });
    turns.push({ role: 'assistant', text: row.outputs[seg.generator].trim(), model: seg.shown, source: `${row.id} ${seg.generator}` });
  }
}
const out = {
  id: 'demo-6f1c2a9e-persona-observatory',
  title: 'Demo: three persona segments (AlpacaEval replies)',
  licence: 'Apache-2.0, tatsu-lab/alpaca_eval (see demo/README.md)',
  turns,
};
writeFileSync('demo/conversation.json', JSON.stringify(out, null, 2) + '\n');
console.log(`wrote demo/conversation.json: ${turns.length} turns from ${eligible.length} eligible prompts`);
