/**
 * JSONL import, one conversation a line. Three line shapes are read:
 * - ours (`"format":"persona-observatory.jsonl"`, see jsonl-records.ts), lossless;
 * - the label contract `{"id","turns":[{"role","text","model"?,"route"?}]}` (CLI, the benchmark data;
 *   `route` as in our bundle: what the site said served the reply);
 * - plain chat messages `{"messages":[{"role","content"}]}` (fine-tuning style).
 * Roles other than user/assistant (system, tool) are skipped in the last two.
 */
import { turnExtras } from '../turn-extras.ts';
import { inferSite } from './infer-site.ts';
import { hashString } from '../text/hash.ts';
import type { ConversationBundle, Turn } from '../model/types.ts';
import { buildBundle, type ImportedTurn } from './build-bundle.ts';
import { FormatError } from '../model/errors.ts';
import { conversationKey, turnKey } from '../model/keys.ts';
import { groupBy } from './group-by.ts';
import { JSONL_FORMAT, JSONL_VERSION, LINE_SCHEMA, type JsonlLine, type LineDetails, type LineMessage } from './jsonl-records.ts';
import { checkCount, type ImportLimits } from './limits.ts';
import { parseJsonText } from './json-text.ts';
import { asObject, describeType, isObject, secondsToMs, type JsonObject } from '../model/read-unknown.ts';
import { readRecord } from '../model/schema.ts';
import { ROUTE_SCHEMA } from '../model/records.ts';

/** True when the first non-empty line is a JSON object on its own and more text follows. */
export function looksLikeJsonl(text: string): boolean {
  const trimmed = text.trimStart();
  const end = trimmed.indexOf('\n');
  if (!trimmed.startsWith('{') || end < 0 || trimmed.slice(end).trim() === '') return false;
  try {
    return isObject(JSON.parse(trimmed.slice(0, end)));
  } catch {
    return false;
  }
}

export function importJsonl(text: string, fileLabel: string, limits: ImportLimits): { format: string; bundles: ConversationBundle[] } {
  const lines = text.split('\n');
  const bundles: ConversationBundle[] = [];
  const kinds = new Set<string>();
  lines.forEach((raw, i) => {
    const line = raw.trim();
    if (line === '') return;
    const where = `${fileLabel} line ${i + 1}`;
    checkCount(bundles.length + 1, limits.maxConversations, 'conversations', fileLabel);
    const { kind, bundle } = importLine(parseJsonText(line, where, limits.maxDepth), line, where, limits);
    kinds.add(kind);
    bundles.push(bundle);
  });
  const format = kinds.size === 1 ? [...kinds][0] : kinds.size === 0 ? 'jsonl' : 'jsonl-mixed';
  return { format, bundles };
}

/** One record (a JSONL line, or an element of a JSON array of such records). */
export function importLine(data: unknown, rawText: string, where: string, limits: ImportLimits): { kind: string; bundle: ConversationBundle } {
  const obj = asObject(data, where, 'line');
  if (obj.format === JSONL_FORMAT) return { kind: 'jsonl', bundle: importOwnLine(obj, where, limits) };
  if (Array.isArray(obj.turns)) return { kind: 'jsonl-turns', bundle: importContractLine(obj, obj.turns, 'text', rawText, where, limits) };
  if (Array.isArray(obj.messages)) return { kind: 'jsonl-messages', bundle: importContractLine(obj, obj.messages, 'content', rawText, where, limits) };
  throw new FormatError(where, `not a conversation: expected "turns" or "messages", found keys ${Object.keys(obj).slice(0, 8).join(', ') || '(none)'}`);
}

