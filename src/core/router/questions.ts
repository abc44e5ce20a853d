/**
 * The readable report (issue 17): one line per question, each with a verdict word
 * (yes / no / can't tell), the evidence in one number with its 95% interval, and a small plot;
 * the details and the null hypotheses fold out. The dashboard, the CLI and the Markdown export
 * all render these lines, so the three say the same thing.
 */
import type { HmmFit } from './hmm-fit.ts';
import { sequenceLogLiks } from './hmm.ts';
import { bootstrapInterval, wilson } from './intervals.ts';
import type { Rng } from './random.ts';
import { CLEAR_MARGIN } from './model-comparison.ts';
import { loopLine, triggerLine } from './switch-questions.ts';
import { cantTell } from './verdict-line.ts';
import { formatNumber } from './stats.ts';
import type { Evidence, RouterReport, SmallPlot, VerdictLine, VerdictWord } from './types.ts';

type Parts = Pick<
  RouterReport,
  'repertoire' | 'transitions' | 'comparison' | 'triggers' | 'modelSwitch' | 'promptConditioning' | 'recurrence' | 'loop' | 'routes'
> &
  Partial<Pick<RouterReport, 'siteSwitches'>>;

/** What the router line's bootstrap needs: the fits, to score each conversation. */
export interface FitContext {
  hmmFit: HmmFit;
  clusterFits: readonly HmmFit[];
  mixtureFits: readonly HmmFit[];
  seqs: readonly (readonly (readonly number[])[])[];
  bootstrap: number;
  rng: Rng;
}

const pct = (x: number) => `${Math.round(100 * x)}%`;

export function buildQuestions(p: Parts, alpha: number, fit?: FitContext): VerdictLine[] {
  return [repertoireLine(p, alpha), routerLine(p, alpha, fit), triggerLine(p), loopLine(p), modelsLine(p)];
}

function repertoireLine(p: Parts, alpha: number): VerdictLine {
  const question = 'Is there a repertoire of personas that come back?';
  const r = p.repertoire;
  const rec = p.recurrence;
  if (!r || !rec) return cantTell('repertoire', question, 'Too little data to fit persona states.');
  const k1 = r.candidates[0]?.weight ?? 0;
  const verdict: VerdictWord =
    r.chosenK >= 2 && rec.p !== null && rec.p < alpha ? 'yes' : (r.chosenK === 1 && k1 >= 0.95) || rec.switches === 0 ? 'no' : "can't tell";
  const answer =
    verdict === 'yes'
      ? `Yes: ${r.chosenK} persona states, and inside conversations the persona leaves and comes back more than shuffled order gives.`
      : verdict === 'no'
        ? r.chosenK === 1
          ? 'No: one persona plus noise explains the replies best.'
          : 'No: the persona never switches inside a conversation.'
        : `Can't tell: ${r.chosenK} state(s) by BIC, but returns inside conversations are ${rec.p === null ? 'not testable' : 'not beyond shuffled order'}.`;
  const share = rec.returnShare;
  const evidence: Evidence | null = share
    ? {
        label: 'switches that return to an earlier persona',
        value: share.value,
        low: share.low,
        high: share.high,
        unit: 'share',
        interval: 'bootstrap over conversations',
      }
    : null;
  const nullShare = rec.returnsNull !== null && rec.switches > 0 ? rec.returnsNull / rec.switches : null;
  const plot: SmallPlot | null = share
    ? {
        kind: 'bars',
        caption: 'Share of switches that return to an earlier persona: observed, and with segment order shuffled',
        bars: [
          { label: 'observed', value: share.value, low: share.low, high: share.high },
          ...(nullShare !== null ? [{ label: 'shuffled', value: nullShare, muted: true }] : []),
        ],
      }
    : null;
  return {
    id: 'repertoire',
    question,
    verdict,
    answer,
    evidence,
    plot,
    details: [r.conclusion, rec.conclusion, ...(p.transitions ? [p.transitions.conclusion] : [])],
    nullHypotheses: [
      'One persona plus noise (K = 1), against K = 2…4 sticky states by BIC.',
      'The segments of each conversation in any order (recurrence test): returns explained by clustering or chance.',
    ],
  };
}

