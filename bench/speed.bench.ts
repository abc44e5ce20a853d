/**
 * Speed benchmark (prints numbers, asserts nothing): features + labels throughput in words/s on
 * real replies, beside bare tokenizers on the same text in the same run, and the time to label a
 * 200-reply conversation. Run: npx tsx bench/speed.bench.ts
 */
import { analyzeConversation, measureForDetector, type AnalyzeTurn } from '../src/core/analyze.ts';
import { extractFeatures, measureReply, type ReplyMeasures } from '../src/core/features/registry.ts';
import { loadAlpaca, readJsonl, type RealConversation } from './lib/data.ts';
import { makeRng } from './lib/rng.ts';
import { printTable } from './lib/table.ts';
import { formatInterval, machineLine, medianInterval, timeCpu, type CpuTiming } from './lib/cpu-time.ts';

const records = loadAlpaca();
const alpaca = records.flatMap((r) => Object.values(r.outputs)).filter((t) => t.trim());
const sharegpt = readJsonl<RealConversation>('conversations/sharegpt92k_sample.jsonl').flatMap((c) =>
  c.turns.filter((t) => t.role === 'assistant').map((t) => t.text),
);
const corpus = [...alpaca.slice(0, 3000), ...sharegpt.slice(0, 1500)];
const WORD = /\S+/g;
const totalWords = corpus.reduce((n, t) => n + (t.match(WORD)?.length ?? 0), 0);

interface Timing {
  wall: number;
  cpu: number;
}

const median = (xs: readonly number[]) => medianInterval(xs).median;

/** Median wall and CPU ms of `runs` runs after a warm-up (CPU time: see bench/lib/cpu-time.ts). */
function timeIt(fn: () => void, runs = 3): Timing {
  const t = timeCpu(fn, runs);
  return { wall: median(t.wall), cpu: median(t.cpu) };
}

console.log(machineLine());
const rows: (string | number)[][] = [];
const rate = new Map<string, number>();
const add = (name: string, t: Timing) => {
  rate.set(name, (totalWords / t.cpu) * 1000);
  rows.push([name, t.wall, t.cpu, (totalWords / t.wall) * 1000, (totalWords / t.cpu) * 1000]);
};

// wink-nlp builds its tokenizer from a language model's regexes (src/tokenizer.js takes the
// model's `trex`); it has no model-free tokenizer. The model package wink-eng-lite-web-model is
// not a dependency; when it is installed, its bare tokenizer (empty pipe: no sbd/pos/ner) is the
// reference, otherwise we say so and compare with Intl.Segmenter and a regex split instead.
const WINK = 'wink-nlp bare tokenizer (readDoc, empty pipe)';
let winkNote = '';
try {
  const winkNLP = (await import('wink-nlp')).default as unknown as (
    model: unknown,
    pipe?: string[],
  ) => { readDoc(t: string): { tokens(): { length(): number } } };
  const modelName = 'wink-eng-lite-web-model';
  const model: unknown = (await import(/* @vite-ignore */ modelName)).default;
  const nlp = winkNLP(model, []);
  add(
    WINK,
    timeIt(() => corpus.forEach((t) => nlp.readDoc(t).tokens().length())),
  );
} catch (err) {
  winkNote =
    `wink-nlp NOT measured: ${err instanceof Error ? err.message.split('\n')[0] : String(err)}. wink-nlp cannot tokenize without its ` +
    'language model; install wink-eng-lite-web-model as a dev dependency to get the wink column. Compared instead with Intl.Segmenter and a \\S+ regex split.';
}

const seg = new Intl.Segmenter('en', { granularity: 'word' });
add(
  'Intl.Segmenter word pass (bare)',
  timeIt(() =>
    corpus.forEach((t) => {
      for (const s of seg.segment(t)) void s.isWordLike;
    }),
  ),
);
add(
  'regex \\S+ split (bare)',
  timeIt(() => corpus.forEach((t) => t.match(WORD))),
);
add(
  'ours: extractFeatures (32 features)',
  timeIt(() => corpus.forEach((t) => extractFeatures(t))),
);
add(
  'ours: features + style profile',
  timeIt(() => corpus.forEach((t) => measureReply(t, true))),
);
// Features + detection + labels: the corpus as conversations of 20 replies.
const convs: AnalyzeTurn[][] = [];
for (let i = 0; i < corpus.length; i += 20)
  convs.push(
    corpus.slice(i, i + 20).flatMap((t) => [
      { role: 'user' as const, text: 'q' },
      { role: 'assistant' as const, text: t },
    ]),
  );
