/**
 * Router vs drift: which story explains the pile of conversations best, by BIC on the same
 * observations (docs/reference/methods.md §3.6). Router evidence needs (1) a switching model beating every
 * drift/constant model clearly, (2) the HMM beating piecewise-constant, i.e. returning to
 * earlier states pays for itself, (3) the HMM beating conversation clusters (each conversation
 * in one state throughout: what a pile of conversations at their own topic levels looks like),
 * and (4) the within-conversation recurrence test (recurrence.ts) rejecting shuffled segment order.
 * The persistence test (persistence.ts) is reported beside them but does not enter the verdict:
 * drift persists too, and in its place of the HMM-vs-mixture margin it let random-walk drift
 * through (docs/router.md, "measured, not adopted").
 */
import { fitConstant, fitLinearTrend, fitPiecewiseConstant, fitRandomWalk, type Seqs } from './drift-models.ts';
import type { HmmFit } from './hmm-fit.ts';
import { bic, evidenceStrength, formatNumber, formatP } from './stats.ts';
import type { CandidateModel, ModelComparisonResult, ModelFit, PersistenceResult, RouterVerdict } from './types.ts';

/** ΔBIC treated as a clear margin ("very strong", Kass & Raftery). */
export const CLEAR_MARGIN = 10;
/** Fewer replies than this, or fewer than 2 conversations with 3+ replies → inconclusive. */
export const MIN_REPLIES = 20;

const NAMES: Record<CandidateModel, string> = {
  constant: 'constant persona',
  'linear-trend': 'linear drift',
  'random-walk': 'random-walk drift',
  mixture: 'order-free mix of reply types',
  'conversation-clusters': 'conversation clusters (one state per conversation)',
  'piecewise-constant': 'piecewise-constant switches',
  'sticky-hmm': 'sticky HMM (recurring repertoire)',
};

export interface ComparisonInputs {
  /** Best sticky HMM per K (index K−1), from the repertoire. */
  hmmFits: readonly HmmFit[];
  /** Best order-free mixture per K ≥ 2. */
  mixtureFits: readonly HmmFit[];
  /** Best conversation-cluster fit per K ≥ 2 (one state per conversation). */
  clusterFits: readonly HmmFit[];
  /** Within-conversation switches on the Viterbi path of the best multi-state HMM. */
  hmmSwitches: number;
  /** p of the within-conversation recurrence test (null = not testable: fewer than 3 runs anywhere). */
  recurrenceP: number | null;
  /** The within-conversation persistence test (null = not run). */
  persistence: PersistenceResult | null;
  alpha: number;
  /** The piecewise-constant fit when already computed (the recurrence test uses it too). */
  piecewise?: ReturnType<typeof fitPiecewiseConstant>;
}

function bestByBic(fits: readonly HmmFit[], n: number): HmmFit | null {
  return fits.reduce<HmmFit | null>((a, b) => (!a || bic(b.logLik, b.paramCount, n) < bic(a.logLik, a.paramCount, n) ? b : a), null);
}

export function compareModels(seqs: Seqs, inputs: ComparisonInputs): ModelComparisonResult {
  const n = seqs.reduce((s, q) => s + q.length, 0);
  const raw: Omit<ModelFit, 'bic' | 'deltaBic'>[] = [];
  const add = (model: CandidateModel, f: { logLik: number; params: number; detail: string }) =>
    raw.push({ model, logLik: f.logLik, params: f.params, detail: f.detail });
  add('constant', fitConstant(seqs));
  add('linear-trend', fitLinearTrend(seqs));
  add('random-walk', fitRandomWalk(seqs));
  const mix = bestByBic(inputs.mixtureFits, n);
  if (mix) add('mixture', { logLik: mix.logLik, params: mix.paramCount, detail: `${mix.params.k} reply types drawn independently of order` });
  const clusters = bestByBic(inputs.clusterFits, n);
  if (clusters)
    add('conversation-clusters', { logLik: clusters.logLik, params: clusters.paramCount, detail: `${clusters.params.k} clusters of whole conversations` });
  const pc = inputs.piecewise ?? fitPiecewiseConstant(seqs);
  const pcChanges = pc.segmentation.changePoints.reduce((a, c) => a + c.length, 0);
  add('piecewise-constant', pc);
  const hmm = bestByBic(inputs.hmmFits.slice(1), n);
  if (hmm) add('sticky-hmm', { logLik: hmm.logLik, params: hmm.paramCount, detail: `${hmm.params.k} states` });
  const withBic = raw.map((r) => ({ ...r, bic: bic(r.logLik, r.params, n), deltaBic: 0 }));
  const bestBic = Math.min(...withBic.map((f) => f.bic));
  const fits: ModelFit[] = withBic.map((f) => ({ ...f, deltaBic: f.bic - bestBic })).sort((a, b) => a.bic - b.bic);
  const get = (m: CandidateModel) => fits.find((f) => f.model === m)?.bic ?? Infinity;
  const finite = (x: number) => (Number.isFinite(x) ? x : 0);
  const bestNonSwitching = Math.min(get('constant'), get('linear-trend'), get('random-walk'), get('mixture'), get('conversation-clusters'));
  const hmmBetter = get('sticky-hmm') <= get('piecewise-constant');
  const longConvs = seqs.filter((s) => s.length >= 3).length;
  const enough = n >= MIN_REPLIES && longConvs >= 2;
  const winner = fits[0].model;
  const result: ModelComparisonResult = {
    fits,
    winner,
    runnerUp: fits[1]?.model ?? winner,
    margin: fits.length > 1 ? fits[1].bic - fits[0].bic : 0,
    strength: evidenceStrength(fits.length > 1 ? fits[1].bic - fits[0].bic : 0),
    switchingVsDrift: finite(bestNonSwitching - Math.min(get('piecewise-constant'), get('sticky-hmm'))),
    hmmVsPiecewise: finite(get('piecewise-constant') - get('sticky-hmm')),
    hmmVsMixture: finite(get('mixture') - get('sticky-hmm')),
    hmmVsClusters: finite(get('conversation-clusters') - get('sticky-hmm')),
    recurrenceP: inputs.recurrenceP,
    persistence: inputs.persistence,
    withinConversationSwitches: hmmBetter ? inputs.hmmSwitches : pcChanges,
    verdict: 'inconclusive',
    observations: n,
    conversations: seqs.length,
    conclusion: '',
  };
  result.verdict = enough ? decideVerdict(result, inputs.alpha) : 'inconclusive';
  result.conclusion = comparisonConclusion(result, enough);
  return result;
}

