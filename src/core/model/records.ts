/**
 * Schemas of the records (types.ts): the stored ones as our own formats write them, and the ones
 * messages carry (captured turns, imported annotations, settings patches). Field order here IS
 * the key order in exported JSON; change it only with a format version bump. The bounded kinds
 * ('id', 'count', `{ string: { max } }`, …) write and read like their plain shapes in files; the
 * worker's message validators (validatorOf) also enforce their bounds.
 */
import type {
  Annotation,
  AnnotationKind,
  AnnotationOrigin,
  AnnotationTool,
  BranchMarker,
  CapturedTurn,
  Conversation,
  ConversationBundle,
  ConversationSource,
  FeatureEvidence,
  ImportedAnnotation,
  RouteInfo,
  Role,
  Settings,
  ShiftLabel,
  SiteSettings,
  StoredAnalysis,
  Turn,
  TurnStep,
  TurnStepKind,
} from './types.ts';
import type { FieldKind, SchemaOf } from './schema.ts';
import { MAX_NOTE_CHARS, MAX_SELECTOR_CHARS, MAX_TURN_TEXT_CHARS } from '../limits.ts';

export { SITE_IDS } from '../sites.ts';
import { SITE_IDS } from '../sites.ts';

/** One turn's text and thinking. */
const TURN_TEXT: FieldKind = { string: { max: MAX_TURN_TEXT_CHARS } };
const TURN_THINKING: FieldKind = { string: { max: MAX_TURN_TEXT_CHARS, nullable: true } };
export const SOURCES: readonly ConversationSource[] = ['capture', 'capture:shared', 'import:chatgpt', 'import:claude', 'import:bundle', 'import:jsonl'];
export const ROLES: readonly Role[] = ['user', 'assistant'];
export const ANNOTATION_KINDS: readonly AnnotationKind[] = ['confirm', 'reject', 'relabel', 'note'];
const STEP_KINDS: readonly TurnStepKind[] = ['thinking', 'status', 'tool', 'search'];

export const CONVERSATION_SCHEMA: SchemaOf<Conversation> = {
  key: 'id',
  site: { oneOf: SITE_IDS },
  conversationId: 'id',
  title: 'nullableString',
  url: 'nullableString',
  source: { oneOf: SOURCES },
  firstSeen: 'number',
  lastSeen: 'number',
  models: 'stringArray',
  turnCount: 'count',
  assistantCount: 'count',
  shiftCount: 'count',
  annotationCount: 'count',
};

const ROUTE_SOURCES: readonly RouteInfo['source'][] = ['page-reported', 'export'];

export const ROUTE_SCHEMA: SchemaOf<RouteInfo> = {
  requested: 'nullableString',
  shown: 'nullableString',
  served: 'nullableString',
  flags: { strings: { max: 32 } },
  source: { oneOf: ROUTE_SOURCES },
};

const BRANCH_SCHEMA: SchemaOf<BranchMarker> = { index: 'count', count: 'count' };

const STEP_SCHEMA: SchemaOf<TurnStep> = { kind: { oneOf: STEP_KINDS }, text: TURN_TEXT };

export const TURN_SCHEMA: SchemaOf<Turn> = {
  key: 'id',
  conversationKey: 'id',
  turnId: 'id',
  order: 'number',
  role: { oneOf: ROLES },
  text: TURN_TEXT,
  contentHash: 'id',
  model: 'nullableString',
  selectedModel: 'nullableString',
  thinking: TURN_THINKING,
  branch: { object: BRANCH_SCHEMA, nullable: true },
  alternativeOf: 'nullableString',
  capturedAt: 'number',
  createdAt: 'nullableNumber',
  // Added after version-1 files were written: a missing route reads as null.
  route: { object: ROUTE_SCHEMA, nullable: true, optional: true },
  // Added later still, and left out when absent so older files keep their bytes.
  steps: { optional: { arrayOf: STEP_SCHEMA } },
  citations: { optional: 'stringArray' },
  notCaptured: { optional: 'string' },
};

