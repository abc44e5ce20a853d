/**
 * Dev-time script (not run by npm start): builds demo/router-history.jsonl, the multi-conversation
 * history `npm start` imports so the router tab has something to conclude. Real model text with a
 * known router, and it says so:
 *
 * - every user turn is an AlpacaEval instruction and every reply is that instruction's real reply
 *   ([tatsu-lab/alpaca_eval](https://github.com/tatsu-lab/alpaca_eval), Apache-2.0);
 * - the "router" is ours and known: per conversation a sticky two-state Markov chain (stay
 *   probability 0.9, seed 17; `router-history.ts`) picks, for each reply, GPT-4-1106 under AlpacaEval's "concise"
 *   system prompt or the same model under its "verbose" prompt. One model, two personas, returns
 *   within conversations; no trigger (the switches ignore what the user wrote).
 * - the page-shown model is the same for every reply (gpt-4-1106-preview), so the site did not
 *   switch models.
 * Each turn records its source (`alpaca_eval-NNN generator`) and each conversation its true states.
 * Run: npx tsx demo/build-router-history.ts [path to alpaca_eval.jsonl; default from scripts/shared-data.ts]
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { sharedDataPath } from '../scripts/shared-data.ts';
import { buildRouterHistory, type AlpacaRow } from './router-history.ts';

const source = process.argv[2] ?? sharedDataPath('multimodel/alpaca_eval.jsonl');
const rows: AlpacaRow[] = readFileSync(source, 'utf8')
  .trim()
  .split('\n')
  .map((l) => JSON.parse(l));
const CONVERSATIONS = 24;
const { conversations, replies, eligible } = buildRouterHistory(rows, {
  personas: ['gpt4_1106_preview_concise', 'gpt4_1106_preview_verbose'],
  shownModel: 'gpt-4-1106-preview',
  conversations: CONVERSATIONS,
  minReplies: 14,
  maxReplies: 18,
  stay: 0.9,
  seed: 17,
});
writeFileSync('demo/router-history.jsonl', `${conversations.map((c) => JSON.stringify(c)).join('\n')}\n`);
console.log(`wrote demo/router-history.jsonl: ${CONVERSATIONS} conversations, ${replies} replies, from ${eligible} eligible AlpacaEval prompts`);
