/**
 * Message catalog between the content script, extension pages and the background worker.
 *
 * Every runtime message is `{ type, ...payload }`. `CATALOG` declares each message once: who may
 * send it and the schema of its fields (src/core/model), from which its validator is generated
 * with the model's length limits. The worker validates each message on receipt with
 * `parseMessage` and drops anything malformed. `ResponseFor<M>` gives the typed answer of each
 * message. This file is pure TypeScript so it can be imported in Node tests; the browser-side
 * sender lives in src/messaging/client.ts.
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
} from '../core/model/types.ts';
import { ANNOTATION_KINDS, BUNDLE_SCHEMA, CAPTURED_TURN_SCHEMA, IMPORTED_ANNOTATION_SCHEMA, SETTINGS_PATCH_SCHEMA } from '../core/model/records.ts';
import { validatorOf, type SchemaOf } from '../core/model/schema.ts';
import { isObject, type JsonObject } from '../core/model/read-unknown.ts';
import { isRouteId, parseRouteObservation, type RouteObservation } from '../core/route/observation.ts';

/** Routes in one `route/observe` message (the content script sends a few at a time). */
export const MAX_ROUTES_PER_MESSAGE = 32;
/** Turns in one `capture/page` message; past it the extra turns are dropped with a reason. */
export const MAX_TURNS_PER_CAPTURE = 5_000;

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
  /**
   * Page-reported routes of replies in this conversation that ride along (the route bridge's
   * observations; one message per reply is most of the bridge's cost). Stored as `route/observe`
   * would, after the turns; invalid ones are dropped without losing the capture.
   */
  routes?: RouteObservation[];
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
    }
  // Settings reach the content script as a push after each change (settings-push.ts), not here.
  | { ok: false; error: string; paused: boolean };

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
// The catalog: who may send each message, and its validator

/**
 * Who sends a message: `page` = popup and dashboard, `content` = the content script, `frame` =
 * our annotation frame inside a chat tab (src/background/sender.ts tells them apart).
 */
export type SenderSide = 'page' | 'content' | 'frame';

type Fields<T extends MessageType> = Omit<MessageOf<T>, 'type'>;

export interface MessageSpec<T extends MessageType> {
  /** The sides allowed to send it; the worker ignores it from any other. */
  from: readonly SenderSide[];
  /** A fresh message with only the known fields, or null when it is malformed. Never throws. */
  parse: (raw: JsonObject) => MessageOf<T> | null;
}

/**
 * One message's declaration. `fields` is the schema of its payload; `finish`, where given, does
 * what a schema cannot say, with the checked fields and the raw message (`Skip` names the fields
 * it fills in itself).
 */
function message<T extends MessageType, Skip extends keyof Fields<T> = never>(
  type: T,
  from: readonly SenderSide[],
  fields: SchemaOf<Omit<Fields<T>, Skip>>,
  finish?: (checked: Omit<Fields<T>, Skip>, raw: JsonObject) => Fields<T> | null,
): MessageSpec<T> {
  const validate = validatorOf(fields);
  return {
    from,
    parse: (raw) => {
      const checked = validate(raw);
      if (checked === null) return null;
      const done = finish ? finish(checked, raw) : (checked as Fields<T>);
      return done === null ? null : ({ type, ...done } as MessageOf<T>);
    },
  };
}

const PAGE: readonly SenderSide[] = ['page'];
const NO_FIELDS = {} as const;

/**
 * Every message: its sender sides and its fields. Content scripts never see or change
 * annotations (the page could read or forge them); annotation messages from a frame are bound
 * to its tab's site by their handlers. Adding a message: its interface above, a line here, a
 * handler in src/background/handlers (the mapped types make a missing line a type error).
 */
