/**
 * `analyzeRouter`: the router view in one call. Given a pile of conversations (one model/site
 * ideally), it finds the persona repertoire, the transitions, compares router and drift
 * explanations, tests user-cue triggers, separates model switches and checks mirroring.
 * Everything random is seeded, so the same input and options give the same report.
 */
import { analyzeRoutes as analyzeSiteRoutes } from '../route/analysis/index.ts';
import { extractFeatures, FEATURES } from '../features/registry.ts';
import type { ConversationBundle } from '../model/types.ts';
import { classifyCues } from './cues.ts';
import { embed } from './embed.ts';
import { bundlesToRouterInput, isBundleList, prepare, type PreparedConversation } from './input.ts';
import { analyzeMirroring, distanceSeries, type ChangeSeries } from './mirroring.ts';
import { compareModels } from './model-comparison.ts';
import { analyzeModelSwitches } from './model-switch.ts';
import { createRng } from './random.ts';
import { fitHmm } from './hmm-fit.ts';
import { fitRepertoire, stateId } from './repertoire.ts';
import { analyzeTransitions } from './transitions.ts';
import { siteSwitchSeries } from './site-switches.ts';
import { pick, testSwitches } from './switch-tests.ts';
import type { MirroringResult, RouteEvidence, RouterInput, RouterOptions, RouterReport, SiteSwitchTests } from './types.ts';
import { summarize } from './conclusions.ts';
import { formatNumber } from './stats.ts';
import { fitPiecewiseConstant } from './drift-models.ts';
import { describePrompt, PROMPT_COVARIATES, residualize } from './prompt-covariates.ts';
import { buildQuestions } from './questions.ts';
import { persistenceTest } from './persistence.ts';
import { recurrenceResult, recurrenceTest } from './recurrence.ts';
import { analyzeRoutes } from './route-evidence.ts';

export const ROUTER_VERSION = 'router-2';

/** Fewer replies than this: nothing is modelled, the report says why. */
export const MIN_REPLIES_TO_MODEL = 10;

const DEFAULT_LABELS: Record<string, string> = Object.fromEntries(FEATURES.map((f) => [f.name, f.label]));

