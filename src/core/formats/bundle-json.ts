/**
 * Our own lossless JSON: `{"format":"persona-observatory","version":1,"detectorVersions":[…],
 * "conversations":[bundle,…]}` with one conversation a line. Records are rebuilt through the
 * schemas in records.ts, so key order is fixed and export → import → export is byte-identical.
 * Settings are never exported.
 */
import type { ConversationBundle } from '../model/types.ts';
import { detectorVersions } from './analysis-join.ts';
import { FormatError } from '../model/errors.ts';
import { collect, eachBundle, type ExportOptions } from './export-options.ts';
import { conversationKey, turnKey } from '../model/keys.ts';
import { checkCount, type ImportLimits } from './limits.ts';
import { canonicalJson, jsonArray } from './json-text.ts';
import { asArray, asObject, isObject } from '../model/read-unknown.ts';
import { ANALYSIS_SCHEMA, ANNOTATION_SCHEMA, CONVERSATION_SCHEMA, TURN_SCHEMA } from '../model/records.ts';
import { canonicalRecord, readRecord } from '../model/schema.ts';

export const BUNDLE_FORMAT = 'persona-observatory';
export const BUNDLE_VERSION = 1;

export function* bundleJsonChunks(bundles: readonly ConversationBundle[], options: ExportOptions = {}): Generator<string> {
  const header = { format: BUNDLE_FORMAT, version: BUNDLE_VERSION, detectorVersions: detectorVersions(bundles) };
  yield JSON.stringify(header).slice(0, -1) + ',"conversations":[\n';
  yield* eachBundle(bundles, options, (b, i) => (i > 0 ? ',\n' : '') + bundleJson(b));
  yield '\n]}\n';
}

export function exportBundleJson(bundles: readonly ConversationBundle[], options: ExportOptions = {}): string {
  return collect(bundleJsonChunks(bundles, options));
}

/** `JSON.stringify(canonicalBundle(bundle))`, written straight from the schemas (no canonical copy). */
export function bundleJson(bundle: ConversationBundle): string {
  return (
    '{"conversation":' +
    canonicalJson(CONVERSATION_SCHEMA, bundle.conversation) +
    ',"turns":' +
    jsonArray(bundle.turns, (t) => canonicalJson(TURN_SCHEMA, t)) +
    ',"analyses":' +
    jsonArray(bundle.analyses, (a) => canonicalJson(ANALYSIS_SCHEMA, a)) +
    ',"annotations":' +
    jsonArray(bundle.annotations, (a) => canonicalJson(ANNOTATION_SCHEMA, a)) +
    '}'
  );
}

export function canonicalBundle(bundle: ConversationBundle): ConversationBundle {
  return {
    conversation: canonicalRecord(CONVERSATION_SCHEMA, bundle.conversation),
    turns: bundle.turns.map((t) => canonicalRecord(TURN_SCHEMA, t)),
    analyses: bundle.analyses.map((a) => canonicalRecord(ANALYSIS_SCHEMA, a)),
    annotations: bundle.annotations.map((a) => canonicalRecord(ANNOTATION_SCHEMA, a)),
  };
}

export function isBundleJson(data: unknown): boolean {
  return isObject(data) && data.format === BUNDLE_FORMAT;
}

export function importBundleJson(data: unknown, fileLabel: string, limits: ImportLimits): ConversationBundle[] {
  const root = asObject(data, fileLabel, 'file');
  if (root.format !== BUNDLE_FORMAT) throw new FormatError(fileLabel, `"format" should be "${BUNDLE_FORMAT}"`);
  const version = root.version;
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) {
    throw new FormatError(fileLabel, `"version" should be a positive whole number, got ${JSON.stringify(version)}`);
  }
  if (version > BUNDLE_VERSION) {
    throw new FormatError(fileLabel, `version ${version} was written by a newer Persona Observatory; this one reads version ${BUNDLE_VERSION}`);
  }
  const list = asArray(root.conversations, fileLabel, 'conversations');
  checkCount(list.length, limits.maxConversations, 'conversations', fileLabel);
  const seen = new Set<string>();
  return list.map((raw, i) => {
    const bundle = readBundle(raw, `${fileLabel}: conversations[${i}]`, limits);
    if (seen.has(bundle.conversation.key)) {
      throw new FormatError(`${fileLabel}: conversations[${i}]`, `conversation ${bundle.conversation.key} appears twice`);
    }
    seen.add(bundle.conversation.key);
    return bundle;
  });
}

