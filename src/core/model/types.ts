/**
 * Shared data model of Persona Observatory.
 *
 * Every layer speaks these shapes: site adapters produce `CapturedTurn`s, the store keeps
 * `Conversation`/`Turn`/`ReplyAnalysis`/`Annotation` records, formats read and write them,
 * views render them. Pure types only: this file imports only the site-id type (core/sites.ts).
 */

export type Role = 'user' | 'assistant';

/** Site ids are a runtime list in sites.ts (the one place they are written); the type comes from it. */
export type { SiteId } from '../sites.ts';
import type { SiteId } from '../sites.ts';

/** A branch counter as the page shows it ("2/3" → index 2, count 3). 1-based index. */
export interface BranchMarker {
  index: number;
  count: number;
}

/** One turn as a site adapter reads it off the page right now. */
export interface CapturedTurn {
  /** Stable id within the conversation: the site's own id where it has one, else hash + position. */
  id: string;
  role: Role;
  /** Text as the user reads it, Markdown-like (lists, code fences, tables kept). */
  text: string;
  /** Model the page shows for THIS reply (e.g. ChatGPT data-message-model-slug); null if not shown. */
  model: string | null;
  /** Model/mode picker of the composer at capture time (applies to the next message); null if none. */
  selectedModel: string | null;
  /** True while the reply is still being generated. Streaming turns are never stored. */
  streaming: boolean;
  /** Thinking / reasoning summary, kept apart from the reply text; null if none. */
  thinking: string | null;
  /** Edit/regenerate counter next to the message, if shown. */
  branch: BranchMarker | null;
  /**
   * Steps the page shows with the reply, in page order, each with its kind: reasoning
   * ('thinking', also joined into `thinking`), status lines ('status': "Show thinking",
   * "Stopped"), tool use ('tool': "Created a file, read a file") and web search ('search':
   * "Read 12 web pages"). Absent when the page shows none.
   */
  steps?: TurnStep[];
  /**
   * Set when the page shows a reply whose body could not be read (e.g. it lives in a frame):
   * the reason. `text` then is the visible placeholder "[reply not captured: <reason>]".
   */
  notCaptured?: string;
  /** URLs of the reply's citation markers: `[n]` in the text cites `citations[n-1]`. */
  citations?: string[];
}

export type TurnStepKind = 'thinking' | 'status' | 'tool' | 'search';

export interface TurnStep {
  kind: TurnStepKind;
  text: string;
}

/** What an adapter answers for a page. */
export interface PageCapture {
  site: SiteId;
  conversationId: string | null;
  status: 'ok' | 'layout-not-recognized';
  /** Human-readable reason when status is not ok. */
  detail?: string;
  title: string | null;
  turns: CapturedTurn[];
  /**
   * A shared conversation page (someone's share link such as `/share/…`, not the user's own chat),
   * captured only on demand. Stored tagged as shared and left out of the router analysis unless
   * the user asks. Absent on ordinary pages.
   */
  shared?: boolean;
}

/** `capture:shared`: captured from a shared-conversation page (someone's share link), not the user's own chat. */
export type ConversationSource = 'capture' | 'capture:shared' | 'import:chatgpt' | 'import:claude' | 'import:bundle' | 'import:jsonl';

/** A stored conversation. key = `${site}:${conversationId}`. */
export interface Conversation {
  key: string;
  site: SiteId;
  conversationId: string;
  title: string | null;
  url: string | null;
  source: ConversationSource;
  /** Epoch milliseconds. */
  firstSeen: number;
  lastSeen: number;
  /** Distinct models shown per reply, in order of first appearance. */
  models: string[];
  /** Main-line turns (alternatives excluded). */
  turnCount: number;
  assistantCount: number;
  /** Shifts found by the detector on the main line. */
  shiftCount: number;
  annotationCount: number;
}

/**
 * Which model the site itself says served one assistant reply, read from the page's own
 * responses (route capture) or from an account export. Every field is as the site wrote it;
 * none is filled from another. Filled in by the route-capture work (issue 15).
 */
export interface RouteInfo {
  /** Model the user asked for (composer / `default_model_slug`); null if not said. */
  requested: string | null;
  /** Label shown on the message (e.g. ChatGPT `metadata.model_slug`); null if not said. */
  shown: string | null;
  /** Model the site says served the reply (e.g. `resolved_model_slug`); null if not said. */
  served: string | null;
  /** Flags the site gives, normalised names (e.g. "auto-switched-to-reasoning"). */
  flags: string[];
  /** Where the fields came from: the page's own responses, or an account export. */
  source: 'page-reported' | 'export';
}

