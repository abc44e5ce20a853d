/**
 * Shape of one line of our JSONL export: the conversation's fields, `messages` in the plain
 * chat shape ({role, content}) that data tools expect, and beside them `details` (same index:
 * ids, model, times, the detector's analysis, the user's annotations) and `alternatives`.
 */
import type { Annotation, Conversation, Role, StoredAnalysis, Turn } from '../model/types.ts';
import { ANALYSIS_SCHEMA, ANNOTATION_SCHEMA, CONVERSATION_SCHEMA, ROLES, TURN_SCHEMA } from '../model/records.ts';
import type { FieldKind, SchemaOf } from '../model/schema.ts';

export const JSONL_FORMAT = 'persona-observatory.jsonl';
export const JSONL_VERSION = 1;

export type LineAnalysis = Omit<StoredAnalysis, 'turnKey' | 'conversationKey'>;
export type LineAnnotation = Omit<Annotation, 'turnKey' | 'conversationKey'>;

export interface LineMessage {
  role: Role;
  content: string;
}

export interface LineDetails {
  turnId: string;
  order: number;
  model: string | null;
  selectedModel: string | null;
  thinking: string | null;
  branch: Turn['branch'];
  createdAt: number | null;
  capturedAt: number;
  contentHash: string;
  analysis: LineAnalysis | null;
  annotations: LineAnnotation[];
  /** Which model the site says served the reply; null when it said nothing. */
  route: Turn['route'];
  /** Steps, citation URLs and the not-captured reason (Turn), each left out when absent. */
  steps?: Turn['steps'];
  citations?: Turn['citations'];
  notCaptured?: Turn['notCaptured'];
}

export interface LineAlternative extends LineMessage, LineDetails {
  /** turnId of the main-line message this one replaces. */
  alternativeOf: string;
}

export interface JsonlLine extends Conversation {
  format: string;
  version: number;
  messages: LineMessage[];
  details: LineDetails[];
  alternatives: LineAlternative[];
}

function omit<T, K extends keyof T>(schema: SchemaOf<T>, keys: readonly K[]): SchemaOf<Omit<T, K>> {
  const entries = Object.entries(schema as Record<string, FieldKind>).filter(([k]) => !(keys as readonly string[]).includes(k));
  return Object.fromEntries(entries) as unknown as SchemaOf<Omit<T, K>>;
}

const MESSAGE_SCHEMA: SchemaOf<LineMessage> = { role: { oneOf: ROLES }, content: 'string' };

const DETAILS_SCHEMA: SchemaOf<LineDetails> = {
  turnId: 'string',
  order: 'number',
  model: 'nullableString',
  selectedModel: 'nullableString',
  thinking: 'nullableString',
  branch: TURN_SCHEMA.branch,
  createdAt: 'nullableNumber',
  capturedAt: 'number',
  contentHash: 'string',
  analysis: { object: omit(ANALYSIS_SCHEMA, ['turnKey', 'conversationKey']), nullable: true },
  annotations: { arrayOf: omit(ANNOTATION_SCHEMA, ['turnKey', 'conversationKey']) },
  route: TURN_SCHEMA.route,
  steps: TURN_SCHEMA.steps,
  citations: TURN_SCHEMA.citations,
  notCaptured: TURN_SCHEMA.notCaptured,
};

const ALTERNATIVE_SCHEMA: SchemaOf<LineAlternative> = { alternativeOf: 'string', ...MESSAGE_SCHEMA, ...DETAILS_SCHEMA };

export const LINE_SCHEMA: SchemaOf<JsonlLine> = {
  format: 'string',
  version: 'number',
  ...CONVERSATION_SCHEMA,
  messages: { arrayOf: MESSAGE_SCHEMA },
  details: { arrayOf: DETAILS_SCHEMA },
  alternatives: { arrayOf: ALTERNATIVE_SCHEMA },
};