function readBundle(raw: unknown, where: string, limits: ImportLimits): ConversationBundle {
  const obj = asObject(raw, where, 'conversation bundle');
  const conversation = readRecord(CONVERSATION_SCHEMA, obj.conversation, `${where} conversation`);
  const at = `${where} (key ${conversation.key})`;
  const turnsRaw = asArray(obj.turns, at, 'turns');
  checkCount(turnsRaw.length, limits.maxTurnsPerConversation, 'turns', at);
  const turns = turnsRaw.map((t, i) => readRecord(TURN_SCHEMA, t, `${at} turns[${i}]`));
  const analyses = asArray(obj.analyses, at, 'analyses').map((a, i) => readRecord(ANALYSIS_SCHEMA, a, `${at} analyses[${i}]`));
  const annotations = asArray(obj.annotations, at, 'annotations').map((a, i) => readRecord(ANNOTATION_SCHEMA, a, `${at} annotations[${i}]`));
  checkConsistency({ conversation, turns, analyses, annotations }, at, limits);
  return { conversation, turns, analyses, annotations };
}

/** Keys must agree with each other, or the store would file records under the wrong conversation. */
function checkConsistency(bundle: ConversationBundle, where: string, limits: ImportLimits): void {
  const { conversation: c } = bundle;
  if (c.key !== conversationKey(c.site, c.conversationId)) {
    throw new FormatError(where, `conversation key should be "${conversationKey(c.site, c.conversationId)}" (site:conversationId)`);
  }
  const keys = new Set<string>();
  const mainKeys = new Set<string>();
  bundle.turns.forEach((t, i) => {
    const at = `${where} turns[${i}]`;
    if (t.conversationKey !== c.key) throw new FormatError(at, `conversationKey ${JSON.stringify(t.conversationKey)} does not match the conversation`);
    if (t.key !== turnKey(c.key, t.turnId)) throw new FormatError(at, `key should be "${turnKey(c.key, t.turnId)}" (conversationKey:turnId)`);
    if (keys.has(t.key)) throw new FormatError(at, `turn ${t.key} appears twice`);
    if (t.text.length > limits.maxTextChars) throw new FormatError(at, `text is too long (${t.text.length} characters; the limit is ${limits.maxTextChars})`);
    keys.add(t.key);
    if (t.alternativeOf === null) mainKeys.add(t.key);
  });
  bundle.turns.forEach((t, i) => {
    if (t.alternativeOf !== null && !mainKeys.has(t.alternativeOf)) {
      throw new FormatError(`${where} turns[${i}]`, `alternativeOf ${JSON.stringify(t.alternativeOf)} is not a main-line turn of this conversation`);
    }
  });
  const checkRef = (rec: { turnKey: string; conversationKey: string }, at: string): void => {
    if (rec.conversationKey !== c.key) throw new FormatError(at, `conversationKey ${JSON.stringify(rec.conversationKey)} does not match the conversation`);
    if (!keys.has(rec.turnKey)) throw new FormatError(at, `turnKey ${JSON.stringify(rec.turnKey)} is not a turn of this conversation`);
  };
  bundle.analyses.forEach((a, i) => checkRef(a, `${where} analyses[${i}]`));
  bundle.annotations.forEach((a, i) => checkRef(a, `${where} annotations[${i}]`));
}
