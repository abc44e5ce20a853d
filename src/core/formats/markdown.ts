/**
 * Markdown transcript: each conversation as a heading, each turn as a numbered sub-heading with
 * its model and time, the detector's labels and the user's annotations inline in block quotes,
 * alternatives quoted under the turn they replace. Meant for reading and sharing.
 *
 * Captured text is hostile input: most Markdown viewers pass raw HTML through, so every piece of
 * text that came from a page or a file goes through `inert()` (no tag, comment or entity can form).
 * Steps are listed by kind, citation URLs as numbered sources under the reply (`[n]` in the text),
 * and a reply whose body was not captured as a visible "Reply not captured" line.
 *
 * Turn text and thinking are written as fenced blocks (a fence longer than any backtick run in
 * them), so no link, image or heading in a reply is ever rendered: a reply can't fake a turn
 * heading or load a remote image. Every other field is one line with Markdown punctuation
 * escaped (`inline()`).
 */
import type { Annotation, ConversationBundle, StoredAnalysis, Turn } from '../model/types.ts';
import { indexExtras, type TurnExtras } from './analysis-join.ts';
import { collect, eachBundle, type ExportOptions } from './export-options.ts';
import { groupBy } from './group-by.ts';
import { isoTime } from './time.ts';
import { JUDGEMENT_WORDS, certaintyOf, strengthOf } from '../vocabulary/judgements.ts';
import { segmentNumber } from '../vocabulary/segments.ts';
import { conversationTitle } from '../vocabulary/titles.ts';
import { featureLabel } from '../features/labels.ts';

export function* markdownChunks(bundles: readonly ConversationBundle[], options: ExportOptions = {}): Generator<string> {
  yield* eachBundle(bundles, options, (b, i) => (i > 0 ? '\n---\n\n' : '') + conversationMarkdown(b));
}

export function exportMarkdown(bundles: readonly ConversationBundle[], options: ExportOptions = {}): string {
  return collect(markdownChunks(bundles, options));
}

export function conversationMarkdown(bundle: ConversationBundle): string {
  const c = bundle.conversation;
  const extras = indexExtras(bundle);
  const versions = [...new Set(bundle.analyses.map((a) => a.detectorVersion))];
  const firstUser = bundle.turns.find((t) => t.role === 'user' && t.alternativeOf === null)?.text;
  const out: string[] = [`# ${inline(conversationTitle(c, firstUser))}`, ''];
  out.push(`- Conversation: ${inline(c.key)} (${inline(c.source)})`);
  if (c.url) out.push(`- Link: ${SAFE_URL.test(c.url) ? c.url : inline(c.url)}`);
  if (c.models.length) out.push(`- Models: ${inline(c.models.join(', '))}`);
  out.push(versions.length ? `- Detector: ${inline(versions.join(', '))} · ${c.shiftCount} shift(s) on the main line` : '- Detector: not run');
  out.push('');
  let n = 0;
  const alternatives = groupBy(bundle.turns, (t) => t.alternativeOf);
  for (const turn of bundle.turns) {
    if (turn.alternativeOf !== null) continue;
    n++;
    out.push(...turnBlock(turn, `${n} · ${roleName(turn)}`, extras), '');
    for (const alt of alternatives.get(turn.key) ?? []) {
      out.push(...quote(turnBlock(alt, `Alternative to ${n} · ${roleName(alt)}`, extras)), '');
    }
  }
  return out.join('\n');
}

