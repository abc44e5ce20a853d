/**
 * The worker's answer to each request (`ResponseFor<M>`), and what the answers carry: badge
 * data for the page, a tab's capture status, capture problems.
 */
import type { Annotation, AnnotationKind, FeatureEvidence, Settings, ShiftLabel, SiteId } from '../core/model/types.ts';
import type { Message, MessageType } from './requests.ts';

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
