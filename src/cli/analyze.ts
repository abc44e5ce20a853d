/**
 * `persona-observatory analyze FILE [--json]`: the router analysis on any conversation file
 * the formats layer reads (JSONL label contract, our bundle/JSONL export, ChatGPT/Claude
 * account exports). Prints a readable report, or the RouterReport as JSON.
 */
import { readArgs } from './args.ts';
import { readInputText } from './io.ts';
import { basename } from 'node:path';
import { parseAnyConversationFile } from '../core/formats/detect.ts';
import { withoutPlaceholders } from '../core/placeholders.ts';
import { analyzeRouter, formatEvidence, routerReportMarkdown, textPlot } from '../core/router/index.ts';
import type { RouterReport } from '../core/router/types.ts';

export const usage =
  'analyze FILE [--json | --markdown] [--seed N] [--permutations N] [--include-shared]   router analysis: one verdict per question (repertoire, router or drift, triggers, engagement loop, model switching)';

interface AnalyzeArgs {
  file: string;
  json: boolean;
  markdown: boolean;
  seed: number;
  permutations: number;
  includeShared: boolean;
}

/** Bounds of the numeric options: a run stays minutes, not days, and a seed fits the generator. */
const BOUNDS = { seed: [0, 2 ** 32 - 1], permutations: [19, 99_999] } as const;

const OPTIONS = {
  json: { type: 'boolean' },
  markdown: { type: 'boolean' },
  seed: { type: 'string' },
  permutations: { type: 'string' },
  'include-shared': { type: 'boolean' },
} as const;

function parseAnalyzeArgs(args: readonly string[]): AnalyzeArgs | string {
  const read = readArgs(args, OPTIONS);
  if (typeof read === 'string') return read;
  const { values, positionals } = read;
  const numbers = { seed: 1, permutations: 999 };
  for (const name of ['seed', 'permutations'] as const) {
    const text = values[name];
    if (text === undefined) continue;
    const v = Number(text);
    const [lo, hi] = BOUNDS[name];
    if (!Number.isInteger(v) || v < lo || v > hi) return `--${name} needs an integer from ${lo.toLocaleString('en-US')} to ${hi.toLocaleString('en-US')}`;
    numbers[name] = v;
  }
  if (positionals.length > 1) return `unexpected argument ${positionals[1]}`;
  const json = values.json === true;
  const markdown = values.markdown === true;
  if (json && markdown) return '--json and --markdown exclude each other';
  if (positionals.length === 0) return 'missing FILE';
  return { file: positionals[0], json, markdown, ...numbers, includeShared: values['include-shared'] === true };
}

export async function run(args: string[]): Promise<number> {
  const parsed = parseAnalyzeArgs(args);
  if (typeof parsed === 'string') {
    console.error(`analyze: ${parsed}\nusage: persona-observatory ${usage}`);
    return 2;
  }
  let parsedFile: ReturnType<typeof parseAnyConversationFile>;
  try {
    parsedFile = parseAnyConversationFile(await readInputText(parsed.file), basename(parsed.file));
  } catch (err) {
    console.error(`analyze: ${err instanceof Error ? err.message : String(err)}`);
    return 1;
  }
  // Replies not captured (placeholders) are kept in files but are not replies: never analysed.
  const { format } = parsedFile;
  const bundles = withoutPlaceholders(parsedFile.bundles);
  const report = analyzeRouter(bundles, { seed: parsed.seed, permutations: parsed.permutations, includeShared: parsed.includeShared });
  // Page-reported routes (issue 15): the report ran their analysis once; its findings are in
  // `report.routes.siteRouteFindings` and the "Does the site switch models?" details.
  console.log(
    parsed.json
      ? JSON.stringify({ file: basename(parsed.file), format, report }, null, 2)
      : parsed.markdown
        ? routerReportMarkdown(report, `Router analysis of ${basename(parsed.file)}`)
        : formatReport(report, format),
  );
  return 0;
}

const f1 = (x: number) => x.toFixed(1);

/** The report as plain text: conclusions first, then the evidence tables. */
export function formatReport(r: RouterReport, format: string): string {
  const out: string[] = [
    `Router analysis (${r.version}) — ${r.sizes.conversationsUsed} conversations, ${r.sizes.replies} assistant replies, ${r.sizes.userTurns} user turns (format: ${format})`,
    '',
  ];
  // One line per question, as in the dashboard: verdict word, answer, evidence with its interval, a small plot.
  for (const q of r.questions) {
    out.push(`${q.verdict.toUpperCase().padEnd(10)} ${q.question}`, `           ${q.answer}`);
    if (q.evidence) out.push(`           ${formatEvidence(q.evidence)} (${q.evidence.interval})`);
    if (q.plot) out.push(...textPlot(q.plot).map((l) => `             ${l}`));
    out.push('');
  }
  out.push('Details:', ...r.questions.flatMap((q) => [...q.details, ...q.nullHypotheses.map((n) => `Null hypothesis: ${n}`)]).map((s) => `• ${s}`));
  if (r.warnings.length) out.push('', ...r.warnings.map((w) => `Warning: ${w}`));
  if (r.comparison) {
    out.push('', 'Model comparison (lower BIC is better):');
    for (const f of r.comparison.fits)
      out.push(`  ${f.model.padEnd(20)} ΔBIC ${f1(f.deltaBic).padStart(9)}  params ${String(f.params).padStart(4)}  ${f.detail}`);
  }
  if (r.repertoire) {
    out.push('', `Number of states (BIC weights): ${r.repertoire.candidates.map((c) => `K=${c.k} ${Math.round(100 * c.weight)}%`).join(', ')}`);
    for (const s of r.repertoire.states) out.push(`  ${s.id} "${s.name}": ${s.description}`);
  }
  if (r.transitions && r.transitions.stateIds.length > 1) {
    out.push('', 'Transition matrix (row = from, column = to):');
    out.push(`      ${r.transitions.stateIds.map((s) => s.padStart(6)).join('')}`);
    r.transitions.matrix.forEach((row, i) => out.push(`  ${r.transitions!.stateIds[i].padEnd(4)}${row.map((v) => v.toFixed(2).padStart(6)).join('')}`));
  }
  if (r.triggers) {
    out.push('', `Trigger tests (${r.triggers.permutations} circular shifts, Holm, α = ${r.triggers.alpha}):`);
    for (const t of r.triggers.tests) out.push(`  ${t.conclusion}`);
    out.push(`  continuation requests ("continue", "go on"; not tested): ${r.triggers.cueCounts.continuation}`);
  }
  const site = r.siteSwitches;
  if (site) {
    out.push(
      '',
      `On the model switches the site reported (${site.switches} switches among ${site.models.join(', ')}, in the ${site.conversations} conversations where it named the served model on most replies; α = ${site.alpha} each):`,
      ...site.triggers.tests.map((t) => `  ${t.conclusion}`),
      `  engagement loop: ${site.loop.conclusion}`,
    );
  }
  return out.join('\n');
}
