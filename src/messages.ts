/**
 * Message catalog between the content script, extension pages and the background worker.
 *
 * Every runtime message is `{ type, ...payload }`. The worker validates each one on receipt with
 * `parseMessage` (hand-written validators, no schema library) and drops anything malformed.
 * `ResponseFor<M>` gives the typed answer of each message. This file is pure TypeScript so it
 * can be imported in Node tests; the browser-side sender lives in src/messaging/client.ts.
 */
import type {
  Annotation, AnnotationKind, CapturedTurn, ConversationBundle, FeatureEvidence, Settings, ShiftLabel, SiteId,
} from './core/types.ts';
import {
  LIMITS, isAnnotationKind, isArrayOf, isFiniteNumber, isNonEmptyString, isNonNegativeInt, isRecord, isSiteId,
  isString, isStringOrNull, optional, type Rec,
} from './messaging/guards.ts';
import { isCapturedTurn, isConversationBundle, isSettingsPatch } from './messaging/record-guards.ts';

// ---------------------------------------------------------------------------------------------
// Requests

export interface PingMessage { type: 'ping' }

export interface CapturePageMessage {
  type: 'capture/page';
  site: SiteId;
  conversationId: string | null;
  url: string;
  title: string | null;
  status: 'ok' | 'layout-not-recognized';
  detail?: string;
  selectedModel: string | null;
  /** Finished turns currently in the DOM, in DOM order. */
  turns: CapturedTurn[];
  /** Streaming turns not sent. */
  pending: number;
}

export interface TabStatusMessage { type: 'tab/status'; tabId: number }
/** Open tabs whose page was not recognised, with the detail naming the failed check (dashboard). */
export interface CaptureProblemsMessage { type: 'capture/problems' }

export interface AnnotationSaveMessage {
  type: 'annotation/save';
  turnKey: string;
  conversationKey: string;
  kind: AnnotationKind;
  label: string | null;
  note: string | null;
}

export interface AnnotationDeleteMessage { type: 'annotation/delete'; id: string }
export interface SettingsGetMessage { type: 'settings/get' }
export interface SettingsSetMessage { type: 'settings/set'; patch: Partial<Settings> }
export interface ConversationDeleteMessage { type: 'conversation/delete'; conversationKey: string }
export interface StoreClearMessage { type: 'store/clear' }
export interface ImportBundlesMessage { type: 'import/bundles'; bundles: ConversationBundle[] }
export interface RecomputeMessage { type: 'recompute'; conversationKey?: string }

export type Message =
  | PingMessage | CapturePageMessage | TabStatusMessage | CaptureProblemsMessage | AnnotationSaveMessage | AnnotationDeleteMessage
  | SettingsGetMessage | SettingsSetMessage | ConversationDeleteMessage | StoreClearMessage
  | ImportBundlesMessage | RecomputeMessage;

export type MessageType = Message['type'];
export type MessageOf<T extends MessageType> = Extract<Message, { type: T }>;

// ---------------------------------------------------------------------------------------------
// Responses

/** Any handler may answer this when something went wrong (store error, unknown key, ...). */
export interface ErrorResponse { ok: false; error: string }

export interface PingResponse { ok: true; version: string; detectorVersion: string }

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
  annotation: Annotation | null;
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
export type OkResponse = { ok: true } | ErrorResponse;
export type SettingsResponse = { ok: true; settings: Settings } | ErrorResponse;
export type ImportBundlesResponse = { ok: true; added: number; updated: number; skipped: number } | ErrorResponse;
export type RecomputeResponse = { ok: true; recomputed: number } | ErrorResponse;

export interface ResponseMap {
  'ping': PingResponse;
  'capture/page': CapturePageResponse;
  'tab/status': TabStatusResponse;
  'capture/problems': CaptureProblemsResponse;
  'annotation/save': AnnotationSaveResponse;
  'annotation/delete': OkResponse;
  'settings/get': SettingsResponse;
  'settings/set': SettingsResponse;
  'conversation/delete': OkResponse;
  'store/clear': OkResponse;
  'import/bundles': ImportBundlesResponse;
  'recompute': RecomputeResponse;
}

export type ResponseFor<M extends Message | MessageType> =
  M extends Message ? ResponseMap[M['type']] : M extends MessageType ? ResponseMap[M] : never;

// ---------------------------------------------------------------------------------------------
// Validation

type Validator<T extends MessageType> = (m: Rec) => MessageOf<T> | null;

/** One validator per type. Each returns a fresh object with only the known fields. */
const VALIDATORS: { [T in MessageType]: Validator<T> } = {
  'ping': () => ({ type: 'ping' }),
  'capture/page': (m) => {
    if (!(
      (m.conversationId === null || isNonEmptyString(m.conversationId))
      && isSiteId(m.site)
      && isString(m.url)
      && isStringOrNull(m.title)
      && (m.status === 'ok' || m.status === 'layout-not-recognized')
      && optional(m.detail, (d): d is string => isString(d))
      && isStringOrNull(m.selectedModel)
      && isArrayOf(m.turns, isCapturedTurn, LIMITS.turnsPerCapture)
      && isNonNegativeInt(m.pending)
    )) return null;
    return {
      type: 'capture/page', site: m.site, conversationId: m.conversationId, url: m.url, title: m.title,
      status: m.status, ...(m.detail !== undefined ? { detail: m.detail } : {}), selectedModel: m.selectedModel,
      turns: m.turns, pending: m.pending,
    };
  },
  'tab/status': (m) => (isNonNegativeInt(m.tabId) ? { type: 'tab/status', tabId: m.tabId } : null),
  'capture/problems': () => ({ type: 'capture/problems' }),
  'annotation/save': (m) => {
    if (!(isNonEmptyString(m.turnKey) && isNonEmptyString(m.conversationKey) && isAnnotationKind(m.kind)
      && isStringOrNull(m.label) && isStringOrNull(m.note, LIMITS.note))) return null;
    return { type: 'annotation/save', turnKey: m.turnKey, conversationKey: m.conversationKey, kind: m.kind, label: m.label, note: m.note };
  },
  'annotation/delete': (m) => (isNonEmptyString(m.id) ? { type: 'annotation/delete', id: m.id } : null),
  'settings/get': () => ({ type: 'settings/get' }),
  'settings/set': (m) => (isSettingsPatch(m.patch) ? { type: 'settings/set', patch: m.patch } : null),
  'conversation/delete': (m) =>
    (isNonEmptyString(m.conversationKey) ? { type: 'conversation/delete', conversationKey: m.conversationKey } : null),
  'store/clear': () => ({ type: 'store/clear' }),
  'import/bundles': (m) => (isArrayOf(m.bundles, isConversationBundle) ? { type: 'import/bundles', bundles: m.bundles } : null),
  'recompute': (m) => {
    if (!optional(m.conversationKey, (k): k is string => isNonEmptyString(k))) return null;
    return m.conversationKey === undefined ? { type: 'recompute' } : { type: 'recompute', conversationKey: m.conversationKey };
  },
};

export const MESSAGE_TYPES = Object.keys(VALIDATORS) as MessageType[];

export function isMessageType(v: unknown): v is MessageType {
  return typeof v === 'string' && Object.prototype.hasOwnProperty.call(VALIDATORS, v);
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
