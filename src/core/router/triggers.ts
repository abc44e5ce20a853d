/**
 * Do user cues precede persona switches? For each cue class: is a switch on the reply that
 * answers a cue more likely than on other replies at a similar turn index?
 *
 * Statistic: Σ over strata of (observed − expected) cue-and-switch pairs, the
 * Cochran–Mantel–Haenszel numerator. Strata are turn-index bins × the length of what the user
 * wrote (prompt-covariates.ts): "late turns have more cues and more switches" and "short
 * messages get short replies" cannot look like an effect; a cue is compared with other user
 * messages of similar length. Effect size: Mantel–Haenszel risk ratio with the Greenland–Robins
 * 95% interval. Null: within-conversation circular shift of the user's series (cue and its
 * length stratum together; permutation.ts). Holm across the tested classes.
 *
 * Reverse direction: the same test with the cue paired with a switch on the reply *before* it
 * (the reply the user was answering). A significant reverse test means the assistant's change
 * precedes the cue — the user reacts to the switch — and a forward result may be that, not a
 * trigger (issue 17).
 */
import { CUE_CLASSES } from './cues.ts';
import { riskRatioInterval, type Interval } from './intervals.ts';
import { stratifiedShiftTest, type AlignedSeries } from './permutation.ts';
import { LENGTH_STRATA } from './prompt-covariates.ts';
import type { Rng } from './random.ts';
import { formatNumber, formatP } from './stats.ts';
import { holm } from '../math/stats.ts';
import type { CueClass, CueOrControl, PeriTriggerSeries, TriggerTestResult, TriggersResult } from './types.ts';

/** One conversation: cues of the user turn(s) before each reply, and whether each reply switched. */
export interface CueSwitchSeries {
  /** cues[j]: cue classes in the user turn(s) just before reply j. */
  cues: readonly (readonly CueOrControl[])[];
  /** switches[j]: reply j is in a different state from reply j − 1 (switches[0] is false). */
  switches: readonly boolean[];
  /** lengthStrata[j]: length stratum of the user message before reply j; absent = one stratum. */
  lengthStrata?: readonly number[];
}

export interface TriggerOptions {
  permutations: number;
  alpha: number;
  minCueEvents: number;
  switchSource: string;
  /** Large piles: stop a test's rotations early once this many reach the observed statistic (see stratifiedShiftTest). */
  stopAfter?: number;
}

/** Upper bounds (inclusive) of the turn-index strata, by reply index j ≥ 1. */
const STRATA_BOUNDS = [2, 5, 10, 20, Infinity];
const PERI_LAGS = [-2, -1, 0, 1, 2, 3];
const MIN_SWITCHES = 3;

function stratumOf(j: number): number {
  return STRATA_BOUNDS.findIndex((b) => j <= b);
}

/**
 * Pairs (cue before reply j, switch at reply j + lag) for every j ≥ 1 with 1 ≤ j + lag < n.
 * lag 0 = forward (does the reply to the cue switch?), lag −1 = reverse (had the reply the user
 * answered just switched?).
 */
export function aligned(series: readonly CueSwitchSeries[], cue: CueClass, lag = 0): AlignedSeries[] {
  const out: AlignedSeries[] = [];
  for (const s of series) {
    const n = s.switches.length;
    if (n < 2) continue;
    const events: boolean[] = [];
    const eventStrata: number[] = [];
    const responses: boolean[] = [];
    const responseStrata: number[] = [];
    for (let j = 1; j < n; j++) {
      if (j + lag < 1 || j + lag >= n) continue;
      events.push(s.cues[j].includes(cue));
      eventStrata.push(s.lengthStrata?.[j] ?? 0);
      responses.push(s.switches[j + lag]);
      responseStrata.push(stratumOf(j + lag));
    }
    if (events.length > 0) out.push({ events, eventStrata, responses, responseStrata });
  }
  return out;
}

interface Tables {
  /** per stratum: [cue&switch, cue&no switch, no cue&switch, no cue&no switch] */
  cells: number[][];
}

