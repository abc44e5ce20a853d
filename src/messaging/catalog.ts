/**
 * Message catalog between the content script, extension pages and the background worker.
 *
 * Every runtime message is `{ type, ...payload }`. The worker validates each one on receipt with
 * `parseMessage` (hand-written validators, no schema library) and drops anything malformed.
 * `ResponseFor<M>` gives the typed answer of each message. This file is pure TypeScript so it
 * can be imported in Node tests; the browser-side sender lives in src/messaging/client.ts.
 */
import type {
  Annotation,
  AnnotationKind,
  CapturedTurn,
  ConversationBundle,
  FeatureEvidence,
  ImportedAnnotation,
  Settings,
  ShiftLabel,
  SiteId,
} from '../core/types.ts';
import {
  LIMITS,
  isAnnotationKind,
  isArrayOf,
  isBoolean,
  isFiniteNumber,
  isNonEmptyString,
  isNonNegativeInt,
  isRecord,
  isString,
  isStringOrNull,
  optional,
  type Rec,
} from './guards.ts';
import { capturedTurnOf, isCapturedTurn, isConversationBundle, isImportedAnnotation, isSettingsPatch } from './record-guards.ts';
import { isRouteId, parseRouteObservation, type RouteObservation } from '../core/route/observation.ts';

/** Routes in one `route/observe` message (the content script sends a few at a time). */
export const MAX_ROUTES_PER_MESSAGE = 32;

// ---------------------------------------------------------------------------------------------
// Requests

export interface PingMessage {
  type: 'ping';
}

/**
 * The page's site and URL are not in the message: the worker takes them from the browser's
 * MessageSender (src/background/sender.ts), so a content script can only write to its own site.
 */
export interface CapturePageMessage {
  type: 'capture/page';
  conversationId: string | null;
  title: string | null;
  /** The adapter says this is a shared conversation page (someone's share link), not the user's own chat. */
  shared?: boolean;
  status: 'ok' | 'layout-not-recognized';
  detail?: string;
  selectedModel: string | null;
  /** Finished turns currently in the DOM, in DOM order. */
  turns: CapturedTurn[];
  /** Streaming turns not sent. */
  pending: number;
  /** Filled by the validator, never by the sender: why turns of the message were dropped. */
  dropped?: string[];
}

export interface TabStatusMessage {
  type: 'tab/status';
  tabId: number;
}
/** Open tabs whose page was not recognised, with the detail naming the failed check (dashboard). */
export interface CaptureProblemsMessage {
  type: 'capture/problems';
}

/**
 * `route/observe`: which model the site's own responses say served replies of this tab's
 * conversation (page-reported, validated by src/core/route/observation.ts). The worker takes
 * the site and URL from the sender, and only fills routes of assistant turns already stored.
 */
export interface RouteObserveMessage {
  type: 'route/observe';
  conversationId: string;
  routes: RouteObservation[];
}

export interface AnnotationSaveMessage {
  type: 'annotation/save';
  turnKey: string;
  conversationKey: string;
  kind: AnnotationKind;
  label: string | null;
  note: string | null;
}

export interface AnnotationDeleteMessage {
  type: 'annotation/delete';
  id: string;
}
/** The annotation frame reads a reply's annotations (note text never goes to the page). */
export interface AnnotationGetMessage {
  type: 'annotation/get';
  turnKey: string;
}
/** "Hide all badges" from the page panel: the one setting a content script may change. */
export interface BadgesHideMessage {
  type: 'badges/hide';
}
export interface SettingsGetMessage {
  type: 'settings/get';
}
export interface SettingsSetMessage {
  type: 'settings/set';
  patch: Partial<Settings>;
}
export interface ConversationDeleteMessage {
  type: 'conversation/delete';
  conversationKey: string;
}
export interface StoreClearMessage {
  type: 'store/clear';
}
export interface ImportBundlesMessage {
  type: 'import/bundles';
  bundles: ConversationBundle[];
}
export interface RecomputeMessage {
  type: 'recompute';
  conversationKey?: string;
}
/** Annotations read from a Label Studio / Argilla export (src/core/formats/annotation): all land or none. */
export interface ImportAnnotationsMessage {
  type: 'import/annotations';
  annotations: ImportedAnnotation[];
}

export type Message =
  | PingMessage
  | CapturePageMessage
  | TabStatusMessage
  | CaptureProblemsMessage
  | AnnotationSaveMessage
  | AnnotationDeleteMessage
  | AnnotationGetMessage
  | BadgesHideMessage
  | SettingsGetMessage
  | SettingsSetMessage
  | ConversationDeleteMessage
  | StoreClearMessage
  | ImportBundlesMessage
  | RecomputeMessage
  | ImportAnnotationsMessage
  | RouteObserveMessage;

export type MessageType = Message['type'];
export type MessageOf<T extends MessageType> = Extract<Message, { type: T }>;

// ---------------------------------------------------------------------------------------------
// Responses

/** Any handler may answer this when something went wrong (store error, unknown key, ...). */
export interface ErrorResponse {
  ok: false;
  error: string;
}

