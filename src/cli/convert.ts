/**
 * `convert IN --to FORMAT [--out FILE [--force]] [--context N]`: any file we import (auto-detected, also an
 * account-export .zip) → any export format. Conversations without analyses are labelled first,
 * so every output carries labels. Our formats: json, jsonl, csv, md. For annotation tools (one
 * task per assistant reply, src/core/formats/annotation): prodigy and hf (JSONL), and zips
 * (need --out) label-studio (config + tasks), argilla (rg.Dataset.from_disk layout), annotation
 * (all four tools). Exit 0 ok, 1 bad input, 2 bad usage.
 */
import { analyzeConversation } from '../core/analyze.ts';
import { readArgs } from './args.ts';
import { CliInputError, openOutput, readInputBytes } from './io.ts';
import type { ConversationBundle } from '../core/model/types.ts';
import { analyzeInput, attachAnalysis } from '../core/formats/analysis-join.ts';
import { bundleJsonChunks } from '../core/formats/bundle-json.ts';
import { csvChunks } from '../core/formats/csv.ts';
import { parseAnyConversationFile, type ParsedImport } from '../core/formats/detect.ts';
import { FormatError } from '../core/model/errors.ts';
import { jsonlChunks } from '../core/formats/jsonl-export.ts';
import { DEFAULT_LIMITS } from '../core/formats/limits.ts';
import { markdownChunks } from '../core/formats/markdown.ts';
import { parseConversationZip } from '../core/formats/zip.ts';
import { exportAnnotationZip, type AnnotationTarget } from '../core/formats/annotation/annotation-zip.ts';
import { hfChunks } from '../core/formats/annotation/hf-dataset.ts';
import { prodigyChunks } from '../core/formats/annotation/prodigy.ts';
import type { TaskOptions } from '../core/formats/annotation/tasks.ts';

export const usage =
  'convert IN --to json|jsonl|csv|md|prodigy|hf|label-studio|argilla|annotation [--out FILE [--force]] [--context N]   convert a conversation file (format auto-detected; --force overwrites FILE)';

type Bundles = readonly ConversationBundle[];

/** Text outputs, streamed to --out or stdout. */
const CHUNKS: Record<string, (bundles: Bundles, options: TaskOptions) => Iterable<string>> = {
  json: (b) => bundleJsonChunks(b),
  jsonl: (b) => jsonlChunks(b),
  csv: (b) => csvChunks(b),
  md: (b) => markdownChunks(b),
  prodigy: prodigyChunks,
  hf: hfChunks,
};

/** Zip outputs (several files each), written to --out. */
const ZIPS: Record<string, readonly AnnotationTarget[]> = {
  'label-studio': ['label-studio'],
  argilla: ['argilla'],
  annotation: ['label-studio', 'argilla', 'prodigy', 'hf'],
};

const TARGETS = [...Object.keys(CHUNKS), ...Object.keys(ZIPS)];

interface ConvertArgs {
  input: string;
  to: string;
  out: string | null;
  contextTurns: number | undefined;
  force: boolean;
}

export async function run(args: string[]): Promise<number> {
  const parsed = parseConvertArgs(args);
  if (typeof parsed === 'string') {
    console.error(`convert: ${parsed}\nusage: ${usage}`);
    return 2;
  }
  let imported: ParsedImport;
  try {
    imported = await readInput(parsed.input);
  } catch (err) {
    console.error(`convert: ${describe(err, parsed.input)}`);
    return 1;
  }
  const bundles = imported.bundles.map(withAnalysis);
  const options: TaskOptions = { contextTurns: parsed.contextTurns };
  const zipTargets = ZIPS[parsed.to];
  try {
    if (zipTargets) await writeBytes(exportAnnotationZip(bundles, zipTargets, options), parsed.out as string, parsed.force);
    else await writeChunks(CHUNKS[parsed.to](bundles, options), parsed.out, parsed.force);
  } catch (err) {
    console.error(`convert: ${describe(err, parsed.out ?? 'stdout')}`);
    return 1;
  }
  const replies = bundles.reduce((n, b) => n + b.conversation.assistantCount, 0);
  console.error(
    `convert: ${imported.format} → ${parsed.to}: ${bundles.length} conversation(s), ${replies} repl${replies === 1 ? 'y' : 'ies'}${parsed.out ? ` → ${parsed.out}` : ''}`,
  );
  return 0;
}

const OPTIONS = { to: { type: 'string' }, out: { type: 'string' }, context: { type: 'string' }, force: { type: 'boolean' } } as const;

function parseConvertArgs(args: string[]): ConvertArgs | string {
  const read = readArgs(args, OPTIONS);
  if (typeof read === 'string') return read;
  const { to, out = null, context, force = false } = read.values;
  const [input, extra] = read.positionals;
  if (extra !== undefined) return `unexpected argument ${extra}`;
  if (input === undefined) return 'missing input file';
  if (to === undefined) return 'missing --to';
  if (!TARGETS.includes(to)) return `--to should be one of ${TARGETS.join(', ')}, got "${to}"`;
  if (to in ZIPS && out === null) return `--to ${to} writes a zip: give --out FILE.zip`;
  if (force && out === null) return '--force only applies with --out';
  if (context !== undefined && !/^\d{1,6}$/.test(context)) return `--context should be a whole number of turns, got "${context}"`;
  return { input, to, out, force, contextTurns: context === undefined ? undefined : Number(context) };
}

async function readInput(path: string): Promise<ParsedImport> {
  // Refused by size before reading (io.ts).
  const bytes = await readInputBytes(path, DEFAULT_LIMITS.maxBytes);
  if (/\.zip$/i.test(path)) return parseConversationZip(new Uint8Array(bytes), path);
  return parseAnyConversationFile(bytes.toString('utf8'), path);
}

function withAnalysis(bundle: ConversationBundle): ConversationBundle {
  if (bundle.analyses.length > 0 || bundle.conversation.assistantCount === 0) return bundle;
  return attachAnalysis(bundle, analyzeConversation(analyzeInput(bundle)));
}

async function writeChunks(chunks: Iterable<string>, out: string | null, force: boolean): Promise<void> {
  if (out === null) {
    for (const chunk of chunks) {
      if (chunk !== '' && !process.stdout.write(chunk)) await new Promise<void>((resolve) => process.stdout.once('drain', () => resolve()));
    }
    return;
  }
  const file = await openOutput(out, force);
  try {
    for (const chunk of chunks) if (chunk !== '') await file.write(chunk);
  } finally {
    await file.close();
  }
}

async function writeBytes(bytes: Uint8Array, out: string, force: boolean): Promise<void> {
  const file = await openOutput(out, force);
  try {
    await file.write(bytes);
  } finally {
    await file.close();
  }
}

function describe(err: unknown, path: string): string {
  if (err instanceof FormatError || err instanceof CliInputError) return err.message;
  const code = (err as { code?: string } | null)?.code;
  if (code === 'ENOENT') return `cannot read ${path}: no such file`;
  if (code === 'EISDIR') return `cannot read ${path}: it is a directory`;
  return err instanceof Error ? err.message : String(err);
}