function turnBlock(turn: Turn, title: string, extras: TurnExtras): string[] {
  const meta = [
    turn.model === null ? null : inline(turn.model),
    isoTime(turn.createdAt)
      ?.replace('T', ' ')
      .replace(/\.\d+Z$/, ' UTC'),
  ].filter(Boolean);
  const lines = [`### ${title}${meta.length ? ' · ' + meta.join(' · ') : ''}`, ''];
  const notes = [...analysisLines(extras.analysisOf(turn.key)), ...extras.annotationsOf(turn.key).map(annotationLine)];
  if (notes.length) lines.push(...quote(notes), '');
  if (turn.thinking) lines.push('**Thinking:**', '', ...fenced(turn.thinking), '');
  const steps = (turn.steps ?? []).filter((s) => s.kind !== 'thinking');
  if (steps.length) lines.push('**Steps:**', '', ...steps.map((s) => `- ${s.kind}: ${inline(s.text)}`), '');
  if (turn.notCaptured !== undefined) {
    // The page showed a reply we could not read: say so where the reply would be, never skip it.
    lines.push(`> **Reply not captured:** ${inline(turn.notCaptured)} (a placeholder: left out of the analysis)`);
    return lines;
  }
  lines.push(...fenced(turn.text));
  if (turn.citations?.length) lines.push('', '**Sources:**', '', ...turn.citations.map((url, i) => `${i + 1}. ${SAFE_URL.test(url) ? url : inline(url)}`));
  return lines;
}

function analysisLines(a: StoredAnalysis | undefined): string[] {
  if (!a) return [];
  const n = segmentNumber(a.state);
  const shiftCertainty = a.labels[0]?.kind === 'model' ? certaintyOf(a.labels[0]) : `${strengthOf(a.confidence)}, ${a.confidence.toFixed(2)}`;
  const head = `**${n === null ? `Persona ${inline(a.state)}` : `Segment ${n}`}** (${inline(a.stateName)})${a.shift ? ` · **shift** (${inline(shiftCertainty)})` : ''}`;
  return [
    head,
    ...a.labels.map((l) => {
      const moved = l.evidence.map((e) => `${inline(featureLabel(e.feature))} ${fmt(e.before)} → ${fmt(e.after)}`).join(', ');
      const sure = l.kind === 'model' ? certaintyOf(l) : `${strengthOf(l.confidence)}, ${l.confidence.toFixed(2)}`;
      return `- ${inline(l.text)} (${inline(sure)}${moved ? `; ${moved}` : ''})`;
    }),
  ];
}

function annotationLine(a: Annotation): string {
  const parts = [`**Your judgement:** ${JUDGEMENT_WORDS[a.kind]}`];
  if (a.label) parts.push(`label “${inline(a.label)}”`);
  if (a.note) parts.push(`note: ${inline(a.note)}`);
  return parts.join(' · ');
}

function roleName(turn: Turn): string {
  return turn.role === 'user' ? 'User' : 'Assistant';
}

function quote(lines: string[]): string[] {
  return lines.flatMap((l) => l.split('\n')).map((l) => (l === '' ? '>' : `> ${l}`));
}

/** Text that cannot become HTML in a Markdown viewer: `<` and entity-forming `&` are escaped. */
export function inert(text: string): string {
  return text.replace(/&(?=#?[a-z0-9]+;)/gi, '&amp;').replace(/</g, '&lt;');
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/** A conversation link written as is (GFM autolinks it): https, no space, quote or angle bracket. */
const SAFE_URL = /^https:\/\/[a-z0-9.-]+(\/[^\s<>"'`\\]*)?$/i;

/**
 * Markdown punctuation that can start something mid-line: a link or image (`[`, `]`, `!`), code,
 * emphasis, a table cell or strikethrough. Line-start syntax (headings, lists, quotes) can't form:
 * an inline field never starts a line. `<` is left to `inert()`.
 */
const MARKDOWN_PUNCTUATION = /[\\`*[\]!|~]/g;

/**
 * One field on one line: whitespace folded, Markdown punctuation backslash-escaped (no link,
 * image or heading can form), then `inert()` (no tag or entity).
 */
export function inline(text: string): string {
  return inert(oneLine(text).replace(MARKDOWN_PUNCTUATION, '\\$&'));
}

/**
 * Text as a fenced block: nothing in it is Markdown. The fence is longer than any backtick run in
 * the text, and the text is `inert()` for viewers that show the file as HTML.
 */
export function fenced(text: string): string[] {
  const longest = Math.max(0, ...(text.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(Math.max(3, longest + 1));
  return [`${fence}text`, ...inert(text).split('\n'), fence];
}

function fmt(x: number): string {
  return Number.isInteger(x) ? String(x) : x.toFixed(2);
}
