/**
 * Dev-time script (not run by npm start): builds demo/router-history.jsonl, the multi-conversation
 * history `npm start` imports so the router tab has something to conclude. Real model text with a
 * known router, and it says so:
 *
 * - every reply is an AlpacaEval instruction's real reply
 *   ([tatsu-lab/alpaca_eval](https://github.com/tatsu-lab/alpaca_eval), Apache-2.0), from GPT-4o
 *   or GPT-4o mini; every user turn is that instruction, or — on about 1 turn in 8 — a real short
 *   user reply the cue rules call disengaged ("ok", "sure", …; `disengagement-cues.json`, from
 *   anthropics/hh-rlhf, MIT), which replaces the instruction (the reply stays the real reply to it);
 * - the router is ours and known, and it is the site's: the user asked for "auto", and the site
 *   swaps model (GPT-4o ↔ GPT-4o mini) on the reply to a disengaged turn 4 times in 5, and says
 *   which model served each reply, as a ChatGPT account export does (`route`, source "export").
 *   Otherwise the model stays. Seed 17; `router-history.ts` with `cues` and `served`.
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
const cues = JSON.parse(readFileSync('demo/disengagement-cues.json', 'utf8')) as { texts: string[] };
const CONVERSATIONS = 24;
const { conversations, replies, eligible } = buildRouterHistory(rows, {
  personas: ['gpt-4o-2024-05-13', 'gpt-4o-mini-2024-07-18'],
  served: ['gpt-4o', 'gpt-4o-mini'],
  shownModel: 'gpt-4o',
  conversations: CONVERSATIONS,
  minReplies: 14,
  maxReplies: 18,
  stay: 1,
  // The same loop bench:router's realsite row measures: a cue on 1 user turn in 8, a swap after it 4 times in 5.
  cues: { texts: cues.texts, rate: 0.125, switchAfter: 0.8 },
  seed: 17,
});
writeFileSync('demo/router-history.jsonl', `${conversations.map((c) => JSON.stringify(c)).join('\n')}\n`);
console.log(`wrote demo/router-history.jsonl: ${CONVERSATIONS} conversations, ${replies} replies, from ${eligible} eligible AlpacaEval prompts`);