export interface PingResponse {
  ok: true;
  version: string;
  detectorVersion: string;
}

/** What the in-page badge of one assistant turn shows. */
export interface BadgeInfo {
  turnKey: string;
  state: string;
  stateName: string;
  shift: boolean;
  confidence: number;
  labels: ShiftLabel[];
  /** The features that moved at this reply (flattened from the labels' evidence). */
  evidence: FeatureEvidence[];
  /**
   * Whether the user annotated this reply: the verdict's kind, else 'note', else null. Never the
   * note or relabel text: the page can read whatever the content script holds.
   */
  annotated: AnnotationKind | null;
  /** "served by X (you chose Y)" when the site says another model served the reply; else null. */
  route: string | null;
}

export type CapturePageResponse =
  | {
      ok: true;
      /** null when the page has no conversation id yet (a new, unsent chat): nothing stored. */
      conversationKey: string | null;
      /** Turns written (new, changed or re-ordered) by this capture. */
      stored: number;
      /** Keyed by the captured turn's id (CapturedTurn.id), assistant turns only. */
      badges: Record<string, BadgeInfo>;
      /** Current settings, so the content script follows badgesHidden / selector overrides. */
      settings: Settings;
    }
  | { ok: false; error: string; paused: boolean; settings?: Settings };

export type TabCaptureStatus = 'ok' | 'layout-not-recognized' | 'unsupported' | 'paused' | 'error';

export interface TabStatus {
  site: SiteId | null;
  status: TabCaptureStatus;
  detail: string | null;
  conversationKey: string | null;
  turnCount: number;
  shiftCount: number;
  models: string[];
  /** Capture is paused globally (user) or halted after a store write error. */
  paused: boolean;
  /** Capture is disabled for this tab's site. */
  sitePaused: boolean;
  /** Why capture halted after a write error (e.g. quota exceeded); null when writes work. */
  storeError: string | null;
  /** Replies of this conversation the site says another model served (page-reported routes). */
  reroutes: number;
}

export type TabStatusResponse = TabStatus;

/**
 * The detail a share page reports until the user asks for it: share pages are read-only copies
 * (often of someone else's conversation), so they are captured on demand only (popup button).
 */
export const SHARE_ON_DEMAND_DETAIL = 'Shared page (read-only): not captured unless you click “Capture this shared page”.';

/** One open tab whose page was read as "layout not recognized". */
export interface CaptureProblem {
  site: SiteId;
  /** What failed, e.g. `Gemini: check "fewer-replies-than-markers" failed: …`. */
  detail: string | null;
  /** Epoch ms of the tab's last report. */
  updatedAt: number;
}
export type CaptureProblemsResponse = { ok: true; problems: CaptureProblem[] } | ErrorResponse;
export type AnnotationSaveResponse = { ok: true; annotation: Annotation } | ErrorResponse;
export type AnnotationGetResponse = { ok: true; annotations: Annotation[] } | ErrorResponse;
export type OkResponse = { ok: true } | ErrorResponse;
export type SettingsResponse = { ok: true; settings: Settings } | ErrorResponse;
export type ImportBundlesResponse = { ok: true; added: number; updated: number; skipped: number } | ErrorResponse;
export type RecomputeResponse = { ok: true; recomputed: number } | ErrorResponse;
export type ImportAnnotationsResponse = { ok: true; added: number; updated: number; unchanged: number } | ErrorResponse;
export type RouteObserveResponse = { ok: true; stored: number; unknown: number; kept: number; routes: Record<string, string | null> } | ErrorResponse;

export interface ResponseMap {
  ping: PingResponse;
  'capture/page': CapturePageResponse;
  'tab/status': TabStatusResponse;
  'capture/problems': CaptureProblemsResponse;
  'annotation/save': AnnotationSaveResponse;
  'annotation/delete': OkResponse;
  'annotation/get': AnnotationGetResponse;
  'badges/hide': OkResponse;
  'settings/get': SettingsResponse;
  'settings/set': SettingsResponse;
  'conversation/delete': OkResponse;
  'store/clear': OkResponse;
  'import/bundles': ImportBundlesResponse;
  recompute: RecomputeResponse;
  'import/annotations': ImportAnnotationsResponse;
  'route/observe': RouteObserveResponse;
}

export type ResponseFor<M extends Message | MessageType> = M extends Message ? ResponseMap[M['type']] : M extends MessageType ? ResponseMap[M] : never;

// ---------------------------------------------------------------------------------------------
// Validation

type Validator<T extends MessageType> = (m: Rec) => MessageOf<T> | null;