/** ΔBIC of the sticky HMM over the best alternative without within-conversation recurrence, per resample of conversations. */
function hmmMarginInterval(fit: FitContext): Evidence | null {
  const n = fit.seqs.reduce((a, s) => a + s.length, 0);
  const score = (f: HmmFit) => sequenceLogLiks(fit.seqs, f.params);
  const alternatives = [...fit.clusterFits, ...fit.mixtureFits];
  if (alternatives.length === 0) return null;
  const bicOf = (f: HmmFit) => -2 * f.logLik + f.paramCount * Math.log(Math.max(n, 2));
  const best = alternatives.reduce((a, b) => (bicOf(b) < bicOf(a) ? b : a));
  const hmm = score(fit.hmmFit);
  const alt = score(best);
  const penalty = (fit.hmmFit.paramCount - best.paramCount) * Math.log(Math.max(n, 2));
  const interval = bootstrapInterval(
    fit.seqs.length,
    (idx) => {
      let d = 0;
      for (const i of idx) d += 2 * (hmm[i] - alt[i]);
      return d - penalty;
    },
    fit.bootstrap,
    fit.rng,
  );
  if (!interval) return null;
  const what = fit.clusterFits.includes(best) ? 'conversation clusters' : 'an order-free mix of reply types';
  return {
    label: `ΔBIC, sticky HMM over ${what}`,
    value: interval.value,
    low: interval.low,
    high: interval.high,
    unit: 'ΔBIC',
    interval: 'bootstrap over conversations (fits held fixed)',
  };
}

/**
 * "No" only when the evidence rules a router out: the HMM is clearly behind the best model, its
 * margin interval lies below 0 when an order-free model wins (no resample of conversations favours
 * it), the repertoire line does not find personas that come back beyond shuffled order, and
 * neighbouring replies are not alike beyond shuffled order when the winner ignores order
 * (persistence.ts). Otherwise a non-router winner is "can't tell": within-conversation centring leaves little persona signal when conversations mostly stay in
 * one persona, so losing the BIC comparison alone is absence of evidence (docs/router.md).
 */
function routerRuledOut(p: Parts, alpha: number, margin: Evidence | null): { ruledOut: boolean; reason: string } {
  const c = p.comparison;
  const hmmBehind = c?.fits.find((f) => f.model === 'sticky-hmm')?.deltaBic ?? 0;
  const rec = p.recurrence;
  if (c?.verdict === 'stable' && c.withinConversationSwitches === 0) return { ruledOut: true, reason: '' };
  const recP = rec?.p ?? null;
  if ((p.repertoire?.chosenK ?? 1) >= 2 && recP !== null && recP < alpha)
    return {
      ruledOut: false,
      reason: `personas do come back inside conversations more than shuffled order gives (recurrence p = ${formatNumber(recP, 3)}), so losing the model comparison does not rule a router out: when conversations mostly stay in one persona, the within-conversation models have little to separate.`,
    };
  // Persistence contradicts only a winner that ignores order; drift and jumps persist too.
  const orderFreeWinner = c?.winner === 'mixture' || c?.winner === 'constant' || c?.winner === 'conversation-clusters';
  const persistP = c?.persistence?.p ?? null;
  if (orderFreeWinner && persistP !== null && persistP < alpha)
    return {
      ruledOut: false,
      reason: `replies next to each other resemble each other more than the same replies in shuffled order inside conversations (persistence p = ${formatNumber(persistP, 3)}), which a persona that persists would give.`,
    };
  if (hmmBehind <= CLEAR_MARGIN)
    return { ruledOut: false, reason: `the sticky HMM is only ΔBIC ${formatNumber(hmmBehind, 1)} behind the best explanation (clear is > ${CLEAR_MARGIN}).` };
  // The margin interval is the HMM against clusters / the mixture: it speaks only when one of those wins.
  const orderFreeWins = c?.winner === 'mixture' || c?.winner === 'conversation-clusters';
  if (orderFreeWins && margin && margin.high !== null && margin.high >= 0)
    return {
      ruledOut: false,
      reason: `the HMM's margin over the best non-recurring alternative reaches ${formatNumber(margin.high, 1)} in the bootstrap over conversations, so some resamples favour a router.`,
    };
  return { ruledOut: true, reason: '' };
}

