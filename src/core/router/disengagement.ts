/**
 * The seed's engagement loop, tested whole (issue 17): the router "estimates the probability
 * that the user is getting bored, and swaps persona when it grows large". If that is what
 * happens, a switch should come right after the user disengages, and the user should re-engage
 * after it.
 *
 * Disengagement per user turn (the message before reply j), in the conversation's own terms:
 * - length: how far the message's log word count falls below the median of this conversation's
 *   user messages, in pooled robust SDs;
 * - cue words: the boredom / low-effort class (cues.ts) adds BOREDOM_WEIGHT;
 * - time: where timestamps exist (account exports), a slower answer than the conversation's
 *   median adds GAP_WEIGHT × its robust z.
 * A turn is "disengaged" at score ≥ DISENGAGED; the next message is "re-engaged" at score ≤ 0.
 *
 * Test: events = "disengaged at j and re-engaged at j + 1" (the user's side of the loop),
 * responses = "reply j switched", stratified by turn index; null = within-conversation circular
 * shift of the user's series (keeps the user's own rhythm, e.g. a terse turn followed by a long
 * one, and the switches' autocorrelation; breaks only their alignment). A user who goes terse
 * *after* a change puts the switch before the disengaged turn, not between it and the
 * re-engagement, so it does not count.
 */
import { stratifiedShiftTest, type AlignedSeries } from './permutation.ts';
import { riskRatioInterval, type Interval } from './intervals.ts';
import type { Rng } from './random.ts';
import { median } from '../math/stats.ts';

export const BOREDOM_WEIGHT = 1.5;
export const GAP_WEIGHT = 0.5;
export const DISENGAGED = 1.5;
/** A "no" needs the risk ratio's upper 95% bound below this: a loop that strong is ruled out. */
export const NEGLIGIBLE_RATIO = 1.5;
const MIN_EVENTS = 8;
const MIN_SWITCHES = 3;

export interface UserTurnSignal {
  /** Words in the user's text before reply j (0 = no message). */
  words: number;
  bored: boolean;
  /** Milliseconds between the previous reply and this message; null when unknown. */
  gapMs: number | null;
}

export interface LoopSeries {
  users: readonly UserTurnSignal[];
  switches: readonly boolean[];
}

export type LoopVerdict = 'yes' | 'no' | "can't tell";

export interface LoopResult {
  verdict: LoopVerdict;
  /** Disengaged user turns that have a reply and a next message. */
  disengaged: number;
  /** …of which followed by a switch, and of those followed by re-engagement. */
  switchAfterDisengaged: number;
  loopsObserved: number;
  usedTimestamps: boolean;
  /** Risk ratio of a switch between "disengaged → re-engaged" and other turns, with 95% interval. */
  riskRatio: Interval | null;
  p: number | null;
  permutations: number;
  /** Per conversation, per reply j: disengagement score of the message before it (null = no message). */
  scores: (number | null)[][];
  conclusion: string;
}

function robustZ(values: readonly number[], centre: number, scale: number): number[] {
  return values.map((v) => (v - centre) / scale);
}

/** Disengagement score of every user turn, per conversation; null where there is no message. */
export function disengagementScores(series: readonly LoopSeries[]): { scores: (number | null)[][]; usedTimestamps: boolean } {
  const logLen = series.map((s) => s.users.map((u) => Math.log1p(u.words)));
  const devs = series.flatMap((s, c) => {
    const own = logLen[c].filter((_, j) => s.users[j].words > 0);
    const m = own.length ? median(own) : 0;
    return own.map((v) => Math.abs(v - m));
  });
  const scale = Math.max(1.4826 * (devs.length ? median(devs) : 1), 0.25);
  const gaps = series.flatMap((s) => s.users.map((u) => u.gapMs).filter((g): g is number => g !== null && g > 0));
  const usedTimestamps = gaps.length >= 10;
  const gapDevs: number[] = [];
  const gapMedians = series.map((s) => {
    const own = s.users
      .map((u) => u.gapMs)
      .filter((g): g is number => g !== null && g > 0)
      .map(Math.log);
    const m = own.length ? median(own) : 0;
    own.forEach((v) => gapDevs.push(Math.abs(v - m)));
    return m;
  });
  const gapScale = Math.max(1.4826 * (gapDevs.length ? median(gapDevs) : 1), 0.25);
  const scores = series.map((s, c) => {
    const own = logLen[c].filter((_, j) => s.users[j].words > 0);
    const base = own.length ? median(own) : 0;
    const lenZ = robustZ(logLen[c], base, scale);
    return s.users.map((u, j) => {
      if (u.words === 0) return null;
      let score = -lenZ[j] + (u.bored ? BOREDOM_WEIGHT : 0);
      if (usedTimestamps && u.gapMs !== null && u.gapMs > 0) score += GAP_WEIGHT * ((Math.log(u.gapMs) - gapMedians[c]) / gapScale);
      return score;
    });
  });
  return { scores, usedTimestamps };
}