/** A stored turn. key = `${conversationKey}:${turnId}`. */
export interface Turn {
  key: string;
  conversationKey: string;
  turnId: string;
  /** Sortable position in the conversation; alternatives share their main-line turn's order. */
  order: number;
  role: Role;
  text: string;
  /** SHA-1-like hash of role + text, hex; used to dedupe and detect edits. */
  contentHash: string;
  model: string | null;
  selectedModel: string | null;
  thinking: string | null;
  branch: BranchMarker | null;
  /** Key of the main-line turn this one is an alternative to; null on the main line. */
  alternativeOf: string | null;
  /** Epoch ms when first stored. */
  capturedAt: number;
  /** Epoch ms the site says the message was written (exports); null when unknown. */
  createdAt: number | null;
  /**
   * Which model the site says served this reply (route capture or export); null when the site
   * said nothing (always null on user turns).
   */
  route: RouteInfo | null;
  /** Steps the page showed with the reply, each with its kind (CapturedTurn.steps); absent when none. */
  steps?: TurnStep[];
  /** URLs of the text's `[n]` citation markers (CapturedTurn.citations); absent when none. */
  citations?: string[];
  /**
   * The page showed this reply but its body could not be read: why. `text` is then the visible
   * placeholder "[reply not captured: <reason>]"; the analysis skips the turn (it is not a reply).
   */
  notCaptured?: string;
}

/** Feature values of one reply. null = not applicable (e.g. English lexicon on other languages). */
export type FeatureValues = Record<string, number | null>;

/** One feature that moved at a shift: the evidence behind a label. */
export interface FeatureEvidence {
  feature: string;
  before: number;
  after: number;
  /** Standardised size of the move (difference in pooled standard deviations). */
  effect: number;
}

/** A shift put into words, e.g. kind "tone", text "tone: formal → playful". */
export interface ShiftLabel {
  kind: string;
  text: string;
  /** Calibrated probability that this label describes a real persona change. */
  confidence: number;
  evidence: FeatureEvidence[];
}

/** The detector's output for one assistant reply. */
export interface ReplyAnalysis {
  /** Index among assistant replies of the conversation (0-based). */
  index: number;
  /** Persona state id within the conversation (e.g. "A", "B"), and a short human name. */
  state: string;
  stateName: string;
  /** True when a new persona segment starts at this reply. */
  shift: boolean;
  /** Probability that a shift happens at this reply. */
  confidence: number;
  labels: ShiftLabel[];
  features: FeatureValues;
}

/** Detector output for one conversation, tagged with the detector version that made it. */
export interface ConversationAnalysis {
  detectorVersion: string;
  /** Indices among assistant replies where a new segment starts. */
  switches: number[];
  replies: ReplyAnalysis[];
}

/** Stored per-reply analysis. key = turn key. */
export interface StoredAnalysis extends ReplyAnalysis {
  turnKey: string;
  conversationKey: string;
  detectorVersion: string;
}

export type AnnotationKind = 'confirm' | 'reject' | 'relabel' | 'note';

/** Annotation tools whose exports we read back (src/core/formats/annotation/). */
export type AnnotationTool = 'label-studio' | 'argilla';

/** Where an imported judgement was made and by whom. Absent on judgements made in the extension. */
export interface AnnotationOrigin {
  tool: AnnotationTool;
  /** The annotator as the tool names them (Label Studio `completed_by`, Argilla `user_id`); null if not said. */
  author: string | null;
}

/** The user's own judgement on a reply, kept apart from heuristic labels. */
export interface Annotation {
  id: string;
  turnKey: string;
  conversationKey: string;
  kind: AnnotationKind;
  /** For relabel: the user's label (free text or one from the vocabulary). */
  label: string | null;
  note: string | null;
  createdAt: number;
  updatedAt: number;
  /** Set when the judgement came from an annotation tool's export; absent when made here. */
  origin?: AnnotationOrigin;
}

/**
 * A judgement read from an annotation tool's export, before it is stored: the tool may not say
 * when it was made (Argilla's records file has no response times), so the store fills those in.
 */
export interface ImportedAnnotation extends Omit<Annotation, 'createdAt' | 'updatedAt' | 'origin'> {
  origin: AnnotationOrigin;
  createdAt: number | null;
  updatedAt: number | null;
}

export interface SiteSettings {
  enabled: boolean;
  /**
   * Read the site's own responses for which model served each reply (route capture). Absent =
   * on, on the sites where it works (src/core/route).
   */
  readResponses?: boolean;
  /** User selector overrides for when a site changes its layout before we ship a fix. */
  selectors: Partial<Record<'turn' | 'user' | 'assistant' | 'text', string>>;
}

export interface Settings {
  paused: boolean;
  badgesHidden: boolean;
  sites: Partial<Record<SiteId, SiteSettings>>;
}

/** Everything about one conversation, as the dashboard and exports use it. */
export interface ConversationBundle {
  conversation: Conversation;
  /** Main line and alternatives, sorted by order. */
  turns: Turn[];
  analyses: StoredAnalysis[];
  annotations: Annotation[];
}
