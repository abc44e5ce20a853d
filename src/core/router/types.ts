/**
 * Shapes of the router analysis: what goes in, which knobs exist, and the plain-JSON report
 * that comes out (the dashboard renders it directly; the CLI prints it).
 */
import type { FeatureValues, Role, RouteInfo } from '../model/types.ts';

/** One turn as the router needs it. `features` wins over extraction when present. */
export interface RouterTurn {
  role: Role;
  text: string;
  /** Model the page showed for this reply, when known. */
  model?: string | null;
  /** Per-reply features already computed (e.g. by the instrument); optional. */
  features?: FeatureValues;
  /** What the site itself reported about routing this reply (route capture, issue 15); optional. */
  route?: RouteInfo | null;
  /** Epoch ms the message was written (account exports); optional. */
  createdAt?: number | null;
  /** The detector's per-conversation state of this reply ("A", …) from stored analyses; maps the reply onto the global persona vocabulary. */
  segment?: string | null;
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
  /** Residualise reply dimensions on what the user wrote (prompt-covariates.ts). Default true. */
  conditionOnPrompt?: boolean;
  /** Above this many replies the models are fitted on a seeded sample of conversations. Default 4000. */
  maxFitReplies?: number;
  /** Remove each conversation's mean level before fitting (within-conversation analysis). Default true. */
  centerConversations?: boolean;
  /** Bootstrap resamples (over conversations) for the evidence intervals. Default 200. */
  bootstrap?: number;
  /** Called between steps with the step's name and how many of the steps are done. */
  onProgress?: (step: string, done: number, total: number) => void;
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
  /** "#1", "#2", …: numbered, never lettered (letters mean per-conversation segments elsewhere). */
  id: string;
  /** From the evidence, in the shared wording (core/vocabulary `nameFromProfile`): "terse · structured"; "typical". */
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
  timeline: {
    conversationId: string;
    states: string[];
    maxPosterior: number[];
    /** The stored detector state of each reply (null: none stored): with the global persona vocabulary, the reply's persona (`routerPersonas`). */
    segments: (string | null)[];
  }[];
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

export type CandidateModel = 'constant' | 'linear-trend' | 'random-walk' | 'mixture' | 'conversation-clusters' | 'piecewise-constant' | 'sticky-hmm';

export interface ModelFit {
  model: CandidateModel;
  logLik: number;
  params: number;
  bic: number;
  /** BIC minus the best BIC (0 for the winner). */
  deltaBic: number;
  detail: string;
}

export type RouterVerdict = 'router-like' | 'switching-without-recurrence' | 'mixed-reply-types' | 'drift-like' | 'stable' | 'inconclusive';

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
  /** Conversation-cluster BIC minus HMM BIC (positive = switching inside conversations pays, not just sorting conversations). */
  hmmVsClusters: number;
  /** p of the within-conversation recurrence test (segment order shuffled); null = not testable. */
  recurrenceP: number | null;
  /** The within-conversation persistence test (persistence.ts): neighbours alike beyond shuffled order; null = not run. */
  persistence: PersistenceResult | null;
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
  /** Mantel–Haenszel risk ratio of a switch on the next reply, strata = turn-index bins × user message length. */
  riskRatio: number | null;
  /** Greenland–Robins 95% interval of the risk ratio (pairs treated as independent). */
  riskRatioInterval: [number, number] | null;
  /** Observed minus expected cue-followed-by-switch counts (the test statistic). */
  excess: number | null;
  p: number | null;
  pHolm: number | null;
  significant: boolean;
  /** Reverse direction: the cue paired with a switch on the reply before it (did the change come first?). */
  reverse: { excess: number; p: number; riskRatio: number | null } | null;
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

export type VerdictWord = 'yes' | 'no' | "can't tell";

/** A plot small enough for one line: bars (optionally with 95% whiskers) against an optional reference. */
export interface SmallPlot {
  kind: 'bars';
  /** What the bars measure, for the plot's accessible name. */
  caption: string;
  bars: { label: string; value: number; low?: number; high?: number; muted?: boolean }[];
  /** A reference level drawn as a line (e.g. 1 for a risk ratio, the null for a share). */
  reference?: number;
}

/** The evidence of one verdict line in one number, with its 95% interval where one exists. */
export interface Evidence {
  label: string;
  value: number;
  low: number | null;
  high: number | null;
  unit: 'share' | 'ratio' | 'ΔBIC' | 'count';
  /** How the interval was obtained (e.g. "bootstrap over conversations"). */
  interval: string;
}

export type QuestionId = 'repertoire' | 'router' | 'triggers' | 'loop' | 'models';

/** One line of the readable report: a question, a verdict word, one number, a small plot; details fold out. */
export interface VerdictLine {
  id: QuestionId;
  question: string;
  verdict: VerdictWord;
  /** One sentence: the answer in words. */
  answer: string;
  evidence: Evidence | null;
  plot: SmallPlot | null;
  details: string[];
  nullHypotheses: string[];
}

/** How much of the reply variation what the user wrote explains, and whether it was removed. */
export interface PromptConditioning {
  applied: boolean;
  covariates: string[];
  /** Per modelled dimension: share of its variance explained by the user's message (in-sample R²). */
  r2: number[];
}

export interface RecurrenceResult {
  status: 'tested' | 'not-testable';
  conversationsTested: number;
  returns: number;
  switches: number;
  /** Mean returns after shuffling segment order within conversations. */
  returnsNull: number | null;
  /** Share of switches that return, with a bootstrap interval over conversations. */
  returnShare: { value: number; low: number; high: number } | null;
  p: number | null;
  permutations: number;
  conclusion: string;
}

export interface PersistenceResult {
  /** Conversations with 3+ replies (the only ones a shuffle can change). */
  conversationsTested: number;
  /** Largest lag-1 correlation over directions of the whitened, conversation-centred features. */
  lagCorrelation: number | null;
  /** Its median over within-conversation shuffles. */
  lagCorrelationNull: number | null;
  p: number | null;
  permutations: number;
}

export interface SiteSwitchTests {
  /** Conversations whose replies mostly carry a served model: the only ones tested. */
  conversations: number;
  /** Replies with a served model reported by the site, of the replies in those conversations. */
  covered: number;
  replies: number;
  /** Changes of served model between consecutive replies that the user did not ask for. */
  switches: number;
  models: string[];
  /** Each test at α / 2: the text's switches are tested too, and either may answer the question. */
  alpha: number;
  triggers: TriggersResult;
  loop: LoopReport;
}

export interface LoopReport {
  verdict: VerdictWord;
  disengaged: number;
  switchAfterDisengaged: number;
  loopsObserved: number;
  usedTimestamps: boolean;
  riskRatio: { value: number; low: number; high: number } | null;
  p: number | null;
  permutations: number;
  conclusion: string;
}

/** Does the site switch models? From page-reported routes where present, else from the model shown per reply. */
export interface RouteEvidence {
  source: 'routes' | 'shown-model' | 'none';
  /** Replies with route data (routes) or consecutive reply pairs with a known model on both sides (shown model). */
  observed: number;
  /** Replies served by another model than requested (routes), or reply pairs where the shown model changed. */
  changes: number;
  /** Replies whose route carries a flag (e.g. "auto-switched-to-reasoning"). */
  flagged: number;
  /** Of the model changes, how many coincide with a text-based persona switch. */
  changesWithPersonaSwitch: number;
  models: string[];
  conclusion: string;
  /**
   * With page-reported routes in stored conversations: what precedes a reroute (user cues, with
   * permutation p-values controlling for turn position and message length), whether the persona
   * changes more across a reroute, and how the text-only detector agrees (src/core/route/analysis).
   */
  siteRouteFindings?: string[];
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
  promptConditioning: PromptConditioning | null;
  recurrence: RecurrenceResult | null;
  loop: LoopReport | null;
  routes: RouteEvidence;
  /** Trigger and loop tests on the model switches the site reported (site-switches.ts); null = too little route data. */
  siteSwitches: SiteSwitchTests | null;
  /** The readable report: one line per question, in a fixed order. */
  questions: VerdictLine[];
  /** Plain-language overall reading, with null hypotheses and uncertainty. */
  summary: string[];
  warnings: string[];
}
