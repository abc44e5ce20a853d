/**
 * `label FILE|- [--out FILE [--force]] [--use-model]`: persona-shift labels for every conversation (- = stdin).
 * Input: label-contract JSONL (one conversation a line: {"id", "turns": [{"role", "text",
 * "model"?}]}), read directly; any other conversation file the formats layer recognises
 * (bundle JSON, ChatGPT/Claude export, other JSONL shapes) goes through parseAnyConversationFile.
 * Output: JSONL, one line per input conversation, same order:
 * {"id", "detectorVersion", "switches", "replies": [{"index", "state", "shift", "confidence", "labels", "features"}]}.
 * The model field is ignored unless --use-model. Exit 0 ok, 1 bad input, 2 bad usage.
 */
import { readArgs } from './args.ts';
import { readInputText, writeOutput } from './io.ts';
import { analyzeConversation, type AnalyzeTurn } from '../core/analyze.ts';
import { parseAnyConversationFile } from '../core/formats/detect.ts';
import type { ConversationBundle } from '../core/model/types.ts';

export const usage = 'label FILE|- [--out FILE [--force]] [--use-model]   label persona shifts (JSONL: one conversation a line; - reads stdin)';

interface LabelArgs {
  input: string;
  out: string | null;
  force: boolean;
  useModel: boolean;
}

export interface LabelInput {
  id: string;
  turns: AnalyzeTurn[];
  /** Turns with a non-conversational role (system, tool, …) left out. */
  skippedTurns?: number;
}

function parseLabelArgs(args: string[]): LabelArgs | string {
  const read = readArgs(args, { out: { type: 'string' }, 'use-model': { type: 'boolean' }, force: { type: 'boolean' } });
  if (typeof read === 'string') return read;
  const { out = null, force = false } = read.values;
  const [input, extra] = read.positionals;
  if (extra !== undefined) return `only one input file, got "${input}" and "${extra}"`;
  if (force && out === null) return '--force only applies with --out';
  return input !== undefined ? { input, out, force, useModel: read.values['use-model'] === true } : 'missing input FILE';
}

class InputError extends Error {}

/**
 * Roles chat logs carry beside the conversation itself (OpenAI-style system/developer prompts,
 * tool and function results). They are not replies or requests, so they are skipped (and
 * counted, see run) rather than failing the file; any other role is an error, so a typo in
 * "assistant" cannot silently drop replies.
 */
const SKIPPED_ROLES = new Set(['system', 'developer', 'tool', 'function']);

/** One label-contract line, validated; null if the line is not in that shape at all. */
function contractLine(value: unknown, where: string): LabelInput | null {
  if (typeof value !== 'object' || value === null || !Array.isArray((value as { turns?: unknown }).turns)) return null;
  const rec = value as { id?: unknown; turns: unknown[] };
  const turns: AnalyzeTurn[] = [];
  let skipped = 0;
  rec.turns.forEach((t, j) => {
    const turn = t as { role?: unknown; text?: unknown; model?: unknown };
    if (typeof t !== 'object' || t === null) throw new InputError(`${where}: turn ${j} is not an object`);
    if (typeof turn.role === 'string' && SKIPPED_ROLES.has(turn.role)) return void skipped++;
    if (turn.role !== 'user' && turn.role !== 'assistant')
      throw new InputError(
        `${where}: turn ${j} has role ${JSON.stringify(turn.role)}, expected "user" or "assistant" (or ${[...SKIPPED_ROLES].join('/')}, skipped)`,
      );
    if (typeof turn.text !== 'string') throw new InputError(`${where}: turn ${j} has no text string`);
    turns.push({ role: turn.role, text: turn.text, model: typeof turn.model === 'string' ? turn.model : null });
  });
  return { id: rec.id === undefined ? where : String(rec.id), turns, skippedTurns: skipped };
}

/** Label-contract JSONL, or null when the file is not in that shape (then formats/ decides). */
export function readContractJsonl(text: string, fileName: string): LabelInput[] | null {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  const out: LabelInput[] = [];
  for (let i = 0; i < lines.length; i++) {
    if (!lines[i].trim()) continue;
    let value: unknown;
    try {
      value = JSON.parse(lines[i]);
    } catch {
      if (out.length === 0) return null; // Not JSONL at all (e.g. pretty-printed JSON).
      throw new InputError(`${fileName}: line ${i + 1} is not valid JSON`);
    }
    const rec = contractLine(value, `${fileName}: line ${i + 1}`);
    if (!rec) {
      if (out.length === 0) return null;
      throw new InputError(`${fileName}: line ${i + 1} has no "turns" array`);
    }
    out.push(rec);
  }
  return out;
}

/** Main-line turns of an imported bundle (alternatives dropped). */
function fromBundle(b: ConversationBundle): LabelInput {
  const turns = b.turns
    .filter((t) => t.alternativeOf === null)
    .sort((x, y) => x.order - y.order)
    .map((t) => ({ role: t.role, text: t.text, model: t.model }));
  return { id: b.conversation.conversationId, turns };
}

export function labelLine(c: LabelInput, useModel: boolean): string {
  const a = analyzeConversation(c.turns, { useModel });
  return JSON.stringify({
    id: c.id,
    detectorVersion: a.detectorVersion,
    switches: a.switches,
    replies: a.replies.map((r) => ({
      index: r.index,
      state: r.state,
      stateName: r.stateName,
      shift: r.shift,
      confidence: r.confidence,
      labels: r.labels,
      features: r.features,
    })),
  });
}

export async function run(args: string[]): Promise<number> {
  const parsed = parseLabelArgs(args);
  if (typeof parsed === 'string') {
    console.error(`label: ${parsed}\nusage: ${usage}`);
    return 2;
  }
  let text: string;
  try {
    text = await readInputText(parsed.input);
  } catch (err) {
    console.error(`label: ${err instanceof Error ? err.message : String(err)}`);
    return 1;
  }
  let inputs: LabelInput[];
  try {
    inputs = readContractJsonl(text, parsed.input) ?? parseAnyConversationFile(text, parsed.input).bundles.map(fromBundle);
  } catch (err) {
    console.error(`label: ${err instanceof Error ? err.message : String(err)}`);
    return 1;
  }
  const skipped = inputs.reduce((n, c) => n + (c.skippedTurns ?? 0), 0);
  if (skipped) console.error(`label: skipped ${skipped} system/developer/tool/function turn(s); reply indices count assistant turns only`);
  const lines = inputs.map((c) => labelLine(c, parsed.useModel));
  const body = lines.length ? lines.join('\n') + '\n' : '';
  if (parsed.out) {
    try {
      await writeOutput(parsed.out, body, parsed.force);
    } catch (err) {
      console.error(`label: ${err instanceof Error ? err.message : String(err)}`);
      return 1;
    }
  } else process.stdout.write(body);
  return 0;
}
