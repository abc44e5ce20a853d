/**
 * Shapes of the route analysis: page-reported routes as ground-truth switches (issue 15).
 * Self-contained and plain JSON, so the router report can embed it and the CLI can print it.
 */
import type { CueClass } from '../../router/types.ts';
import type { FeatureValues, RouteInfo } from '../../model/types.ts';

/** One assistant reply of the main line, as the route analysis needs it. */
export interface RouteReply {
  conversation: string;
  /** Index among the conversation's assistant replies (0-based). */
  index: number;
  route: RouteInfo | null;
  /** The reply is a reroute (src/core/route/reroute.ts). */
  rerouted: boolean;
  /** The served model differs from the previous reply's served model (both known). */
  servedChanged: boolean;
  /** Cue classes of the user turn right before this reply. */
  cues: CueClass[];
  /** Words in that user turn (0 when there is none). */
  userWords: number;
  features: FeatureValues | null;
  /** The text-only detector marked a shift at this reply. */
  detectorShift: boolean;
}

export interface RouteAnalysisOptions {
  /** Permutations per test. Default 999. */
  permutations?: number;
  seed?: number;
  /** Fewer events than this (cue-preceded replies, reroutes, route changes) → not tested. Default 5. */
  minEvents?: number;
  /** Tolerance, in replies, when matching detector shifts to route changes. Default 1. */
  tolerance?: number;
}

export interface CueRerouteResult {
  cue: CueClass;
  /** Replies (with a known route) preceded by this cue, and how many of them were rerouted. */
  withCue: number;
  reroutedWithCue: number;
  withoutCue: number;
  reroutedWithoutCue: number;
  /** One-sided permutation p (cue → more reroutes), cue labels shuffled within strata of reply position × user message length; null when untested. */
  p: number | null;
  /** Holm-adjusted over the cue classes tested. */
  pAdjusted: number | null;
  /** Why it was not tested, when p is null. */
  note: string | null;
}

export interface PersonaAcrossResult {
  /** Consecutive reply pairs whose served model changed / stayed the same. */
  acrossPairs: number;
  withinPairs: number;
  /** Mean persona distance (RMS difference of within-conversation z-scored features). */
  meanAcross: number | null;
  meanWithin: number | null;
  /** Share of pairs where the detector marked a shift at the second reply. */
  detectorShiftRateAcross: number | null;
  detectorShiftRateWithin: number | null;
  /** One-sided permutation p (across > within), labels shuffled within conversations; null when untested. */
  p: number | null;
  note: string | null;
}

export interface AgreementResult {
  routeChanges: number;
  detectorShifts: number;
  /** Detector shifts within ±tolerance replies of a route change (each change matched once). */
  matched: number;
  precision: number | null;
  recall: number | null;
  f1: number | null;
  /** Mean F1 when the same number of detector shifts is placed at random within each conversation. */
  chanceF1: number | null;
  tolerance: number;
}

export interface RouteReport {
  conversations: number;
  replies: number;
  /** Replies with a reported served model. */
  repliesWithServed: number;
  reroutes: number;
  routeChanges: number;
  /** Replies per reported served model. */
  servedModels: Record<string, number>;
  cues: CueRerouteResult[];
  persona: PersonaAcrossResult;
  agreement: AgreementResult;
  /** Plain-language findings, each with its uncertainty. */
  conclusions: string[];
}
