/**
 * Schemas of the stored records (src/core/types.ts) as our own formats write them. Field order
 * here IS the key order in exported JSON; change it only with a format version bump.
 */
import type {
  Annotation,
  AnnotationKind,
  AnnotationOrigin,
  AnnotationTool,
  BranchMarker,
  Conversation,
  ConversationSource,
  FeatureEvidence,
  RouteInfo,
  Role,
  ShiftLabel,
  StoredAnalysis,
  Turn,
  TurnStep,
} from '../types.ts';
import { TURN_STEP_KINDS } from '../turn-extras.ts';
import type { SchemaOf } from './schema.ts';

export { SITE_IDS } from '../sites.ts';
import { SITE_IDS } from '../sites.ts';
export const SOURCES: readonly ConversationSource[] = ['capture', 'capture:shared', 'import:chatgpt', 'import:claude', 'import:bundle', 'import:jsonl'];
export const ROLES: readonly Role[] = ['user', 'assistant'];
export const ANNOTATION_KINDS: readonly AnnotationKind[] = ['confirm', 'reject', 'relabel', 'note'];

export const CONVERSATION_SCHEMA: SchemaOf<Conversation> = {
  key: 'string',
  site: { oneOf: SITE_IDS },
  conversationId: 'string',
  title: 'nullableString',
  url: 'nullableString',
  source: { oneOf: SOURCES },
  firstSeen: 'number',
  lastSeen: 'number',
  models: 'stringArray',
  turnCount: 'number',
  assistantCount: 'number',
  shiftCount: 'number',
  annotationCount: 'number',
};

export const ROUTE_SOURCES: readonly RouteInfo['source'][] = ['page-reported', 'export'];

export const ROUTE_SCHEMA: SchemaOf<RouteInfo> = {
  requested: 'nullableString',
  shown: 'nullableString',
  served: 'nullableString',
  flags: 'stringArray',
  source: { oneOf: ROUTE_SOURCES },
};

const BRANCH_SCHEMA: SchemaOf<BranchMarker> = { index: 'number', count: 'number' };

const STEP_SCHEMA: SchemaOf<TurnStep> = { kind: { oneOf: TURN_STEP_KINDS }, text: 'string' };

export const TURN_SCHEMA: SchemaOf<Turn> = {
  key: 'string',
  conversationKey: 'string',
  turnId: 'string',
  order: 'number',
  role: { oneOf: ROLES },
  text: 'string',
  contentHash: 'string',
  model: 'nullableString',
  selectedModel: 'nullableString',
  thinking: 'nullableString',
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
  turnKey: 'string',
  conversationKey: 'string',
  detectorVersion: 'string',
  index: 'number',
  state: 'string',
  stateName: 'string',
  shift: 'boolean',
  confidence: 'number',
  labels: { arrayOf: LABEL_SCHEMA },
  features: 'numberMap',
};

export const ANNOTATION_TOOLS: readonly AnnotationTool[] = ['label-studio', 'argilla'];

const ORIGIN_SCHEMA: SchemaOf<AnnotationOrigin> = { tool: { oneOf: ANNOTATION_TOOLS }, author: 'nullableString' };

export const ANNOTATION_SCHEMA: SchemaOf<Annotation> = {
  id: 'string',
  turnKey: 'string',
  conversationKey: 'string',
  kind: { oneOf: ANNOTATION_KINDS },
  label: 'nullableString',
  note: 'nullableString',
  createdAt: 'number',
  updatedAt: 'number',
  // Last and optional: annotations made in the extension have none, and keep their exported bytes.
  origin: { optional: { object: ORIGIN_SCHEMA } },
};
