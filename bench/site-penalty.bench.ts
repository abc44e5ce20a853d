/**
 * Per-site penalties from the site's own model reports (lib/site-penalty.ts), on real
 * chats: the ChatGPT account export, whose replies carry the model slug, as one user's history on
 * one site. Prints numbers, asserts nothing.
 *
 * Two-fold by conversation (odd / even position in the file): the step is chosen on one half's
 * same-model transitions and the false-switch rate is measured on the other half's, before and
 * after, so the number is not the one the choice was made on. Then the fit on the whole history
 * (what the extension would do) and what it costs the two real gpt-4 → gpt-3.5 switches. The
 * recall cost on the development switch sets is the precision–recall curve of `npm run
 * bench:detect` at penalty 10 + step.
 */
import { analyzeConversation, measureForDetector, type AnalyzeTurn } from '../src/core/analyze.ts';
import { DETECTOR_PARAMS } from '../src/core/detect/params.ts';
import {
  chooseSitePenalty,
  falseSwitchCount,
  PENALTY_STEPS,
  SITE_MAX_FALSE_PER_100,
  SITE_MIN_TRANSITIONS,
  sameModelTransitions,
  withPenaltyStep,
  type StepEvidence,
} from './lib/site-penalty.ts';
import type { ReplyMeasures } from '../src/core/features/registry.ts';
import { missingData } from './lib/corpus.ts';
import { DATA_DIR, readJsonl, toTurns, type RealConversation } from './lib/data.ts';
import { bootstrap, fmtInterval } from './lib/operating-point.ts';
import { printTable } from './lib/table.ts';

if (missingData().length) {
  console.log(`bench:site-penalty needs ../shared/data (looked in ${DATA_DIR}); nothing measured.`);
  process.exit(0);
}

interface Chat {
  id: string;
  turns: AnalyzeTurn[];
  measures: ReplyMeasures[];
  transitions: number[];
  /** Model changes the site reported (truth for the real switches). */
  modelChanges: number[];
}

const chats: Chat[] = readJsonl<RealConversation>('conversations/chatgpt_export_pkuppens_2023.jsonl').map((c) => {
  const turns = toTurns(c, true);
  const replies = turns.filter((t) => t.role === 'assistant');
  const served = replies.map((t) => t.model ?? null);
  return {
    id: c.id,
    turns,
    measures: replies.map((r) => measureForDetector(r.text)),
    transitions: sameModelTransitions(served),
    modelChanges: served.flatMap((m, i) => (i > 0 && m && served[i - 1] && m !== served[i - 1] ? [i] : [])),
  };
});

const switchesMemo = new Map<string, number[]>();
/** Style switches (model-slug switches left out, as the extension labels them apart). */
function styleSwitches(c: Chat, step: number): number[] {
  const key = `${c.id}|${step}`;
  let s = switchesMemo.get(key);
  if (!s) {
    const a = analyzeConversation(c.turns, { params: withPenaltyStep(DETECTOR_PARAMS, step), measures: c.measures });
    switchesMemo.set(key, (s = a.switches));
  }
  return s;
}
const evidence = (set: readonly Chat[], step: number): StepEvidence => ({
  transitions: set.reduce((a, c) => a + c.transitions.length, 0),
  falseSwitches: set.reduce((a, c) => a + falseSwitchCount(styleSwitches(c, step), c.transitions), 0),
});
const rate = (set: readonly Chat[], step: number) =>
  fmtInterval(
    bootstrap(set.map((c) => ({ tp: 0, est: falseSwitchCount(styleSwitches(c, step), c.transitions), truth: 0, points: c.transitions.length }))).falsePer100,
    1,
  );

console.log(
  `Per-site penalty (site-penalty.ts): steps ${PENALTY_STEPS.join(', ')} added to penalty ${DETECTOR_PARAMS.segment.penaltyBase}; the smallest with ≤ ${SITE_MAX_FALSE_PER_100} false switches per 100 same-model transitions, judged only with ≥ ${SITE_MIN_TRANSITIONS} transitions.`,
);
console.log(
  `ChatGPT export: ${chats.length} conversations, ${evidence(chats, 0).transitions} same-model transitions, ${chats.reduce((a, c) => a + c.modelChanges.length, 0)} model changes.\n`,
);

const halves = [chats.filter((_, i) => i % 2 === 0), chats.filter((_, i) => i % 2 === 1)];
const rows: (string | number)[][] = [];
halves.forEach((fit, h) => {
  const test = halves[1 - h];
  const chosen = chooseSitePenalty((step) => evidence(fit, step));
  const step = chosen?.step ?? 0;
  rows.push([
    `fit on half ${h + 1}, measured on half ${2 - h}`,
    chosen ? `+${step} (fit half: ${chosen.shippedRate.toFixed(1)} → ${chosen.rate.toFixed(1)})` : 'too few transitions',
    evidence(test, 0).transitions,
    rate(test, 0),
    rate(test, step),
  ]);
});
const whole = chooseSitePenalty((step) => evidence(chats, step));
rows.push([
  'fit on the whole history (in-sample)',
  whole ? `+${whole.step}` : 'too few transitions',
  evidence(chats, 0).transitions,
  rate(chats, 0),
  rate(chats, whole?.step ?? 0),
]);
printTable(
  ['fold', 'step chosen', 'same-model transitions (measured)', 'false /100 at the shipped penalty [95% CI]', 'false /100 at the chosen step [95% CI]'],
  rows,
);

const real = chats.filter((c) => c.modelChanges.length);
const found = (step: number) => real.reduce((a, c) => a + c.modelChanges.filter((t) => styleSwitches(c, step).some((s) => Math.abs(s - t) <= 1)).length, 0);
const total = real.reduce((a, c) => a + c.modelChanges.length, 0);
console.log(
  `\nReal model changes in the export seen by the text alone (±1 reply): ${found(0)}/${total} at the shipped penalty, ${found(whole?.step ?? 0)}/${total} at the whole-history step.`,
);