/** Router evidence needs switching to beat every non-switching story, recurrence and persistence to pay. */
function decideVerdict(r: ModelComparisonResult, alpha: number): RouterVerdict {
  const switchingWins = r.switchingVsDrift > CLEAR_MARGIN;
  const recurs = r.recurrenceP !== null && r.recurrenceP < alpha;
  if (switchingWins && r.withinConversationSwitches === 0) return 'stable';
  if (switchingWins && r.hmmVsPiecewise > CLEAR_MARGIN && r.hmmVsMixture > CLEAR_MARGIN && r.hmmVsClusters > CLEAR_MARGIN && recurs) return 'router-like';
  if (switchingWins && (r.winner === 'piecewise-constant' || r.winner === 'sticky-hmm')) return 'switching-without-recurrence';
  if (r.margin < 2) return 'inconclusive';
  if (r.winner === 'constant') return 'stable';
  if (r.winner === 'linear-trend' || r.winner === 'random-walk') return 'drift-like';
  if (r.winner === 'mixture') return 'mixed-reply-types';
  return 'inconclusive';
}

function comparisonConclusion(r: ModelComparisonResult, enough: boolean): string {
  const lead = `Best explanation: ${NAMES[r.winner]}, ahead of ${NAMES[r.runnerUp]} by ΔBIC ${formatNumber(r.margin, 1)} (${r.strength} evidence).`;
  const nulls =
    'Null hypotheses compared: one constant persona with noise; linear drift with turn index; random-walk drift; a mix of reply types that ignores order; clusters of whole conversations (topic levels); switches without recurrence (piecewise constant); the same segments in shuffled order within each conversation (recurrence test); the same replies in shuffled order within each conversation (persistence test, reported, not part of the verdict).';
  const detail = `Switching vs best non-switching model: ΔBIC ${formatNumber(r.switchingVsDrift, 1)}; HMM vs piecewise constant: ${formatNumber(r.hmmVsPiecewise, 1)}; HMM vs order-free mixture: ${formatNumber(r.hmmVsMixture, 1)}; HMM vs conversation clusters: ${formatNumber(r.hmmVsClusters, 1)} (positive favours the first; > ${CLEAR_MARGIN} counts as clear). ${r.withinConversationSwitches} switch(es) inside conversations. Recurrence test (segment order shuffled within conversations): ${r.recurrenceP === null ? 'not testable (no conversation has 3+ segments)' : formatP(r.recurrenceP)}. ${persistenceDetail(r.persistence)}`;
  const verdicts: Record<RouterVerdict, string> = {
    'router-like':
      'Verdict: router-like. Switching beats every non-switching model clearly (including clusters of whole conversations), states persist from reply to reply, returning to earlier states pays for itself, and the returns beat shuffled segment order inside conversations. This describes the pile as a whole, not any single conversation, and does not by itself say what triggers the switches (topic changes also persist).',
    'switching-without-recurrence':
      'Verdict: discrete switches, but no clear recurring repertoire: the replies change in jumps, yet reusing earlier states is not clearly better than fresh segments, than clusters of whole conversations, or than the same segments in shuffled order.',
    'mixed-reply-types':
      'Verdict: a mix of reply types whose order carries no clear information — consistent with the task of each turn choosing the style, not with a persona that persists and switches.',
    'drift-like': 'Verdict: drift-like. Gradual change explains the replies better than discrete switching.',
    stable:
      r.switchingVsDrift > CLEAR_MARGIN && r.withinConversationSwitches === 0
        ? 'Verdict: stable within conversations. Conversations differ in level from one another, but nothing switches inside a conversation.'
        : 'Verdict: stable. One persona plus noise explains the replies; no switching or drift is supported.',
    inconclusive: enough
      ? 'Verdict: inconclusive. No model wins clearly enough to decide between switching and drift.'
      : `Verdict: inconclusive — too little data (${r.observations} replies, need at least ${MIN_REPLIES} and 2 conversations with 3+ replies).`,
  };
  return [lead, verdicts[r.verdict], nulls, detail].join(' ');
}

function persistenceDetail(t: PersistenceResult | null): string {
  if (!t || t.p === null || t.lagCorrelation === null) return 'Persistence test: not run (no conversation has 3+ replies).';
  return `Persistence test (replies shuffled within ${t.conversationsTested} conversations): neighbouring replies correlate ${formatNumber(t.lagCorrelation, 2)} along their most persistent direction, ${formatNumber(t.lagCorrelationNull ?? 0, 2)} in shuffled order (median), ${formatP(t.p)}.`;
}