export function analyzeRouter(input: RouterInput | readonly ConversationBundle[], opts: RouterOptions = {}): RouterReport {
  const bundles = isBundleList(input) ? input.filter((b) => opts.includeShared || b.conversation.source !== 'capture:shared') : null;
  const convs: RouterInput = bundles ? bundlesToRouterInput(bundles) : (input as RouterInput);
  const extract = opts.extractFeatures ?? extractFeatures;
  const seed = opts.seed ?? 1;
  const requestedPermutations = opts.permutations ?? 999;
  const alpha = opts.alpha ?? 0.05;
  const progress = (step: string, done: number) => opts.onProgress?.(step, done, PROGRESS_STEPS);
  progress('Reading replies', 0);
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
  if (leftOut > 0)
    warnings.push(`${leftOut} conversation${leftOut === 1 ? '' : 's'} captured from shared pages left out (someone else's chats; include them on request)`);
  // Permutation tests cost replies × rotations; on very large piles fewer rotations keep the run short (p resolution 1/(B+1)).
  const permutations = rows.length > LARGE_PILE ? Math.min(requestedPermutations, LARGE_PILE_PERMUTATIONS) : requestedPermutations;
  // ... and a trigger or loop test stops once LARGE_PILE_STOP rotations reach its statistic (it can no longer reject).
  const stopAfter = rows.length > LARGE_PILE ? LARGE_PILE_STOP : undefined;
  if (permutations < requestedPermutations || stopAfter !== undefined)
    warnings.push(
      `${rows.length} replies: permutation tests use ${permutations} rotations instead of ${requestedPermutations} (smallest possible p ${formatNumber(1 / (permutations + 1), 3)}); a trigger or loop test stops early once ${LARGE_PILE_STOP} rotations reach its statistic (a sequential p-value, Besag–Clifford: it could no longer reject).`,
    );
  const noSwitches = prepared.map((c) => c.replies.map(() => false));
  const routeEvidence = analyzeRoutes(routeSeries(prepared, noSwitches));
  // The route analysis of stored conversations runs permutation tests: once, for both report paths.
  const siteRouteFindings = routeEvidence.source === 'routes' && bundles ? analyzeSiteRoutes(bundles, { seed, permutations }).conclusions : undefined;
  const routes: RouteEvidence = { ...routeEvidence, siteRouteFindings };
  const modelSwitchEmpty = analyzeModelSwitches(prepared.map((c) => ({ models: c.replies.map((r) => r.model), switches: [] })));
  progress('Embedding features', 1);
  const emb = embed(rows, opts.maxDims ?? 5);
  if (rows.length < MIN_REPLIES_TO_MODEL || emb.names.length === 0) {
    warnings.push(
      rows.length < MIN_REPLIES_TO_MODEL
        ? `Only ${rows.length} assistant replies: at least ${MIN_REPLIES_TO_MODEL} are needed before any model is fitted.`
        : 'No feature varies across the replies: nothing to model.',
    );
    const mirroring: MirroringResult = { status: 'insufficient-data', pairs: 0, lags: [], conclusion: 'Mirroring not tested: too little data.' };
    const empty = {
      repertoire: null,
      transitions: null,
      comparison: null,
      triggers: null,
      modelSwitch: modelSwitchEmpty,
      mirroring,
      promptConditioning: null,
      recurrence: null,
      loop: null,
      routes,
      siteSwitches: null,
    };
    const questions = buildQuestions(empty, alpha);
    return { version: ROUTER_VERSION, sizes, ...empty, questions, summary: summarize({ ...empty, questions }, sizes, warnings), warnings };
  }
  // rowsOf[c][t]: index of reply t of conversation c in `rows` / the embedding.
  let next = 0;
  const rowsOf = prepared.map((c) => c.replies.map(() => next++));
  // What the user wrote explains part of every reply (short question → short answer); remove it first.
  const promptInfo = prepared.map((c) => c.replies.map((r) => describePrompt(r.prompt)));
  const covariates = promptInfo.flatMap((c) => c.map((p) => p.covariates));
  const resid = opts.conditionOnPrompt === false ? null : residualize(emb.y, covariates);
  const yr = resid?.applied ? resid.y : emb.y;
  // Within conversations only: each conversation's own level (its topic) is removed, so sorting
  // conversations by topic cannot pass for switching (issue 17). The verdict is about changes inside conversations.
  const y = opts.centerConversations === false ? yr : centerWithin(yr, rowsOf);
  const promptConditioning = resid ? { applied: resid.applied, covariates: [...PROMPT_COVARIATES], r2: resid.r2 } : { applied: false, covariates: [], r2: [] };
  const seqs = rowsOf.map((idx) => idx.map((i) => y[i]));
  // Large piles: the models are fitted and compared on a seeded sample of conversations, then every conversation is decoded.
  const fitOn = fitSample(seqs, opts.maxFitReplies ?? MAX_FIT_REPLIES, seed);
  const fitSeqs = fitOn ? fitOn.map((c) => seqs[c]) : seqs;
  if (fitOn)
    warnings.push(
      `Models fitted on a random sample of ${fitOn.length} of ${seqs.length} conversations (${fitSeqs.reduce((a, q) => a + q.length, 0)} replies) for speed; states are then decoded for every conversation.`,
    );
  progress('Fitting persona states', 2);
  const rep = fitRepertoire(
    prepared.map((c) => c.id),
    prepared.map((c) => c.replies.map((r) => r.segment)),
    seqs,
    emb,
    rowsOf,
    {
      maxStates: opts.maxStates ?? 4,
      stickiness: opts.stickiness ?? 2,
      restarts: opts.restarts ?? 3,
      seed,
      featureLabels: { ...DEFAULT_LABELS, ...opts.featureLabels },
      fitOn: fitOn ?? undefined,
    },
  );
  const transitions = analyzeTransitions(
    rep.paths,
    rep.pathK,
    Array.from({ length: rep.pathK }, (_, k) => stateId(k)),
  );
  const switches = rep.paths.map((p) => p.map((s, t) => t > 0 && s !== p[t - 1]));
  progress('Fitting the alternatives', 3);
  const restarts = Math.min(opts.restarts ?? 3, 2);
  const mixtureFits = rep.fits.slice(1).map((f) => fitHmm(fitSeqs, f.params.k, { independent: true, restarts, seed: seed + 31 * f.params.k }));
  const clusterFits = rep.fits.slice(1).map((f) => fitHmm(fitSeqs, f.params.k, { wholeConversation: true, restarts, seed: seed + 37 * f.params.k }));
  const pw = fitPiecewiseConstant(fitSeqs);
  progress('Testing recurrence within conversations', 4);
  const rec = recurrenceTest(rep.paths, permutations, createRng(seed + 303));
  const recurrence = recurrenceResult(rec, rep.paths, opts.bootstrap ?? 200, createRng(seed + 404));
  const persistence = persistenceTest(fitSeqs, permutations, createRng(seed + 808));
  const comparison = compareModels(fitSeqs, {
    persistence,
    hmmFits: rep.fits,
    mixtureFits,
    clusterFits,
    hmmSwitches: transitions.switches,
    recurrenceP: rec.p,
    alpha,
    piecewise: pw,
  });
  const switchSource =
    rep.result.chosenK > 1
      ? `the ${rep.pathK}-state HMM chosen by BIC (Viterbi path)`
      : `the best 2+-state HMM (${rep.pathK} states), although BIC prefers a single state — these switches may be noise`;
  if (rep.result.chosenK === 1) warnings.push('BIC prefers one persona state; switch-based analyses use the best multi-state fit and are exploratory.');
  progress('Testing triggers', 5);
  const cues = prepared.map((c) => c.replies.map((r) => classifyCues(r.prompt)));
  const site = siteSwitchSeries(prepared.map((c) => c.replies.map((r) => r.route)));
  const user = { cues, words: promptInfo.map((c) => c.map((p) => p.words)), gapMs: prepared.map((c) => c.replies.map((r) => r.gapMs)) };
  // Two sets of switches answer the same questions where the site reports its own: each at α / 2.
  const testAlpha = site ? alpha / 2 : alpha;
  const testOptions = (seedOffset: number) => ({ permutations, alpha: testAlpha, minCueEvents: opts.minCueEvents ?? 5, stopAfter, seed: seed + seedOffset });
  const { triggers, loop } = testSwitches(user, switches, switchSource, testOptions(0));
  const siteSwitches: SiteSwitchTests | null = site
    ? {
        covered: site.covered,
        replies: site.replies,
        switches: site.count,
        models: site.models,
        alpha: testAlpha,
        conversations: site.conversations.length,
        ...testSwitches(pick(user, site.conversations), site.switches, 'the model the site reported serving each reply', testOptions(1000)),
      }
    : null;
  const modelSwitch = analyzeModelSwitches(prepared.map((c, i) => ({ models: c.replies.map((r) => r.model), switches: switches[i] })));
  const routesWithSwitches: RouteEvidence = { ...analyzeRoutes(routeSeries(prepared, switches)), siteRouteFindings };
  progress('Checking mirroring', 6);
  const mirroring: MirroringResult = opts.skipMirroring
    ? { status: 'skipped', pairs: 0, lags: [], conclusion: 'Mirroring skipped on request.' }
    : rows.length > LARGE_PILE
      ? {
          status: 'skipped',
          pairs: 0,
          lags: [],
          conclusion: `Mirroring skipped on piles over ${LARGE_PILE} replies (it reads every user message; not part of the verdicts).`,
        }
      : analyzeMirroring(changeSeries(prepared, seqs, extract, opts.maxDims ?? 5), permutations, alpha, createRng(seed + 202));
  const parts = {
    repertoire: rep.result,
    transitions,
    comparison,
    triggers,
    modelSwitch,
    mirroring,
    promptConditioning,
    recurrence,
    loop,
    routes: routesWithSwitches,
    siteSwitches,
  };
  const questions = buildQuestions(parts, alpha, {
    hmmFit: rep.fits[rep.pathK - 1],
    clusterFits,
    mixtureFits,
    seqs: fitSeqs,
    bootstrap: opts.bootstrap ?? 200,
    rng: createRng(seed + 606),
  });
  progress('Done', PROGRESS_STEPS);
  return { version: ROUTER_VERSION, sizes, ...parts, questions, summary: summarize({ ...parts, questions }, sizes, warnings), warnings };
}

