/**
 * One entry point for imports: looks at a file's text and hands it to the right importer.
 * Recognised: our bundle JSON, JSONL (ours, label contract, chat messages), a JSON array of such
 * records, ChatGPT and Claude account exports (array or single conversation). Anything else is
 * refused with a FormatError that says what was found.
 */
import type { ConversationBundle } from '../model/types.ts';
import { importBundleJson, isBundleJson } from './bundle-json.ts';
import { importChatGptExport, looksLikeChatGptExport } from './chatgpt-export.ts';
import { importClaudeExport, looksLikeClaudeExport } from './claude-export.ts';
import { FormatError } from '../model/errors.ts';
import { parseJsonText, stripBom } from './json-text.ts';
import { importJsonl, importLine, looksLikeJsonl } from './jsonl-import.ts';
import { checkCount, checkFileSize, resolveLimits, type ImportLimits } from './limits.ts';
import { describeType, isObject } from '../model/read-unknown.ts';

export interface ParsedImport {
  /** bundle | chatgpt | claude | jsonl | jsonl-turns | jsonl-messages | jsonl-mixed | json-turns | empty */
  format: string;
  bundles: ConversationBundle[];
}

export function parseAnyConversationFile(text: string, fileName?: string, limitOverrides?: Partial<ImportLimits>): ParsedImport {
  const label = fileName ?? 'input';
  const limits = resolveLimits(limitOverrides);
  checkFileSize(text, label, limits);
  const body = stripBom(text);
  const start = body.trimStart();
  if (start === '') throw new FormatError(label, 'file is empty');
  if (start[0] !== '{' && start[0] !== '[') {
    throw new FormatError(
      label,
      `not JSON or JSONL: it starts with ${JSON.stringify(start.slice(0, 20))}${/,/.test(start.split('\n')[0]) ? ' (CSV is an export-only format)' : ''}`,
    );
  }
  if (looksLikeJsonl(body)) return importJsonl(body, label, limits);
  return importParsed(parseJsonText(body, label, limits.maxDepth), body.trim(), label, limits);
}

function importParsed(data: unknown, rawText: string, label: string, limits: ImportLimits): ParsedImport {
  if (isBundleJson(data)) return { format: 'bundle', bundles: importBundleJson(data, label, limits) };
  if (Array.isArray(data) && data.length === 0) return { format: 'empty', bundles: [] };
  if (looksLikeChatGptExport(data)) return { format: 'chatgpt', bundles: importChatGptExport(data, label, limits) };
  if (looksLikeClaudeExport(data)) return { format: 'claude', bundles: importClaudeExport(data, label, limits) };
  const first = Array.isArray(data) ? data[0] : data;
  if (isObject(first) && (Array.isArray(first.turns) || Array.isArray(first.messages))) {
    if (!Array.isArray(data)) {
      const { kind, bundle } = importLine(data, rawText, label, limits);
      return { format: kind, bundles: [bundle] };
    }
    checkCount(data.length, limits.maxConversations, 'conversations', label);
    const bundles = data.map((record, i) => importLine(record, JSON.stringify(record) ?? '', `${label}: record ${i + 1}`, limits).bundle);
    return { format: 'json-turns', bundles };
  }
  throw new FormatError(label, `not a conversation file we know: ${whatIsIt(data)}`);
}

function whatIsIt(data: unknown): string {
  if (isObject(data)) {
    if (Array.isArray(data.conversations) && !('format' in data)) return 'an object with "conversations" (a Grok export?), which is not supported yet';
    if ('format' in data) return `an object with format ${JSON.stringify(data.format)}`;
    return `an object with keys ${Object.keys(data).slice(0, 8).join(', ') || '(none)'}; expected a ChatGPT or Claude export, a Persona Observatory bundle, or JSONL`;
  }
  if (Array.isArray(data) && isObject(data[0]) && (isObject(data[0].data) || isObject(data[0].metadata))) {
    return 'a Label Studio or Argilla file (annotations, not conversations): import it in the Annotations tab instead';
  }
  if (Array.isArray(data))
    return `an array whose first item is ${describeType(data[0])}${isObject(data[0]) ? ` with keys ${Object.keys(data[0]).slice(0, 8).join(', ')}` : ''}`;
  return describeType(data);
}