/** For every j ≥ 1 with a next message: the user-side loop event and the switch at reply j. */
export function loopAligned(series: readonly LoopSeries[], scores: readonly (number | null)[][]): AlignedSeries[] {
  return series
    .map((s, c) => {
      const events: boolean[] = [];
      const responses: boolean[] = [];
      const responseStrata: number[] = [];
      for (let j = 1; j + 1 < s.switches.length; j++) {
        const now = scores[c][j];
        const next = scores[c][j + 1];
        events.push(now !== null && next !== null && now >= DISENGAGED && next <= 0);
        responses.push(s.switches[j]);
        responseStrata.push(j <= 2 ? 0 : j <= 5 ? 1 : j <= 10 ? 2 : j <= 20 ? 3 : 4);
      }
      return { events, responses, responseStrata };
    })
    .filter((a) => a.events.length > 0);
}

function loopCells(al: readonly AlignedSeries[]): number[][] {
  const cells = Array.from({ length: 5 }, () => [0, 0, 0, 0]);
  for (const s of al) s.events.forEach((e, i) => cells[s.responseStrata?.[i] ?? 0][(e ? 0 : 2) + (s.responses[i] ? 0 : 1)]++);
  return cells;
}

export function analyzeLoop(series: readonly LoopSeries[], permutations: number, alpha: number, rng: Rng, stopAfter?: number): LoopResult {
  const { scores, usedTimestamps } = disengagementScores(series);
  let disengaged = 0;
  let switchAfter = 0;
  let loops = 0;
  series.forEach((s, c) => {
    for (let j = 1; j + 1 < s.switches.length; j++) {
      const now = scores[c][j];
      if (now === null || now < DISENGAGED) continue;
      disengaged++;
      if (!s.switches[j]) continue;
      switchAfter++;
      const next = scores[c][j + 1];
      if (next !== null && next <= 0) loops++;
    }
  });
  const switches = series.reduce((a, s) => a + s.switches.filter(Boolean).length, 0);
  const base = { disengaged, switchAfterDisengaged: switchAfter, loopsObserved: loops, usedTimestamps, permutations, scores };
  if (disengaged < MIN_EVENTS || switches < MIN_SWITCHES) {
    return {
      ...base,
      verdict: "can't tell",
      riskRatio: null,
      p: null,
      conclusion: `Can't tell: ${disengaged} disengaged user turn(s) and ${switches} switch(es), the loop test needs at least ${MIN_EVENTS} and ${MIN_SWITCHES}.`,
    };
  }
  const al = loopAligned(series, scores);
  const perm = stratifiedShiftTest(al, 5, 1, permutations, rng, stopAfter);
  const rr = riskRatioInterval(loopCells(al));
  const verdict: LoopVerdict = perm.p <= alpha && perm.observed > 0 ? 'yes' : rr && rr.high < NEGLIGIBLE_RATIO ? 'no' : "can't tell";
  const rrText = rr ? `risk ratio ${rr.value.toFixed(2)} [95% CI ${rr.low.toFixed(2)}–${rr.high.toFixed(2)}]` : 'risk ratio undefined';
  const nul =
    "Null hypothesis: the user's disengage-then-re-engage pattern is unrelated to when the assistant switches (within-conversation circular shift of the user's series, stratified by turn index).";
  const reading =
    verdict === 'yes'
      ? 'Yes: switches sit between your disengagement and your re-engagement more often than chance.'
      : verdict === 'no'
        ? `No: a switch between your disengagement and your re-engagement is not more likely than elsewhere, and an effect of ${NEGLIGIBLE_RATIO}× or more is ruled out.`
        : "Can't tell: not shown, and not ruled out either — the interval still allows a sizeable loop.";
  const conclusion = `${reading} ${loops} of ${disengaged} disengaged turns were followed by a switch and then re-engagement (${switchAfter} followed by a switch); ${rrText}, p = ${perm.p.toFixed(3)}, ${permutations} rotations. Disengagement = message length against this conversation's own median, boredom cue words${usedTimestamps ? ', and time since the previous reply' : ' (no timestamps, so time since the previous reply is not used)'}. ${nul}`;
  return { ...base, verdict, riskRatio: rr, p: perm.p, conclusion };
}