/** Above this many replies the permutation tests use at most LARGE_PILE_PERMUTATIONS rotations. */
export const LARGE_PILE = 20_000;
export const LARGE_PILE_PERMUTATIONS = 199;
/** Above LARGE_PILE: a trigger or loop test stops once this many rotations reach its statistic (p ≥ 10/199 > 0.05). */
export const LARGE_PILE_STOP = 10;

/** Above this many replies, models are fitted on a sample of conversations (all are still decoded and tested). */
export const MAX_FIT_REPLIES = 4000;

/** Seeded sample of conversation indices holding about `max` replies; null when everything fits. */
function fitSample(seqs: readonly (readonly unknown[])[], max: number, seed: number): number[] | null {
  const total = seqs.reduce((a, s) => a + s.length, 0);
  if (total <= max) return null;
  const rng = createRng(seed + 707);
  const order = seqs.map((_, i) => i);
  for (let i = order.length - 1; i > 0; i--) {
    const j = rng.int(i + 1);
    [order[i], order[j]] = [order[j], order[i]];
  }
  const out: number[] = [];
  let n = 0;
  for (const c of order) {
    if (n >= max) break;
    out.push(c);
    n += seqs[c].length;
  }
  return out.sort((a, b) => a - b);
}

/** Steps reported through `onProgress`. */
export const PROGRESS_STEPS = 7;

function routeSeries(prepared: readonly PreparedConversation[], switches: readonly (readonly boolean[])[]) {
  return prepared.map((c, i) => ({ routes: c.replies.map((r) => r.route), models: c.replies.map((r) => r.model), switches: switches[i] }));
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

/**
 * Each conversation's mean subtracted from its replies (conversations of one reply are left alone).
 * In place: the rows are this analysis's own working copy (residualised or embedded), read nowhere else.
 */
function centerWithin(y: number[][], rowsOf: readonly number[][]): number[][] {
  for (const idx of rowsOf) {
    if (idx.length < 2) continue;
    const d = y[idx[0]].length;
    for (let j = 0; j < d; j++) {
      let sum = 0;
      for (const i of idx) sum += y[i][j];
      const m = sum / idx.length;
      for (const i of idx) y[i][j] -= m;
    }
  }
  return y;
}
