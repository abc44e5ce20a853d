/**
 * Dev-time script (not run by npm start): builds demo/router-history.jsonl, the multi-conversation
 * history `npm start` imports so the router tab has something to conclude. Real model text with a
 * known router, and it says so:
 *
 * - every user turn is an AlpacaEval instruction and every reply is that instruction's real reply
 *   ([tatsu-lab/alpaca_eval](https://github.com/tatsu-lab/alpaca_eval), Apache-2.0);
 * - the "router" is ours and known: per conversation a sticky two-state Markov chain (stay
 *   probability STAY, seeded) picks, for each reply, GPT-4-1106 under AlpacaEval's "concise"
 *   system prompt or the same model under its "verbose" prompt. One model, two personas, returns
 *   within conversations; no trigger (the switches ignore what the user wrote).
 * - the page-shown model is the same for every reply (gpt-4-1106-preview), so the site did not
 *   switch models.
 * Each turn records its source (`alpaca_eval-NNN generator`) and each conversation its true states.
 * Run: npx tsx demo/build-router-history.ts [path to alpaca_eval.jsonl; default from scripts/shared-data.ts]
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { mulberry32 } from '../src/core/math/random.ts';
import { sharedDataPath } from '../scripts/shared-data.ts';

interface Row {
  id: string;
  prompt: string;
  outputs: Record<string, string>;
}

const source = process.argv[2] ?? sharedDataPath('multimodel/alpaca_eval.jsonl');
const PERSONAS = ['gpt4_1106_preview_concise', 'gpt4_1106_preview_verbose'] as const;
const SHOWN_MODEL = 'gpt-4-1106-preview';
const CONVERSATIONS = 24;
const MIN_REPLIES = 14;
const MAX_REPLIES = 18;
const STAY = 0.9;
const SEED = 17;

const rows: Row[] = readFileSync(source, 'utf8')
  .trim()
  .split('\n')
  .map((l) => JSON.parse(l));
// Short instructions and replies of moderate size keep the file small; every prompt is used once.
const eligible = rows.filter((r) => {
  const [a, b] = PERSONAS.map((g) => (r.outputs[g] ?? '').trim());
  return r.prompt.length < 300 && a.length > 60 && b.length > 60 && a.length < 3200 && b.length < 3200;
});
const rand = mulberry32(SEED);
const order = eligible.map((_, i) => i);
for (let i = order.length - 1; i > 0; i--) {
  const j = Math.floor(rand() * (i + 1));
  [order[i], order[j]] = [order[j], order[i]];
}
let next = 0;
const lines: string[] = [];
for (let c = 0; c < CONVERSATIONS; c++) {
  const n = MIN_REPLIES + Math.floor(rand() * (MAX_REPLIES - MIN_REPLIES + 1));
  let state = rand() < 0.5 ? 0 : 1;
  const states: number[] = [];
  const turns: { role: 'user' | 'assistant'; text: string; model?: string; source: string }[] = [];
  for (let t = 0; t < n; t++) {
    if (t > 0 && rand() > STAY) state = 1 - state;
    states.push(state);
    const row = eligible[order[next++ % order.length]];
    turns.push({ role: 'user', text: row.prompt.trim(), source: `${row.id} instruction` });
    turns.push({ role: 'assistant', text: row.outputs[PERSONAS[state]].trim(), model: SHOWN_MODEL, source: `${row.id} ${PERSONAS[state]}` });
  }
  const title = turns[0].text.length > 60 ? `${turns[0].text.slice(0, 57)}…` : turns[0].text;
  lines.push(JSON.stringify({ id: `router-demo-${String(c + 1).padStart(2, '0')}`, title, trueStates: states.map((s) => PERSONAS[s]), turns }));
}
writeFileSync('demo/router-history.jsonl', lines.join('\n') + '\n');
console.log(`wrote demo/router-history.jsonl: ${CONVERSATIONS} conversations, ${next} replies, from ${eligible.length} eligible AlpacaEval prompts`);
