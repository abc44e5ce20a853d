/**
 * Guards for stored record shapes (Conversation, Turn, StoredAnalysis, Annotation, Settings,
 * ConversationBundle). Used when records arrive from outside the store: the `import/bundles`
 * and `settings/set` messages. Pure; imports only guards and core types.
 */
import type {
  Annotation,
  AnnotationOrigin,
  CapturedTurn,
  ImportedAnnotation,
  Conversation,
  ConversationBundle,
  ConversationSource,
  FeatureEvidence,
  FeatureValues,
  RouteInfo,
  SiteSettings,
  Settings,
  ShiftLabel,
  StoredAnalysis,
  Turn,
  TurnStep,
} from '../core/types.ts';
import { TURN_STEP_KINDS, turnExtras } from '../core/turn-extras.ts';
import {
  LIMITS,
  isAnnotationKind,
  isArrayOf,
  isBoolean,
  isBranchMarkerOrNull,
  isFiniteNumber,
  isNonEmptyString,
  isNonNegativeInt,
  isRecord,
  isRole,
  isSiteId,
  isString,
  isStringOrNull,
  optional,
} from './guards.ts';
import { ANNOTATION_TOOLS } from '../core/formats/records.ts';

import { SOURCES } from '../core/formats/records.ts';

export function isCapturedTurn(v: unknown): v is CapturedTurn {
  return (
    isRecord(v) &&
    isNonEmptyString(v.id) &&
    isRole(v.role) &&
    isString(v.text, LIMITS.turnText) &&
    isStringOrNull(v.model) &&
    isStringOrNull(v.selectedModel) &&
    isBoolean(v.streaming) &&
    isStringOrNull(v.thinking, LIMITS.turnText) &&
    isBranchMarkerOrNull(v.branch) &&
    hasValidExtras(v)
  );
}

/** A captured turn with only its known fields (a page may add others; they go no further). */
export function capturedTurnOf(v: CapturedTurn): CapturedTurn {
  return {
    id: v.id,
    role: v.role,
    text: v.text,
    model: v.model,
    selectedModel: v.selectedModel,
    streaming: v.streaming,
    thinking: v.thinking,
    branch: v.branch === null ? null : { index: v.branch.index, count: v.branch.count },
    ...turnExtras(v),
  };
}

/** Steps per turn and citations per reply: far above what a page shows, low enough to bound a message. */
const MAX_STEPS = 200;
const MAX_CITATIONS = 500;

/** Optional steps, citations and not-captured reason (types.ts), each absent or well formed. */
function hasValidExtras(v: Record<string, unknown>): boolean {
  return (
    optional(v.steps, (s): s is TurnStep[] => isArrayOf(s, isTurnStep, MAX_STEPS)) &&
    optional(v.citations, (c): c is string[] => isArrayOf(c, (u): u is string => isString(u, LIMITS.shortString), MAX_CITATIONS)) &&
    optional(v.notCaptured, (r): r is string => isNonEmptyString(r))
  );
}

function isTurnStep(v: unknown): v is TurnStep {
  return isRecord(v) && (TURN_STEP_KINDS as readonly unknown[]).includes(v.kind) && isString(v.text, LIMITS.turnText);
}

export function isConversation(v: unknown): v is Conversation {
  return (
    isRecord(v) &&
    isNonEmptyString(v.key) &&
    isSiteId(v.site) &&
    isNonEmptyString(v.conversationId) &&
    isStringOrNull(v.title) &&
    isStringOrNull(v.url) &&
    typeof v.source === 'string' &&
    SOURCES.includes(v.source as ConversationSource) &&
    isFiniteNumber(v.firstSeen) &&
    isFiniteNumber(v.lastSeen) &&
    isArrayOf(v.models, (x): x is string => isString(x)) &&
    isNonNegativeInt(v.turnCount) &&
    isNonNegativeInt(v.assistantCount) &&
    isNonNegativeInt(v.shiftCount) &&
    isNonNegativeInt(v.annotationCount)
  );
}

export function isTurn(v: unknown): v is Turn {
  return (
    isRecord(v) &&
    isNonEmptyString(v.key) &&
    isNonEmptyString(v.conversationKey) &&
    isNonEmptyString(v.turnId) &&
    isFiniteNumber(v.order) &&
    isRole(v.role) &&
    isString(v.text, LIMITS.turnText) &&
    isNonEmptyString(v.contentHash) &&
    isStringOrNull(v.model) &&
    isStringOrNull(v.selectedModel) &&
    isStringOrNull(v.thinking, LIMITS.turnText) &&
    isBranchMarkerOrNull(v.branch) &&
    isStringOrNull(v.alternativeOf) &&
    isFiniteNumber(v.capturedAt) &&
    (v.createdAt === null || isFiniteNumber(v.createdAt)) &&
    // Absent in bundles written before routes existed.
    (v.route === undefined || v.route === null || isRouteInfo(v.route)) &&
    hasValidExtras(v)
  );
}