function tables(series: readonly AlignedSeries[]): Tables {
  const cells = Array.from({ length: STRATA_BOUNDS.length * LENGTH_STRATA }, () => [0, 0, 0, 0]);
  for (const s of series)
    for (let i = 0; i < s.events.length; i++) {
      const stratum = (s.responseStrata?.[i] ?? stratumOf(i + 1)) * LENGTH_STRATA + (s.eventStrata?.[i] ?? 0);
      cells[stratum][(s.events[i] ? 0 : 2) + (s.responses[i] ? 0 : 1)]++;
    }
  return { cells };
}

/** Σ_strata (a − (a+b)(a+c)/n): excess of cue-followed-by-switch pairs over independence. */
export function stratifiedExcess(series: readonly AlignedSeries[]): number {
  let total = 0;
  for (const [a, b, c, d] of tables(series).cells) {
    const n = a + b + c + d;
    if (n > 0) total += a - ((a + b) * (a + c)) / n;
  }
  return total;
}

/** Mantel–Haenszel risk ratio with its Greenland–Robins 95% interval (pairs treated as independent). */
export function riskRatioWithInterval(series: readonly AlignedSeries[]): Interval | null {
  return riskRatioInterval(tables(series).cells);
}

/** Mantel–Haenszel risk ratio of a switch given a cue; null when undefined. */
export function mantelHaenszelRiskRatio(series: readonly AlignedSeries[]): number | null {
  let num = 0;
  let den = 0;
  for (const [a, b, c, d] of tables(series).cells) {
    const n = a + b + c + d;
    if (n === 0) continue;
    num += (a * (c + d)) / n;
    den += (c * (a + b)) / n;
  }
  return den > 0 ? num / den : num > 0 ? Infinity : null;
}

export function analyzeTriggers(series: readonly CueSwitchSeries[], opts: TriggerOptions, rng: Rng): TriggersResult {
  const cueCounts = { boredom: 0, complaint: 0, pushback: 0, vulnerability: 0, meta: 0, continuation: 0 } as Record<CueOrControl, number>;
  for (const s of series) for (const cs of s.cues) for (const c of cs) cueCounts[c]++;
  const totalSwitches = series.reduce((acc, s) => acc + s.switches.filter(Boolean).length, 0);
  const raw = CUE_CLASSES.map((cue) => testOneCue(series, cue, totalSwitches, opts, rng));
  const adjusted = holm(raw.map((r) => r.p));
  const tests = raw.map((r, i) => {
    const pHolm = adjusted[i];
    const significant = pHolm !== null && pHolm <= opts.alpha; // reject at p ≤ α: with B = 199 rotations the level is exactly α
    return { ...r, pHolm, significant, conclusion: cueConclusion({ ...r, pHolm, significant }, opts.alpha) };
  });
  const tested = tests.filter((t) => t.status === 'tested');
  const sig = tested.filter((t) => t.significant);
  const conclusion =
    tested.length === 0
      ? `No cue class has enough data to test (need at least ${opts.minCueEvents} cue turns followed by a reply, and ${MIN_SWITCHES}+ switches overall). No conclusion about triggers.`
      : `Null hypothesis per cue class: switches are no more likely right after that cue than after other user messages of similar length at a similar turn index (within-conversation circular-shift test, ${opts.permutations} rotations, Holm-corrected across ${tested.length} class(es), α = ${opts.alpha}). ` +
        (sig.length
          ? `Rejected for: ${sig.map((t) => t.cue).join(', ')}.`
          : 'Not rejected for any tested class; this is absence of evidence, not evidence of absence.') +
        ` Switches come from ${opts.switchSource}.`;
  return {
    switchSource: opts.switchSource,
    permutations: opts.permutations,
    alpha: opts.alpha,
    cueCounts,
    tests,
    periTrigger: CUE_CLASSES.map((cue) => periTrigger(series, cue)),
    conclusion,
  };
}

