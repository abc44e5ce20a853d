/**
 * Shapes of the router analysis: what goes in, which knobs exist, and the plain-JSON report
 * that comes out (the dashboard renders it directly; the CLI prints it).
 */
import type { FeatureValues, Role } from '../types.ts';

/** One turn as the router needs it. `features` wins over extraction when present. */
export interface RouterTurn {
  role: Role;
  text: string;
  /** Model the page showed for this reply, when known. */
  model?: string | null;
  /** Per-reply features already computed (e.g. by the instrument); optional. */
  features?: FeatureValues;
}

export interface RouterConversation {
  id: string;
  site?: string;
  turns: RouterTurn[];
}

export type RouterInput = RouterConversation[];

/** Turns text into numbers. The instrument's `extractFeatures` fits; so does any synthetic map. */
export type FeatureExtractor = (text: string) => FeatureValues;

export interface RouterOptions {
  /**
   * Include conversations captured from shared pages (source `capture:shared`): someone else's
   * chat, which any website can open in a tab. Default false: they say nothing about the user's
   * own router. Applies to bundle input.
   */
  includeShared?: boolean;
  /** Used for turns without `features` (assistant replies, and user turns for mirroring). */
  extractFeatures?: FeatureExtractor;
  /** Human labels for feature names (e.g. from the registry), for state descriptions. */
  featureLabels?: Record<string, string>;
  /** Seed of every random choice (HMM restarts, permutations). Default 1. */
  seed?: number;
  /** Largest number of HMM states tried. Default 4. */
  maxStates?: number;
  /** Largest number of decorrelated dimensions modelled. Default 5. */
  maxDims?: number;
  /** Self-transition bias κ added to the diagonal transition counts. Default 2. */
  stickiness?: number;
  /** HMM random restarts per K. Default 3. */
  restarts?: number;
  /** Permutations for the trigger and mirroring tests. Default 999. */
  permutations?: number;
  /** Significance level for tests. Default 0.05. */
  alpha?: number;
  /** Fewer cue events than this (with a following reply) → the cue class is not concluded. Default 5. */
  minCueEvents?: number;
  /** Skip the mirroring analysis (saves time when user features are not wanted). */
  skipMirroring?: boolean;
}

/** Verbal strength of a BIC difference (Kass & Raftery 1995). */
export type EvidenceStrength = 'none' | 'weak' | 'positive' | 'strong' | 'very strong';

export interface StateProfileItem {
  feature: string;
  label: string;
  /** Mean of the feature in this state, in pooled standard deviations from the overall mean. */
  z: number;
}

export interface StateDescription {
  id: string;
  name: string;
  /** Share of all replies assigned to this state (posterior mass). */
  share: number;
  /** The features that set this state apart, largest |z| first. */
  profile: StateProfileItem[];
  description: string;
}

export interface KChoice {
  k: number;
  logLik: number;
  params: number;
  bic: number;
  /** exp(-ΔBIC/2) normalised over the tried K: an approximate posterior of K. */
  weight: number;
}

export interface RepertoireResult {
  chosenK: number;
  candidates: KChoice[];
  states: StateDescription[];
  /** Viterbi state per reply, per conversation (same order as the input). */
  timeline: { conversationId: string; states: string[]; maxPosterior: number[] }[];
  /** Features that went in, and how many decorrelated dimensions were modelled. */
  featuresUsed: string[];
  dims: number;
  conclusion: string;
}

export interface TransitionsResult {
  stateIds: string[];
  /** counts[i][j]: within-conversation moves from state i to state j (Viterbi path). */
  counts: number[][];
  /** Row-normalised counts (0 where a row is empty). */
  matrix: number[][];
  switches: number;
  replyPairs: number;
  switchRate: number;
  dwell: { lengths: number[]; mean: number; median: number; censoredShare: number };
  /** Share of switches landing in a state already visited earlier in the same conversation. */
  recurrenceRate: number | null;
  /** Share of switches followed by another switch within `cascadeWindow` replies. */
  cascadeRate: number | null;
  /** The same share if switches were placed independently at the observed rate. */
  cascadeExpected: number | null;
  cascadeWindow: number;
  conclusion: string;
}

