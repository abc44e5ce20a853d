/**
 * The requests between the content script, extension pages and the background worker: every
 * runtime message is `{ type, ...payload }`, one interface per type. Who may send each and its
 * validator are in catalog.ts; the answers in responses.ts.
 */
import type { AnnotationKind, CapturedTurn, ConversationBundle, ImportedAnnotation, Settings } from '../core/model/types.ts';
import type { RouteObservation } from '../core/route/observation.ts';

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