/** One validator per type. Each returns a fresh object with only the known fields. */
const VALIDATORS: { [T in MessageType]: Validator<T> } = {
  ping: () => ({ type: 'ping' }),
  'capture/page': (m) => {
    if (
      !(
        (m.conversationId === null || isNonEmptyString(m.conversationId)) &&
        isStringOrNull(m.title) &&
        optional(m.shared, isBoolean) &&
        (m.status === 'ok' || m.status === 'layout-not-recognized') &&
        optional(m.detail, (d): d is string => isString(d)) &&
        isStringOrNull(m.selectedModel) &&
        Array.isArray(m.turns) &&
        isNonNegativeInt(m.pending)
      )
    )
      return null;
    const { turns, dropped } = validTurns(m.turns);
    return {
      type: 'capture/page',
      conversationId: m.conversationId,
      title: m.title,
      ...(m.shared ? { shared: true } : {}),
      status: m.status,
      ...(m.detail !== undefined ? { detail: m.detail } : {}),
      selectedModel: m.selectedModel,
      turns,
      pending: m.pending,
      ...(dropped.length > 0 ? { dropped } : {}),
    };
  },
  'tab/status': (m) => (isNonNegativeInt(m.tabId) ? { type: 'tab/status', tabId: m.tabId } : null),
  'capture/problems': () => ({ type: 'capture/problems' }),
  'annotation/save': (m) => {
    if (
      !(
        isNonEmptyString(m.turnKey) &&
        isNonEmptyString(m.conversationKey) &&
        isAnnotationKind(m.kind) &&
        isStringOrNull(m.label) &&
        isStringOrNull(m.note, LIMITS.note)
      )
    )
      return null;
    return { type: 'annotation/save', turnKey: m.turnKey, conversationKey: m.conversationKey, kind: m.kind, label: m.label, note: m.note };
  },
  'annotation/delete': (m) => (isNonEmptyString(m.id) ? { type: 'annotation/delete', id: m.id } : null),
  'annotation/get': (m) => (isNonEmptyString(m.turnKey) ? { type: 'annotation/get', turnKey: m.turnKey } : null),
  'badges/hide': () => ({ type: 'badges/hide' }),
  'settings/get': () => ({ type: 'settings/get' }),
  'settings/set': (m) => (isSettingsPatch(m.patch) ? { type: 'settings/set', patch: m.patch } : null),
  'conversation/delete': (m) => (isNonEmptyString(m.conversationKey) ? { type: 'conversation/delete', conversationKey: m.conversationKey } : null),
  'store/clear': () => ({ type: 'store/clear' }),
  'import/bundles': (m) => (isArrayOf(m.bundles, isConversationBundle) ? { type: 'import/bundles', bundles: m.bundles } : null),
  'import/annotations': (m) => (isArrayOf(m.annotations, isImportedAnnotation) ? { type: 'import/annotations', annotations: m.annotations } : null),
  'route/observe': (m) => {
    if (!(isRouteId(m.conversationId) && isArrayOf(m.routes, (r): r is RouteObservation => parseRouteObservation(r) !== null, MAX_ROUTES_PER_MESSAGE)))
      return null;
    return { type: 'route/observe', conversationId: m.conversationId, routes: m.routes.map((r) => parseRouteObservation(r) as RouteObservation) };
  },
  recompute: (m) => {
    if (!optional(m.conversationKey, (k): k is string => isNonEmptyString(k))) return null;
    return m.conversationKey === undefined ? { type: 'recompute' } : { type: 'recompute', conversationKey: m.conversationKey };
  },
};

/**
 * One bad turn drops that turn, not the capture: the rest are stored and the reasons reported.
 * Past the per-capture cap, the extra turns are dropped the same way.
 */
function validTurns(raw: unknown[]): { turns: CapturedTurn[]; dropped: string[] } {
  const turns: CapturedTurn[] = [];
  const dropped: string[] = [];
  for (const t of raw.slice(0, LIMITS.turnsPerCapture)) {
    if (isCapturedTurn(t)) turns.push(capturedTurnOf(t));
    else dropped.push(describeBadTurn(t));
  }
  if (raw.length > LIMITS.turnsPerCapture) {
    dropped.push(`${raw.length - LIMITS.turnsPerCapture} turns over the ${LIMITS.turnsPerCapture.toLocaleString('en-US')}-turn limit of one capture`);
  }
  return { turns, dropped };
}

function describeBadTurn(t: unknown): string {
  const id = isRecord(t) && isNonEmptyString(t.id) ? `turn ${t.id.slice(0, 80)}` : 'a turn';
  if (isRecord(t) && typeof t.text === 'string' && t.text.length > LIMITS.turnText) {
    return `${id}: text over ${LIMITS.turnText.toLocaleString('en-US')} characters`;
  }
  return `${id}: malformed`;
}

export const MESSAGE_TYPES = Object.keys(VALIDATORS) as MessageType[];

export function isMessageType(v: unknown): v is MessageType {
  return typeof v === 'string' && Object.hasOwn(VALIDATORS, v);
}

/** Validate an untrusted runtime message. Returns null (never throws) when it is malformed. */
export function parseMessage(raw: unknown): Message | null {
  if (!isRecord(raw) || !isMessageType(raw.type)) return null;
  try {
    return (VALIDATORS[raw.type] as Validator<MessageType>)(raw);
  } catch {
    // A getter or proxy that throws is malformed too.
    return null;
  }
}

/** For callers that want a number check outside this file (e.g. tab ids from the popup). */
export const isTabId = (v: unknown): v is number => isFiniteNumber(v) && isNonNegativeInt(v);