add(
  'ours: features + detection + labels',
  timeIt(() => convs.forEach((c) => analyzeConversation(c))),
);

console.log(
  `Corpus: ${corpus.length} real replies (alpaca_eval, ShareGPT), ${totalWords} whitespace words. Median of 3 runs after a warm-up; words/s from wall and from CPU time (user + system of this process).`,
);
printTable(['pass', 'wall ms', 'cpu ms', 'words/s (wall)', 'words/s (cpu)'], rows);
if (winkNote) console.log(winkNote);
const ours = rate.get('ours: features + detection + labels')!;
const reference = rate.has(WINK) ? WINK : 'Intl.Segmenter word pass (bare)';
console.log(`ours (features + detection + labels) / ${reference} = ${(ours / rate.get(reference)!).toFixed(2)}× (CPU time). Target ≥ 1.0× wink-nlp.`);

// A 200-reply conversation of real replies (random generators and prompts, seeded).
const rng = makeRng(7);
const gens = Object.keys(records[0].outputs);
const turns: AnalyzeTurn[] = [];
for (let i = 0; i < 200; i++) {
  const r = rng.pick(records);
  turns.push({ role: 'user', text: r.prompt }, { role: 'assistant', text: r.outputs[rng.pick(gens)] ?? '' });
}
const convWords = turns.filter((t) => t.role === 'assistant').reduce((n, t) => n + (t.text.match(WORD)?.length ?? 0), 0);
const replyTexts = turns.filter((t) => t.role === 'assistant').map((t) => t.text);
// Rounds of the three passes interleaved, so a change in the machine's load hits all three alike.
// From scratch first, so its warm-up run is the one that meets this conversation's new word types.
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 7);
const RUNS = 7;
// The cached features are computed after the first from-scratch pass (see above).
let measures: readonly ReplyMeasures[] = [];
const passes: [string, () => void][] = [
  ['features + detection + labels (from scratch)', () => analyzeConversation(turns)],
  ['features only (200 replies)', () => replyTexts.forEach((t) => measureForDetector(t))],
  ['detection + labels with cached features', () => analyzeConversation(turns, { measures })],
];
const timings: CpuTiming[][] = passes.map(() => []);
for (let r = 0; r < ROUNDS; r++)
  passes.forEach(([, fn], i) => {
    timings[i].push(timeCpu(fn, RUNS));
    if (r === 0 && i === 0) measures = replyTexts.map((t) => measureForDetector(t));
  });
console.log(
  `\n200-reply conversation (${convWords} words): ${ROUNDS} rounds × ${RUNS} runs, each after a warm-up run; CPU ms median [95% interval of the median], ` +
    "the range of the rounds' medians, wall median. Target < 20 ms (CPU) from scratch.",
);
printTable(
  ['pass', 'cpu ms median [95%]', 'round medians', 'wall ms', 'first warm-up cpu ms'],
  passes.map(([name], i) => {
    const rounds = timings[i].map((t) => median(t.cpu));
    return [
      name,
      formatInterval(medianInterval(timings[i].flatMap((t) => t.cpu)), 2),
      `${Math.min(...rounds).toFixed(2)}–${Math.max(...rounds).toFixed(2)}`,
      median(timings[i].flatMap((t) => t.wall)),
      timings[i][0].firstCpu,
    ];
  }),
);
console.log(
  "The feature engine's word table (src/core/features/engine/) persists across calls, as in the extension: a word type's " +
    'lexicon facts and syllables are computed the first time it is seen, which is part of the first warm-up.',
);
console.log(machineLine());
