/**
 * `analyzeRouter`: the router view in one call. Given a pile of conversations (one model/site
 * ideally), it finds the persona repertoire, the transitions, compares router and drift
 * explanations, tests user-cue triggers, separates model switches and checks mirroring.
 * Everything random is seeded, so the same input and options give the same report.
 */
import { extractFeatures, FEATURES } from '../features/registry.ts';
import type { ConversationBundle } from '../types.ts';
import { classifyCues } from './cues.ts';
import { embed } from './embed.ts';
import { bundlesToRouterInput, isBundleList, prepare, type PreparedConversation } from './input.ts';
import { analyzeMirroring, distanceSeries, type ChangeSeries } from './mirroring.ts';
import { compareModels } from './model-comparison.ts';
import { analyzeModelSwitches } from './model-switch.ts';
import { createRng } from './random.ts';
import { fitHmm } from './hmm.ts';
import { fitRepertoire, stateId } from './repertoire.ts';
import { analyzeTransitions } from './transitions.ts';
import { analyzeTriggers } from './triggers.ts';
import type { MirroringResult, RouterInput, RouterOptions, RouterReport } from './types.ts';
import { summarize } from './conclusions.ts';

export const ROUTER_VERSION = 'router-1';

/** Fewer replies than this: nothing is modelled, the report says why. */
export const MIN_REPLIES_TO_MODEL = 10;

const DEFAULT_LABELS: Record<string, string> = Object.fromEntries(FEATURES.map((f) => [f.name, f.label]));

export function analyzeRouter(input: RouterInput | readonly ConversationBundle[], opts: RouterOptions = {}): RouterReport {
  const bundles = isBundleList(input) ? input.filter((b) => opts.includeShared || b.conversation.source !== 'capture:shared') : null;
  const convs: RouterInput = bundles ? bundlesToRouterInput(bundles) : (input as RouterInput);
  const extract = opts.extractFeatures ?? extractFeatures;
  const seed = opts.seed ?? 1;
  const permutations = opts.permutations ?? 999;
  const alpha = opts.alpha ?? 0.05;
  const prepared = prepare(convs, extract).filter((c) => c.replies.length > 0);
  const rows = prepared.flatMap((c) => c.replies.map((r) => r.features));
  const sizes = {
    conversations: convs.length,
    replies: rows.length,
    userTurns: prepared.reduce((a, c) => a + c.userTurns, 0),
    conversationsUsed: prepared.length,
  };
  const warnings: string[] = [];
  const leftOut = bundles && isBundleList(input) ? input.length - bundles.length : 0;
  if (leftOut > 0) warnings.push(`${leftOut} conversation${leftOut === 1 ? '' : 's'} captured from shared pages left out (someone else's chats; include them on request)`);
  const modelSwitchEmpty = analyzeModelSwitches(prepared.map((c) => ({ models: c.replies.map((r) => r.model), switches: [] })));
  const emb = embed(rows, opts.maxDims ?? 5);
  if (rows.length < MIN_REPLIES_TO_MODEL || emb.names.length === 0) {
    warnings.push(
      rows.length < MIN_REPLIES_TO_MODEL
        ? `Only ${rows.length} assistant replies: at least ${MIN_REPLIES_TO_MODEL} are needed before any model is fitted.`
        : 'No feature varies across the replies: nothing to model.',
    );
    const mirroring: MirroringResult = { status: 'insufficient-data', pairs: 0, lags: [], conclusion: 'Mirroring not tested: too little data.' };
    const empty = { repertoire: null, transitions: null, comparison: null, triggers: null, modelSwitch: modelSwitchEmpty, mirroring };
    return { version: ROUTER_VERSION, sizes, ...empty, summary: summarize(empty, sizes, warnings), warnings };
  }
  // rowsOf[c][t]: index of reply t of conversation c in `rows` / the embedding.
  let next = 0;
  const rowsOf = prepared.map((c) => c.replies.map(() => next++));
  const seqs = rowsOf.map((idx) => idx.map((i) => emb.y[i]));
  const rep = fitRepertoire(
    prepared.map((c) => c.id),
    seqs,
    emb,
    rowsOf,
    {
      maxStates: opts.maxStates ?? 4,
      stickiness: opts.stickiness ?? 2,
      restarts: opts.restarts ?? 3,
      seed,
      featureLabels: { ...DEFAULT_LABELS, ...opts.featureLabels },
    },
  );
  const transitions = analyzeTransitions(rep.paths, rep.pathK, Array.from({ length: rep.pathK }, (_, k) => stateId(k)));
  const switches = rep.paths.map((p) => p.map((s, t) => t > 0 && s !== p[t - 1]));
  const mixtureFits = rep.fits
    .slice(1)
    .map((f) => fitHmm(seqs, f.params.k, { independent: true, restarts: Math.min(opts.restarts ?? 3, 2), seed: seed + 31 * f.params.k }));
  const comparison = compareModels(seqs, { hmmFits: rep.fits, mixtureFits, hmmSwitches: transitions.switches });
  const switchSource =
    rep.result.chosenK > 1
      ? `the ${rep.pathK}-state HMM chosen by BIC (Viterbi path)`
      : `the best 2+-state HMM (${rep.pathK} states), although BIC prefers a single state — these switches may be noise`;
  if (rep.result.chosenK === 1) warnings.push('BIC prefers one persona state; switch-based analyses use the best multi-state fit and are exploratory.');
  const triggers = analyzeTriggers(
    prepared.map((c, i) => ({ cues: c.replies.map((r) => classifyCues(r.prompt)), switches: switches[i] })),
    { permutations, alpha, minCueEvents: opts.minCueEvents ?? 5, switchSource },
    createRng(seed + 101),
  );
  const modelSwitch = analyzeModelSwitches(prepared.map((c, i) => ({ models: c.replies.map((r) => r.model), switches: switches[i] })));
  const mirroring: MirroringResult = opts.skipMirroring
    ? { status: 'skipped', pairs: 0, lags: [], conclusion: 'Mirroring skipped on request.' }
    : analyzeMirroring(changeSeries(prepared, seqs, extract, opts.maxDims ?? 5), permutations, alpha, createRng(seed + 202));
  const parts = { repertoire: rep.result, transitions, comparison, triggers, modelSwitch, mirroring };
  return { version: ROUTER_VERSION, sizes, ...parts, summary: summarize(parts, sizes, warnings), warnings };
}

/** Per conversation: user and assistant style-change sizes on replies that have a prompt. */
function changeSeries(
  prepared: readonly PreparedConversation[],
  seqs: readonly number[][][],
  extract: (text: string) => Record<string, number | null>,
  maxDims: number,
): ChangeSeries[] {
  const withPrompt = prepared.map((c) => c.replies.map((r, t) => ({ t, prompt: r.prompt })).filter((x) => x.prompt.trim() !== ''));
  const userRows = withPrompt.flatMap((list) => list.map((x) => extract(x.prompt)));
  if (userRows.length < 3) return [];
  const userEmb = embed(userRows, maxDims);
  let next = 0;
  return withPrompt.map((list, c) => {
    const u = list.map(() => userEmb.y[next++]);
    const a = list.map((x) => seqs[c][x.t]);
    return { user: distanceSeries(u), assistant: distanceSeries(a) };
  });
}