export type CandidateModel = 'constant' | 'linear-trend' | 'random-walk' | 'mixture' | 'piecewise-constant' | 'sticky-hmm';

export interface ModelFit {
  model: CandidateModel;
  logLik: number;
  params: number;
  bic: number;
  /** BIC minus the best BIC (0 for the winner). */
  deltaBic: number;
  detail: string;
}

export type RouterVerdict =
  | 'router-like'
  | 'switching-without-recurrence'
  | 'mixed-reply-types'
  | 'drift-like'
  | 'stable'
  | 'inconclusive';

export interface ModelComparisonResult {
  fits: ModelFit[];
  winner: CandidateModel;
  runnerUp: CandidateModel;
  /** BIC of the runner-up minus BIC of the winner. */
  margin: number;
  strength: EvidenceStrength;
  /** Best non-switching model (constant, drift, order-free mixture) BIC minus best switching model (HMM or piecewise) BIC; positive = switching better. */
  switchingVsDrift: number;
  /** Mixture BIC minus HMM BIC (positive = the order of replies carries information: states persist). */
  hmmVsMixture: number;
  /** Within-conversation switches of the best switching model (HMM Viterbi switches or change points). */
  withinConversationSwitches: number;
  /** Piecewise-constant BIC minus HMM BIC (positive = recurrence pays for itself). */
  hmmVsPiecewise: number;
  verdict: RouterVerdict;
  observations: number;
  conversations: number;
  conclusion: string;
}

export type CueClass = 'boredom' | 'complaint' | 'pushback' | 'vulnerability' | 'meta';
export type CueOrControl = CueClass | 'continuation';

export interface TriggerTestResult {
  cue: CueClass;
  status: 'tested' | 'insufficient-data';
  /** User turns with this cue that have a reply before and after (so a switch can be seen). */
  cueEvents: number;
  switchesAfterCue: number;
  switchesWithoutCue: number;
  pairsWithoutCue: number;
  /** Mantel–Haenszel risk ratio of a switch on the next reply, strata = turn-index bins. */
  riskRatio: number | null;
  /** Observed minus expected cue-followed-by-switch counts (the test statistic). */
  excess: number | null;
  p: number | null;
  pHolm: number | null;
  significant: boolean;
  conclusion: string;
}

export interface PeriTriggerSeries {
  cue: CueClass;
  lags: number[];
  /** Share of replies that switch state at each lag from the cue (lag 0 = reply to the cue). */
  switchRate: (number | null)[];
  n: number[];
}

export interface TriggersResult {
  switchSource: string;
  permutations: number;
  alpha: number;
  cueCounts: Record<CueOrControl, number>;
  tests: TriggerTestResult[];
  periTrigger: PeriTriggerSeries[];
  conclusion: string;
}

export interface ModelSwitchResult {
  available: boolean;
  models: string[];
  /** Reply pairs where the shown model changed / stayed, and how many of each had a persona switch. */
  pairsWithModelChange: number;
  switchesWithModelChange: number;
  pairsWithoutModelChange: number;
  switchesWithoutModelChange: number;
  conclusion: string;
}

export interface MirroringLag {
  /** Positive lag L: user change at turn j vs assistant change at reply j+L (assistant follows). */
  lag: number;
  correlation: number | null;
  p: number | null;
  pHolm: number | null;
}

export interface MirroringResult {
  status: 'tested' | 'insufficient-data' | 'skipped';
  pairs: number;
  lags: MirroringLag[];
  conclusion: string;
}

export interface RouterReport {
  version: string;
  sizes: { conversations: number; replies: number; userTurns: number; conversationsUsed: number };
  repertoire: RepertoireResult | null;
  transitions: TransitionsResult | null;
  comparison: ModelComparisonResult | null;
  triggers: TriggersResult | null;
  modelSwitch: ModelSwitchResult;
  mirroring: MirroringResult;
  /** Plain-language overall reading, with null hypotheses and uncertainty. */
  summary: string[];
  warnings: string[];
}
