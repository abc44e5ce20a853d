/**
 * Speed benchmark (prints numbers, asserts nothing): features + labels throughput in words/s on
 * real replies, beside bare tokenizers on the same text in the same run, and the time to label a
 * 200-reply conversation. Run: npx tsx bench/speed.bench.ts
 */
import { createRequire } from 'node:module';
import { analyzeConversation, type AnalyzeTurn } from '../src/core/analyze.ts';
import { extractFeatures, measureReply } from '../src/core/features/registry.ts';
import { loadAlpaca, readJsonl, type RealConversation } from './lib/data.ts';
import { makeRng } from './lib/rng.ts';
import { printTable } from './lib/table.ts';

const records = loadAlpaca();
const alpaca = records.flatMap((r) => Object.values(r.outputs)).filter((t) => t.trim());
const sharegpt = readJsonl<RealConversation>('conversations/sharegpt92k_sample.jsonl').flatMap((c) => c.turns.filter((t) => t.role === 'assistant').map((t) => t.text));
const corpus = [...alpaca.slice(0, 3000), ...sharegpt.slice(0, 1500)];
const WORD = /\S+/g;
const totalWords = corpus.reduce((n, t) => n + (t.match(WORD)?.length ?? 0), 0);

function timeIt(fn: () => void, runs = 3): number {
  fn(); // warm-up (JIT, caches)
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    fn();
    times.push(performance.now() - t0);
  }
  return times.sort((a, b) => a - b)[runs >> 1];
}

const rows: (string | number)[][] = [];
const add = (name: string, ms: number) => rows.push([name, ms, (totalWords / ms) * 1000]);

// wink-nlp's tokenizer is compiled from a language model (wink-eng-lite-web-model), which is not
// installed; without it wink-nlp cannot tokenize. We try, and say so if it fails.
const require = createRequire(import.meta.url);
let winkNote = '';
try {
  const winkNLP = require('wink-nlp') as (model: unknown) => { readDoc(t: string): { tokens(): { length(): number } } };
  let model: unknown = null;
  try {
    model = require('wink-eng-lite-web-model');
  } catch {
    /* not installed */
  }
  const nlp = winkNLP(model);
  add('wink-nlp readDoc (tokenize)', timeIt(() => corpus.forEach((t) => nlp.readDoc(t).tokens().length())));
} catch (err) {
  winkNote = `wink-nlp tokenizer not measured: ${err instanceof Error ? err.message : String(err)} (wink-eng-lite-web-model is not installed).`;
}

const seg = new Intl.Segmenter('en', { granularity: 'word' });
add('Intl.Segmenter word pass (bare)', timeIt(() => corpus.forEach((t) => { for (const s of seg.segment(t)) void s.isWordLike; })));
add('regex \\S+ split (bare)', timeIt(() => corpus.forEach((t) => t.match(WORD))));
add('ours: extractFeatures (32 features)', timeIt(() => corpus.forEach((t) => extractFeatures(t))));
add('ours: features + style profile', timeIt(() => corpus.forEach((t) => measureReply(t, true))));
// Features + detection + labels: the corpus as conversations of 20 replies.
const convs: AnalyzeTurn[][] = [];
for (let i = 0; i < corpus.length; i += 20) convs.push(corpus.slice(i, i + 20).flatMap((t) => [{ role: 'user' as const, text: 'q' }, { role: 'assistant' as const, text: t }]));
add('ours: features + detection + labels', timeIt(() => convs.forEach((c) => analyzeConversation(c))));

console.log(`Corpus: ${corpus.length} real replies (alpaca_eval, ShareGPT), ${totalWords} whitespace words. Median of 3 runs after warm-up.`);
printTable(['pass', 'ms', 'words/s'], rows);
if (winkNote) console.log(winkNote);
const ours = rows.find((r) => r[0] === 'ours: features + detection + labels')![2] as number;
const segm = rows.find((r) => r[0] === 'Intl.Segmenter word pass (bare)')![2] as number;
console.log(`ours / Intl.Segmenter bare pass = ${(ours / segm).toFixed(2)}×`);

// A 200-reply conversation of real replies (random generators and prompts, seeded).
const rng = makeRng(7);
const gens = Object.keys(records[0].outputs);
const turns: AnalyzeTurn[] = [];
for (let i = 0; i < 200; i++) {
  const r = rng.pick(records);
  turns.push({ role: 'user', text: r.prompt }, { role: 'assistant', text: r.outputs[rng.pick(gens)] ?? '' });
}
const convWords = turns.filter((t) => t.role === 'assistant').reduce((n, t) => n + (t.text.match(WORD)?.length ?? 0), 0);
const full = timeIt(() => analyzeConversation(turns), 9);
const measures = turns.filter((t) => t.role === 'assistant').map((t) => measureReply(t.text));
const detectOnly = timeIt(() => analyzeConversation(turns, { measures }), 9);
console.log(`\n200-reply conversation (${convWords} words): features + detection + labels ${full.toFixed(1)} ms; ` +
  `detection + labels with cached features ${detectOnly.toFixed(2)} ms (median of 9). Target < 20 ms.`);
