/**
 * Transitions between persona states along each conversation's Viterbi path: the matrix,
 * how long a state lasts (dwell), whether switches return to a state seen before in the same
 * conversation (recurrence, the router's "carousel of masks"), and whether switches come in
 * bursts (cascades, the "search loop" prediction R4).
 */
import { formatNumber } from './stats.ts';
import { mean, median } from '../math/stats.ts';
import type { TransitionsResult } from './types.ts';

export const CASCADE_WINDOW = 2;

export function analyzeTransitions(paths: readonly number[][], k: number, stateIds: readonly string[]): TransitionsResult {
  const counts = Array.from({ length: k }, () => new Array<number>(k).fill(0));
  const lengths: number[] = [];
  let censored = 0;
  let switches = 0;
  let pairs = 0;
  let recurrent = 0;
  let cascadeHits = 0;
  let cascadeEligible = 0;
  for (const path of paths) {
    const seen = new Set<number>(path.length ? [path[0]] : []);
    const switchAt: number[] = [];
    let run = 1;
    for (let t = 1; t < path.length; t++) {
      counts[path[t - 1]][path[t]]++;
      pairs++;
      if (path[t] !== path[t - 1]) {
        switches++;
        switchAt.push(t);
        if (seen.has(path[t])) recurrent++;
        seen.add(path[t]);
        lengths.push(run);
        if (switchAt.length === 1) censored++; // the first run may have started before the capture
        run = 1;
      } else run++;
    }
    if (path.length) {
      lengths.push(run);
      censored++; // the last run is cut off by the end of the conversation
    }
    for (const t of switchAt) {
      if (t + CASCADE_WINDOW >= path.length) continue; // window must fit inside the conversation
      cascadeEligible++;
      if (switchAt.some((u) => u > t && u <= t + CASCADE_WINDOW)) cascadeHits++;
    }
  }
  const matrix = counts.map((row) => {
    const s = row.reduce((a, b) => a + b, 0);
    return row.map((v) => (s > 0 ? v / s : 0));
  });
  const switchRate = pairs > 0 ? switches / pairs : 0;
  const result: TransitionsResult = {
    stateIds: [...stateIds],
    counts,
    matrix,
    switches,
    replyPairs: pairs,
    switchRate,
    dwell: {
      lengths,
      mean: lengths.length ? mean(lengths) : 0,
      median: lengths.length ? median(lengths) : 0,
      censoredShare: lengths.length ? censored / lengths.length : 0,
    },
    recurrenceRate: switches > 0 ? recurrent / switches : null,
    cascadeRate: cascadeEligible > 0 ? cascadeHits / cascadeEligible : null,
    cascadeExpected: cascadeEligible > 0 ? 1 - (1 - switchRate) ** CASCADE_WINDOW : null,
    cascadeWindow: CASCADE_WINDOW,
    conclusion: '',
  };
  result.conclusion = transitionsConclusion(result, recurrent);
  return result;
}

function transitionsConclusion(r: TransitionsResult, recurrent: number): string {
  if (r.switches === 0)
    return `No state switches inside any conversation (${r.replyPairs} consecutive reply pairs): within a conversation the persona stays put under this model.`;
  const parts = [
    `${r.switches} switches in ${r.replyPairs} consecutive reply pairs (${formatNumber(100 * r.switchRate, 1)}%); a state lasts ${formatNumber(r.dwell.mean, 1)} replies on average (median ${formatNumber(r.dwell.median, 1)}; ${Math.round(100 * r.dwell.censoredShare)}% of runs are cut off by the start or end of a conversation, so true dwell times are longer).`,
    `${recurrent} of ${r.switches} switches (${Math.round(100 * (r.recurrenceRate ?? 0))}%) return to a state already seen earlier in the same conversation.`,
  ];
  if (r.cascadeRate !== null && r.cascadeExpected !== null)
    parts.push(
      `After a switch, another follows within ${r.cascadeWindow} replies ${Math.round(100 * r.cascadeRate)}% of the time, versus ${Math.round(100 * r.cascadeExpected)}% if switches were independent at the overall rate (descriptive only, no test; sticky models make cascades rarer by design).`,
    );
  return parts.join(' ');
}
