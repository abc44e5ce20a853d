/**
 * The router report as Markdown (dashboard export, `analyze --markdown`): the same lines as the
 * dashboard — one per question with its verdict word, evidence and a text plot — then the
 * details and null hypotheses. Every piece of text that comes from data is escaped, so the file
 * can never carry markup (captured text is never rendered as HTML).
 */
import { inert } from '../formats/markdown.ts';
import { formatEvidence } from './questions.ts';
import type { RouterReport, SmallPlot, VerdictLine } from './types.ts';

/** One line that cannot become HTML (the export's `inert`) nor break a table cell. */
export function escapeMarkdown(text: string): string {
  return inert(text.replace(/\s+/g, ' ').trim()).replace(/\|/g, '\\|');
}

const BAR_WIDTH = 20;

/** A bar plot in Unicode blocks, one line per bar, scaled to the largest |value|. */
export function textPlot(plot: SmallPlot): string[] {
  const max = Math.max(...plot.bars.map((b) => Math.abs(b.high ?? b.value)), plot.reference ?? 0, 1e-9);
  const width = Math.max(...plot.bars.map((b) => b.label.length));
  return plot.bars.map((b) => {
    const n = Math.round((Math.abs(b.value) / max) * BAR_WIDTH);
    const ci = b.low !== undefined && b.high !== undefined ? ` [${fmt(b.low)}–${fmt(b.high)}]` : '';
    return `${b.label.padEnd(width)} ${'█'.repeat(n)}${'·'.repeat(BAR_WIDTH - n)} ${fmt(b.value)}${ci}`;
  });
}

function fmt(x: number): string {
  return Math.abs(x) >= 100 ? x.toFixed(0) : Math.abs(x) >= 10 ? x.toFixed(1) : x.toFixed(2);
}

function line(q: VerdictLine): string[] {
  const out = [`### ${escapeMarkdown(q.question)} — **${q.verdict}**`, '', escapeMarkdown(q.answer), ''];
  if (q.evidence) out.push(`Evidence: ${escapeMarkdown(formatEvidence(q.evidence))} (${escapeMarkdown(q.evidence.interval)}).`, '');
  if (q.plot) out.push(`${escapeMarkdown(q.plot.caption)}:`, '', '```', ...textPlot(q.plot), '```', '');
  if (q.details.length) out.push('<details><summary>Details</summary>', '', ...q.details.map((d) => `- ${escapeMarkdown(d)}`), '', '</details>', '');
  if (q.nullHypotheses.length)
    out.push('<details><summary>Null hypotheses</summary>', '', ...q.nullHypotheses.map((d) => `- ${escapeMarkdown(d)}`), '', '</details>', '');
  return out;
}

export function routerReportMarkdown(r: RouterReport, title = 'Router analysis'): string {
  const s = r.sizes;
  const out = [
    `# ${escapeMarkdown(title)}`,
    '',
    `${s.conversationsUsed} of ${s.conversations} conversations, ${s.replies} assistant replies, ${s.userTurns} user turns. Analysis ${escapeMarkdown(r.version)}.`,
    '',
    '| question | verdict | evidence |',
    '|---|---|---|',
    ...r.questions.map((q) => `| ${escapeMarkdown(q.question)} | **${q.verdict}** | ${q.evidence ? escapeMarkdown(formatEvidence(q.evidence)) : '—'} |`),
    '',
    ...r.questions.flatMap(line),
  ];
  if (r.warnings.length) out.push('## Warnings', '', ...r.warnings.map((w) => `- ${escapeMarkdown(w)}`), '');
  out.push(
    '## Caveats',
    '',
    '- These are statistical patterns in surface style features of the replies, pooled over the conversations given; they cannot see inside the model, and topic changes move the same features.',
    '- "Not rejected" is absence of evidence, not evidence of absence. A verdict applies to the pile, not to any one conversation.',
    '',
  );
  return out.join('\n');
}