const EVIDENCE_SCHEMA: SchemaOf<FeatureEvidence> = { feature: 'string', before: 'number', after: 'number', effect: 'number' };

const LABEL_SCHEMA: SchemaOf<ShiftLabel> = {
  kind: 'string',
  text: 'string',
  confidence: 'number',
  evidence: { arrayOf: EVIDENCE_SCHEMA },
};

export const ANALYSIS_SCHEMA: SchemaOf<StoredAnalysis> = {
  turnKey: 'id',
  conversationKey: 'id',
  detectorVersion: 'id',
  index: 'count',
  state: 'string',
  stateName: 'string',
  shift: 'boolean',
  confidence: 'number',
  labels: { arrayOf: LABEL_SCHEMA },
  features: 'numberMap',
};

const ANNOTATION_TOOLS: readonly AnnotationTool[] = ['label-studio', 'argilla'];

const ORIGIN_SCHEMA: SchemaOf<AnnotationOrigin> = { tool: { oneOf: ANNOTATION_TOOLS }, author: 'nullableString' };

export const ANNOTATION_SCHEMA: SchemaOf<Annotation> = {
  id: 'id',
  turnKey: 'id',
  conversationKey: 'id',
  kind: { oneOf: ANNOTATION_KINDS },
  label: 'nullableString',
  note: { string: { max: MAX_NOTE_CHARS, nullable: true } },
  createdAt: 'number',
  updatedAt: 'number',
  // Last and optional: annotations made in the extension have none, and keep their exported bytes.
  origin: { optional: { object: ORIGIN_SCHEMA } },
};

/** A judgement from an annotation tool's export, before the store fills in missing times. */
export const IMPORTED_ANNOTATION_SCHEMA: SchemaOf<ImportedAnnotation> = {
  ...ANNOTATION_SCHEMA,
  createdAt: 'nullableNumber',
  updatedAt: 'nullableNumber',
  origin: { object: ORIGIN_SCHEMA },
};

export const BUNDLE_SCHEMA: SchemaOf<ConversationBundle> = {
  conversation: { object: CONVERSATION_SCHEMA },
  turns: { arrayOf: TURN_SCHEMA },
  analyses: { arrayOf: ANALYSIS_SCHEMA },
  annotations: { arrayOf: ANNOTATION_SCHEMA },
};

/** One turn as a site adapter read it (the `capture/page` message carries these). */
export const CAPTURED_TURN_SCHEMA: SchemaOf<CapturedTurn> = {
  id: 'id',
  role: { oneOf: ROLES },
  text: TURN_TEXT,
  model: 'nullableString',
  selectedModel: 'nullableString',
  streaming: 'boolean',
  thinking: TURN_THINKING,
  branch: { object: BRANCH_SCHEMA, nullable: true },
  steps: { optional: { arrayOf: STEP_SCHEMA } },
  notCaptured: { optional: 'string' },
  citations: { optional: 'stringArray' },
};

const SELECTOR: FieldKind = { optional: { string: { max: MAX_SELECTOR_CHARS } } };

const SITE_SETTINGS_SCHEMA: SchemaOf<SiteSettings> = {
  enabled: 'boolean',
  readResponses: { optional: 'boolean' },
  selectors: { object: { turn: SELECTOR, user: SELECTOR, assistant: SELECTOR, text: SELECTOR }, closed: true },
};

/** The whole settings record (the worker's push to the content scripts, src/messaging/settings-push.ts). */
export const SETTINGS_SCHEMA: SchemaOf<Settings> = {
  paused: 'boolean',
  badgesHidden: 'boolean',
  sites: { mapOf: { object: SITE_SETTINGS_SCHEMA }, keys: SITE_IDS },
};

/** A `settings/set` patch: every field may be left out; validate it closed (unknown fields reject it). */
export const SETTINGS_PATCH_SCHEMA: SchemaOf<Partial<Settings>> = {
  paused: { optional: 'boolean' },
  badgesHidden: { optional: 'boolean' },
  sites: { optional: { mapOf: { object: SITE_SETTINGS_SCHEMA }, keys: SITE_IDS } },
};