export const CATALOG: { [T in MessageType]: MessageSpec<T> } = {
  ping: message('ping', ['page', 'content', 'frame'], NO_FIELDS),
  'capture/page': message<'capture/page', 'turns' | 'dropped' | 'routes'>(
    'capture/page',
    ['content'],
    {
      conversationId: { string: { nonEmpty: true, nullable: true } },
      title: 'nullableString',
      shared: { optional: 'boolean' },
      status: { oneOf: ['ok', 'layout-not-recognized'] },
      detail: { optional: 'string' },
      selectedModel: 'nullableString',
      pending: 'count',
    },
    ({ shared, ...checked }, raw) => {
      if (!Array.isArray(raw.turns)) return null;
      const { turns, dropped } = validTurns(raw.turns);
      const routes = Array.isArray(raw.routes)
        ? raw.routes
            .slice(0, MAX_ROUTES_PER_MESSAGE)
            .map(parseRouteObservation)
            .filter((r): r is RouteObservation => r !== null)
        : [];
      return {
        ...checked,
        ...(shared ? { shared: true } : {}),
        turns,
        ...(dropped.length > 0 ? { dropped } : {}),
        ...(routes.length > 0 ? { routes } : {}),
      };
    },
  ),
  'tab/status': message('tab/status', PAGE, { tabId: 'count' }),
  'capture/problems': message('capture/problems', PAGE, NO_FIELDS),
  'annotation/save': message('annotation/save', ['page', 'frame'], {
    turnKey: 'id',
    conversationKey: 'id',
    kind: { oneOf: ANNOTATION_KINDS },
    label: 'nullableString',
    note: IMPORTED_ANNOTATION_SCHEMA.note,
  }),
  'annotation/delete': message('annotation/delete', ['page', 'frame'], { id: 'id' }),
  'annotation/get': message('annotation/get', ['page', 'frame'], { turnKey: 'id' }),
  'badges/hide': message('badges/hide', ['content'], NO_FIELDS),
  'settings/get': message('settings/get', ['page', 'content'], NO_FIELDS),
  'settings/set': message('settings/set', PAGE, { patch: { object: SETTINGS_PATCH_SCHEMA, closed: true } }),
  'conversation/delete': message('conversation/delete', PAGE, { conversationKey: 'id' }),
  'store/clear': message('store/clear', PAGE, NO_FIELDS),
  'import/bundles': message('import/bundles', PAGE, { bundles: { arrayOf: BUNDLE_SCHEMA } }),
  recompute: message('recompute', PAGE, { conversationKey: { optional: 'id' } }),
  'import/annotations': message('import/annotations', PAGE, { annotations: { arrayOf: IMPORTED_ANNOTATION_SCHEMA } }),
  // Page-reported routes: only from a content script; the handler binds them to the sender's tab site.
  'route/observe': message<'route/observe', 'conversationId' | 'routes'>('route/observe', ['content'], NO_FIELDS, (_, raw) => {
    if (!isRouteId(raw.conversationId) || !Array.isArray(raw.routes) || raw.routes.length > MAX_ROUTES_PER_MESSAGE) return null;
    const routes = raw.routes.map(parseRouteObservation);
    return routes.every((r) => r !== null) ? { conversationId: raw.conversationId, routes: routes as RouteObservation[] } : null;
  }),
};

const isCapturedTurn = validatorOf(CAPTURED_TURN_SCHEMA);

/**
 * One bad turn drops that turn, not the capture: the rest are stored and the reasons reported.
 * Past the per-capture cap, the extra turns are dropped the same way.
 */
function validTurns(raw: unknown[]): { turns: CapturedTurn[]; dropped: string[] } {
  const turns: CapturedTurn[] = [];
  const dropped: string[] = [];
  for (const t of raw.slice(0, MAX_TURNS_PER_CAPTURE)) {
    const turn = isCapturedTurn(t);
    if (turn) turns.push(turn);
    else dropped.push(describeBadTurn(t));
  }
  if (raw.length > MAX_TURNS_PER_CAPTURE) {
    dropped.push(`${raw.length - MAX_TURNS_PER_CAPTURE} turns over the ${MAX_TURNS_PER_CAPTURE.toLocaleString('en-US')}-turn limit of one capture`);
  }
  return { turns, dropped };
}

function describeBadTurn(t: unknown): string {
  const id = isObject(t) && typeof t.id === 'string' && t.id !== '' ? `turn ${t.id.slice(0, 80)}` : 'a turn';
  const max = (CAPTURED_TURN_SCHEMA.text as { string: { max: number } }).string.max;
  if (isObject(t) && typeof t.text === 'string' && t.text.length > max) {
    return `${id}: text over ${max.toLocaleString('en-US')} characters`;
  }
  return `${id}: malformed`;
}

export const MESSAGE_TYPES = Object.keys(CATALOG) as MessageType[];

function isMessageType(v: unknown): v is MessageType {
  return typeof v === 'string' && Object.hasOwn(CATALOG, v);
}

/** Validate an untrusted runtime message. Returns null (never throws) when it is malformed. */
export function parseMessage(raw: unknown): Message | null {
  try {
    if (!isObject(raw) || !isMessageType(raw.type)) return null;
    return (CATALOG[raw.type] as MessageSpec<MessageType>).parse(raw);
  } catch {
    // A getter or proxy that throws is malformed too.
    return null;
  }
}