/** A stored route as our own files may carry it (any model name a site or export wrote). */
function isRouteInfo(v: unknown): v is RouteInfo {
  return (
    isRecord(v) &&
    isStringOrNull(v.requested) &&
    isStringOrNull(v.shown) &&
    isStringOrNull(v.served) &&
    isArrayOf(v.flags, (f): f is string => isString(f), 32) &&
    (v.source === 'page-reported' || v.source === 'export')
  );
}

function isFeatureValues(v: unknown): v is FeatureValues {
  return isRecord(v) && Object.values(v).every((x) => x === null || isFiniteNumber(x));
}

function isFeatureEvidence(v: unknown): v is FeatureEvidence {
  return isRecord(v) && isString(v.feature) && isFiniteNumber(v.before) && isFiniteNumber(v.after) && isFiniteNumber(v.effect);
}

function isShiftLabel(v: unknown): v is ShiftLabel {
  return isRecord(v) && isString(v.kind) && isString(v.text) && isFiniteNumber(v.confidence) && isArrayOf(v.evidence, isFeatureEvidence);
}

export function isStoredAnalysis(v: unknown): v is StoredAnalysis {
  return (
    isRecord(v) &&
    isNonEmptyString(v.turnKey) &&
    isNonEmptyString(v.conversationKey) &&
    isNonEmptyString(v.detectorVersion) &&
    isNonNegativeInt(v.index) &&
    isString(v.state) &&
    isString(v.stateName) &&
    isBoolean(v.shift) &&
    isFiniteNumber(v.confidence) &&
    isArrayOf(v.labels, isShiftLabel) &&
    isFeatureValues(v.features)
  );
}

/** What every annotation has, stored or imported: ids, the judgement, bounded text. */
function hasAnnotationContent(v: Record<string, unknown>): boolean {
  return (
    isNonEmptyString(v.id) &&
    isNonEmptyString(v.turnKey) &&
    isNonEmptyString(v.conversationKey) &&
    isAnnotationKind(v.kind) &&
    isStringOrNull(v.label) &&
    isStringOrNull(v.note, LIMITS.note)
  );
}

export function isAnnotation(v: unknown): v is Annotation {
  return (
    isRecord(v) &&
    hasAnnotationContent(v) &&
    isFiniteNumber(v.createdAt) &&
    isFiniteNumber(v.updatedAt) &&
    (v.origin === undefined || isAnnotationOrigin(v.origin))
  );
}

/** An annotation read from a tool's export, before the store fills in missing times. */
export function isImportedAnnotation(v: unknown): v is ImportedAnnotation {
  return (
    isRecord(v) &&
    hasAnnotationContent(v) &&
    (v.createdAt === null || isFiniteNumber(v.createdAt)) &&
    (v.updatedAt === null || isFiniteNumber(v.updatedAt)) &&
    isAnnotationOrigin(v.origin)
  );
}

export function isAnnotationOrigin(v: unknown): v is AnnotationOrigin {
  return isRecord(v) && typeof v.tool === 'string' && (ANNOTATION_TOOLS as readonly string[]).includes(v.tool) && isStringOrNull(v.author);
}

export function isConversationBundle(v: unknown): v is ConversationBundle {
  return (
    isRecord(v) &&
    isConversation(v.conversation) &&
    isArrayOf(v.turns, isTurn) &&
    isArrayOf(v.analyses, isStoredAnalysis) &&
    isArrayOf(v.annotations, isAnnotation)
  );
}

const SELECTOR_KEYS = ['turn', 'user', 'assistant', 'text'] as const;

export function isSiteSettings(v: unknown): v is SiteSettings {
  return (
    isRecord(v) &&
    isBoolean(v.enabled) &&
    optional(v.readResponses, isBoolean) &&
    isRecord(v.selectors) &&
    Object.entries(v.selectors).every(([k, s]) => (SELECTOR_KEYS as readonly string[]).includes(k) && (s === undefined || isString(s, LIMITS.selector)))
  );
}

/** A `settings/set` patch: every present field must be valid; unknown fields are rejected. */
export function isSettingsPatch(v: unknown): v is Partial<Settings> {
  if (!isRecord(v)) return false;
  const known = ['paused', 'badgesHidden', 'sites'];
  if (Object.keys(v).some((k) => !known.includes(k))) return false;
  return (
    optional(v.paused, isBoolean) &&
    optional(v.badgesHidden, isBoolean) &&
    optional(v.sites, (s): s is Settings['sites'] => isRecord(s) && Object.entries(s).every(([site, conf]) => isSiteId(site) && isSiteSettings(conf)))
  );
}