function testOneCue(
  series: readonly CueSwitchSeries[],
  cue: CueClass,
  totalSwitches: number,
  opts: TriggerOptions,
  rng: Rng,
): Omit<TriggerTestResult, 'pHolm' | 'significant' | 'conclusion'> {
  const al = aligned(series, cue);
  let cueEvents = 0;
  let after = 0;
  let pairsWithout = 0;
  let without = 0;
  for (const s of al)
    s.events.forEach((e, i) => {
      if (e) {
        cueEvents++;
        if (s.responses[i]) after++;
      } else {
        pairsWithout++;
        if (s.responses[i]) without++;
      }
    });
  const base = { cue, cueEvents, switchesAfterCue: after, switchesWithoutCue: without, pairsWithoutCue: pairsWithout };
  if (cueEvents < opts.minCueEvents || totalSwitches < MIN_SWITCHES)
    return { ...base, status: 'insufficient-data', riskRatio: null, riskRatioInterval: null, excess: null, p: null, reverse: null };
  const perm = stratifiedShiftTest(al, STRATA_BOUNDS.length, LENGTH_STRATA, opts.permutations, rng, opts.stopAfter);
  const back = aligned(series, cue, -1);
  const reversePerm = stratifiedShiftTest(back, STRATA_BOUNDS.length, LENGTH_STRATA, opts.permutations, rng, opts.stopAfter);
  const ci = riskRatioWithInterval(al);
  const backCi = riskRatioWithInterval(back);
  return {
    ...base,
    status: 'tested',
    riskRatio: mantelHaenszelRiskRatio(al),
    riskRatioInterval: ci && [ci.low, ci.high],
    excess: perm.observed,
    p: perm.p,
    reverse: { excess: reversePerm.observed, p: reversePerm.p, riskRatio: backCi?.value ?? mantelHaenszelRiskRatio(back) },
  };
}

function cueConclusion(t: Omit<TriggerTestResult, 'conclusion'>, alpha: number): string {
  const counts = `${t.switchesAfterCue} switches after ${t.cueEvents} ${t.cue} cue(s), versus ${t.switchesWithoutCue} after ${t.pairsWithoutCue} other user turns`;
  if (t.status === 'insufficient-data') return `${t.cue}: not concluded — too little data (${counts}).`;
  const rr = t.riskRatio === null ? 'n/a' : Number.isFinite(t.riskRatio) ? formatNumber(t.riskRatio, 2) : '∞';
  const verdict = t.significant ? `switches follow ${t.cue} cues more often than chance` : `no evidence that ${t.cue} cues precede switches`;
  const ci = t.riskRatioInterval ? ` [95% CI ${formatNumber(t.riskRatioInterval[0], 2)}–${formatNumber(t.riskRatioInterval[1], 2)}]` : '';
  const reverse = t.reverse
    ? ` Reverse direction (a switch on the reply the user was answering): ${formatP(t.reverse.p)}${t.reverse.p <= alpha ? ' — the assistant’s change tends to come first, so the cue may be the user’s reaction, not a trigger' : ''}.`
    : '';
  return `${t.cue}: ${verdict} (${counts}; risk ratio stratified by turn index and message length ${rr}${ci}, ${formatP(t.p ?? 1)}, Holm-adjusted ${formatP(t.pHolm ?? 1)} at α = ${alpha}).${reverse}`;
}

/** Switch rate at lags around cue events (lag 0 = the reply answering the cue). */
function periTrigger(series: readonly CueSwitchSeries[], cue: CueClass): PeriTriggerSeries {
  const hits = PERI_LAGS.map(() => 0);
  const n = PERI_LAGS.map(() => 0);
  for (const s of series)
    s.cues.forEach((cs, j) => {
      if (!cs.includes(cue)) return;
      PERI_LAGS.forEach((lag, li) => {
        const k = j + lag;
        if (k < 1 || k >= s.switches.length) return;
        n[li]++;
        if (s.switches[k]) hits[li]++;
      });
    });
  return { cue, lags: [...PERI_LAGS], switchRate: n.map((m, i) => (m > 0 ? hits[i] / m : null)), n };
}
