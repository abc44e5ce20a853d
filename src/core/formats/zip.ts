/**
 * Zip in both directions (fflate): several export files in one download, and account-export
 * zips (ChatGPT: conversations.json or conversations-000.json…; Claude: conversations.json)
 * read without asking the user to unpack them.
 */
import { strFromU8, strToU8, unzipSync, zipSync, type Zippable } from 'fflate';
import type { ConversationBundle } from '../model/types.ts';
import { exportBundleJson } from './bundle-json.ts';
import { exportCsv } from './csv.ts';
import { parseAnyConversationFile, type ParsedImport } from './detect.ts';
import { FormatError } from '../model/errors.ts';
import type { ExportOptions } from './export-options.ts';
import { exportJsonl } from './jsonl-export.ts';
import { resolveLimits, type ImportLimits } from './limits.ts';
import { exportMarkdown } from './markdown.ts';

export type ExportFormat = 'json' | 'jsonl' | 'csv' | 'md';

export const EXPORTERS: Readonly<Record<ExportFormat, (bundles: readonly ConversationBundle[], options?: ExportOptions) => string>> = {
  json: exportBundleJson,
  jsonl: exportJsonl,
  csv: exportCsv,
  md: exportMarkdown,
};

export interface ZipEntry {
  name: string;
  data: string | Uint8Array;
}

export function zipFiles(entries: readonly ZipEntry[], mtime: Date = new Date()): Uint8Array {
  const files: Zippable = {};
  for (const e of entries) files[e.name] = [typeof e.data === 'string' ? strToU8(e.data) : e.data, { level: 6, mtime }];
  return zipSync(files);
}

/** One zip holding the selection in several formats (`<baseName>.<format>`). Progress spans all formats. */
export function exportZip(
  bundles: readonly ConversationBundle[],
  formats: readonly ExportFormat[],
  options: ExportOptions & { baseName?: string; mtime?: Date } = {},
): Uint8Array {
  const base = options.baseName ?? 'persona-observatory';
  const total = bundles.length * formats.length;
  const entries = formats.map((format, k) => ({
    name: `${base}.${format}`,
    data: EXPORTERS[format](bundles, {
      signal: options.signal,
      onProgress: (done) => options.onProgress?.(k * bundles.length + done, total),
    }),
  }));
  return zipFiles(entries, options.mtime);
}

const ACCOUNT_FILE = /(^|\/)conversations(-\d+)?\.json$/i;
const IMPORTABLE = /\.(json|jsonl)$/i;

/**
 * Imports every conversation file in a zip: the account export's conversations*.json if present,
 * else every .json/.jsonl entry. Refuses zips whose declared unpacked size passes the char limit.
 */
export function parseConversationZip(bytes: Uint8Array, fileName = 'input.zip', limitOverrides?: Partial<ImportLimits>): ParsedImport {
  const limits = resolveLimits(limitOverrides);
  let unpacked = 0;
  let files: Record<string, Uint8Array>;
  try {
    files = unzipSync(bytes, {
      filter: (f) => {
        if (!IMPORTABLE.test(f.name) || f.name.includes('__MACOSX')) return false;
        unpacked += f.originalSize;
        if (unpacked > limits.maxChars) throw new FormatError(fileName, `unpacks to more than ${limits.maxChars} bytes; refusing it`);
        return true;
      },
    });
  } catch (err) {
    if (err instanceof FormatError) throw err;
    throw new FormatError(fileName, `not a readable zip file (${err instanceof Error ? err.message : String(err)})`);
  }
  const names = Object.keys(files).sort();
  const account = names.filter((n) => ACCOUNT_FILE.test(n));
  const chosen = account.length > 0 ? account : names;
  if (chosen.length === 0) throw new FormatError(fileName, 'contains no .json or .jsonl file');
  const parsed = chosen.map((name) => parseAnyConversationFile(strFromU8(files[name]), `${fileName}/${name}`, limits));
  const formats = [...new Set(parsed.map((p) => p.format).filter((f) => f !== 'empty'))];
  return { format: formats.length === 1 ? formats[0] : formats.length === 0 ? 'empty' : 'mixed', bundles: parsed.flatMap((p) => p.bundles) };
}