function routerLine(p: Parts, alpha: number, fit?: FitContext): VerdictLine {
  const question = 'Is it a router (switching among personas), not drift?';
  const c = p.comparison;
  if (!c) return cantTell('router', question, 'Too little data to compare router and drift.');
  const evidence = fit ? hmmMarginInterval(fit) : null;
  const { ruledOut, reason } = routerRuledOut(p, alpha, evidence);
  const verdict: VerdictWord = c.verdict === 'router-like' ? 'yes' : c.verdict === 'inconclusive' || !ruledOut ? "can't tell" : 'no';
  const words: Record<typeof c.verdict, string> = {
    'router-like': 'Yes: switching among recurring personas beats drift, clusters of whole conversations, and fresh segments.',
    'switching-without-recurrence': 'No: the replies change in jumps, but the personas do not clearly come back within conversations.',
    'mixed-reply-types': 'No: a mix of reply types chosen turn by turn, without personas that persist.',
    'drift-like': 'No: gradual drift explains the replies better than switching.',
    stable: 'No: the persona is stable within conversations.',
    inconclusive: "Can't tell: no explanation wins clearly.",
  };
  const leaning: Record<typeof c.verdict, string> = {
    'router-like': '',
    'switching-without-recurrence': 'jumps without clear returns fit best',
    'mixed-reply-types': 'an order-free mix of reply types fits best',
    'drift-like': 'gradual drift fits best',
    stable: 'one stable persona fits best',
    inconclusive: '',
  };
  const answer = verdict === "can't tell" && c.verdict !== 'inconclusive' ? `Can't tell: ${leaning[c.verdict]}, but ${reason}` : words[c.verdict];
  const plot: SmallPlot = {
    kind: 'bars',
    caption: 'ΔBIC of each explanation against the best one (0 = best; lower is better)',
    bars: c.fits.map((f) => ({ label: f.model, value: f.deltaBic, muted: f.model !== 'sticky-hmm' })),
  };
  return {
    id: 'router',
    question,
    verdict,
    answer,
    evidence,
    plot,
    details: [c.conclusion, ...(p.promptConditioning?.applied ? [conditioningText(p.promptConditioning.r2)] : [])],
    nullHypotheses: [
      'One constant persona with noise; linear drift; random-walk drift.',
      'A mix of reply types drawn independently of order (the task picks the style).',
      'Clusters of whole conversations: each conversation at its own level, no switch inside.',
      'Switches without recurrence (piecewise constant), and the same segments in shuffled order.',
      `Router needs every one beaten: ΔBIC > ${CLEAR_MARGIN} each, and the recurrence test at α.`,
      `"No" needs the router ruled out: the HMM more than ΔBIC ${CLEAR_MARGIN} behind the best explanation, its bootstrap margin interval below 0, no returns beyond shuffled order and no persistence beyond shuffled order; otherwise "can't tell".`,
    ],
  };
}

function conditioningText(r2: readonly number[]): string {
  const mean = r2.length ? r2.reduce((a, b) => a + b, 0) / r2.length : 0;
  return `Replies were first adjusted for what you wrote (message length, question, code, short message): it explained ${pct(mean)} of their variation on average (per dimension ${r2.map(pct).join(', ')}), which is removed before any model is fitted.`;
}

function modelsLine(p: Parts): VerdictLine {
  const question = 'Does the site switch models?';
  const r = p.routes;
  if (r.source === 'none') return { ...cantTell('models', question, r.conclusion), answer: "Can't tell: no route data." };
  const share = wilson(r.changes, r.observed);
  const verdict: VerdictWord = r.changes > 0 ? 'yes' : share && share.high < 0.05 ? 'no' : "can't tell";
  const unit =
    r.source === 'routes'
      ? 'replies the site served with another model than asked for (under "auto": than the reply before)'
      : 'reply pairs where the shown model changed';
  const answer =
    verdict === 'yes'
      ? `Yes: ${r.changes} of ${r.observed} ${unit}${r.source === 'shown-model' ? ' (no route data; from the model the page showed)' : ''}.`
      : verdict === 'no'
        ? `No: none of ${r.observed} ${unit}${r.source === 'shown-model' ? ' (no route data; a switch the page does not show cannot be seen)' : ''}.`
        : `Can't tell: none of ${r.observed} ${unit}, too few to rule out occasional switches.`;
  return {
    id: 'models',
    question,
    verdict,
    answer,
    evidence: share ? { label: unit, value: share.value, low: share.low, high: share.high, unit: 'share', interval: 'Wilson' } : null,
    plot: share
      ? {
          kind: 'bars',
          caption: 'Model changes, and those that coincide with a persona switch in the text',
          bars: [
            { label: 'model changes', value: r.changes },
            { label: 'with persona switch', value: r.changesWithPersonaSwitch, muted: true },
          ],
        }
      : null,
    details: [r.conclusion, ...(r.siteRouteFindings ?? []), p.modelSwitch.conclusion],
    nullHypotheses: ['The site serves every reply with the same model (route data where captured, else the model shown per reply).'],
  };
}

/** "0.42 [0.30–0.55]" in the evidence's unit. */
export function formatEvidence(e: Evidence): string {
  const share = (x: number) => (x > 0 && x < 0.1 ? `${(100 * x).toFixed(1)}%` : pct(x)); // 0.3% must not read as 0%
  const f = (x: number) => (e.unit === 'share' ? share(x) : e.unit === 'ΔBIC' ? formatNumber(x, 0) : formatNumber(x, 2));
  const ci = e.low !== null && e.high !== null ? ` [95% CI ${f(e.low)} to ${f(e.high)}]` : '';
  return `${e.label}: ${f(e.value)}${ci}`;
}