function importContractLine(
  obj: JsonObject,
  rawTurns: unknown[],
  textField: 'text' | 'content',
  rawText: string,
  where: string,
  limits: ImportLimits,
): ConversationBundle {
  const id = typeof obj.id === 'string' || typeof obj.id === 'number' ? String(obj.id) : `h${hashString(rawText)}`;
  const at = `${where} (id ${id})`;
  const turns: ImportedTurn[] = [];
  rawTurns.forEach((raw, i) => {
    const turnWhere = `${at}: turn ${i}`;
    const t = asObject(raw, turnWhere, 'turn');
    if (typeof t.role !== 'string')
      throw new FormatError(turnWhere, t.role === undefined ? 'has no role' : `role should be a string, got ${describeType(t.role)}`);
    const text = t[textField];
    if (typeof text !== 'string') {
      throw new FormatError(turnWhere, text === undefined ? `has no ${textField}` : `${textField} should be a string, got ${describeType(text)}`);
    }
    if (t.role !== 'user' && t.role !== 'assistant') return;
    const model = typeof t.model === 'string' ? t.model : null;
    turns.push({
      // Position in the record: stable as long as the record is unchanged.
      turnId: String(i),
      role: t.role,
      text,
      model: t.role === 'assistant' ? model : null,
      selectedModel: null,
      thinking: typeof t.thinking === 'string' ? t.thinking : null,
      createdAt: secondsToMs(t.create_time),
      branch: null,
      alternativeOf: null,
      route: t.role === 'assistant' && t.route != null ? readRecord(ROUTE_SCHEMA, t.route, `${turnWhere}: route`) : null,
    });
  });
  const models = turns.map((t) => t.model).filter((m): m is string => m !== null);
  return buildBundle(
    {
      site: inferSite({ site: obj.site, url: obj.url, models }),
      conversationId: id,
      title: typeof obj.title === 'string' ? obj.title : null,
      url: typeof obj.url === 'string' && /^https:\/\//.test(obj.url) ? obj.url : null,
      source: 'import:jsonl',
      createdAt: secondsToMs(obj.create_time),
      updatedAt: null,
      turns,
    },
    at,
    limits,
  );
}

function importOwnLine(obj: JsonObject, where: string, limits: ImportLimits): ConversationBundle {
  if (typeof obj.version !== 'number' || obj.version > JSONL_VERSION) {
    throw new FormatError(where, `version ${JSON.stringify(obj.version)} is not one this build reads (${JSONL_VERSION})`);
  }
  const line = readRecord(LINE_SCHEMA, obj, where);
  const at = `${where} (key ${line.key})`;
  if (line.key !== conversationKey(line.site, line.conversationId)) throw new FormatError(at, 'key should be site:conversationId');
  if (line.details.length !== line.messages.length) {
    throw new FormatError(at, `details has ${line.details.length} entries but messages has ${line.messages.length}; they go together by index`);
  }
  checkCount(line.messages.length + line.alternatives.length, limits.maxTurnsPerConversation, 'messages', at);
  const mainIds = new Set(line.details.map((d) => d.turnId));
  for (const alt of line.alternatives) {
    if (!mainIds.has(alt.alternativeOf)) throw new FormatError(at, `alternative ${alt.turnId} names ${alt.alternativeOf}, which is not in messages`);
  }
  const altsOf = groupBy(line.alternatives, (alt) => alt.alternativeOf);
  const bundle: ConversationBundle = { conversation: conversationOf(line), turns: [], analyses: [], annotations: [] };
  const seen = new Set<string>();
  const add = (message: LineMessage, d: LineDetails, alternativeOf: string | null): void => {
    const turn = toTurn(line, message, d, alternativeOf);
    if (seen.has(turn.key)) throw new FormatError(at, `message id ${JSON.stringify(d.turnId)} appears twice`);
    if (turn.text.length > limits.maxTextChars) throw new FormatError(at, `message ${d.turnId} is too long (${turn.text.length} characters)`);
    seen.add(turn.key);
    bundle.turns.push(turn);
    if (d.analysis) bundle.analyses.push({ ...d.analysis, turnKey: turn.key, conversationKey: line.key });
    for (const a of d.annotations) bundle.annotations.push({ ...a, turnKey: turn.key, conversationKey: line.key });
  };
  line.messages.forEach((m, i) => {
    add(m, line.details[i], null);
    for (const alt of altsOf.get(line.details[i].turnId) ?? []) add(alt, alt, turnKey(line.key, line.details[i].turnId));
  });
  return bundle;
}

function conversationOf(line: JsonlLine): ConversationBundle['conversation'] {
  return {
    key: line.key,
    site: line.site,
    conversationId: line.conversationId,
    title: line.title,
    url: line.url,
    source: line.source,
    firstSeen: line.firstSeen,
    lastSeen: line.lastSeen,
    models: line.models,
    turnCount: line.turnCount,
    assistantCount: line.assistantCount,
    shiftCount: line.shiftCount,
    annotationCount: line.annotationCount,
  };
}

function toTurn(line: JsonlLine, message: LineMessage, d: LineDetails, alternativeOf: string | null): Turn {
  return {
    key: turnKey(line.key, d.turnId),
    conversationKey: line.key,
    turnId: d.turnId,
    order: d.order,
    role: message.role,
    text: message.content,
    contentHash: d.contentHash,
    model: d.model,
    selectedModel: d.selectedModel,
    thinking: d.thinking,
    branch: d.branch,
    alternativeOf,
    capturedAt: d.capturedAt,
    createdAt: d.createdAt,
    route: d.route,
    ...turnExtras(d),
  };
}
